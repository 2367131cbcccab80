// Topics at query time, on a real index of the shipped corpus built by the real pipeline
// (parse, tag, write): facet counts against a brute-force count over the full match set,
// filtering that never reorders what remains, listing in document order, and unknown topics.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "index/corpus_indexer.h"
#include "model/error.h"
#include "search/searcher.h"
#include "store/database.h"
#include "store/schema.h"
#include "support/shipped_index.h"

namespace tpm {
namespace {

class TopicsSearch : public test::ShippedIndexTest {
  protected:
    Searcher searcher_{db_};

    // Queries of one to `max_words` words drawn from the index's own vocabulary, so they match.
    std::vector<std::string> random_queries(std::size_t n, unsigned seed,
                                            std::size_t max_words = 3) const {
        std::vector<std::string> words;
        for (auto t = db_.allterms_begin(); t != db_.allterms_end(); ++t) {
            const std::string term = *t;
            if (!term.empty() && term[0] >= 'a' && term[0] <= 'z' && term.size() > 3) {
                words.push_back(term);
            }
        }
        std::mt19937 rng(seed);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < n; ++i) {
            std::string q;
            for (std::size_t k = 0, len = 1 + rng() % max_words; k < len; ++k) {
                q += (q.empty() ? "" : " ") + words[rng() % words.size()];
            }
            out.push_back(q);
        }
        return out;
    }

    // The ids of the matches, without the related documents that follow a short list.
    std::vector<std::string> ids(const SearchResults& r) const {
        std::vector<std::string> out;
        for (const Hit& h : r.hits) {
            if (!h.related) out.push_back(h.doc.id);
        }
        return out;
    }
};

TEST_F(TopicsSearch, FacetCountsEqualABruteForceCountOverAllMatches) {
    for (const std::string& q : random_queries(40, 7)) {
        SCOPED_TRACE(q);
        // A page of 3 hits; the counts must still cover every match.
        const SearchResults page = searcher_.search({q, 0, 3, {}, {}});
        const SearchResults all = searcher_.search({q, 0, 1000, {}, {}});
        std::map<std::string, std::size_t> brute;
        for (const Hit& h : all.hits) {
            if (h.related) continue;  // not a match: not counted
            for (const std::string& t : h.doc.topics) ++brute[t];
        }
        std::map<std::string, std::size_t> counted;
        for (const FacetCount& f : page.topics) counted[f.id] = f.count;
        EXPECT_EQ(counted, brute);
        EXPECT_TRUE(std::is_sorted(page.topics.begin(), page.topics.end(),
                                   [](const auto& a, const auto& b) { return a.count > b.count; }));
    }
}

// A match set larger than the facet sample is counted from the sample and scaled up to the
// estimate: the counts say so, come in steps of total / sample, name only topics the match set
// has, and the hits are those of a full count, in the same order.
TEST_F(TopicsSearch, FacetsOfALargeMatchSetAreScaledFromASampleAndSaySo) {
    SearchRequest full{"kind:question", 0, 5, {}, {}};
    const SearchResults exact = searcher_.search(full);
    ASSERT_EQ(exact.estimated_total, 50u);
    EXPECT_FALSE(exact.topics_estimated);
    std::map<std::string, std::size_t> counted;
    for (const FacetCount& f : exact.topics) counted[f.id] = f.count;

    SearchRequest sampled = full;
    sampled.facet_sample = 25;  // the 5 hits and the 20 read past them (search/crowding.h)
    const SearchResults estimate = searcher_.search(sampled);
    EXPECT_TRUE(estimate.topics_estimated);
    EXPECT_EQ(ids(estimate), ids(exact));
    ASSERT_FALSE(estimate.topics.empty());
    for (const FacetCount& f : estimate.topics) {
        SCOPED_TRACE(f.id);
        EXPECT_EQ(counted.count(f.id), 1u);
        EXPECT_EQ(f.count % 2, 0u);  // each document of the 25 seen stands for 2 of the 50
    }
    // The sample covers the match set: the counts are exact again and say so.
    sampled.facet_sample = 50;
    const SearchResults whole = searcher_.search(sampled);
    EXPECT_FALSE(whole.topics_estimated);
    EXPECT_EQ(whole.topics, exact.topics);
}

TEST_F(TopicsSearch, FilteringKeepsTheOrderOfTheRemainingHits) {
    const auto& topics = searcher_.taxonomy().topics();
    ASSERT_FALSE(topics.empty());
    std::mt19937 rng(11);
    // Up to six words: long queries also get pseudo-relevance feedback.
    for (const std::string& q : random_queries(60, 13, 6)) {
        const std::string topic = topics[rng() % topics.size()].id;
        SCOPED_TRACE(q + " --topic " + topic);
        std::vector<std::string> expected;
        for (const Hit& h : searcher_.search({q, 0, 1000, {}, {}}).hits) {
            const auto& t = h.doc.topics;
            if (h.related) continue;
            if (std::find(t.begin(), t.end(), topic) != t.end()) expected.push_back(h.doc.id);
        }
        const SearchResults filtered = searcher_.search({q, 0, 1000, {}, {topic}});
        EXPECT_EQ(ids(filtered), expected);
        // Related documents after a short list obey the filter too.
        for (const Hit& h : filtered.hits) {
            EXPECT_NE(std::find(h.doc.topics.begin(), h.doc.topics.end(), topic),
                      h.doc.topics.end())
                << h.doc.id;
        }
        // The same filter written in the query.
        EXPECT_EQ(ids(searcher_.search({q + " topic:" + topic, 0, 1000, {}, {}})), expected);
    }
}

TEST_F(TopicsSearch, SeveralTopicsAreAlternatives) {
    const SearchResults both = searcher_.search({"", 0, 1000, {}, {"security", "reliability"}});
    std::set<std::string> expected;
    for (const char* t : {"security", "reliability"}) {
        for (const Hit& h : searcher_.search({"", 0, 1000, {}, {t}}).hits) {
            expected.insert(h.doc.id);
        }
    }
    const auto got = ids(both);
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected);
}

