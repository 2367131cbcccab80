// Searching a real index end to end inside the library: ranking on obvious cases, excerpts,
// title highlights, lookup by id, and errors.
#include "search/searcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model/error.h"
#include "store/database.h"
#include "support/sample_index.h"

namespace tpm {
namespace {

class SearcherTest : public ::testing::Test {
  protected:
    test::SampleIndex index_;
    Searcher searcher_{open_index(index_.path())};

    std::vector<std::string> ids(const std::string& query) {
        std::vector<std::string> out;
        for (const Hit& h : searcher_.search({query, 0, 10, {}, {}}).hits) out.push_back(h.doc.id);
        return out;
    }
};

TEST_F(SearcherTest, RanksTheObviousQuestionFirst) {
    struct Case {
        const char* query;
        const char* first;
    };
    const Case cases[] = {
        {"canary rollback", "Q1"},
        {"stakeholder conflicts", "Q2"},
        {"resume", "Q3"},     // accent folding: the text says "résumé"
        {"Rollbacks", "Q1"},  // capitalised and plural
        {"behind schedule", "Q4"},
        {"\"recovery plan\"", "Q4"},
        {"question:stakeholders", "Q2"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.query);
        const auto got = ids(c.query);
        ASSERT_FALSE(got.empty());
        EXPECT_EQ(got.front(), c.first);
    }
}

TEST_F(SearcherTest, PhrasesNeedTheWordsTogether) {
    const SearchResults exact = searcher_.search({"\"feature flags\"", 0, 10, {}, {}});
    ASSERT_EQ(exact.hits.size(), 1u);
    EXPECT_EQ(exact.hits[0].doc.id, "Q1");
    EXPECT_EQ(exact.rescue, "");
    // The reversed phrase matches nothing as written; the rescue ladder says so and relaxes.
    const SearchResults reversed = searcher_.search({"\"flags feature\"", 0, 10, {}, {}});
    EXPECT_EQ(reversed.rescue,
              "nothing matched the query as written; showing results for any of its words: "
              "flags feature");
    ASSERT_FALSE(reversed.hits.empty());
    EXPECT_EQ(reversed.hits[0].doc.id, "Q1");
}

TEST_F(SearcherTest, FieldQueriesSearchOnlyTheirField) {
    // "leadership" appears only in Q2's points, never in a question.
    EXPECT_EQ(ids("leadership"), std::vector<std::string>{"Q2"});
    const SearchResults in_question = searcher_.search({"question:leadership", 0, 10, {}, {}});
    EXPECT_NE(in_question.rescue.find("any of its words: leadership"), std::string::npos);
}

TEST_F(SearcherTest, TheRescueLadderRelaxesThenRespells) {
    struct Case {
        const char* query;
        const char* rescue;  // "" when the query as written finds something
    };
    const Case cases[] = {
        {"canary AND xylophone", "any of its words: canary xylophone"},
        {"\"caught canary\" AND leak NOT stakeholder",
         "any of its words: caught canary leak -stakeholder"},
        {"\"stakeholder escalation\"", "any of its words: stakeholder escalation"},
        // No word list is configured here, so the normal reading corrects nothing; the last
        // rung corrects every word the index lacks.
        {"xylophone scedule", "showing results for: xylophone schedule (spelling corrected)"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.query);
        const SearchResults r = searcher_.search({c.query, 0, 10, {}, {}});
        EXPECT_FALSE(r.hits.empty());
        if (*c.rescue) {
            EXPECT_NE(r.rescue.find(c.rescue), std::string::npos) << r.rescue;
        } else {
            EXPECT_EQ(r.rescue, "");
        }
    }
    // Nothing is rescued out of nothing: an unknown word with no near neighbour stays empty,
    // and an exclusion is never dropped to find something (Q1, the only canary, has rollbacks).
    for (const char* query : {"qqqqzzzz", "canary -rollbacks", "canary NOT rollbacks"}) {
        SCOPED_TRACE(query);
        const SearchResults r = searcher_.search({query, 0, 10, {}, {}});
        EXPECT_TRUE(r.hits.empty());
        EXPECT_EQ(r.rescue, "");
    }
}

TEST_F(SearcherTest, HitsCarryDocumentExcerptsAndTitleHighlights) {
    const SearchResults r = searcher_.search({"release canary", 0, 10, {}, {}});
    ASSERT_FALSE(r.hits.empty());
    const Hit& top = r.hits.front();
    EXPECT_EQ(top.rank, 1);
    EXPECT_GT(top.score, 0.0);
    EXPECT_EQ(top.doc.source, "corpus/sample.txt");
    EXPECT_EQ(top.doc.line, 10);
    ASSERT_EQ(top.title_highlights.size(), 1u);
    const Span s = top.title_highlights[0];
    EXPECT_EQ(top.doc.title.substr(s.start, s.end - s.start), "release");
    ASSERT_FALSE(top.excerpts.empty());
    EXPECT_EQ(top.excerpts.front().label, "Canary Releases");
    EXPECT_GE(r.estimated_total, 1u);
}

TEST_F(SearcherTest, LimitAndOffsetPage) {
    const SearchResults page =
        searcher_.search({"release OR stakeholders OR schedule", 1, 1, {}, {}});
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].rank, 2);
}

