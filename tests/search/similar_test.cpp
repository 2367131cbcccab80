// "More like this" on a real index of the shipped corpus built by the real pipeline: questions
// on the same theme come first, the document itself never appears, unknown ids are reported,
// and the term decider keeps only meaningful stemmed terms.
#include "search/similar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "index/corpus_indexer.h"
#include "model/error.h"
#include "search/feedback.h"
#include "store/database.h"
#include "store/schema.h"
#include "support/shipped_index.h"

namespace tpm {
namespace {

class Similar : public test::ShippedIndexTest {
  protected:
    std::vector<std::string> similar_ids(const std::string& id, std::size_t limit) const {
        std::vector<std::string> out;
        for (const Hit& h : find_similar(db_, id, limit).hits) out.push_back(h.doc.id);
        return out;
    }
};

TEST_F(Similar, ReliabilityDuringRapidDevelopmentFindsTheReleaseProcess) {
    // Q26 (reliability while shipping fast) and Q40 (the release process) share canaries,
    // feature flags and rollbacks.
    const std::vector<std::string> ids = similar_ids("Q26", 3);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "Q40"), ids.end()) << testing::PrintToString(ids);
}

TEST_F(Similar, TechnicalDebtFindsTheOtherTechnicalDebtQuestionFirst) {
    const std::vector<std::string> ids = similar_ids("q5", 5);
    ASSERT_FALSE(ids.empty());
    EXPECT_TRUE(ids[0] == "Q12" || ids[0] == "Q36") << testing::PrintToString(ids);
}

TEST_F(Similar, NeverReturnsTheDocumentItself) {
    for (const char* id : {"Q1", "Q5", "q26", "Q40", "tips/1"}) {
        SCOPED_TRACE(id);
        const SearchResults r = find_similar(db_, id, 1000);
        EXPECT_FALSE(r.hits.empty());
        for (const Hit& h : r.hits) EXPECT_NE(h.doc.id, schema::canonical_id(id));
        // Ranked, and each hit shows what it shares.
        for (std::size_t i = 1; i < r.hits.size(); ++i) {
            EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
        }
        EXPECT_FALSE(r.hits.front().excerpts.empty());
    }
}

TEST_F(Similar, LimitCapsTheHits) { EXPECT_EQ(similar_ids("Q26", 2).size(), 2u); }

TEST_F(Similar, UnknownIdThrowsNotFound) {
    try {
        find_similar(db_, "Q99999", 10);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::not_found);
        EXPECT_STREQ(e.what(), "no document \"Q99999\" in the index");
    }
}

TEST(SimilarTermDecider, KeepsOnlyMeaningfulStemmedTerms) {
    struct Case {
        const char* term;
        bool kept;
    };
    const Case cases[] = {
        {"Zcanari", true},     // stemmed "canary"
        {"Zrollback", true},   // stemmed, unprefixed
        {"Zslo", true},        // three letters is enough
        {"Zk8s", true},        // digits inside a word are part of it
        {"canary", false},     // unstemmed form
        {"ZScanari", false},   // the question field's copy
        {"ZXAcanari", false},  // the answer field's copy
        {"QQ26", false},       // id
        {"XTOPICreliability", false},
        {"XKINDquestion", false},
        {"Zdoe", false},      // stop word, stemmed ("does")
        {"Zthe", false},      // stop word
        {"Zbecaus", false},   // stop word, stemmed ("because")
        {"Zdescrib", false},  // an interview verb on the stop list ("describe")
        {"Z2023", false},     // number
        {"Z100", false},      // number
        {"Z1st", false},      // number with a suffix
        {"Zab", false},       // too short
        {"Z", false},
        {"", false},
    };
    const MeaningfulTermDecider decider;
    for (const Case& c : cases) {
        SCOPED_TRACE(c.term);
        EXPECT_EQ(decider(c.term), c.kept);
    }
}

}  // namespace
}  // namespace tpm