TEST_F(TopicsSearch, ATopicAloneListsItsDocumentsInDocumentOrder) {
    const SearchResults r = searcher_.search({"", 0, 1000, {}, {"security"}});
    ASSERT_GE(r.hits.size(), 3u);
    for (std::size_t i = 1; i < r.hits.size(); ++i) {
        EXPECT_LT(r.hits[i - 1].doc.order, r.hits[i].doc.order);
    }
    for (const Hit& h : r.hits) {
        EXPECT_NE(std::find(h.doc.topics.begin(), h.doc.topics.end(), "security"),
                  h.doc.topics.end());
    }
}

TEST_F(TopicsSearch, AliasesAndCaseNameTheSameTopic) {
    EXPECT_EQ(ids(searcher_.search({"", 0, 1000, {}, {"Behavioral"}})),
              ids(searcher_.search({"", 0, 1000, {}, {"behavioural"}})));
}

TEST_F(TopicsSearch, AnUnknownTopicIsAnErrorNamingTheNearestIds) {
    for (const SearchRequest& r : {SearchRequest{"", 0, 10, {}, {"relability"}},
                                   SearchRequest{"topic:relability", 0, 10, {}, {}}}) {
        try {
            searcher_.search(r);
            FAIL() << "searched an unknown topic";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::bad_query);
            const std::string what = e.what();
            EXPECT_NE(what.find("unknown topic \"relability\""), std::string::npos) << what;
            EXPECT_NE(what.find("did you mean: reliability"), std::string::npos) << what;
        }
    }
}

TEST_F(TopicsSearch, TopicCountsAddUpToTheTaggedDocuments) {
    std::map<std::string, std::size_t> questions;
    for (const Hit& h : searcher_.search({"kind:question", 0, 1000, {}, {}}).hits) {
        for (const std::string& t : h.doc.topics) ++questions[t];
    }
    const auto counts = searcher_.topic_counts();
    ASSERT_EQ(counts.size(), searcher_.taxonomy().topics().size());
    for (const TopicCount& c : counts) {
        SCOPED_TRACE(c.topic.id);
        EXPECT_EQ(c.questions, questions[c.topic.id]);
        EXPECT_EQ(c.notes, 0u);
        EXPECT_EQ(c.your_questions + c.stories, 0u) << "a shipped index has no notes";
        EXPECT_GT(c.questions + c.tips, 0u) << "no shipped document carries this topic";
    }
}

}  // namespace
}  // namespace tpm