TEST_F(SearcherTest, NoMatchIsAnEmptyResultNotAnError) {
    const SearchResults r = searcher_.search({"xylophone", 0, 10, {}, {}});
    EXPECT_TRUE(r.hits.empty());
}

TEST_F(SearcherTest, BadQueryThrowsBadQuery) {
    try {
        searcher_.search({"AND AND", 0, 10, {}, {}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::bad_query);
    }
}

TEST_F(SearcherTest, FindsDocumentsByIdInAnyCase) {
    ASSERT_TRUE(searcher_.find("Q2").has_value());
    EXPECT_EQ(searcher_.find("q2")->title,
              "How do you manage stakeholders with conflicting priorities?");
    EXPECT_FALSE(searcher_.find("Q99").has_value());
    EXPECT_EQ(searcher_.ids(), (std::vector<std::string>{"Q1", "Q2", "Q3", "Q4"}));
}

}  // namespace
}  // namespace tpm

namespace tpm {
namespace {

TEST(Explain, SaysHowTheQueryWasReadAndWhereEachHitMatched) {
    test::SampleIndex index;
    const Searcher searcher(open_index(index.path()));
    SearchRequest request{"canary rollbacks", 0, 10, {}, {}};
    EXPECT_FALSE(searcher.search(request).explanation.has_value());
    EXPECT_TRUE(searcher.search(request).hits.front().matched.empty());
    request.explain = true;
    const SearchResults r = searcher.search(request);
    ASSERT_TRUE(r.explanation.has_value());
    EXPECT_NE(r.explanation->query.find("Zcanari"), std::string::npos) << r.explanation->query;
    ASSERT_FALSE(r.hits.empty());
    const Hit& top = r.hits.front();
    EXPECT_EQ(top.doc.id, "Q1");
    // "canary" is in a point label and the example; "rollbacks" stems to the "Rollbacks" label.
    const std::vector<TermMatch> expected = {{"canari", {"point", "example"}},
                                             {"rollback", {"point"}}};
    EXPECT_EQ(top.matched, expected);
}

// Damage met during a rescue reading is damage, not "nothing to try": the respelling reading is
// the first to read the spelling table, which is overwritten after the searcher opened the
// index (so only that reading can meet it).
TEST(SearcherRescue, ReportsADamagedIndexFoundWhileRespelling) {
    test::SampleIndex index;
    const Searcher searcher(open_index(index.path()));
    const std::filesystem::path spelling = index.path() / "spelling.glass";
    ASSERT_TRUE(std::filesystem::exists(spelling));
    const auto size = std::filesystem::file_size(spelling);
    {
        std::ofstream out(spelling, std::ios::binary | std::ios::in | std::ios::out);
        const std::string junk(static_cast<std::size_t>(size), '\x5a');
        out.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    // A word in no document and no dictionary: the first readings find nothing, the last
    // respells it and reads the spelling table.
    try {
        const SearchResults r = searcher.search({"zorbulate", 0, 10, {}, {}});
        ADD_FAILURE() << "no error; " << r.hits.size() << " hits, rescue: " << r.rescue;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_corrupt) << e.what();
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace tpm
