// Searching a real index end to end inside the library: ranking on obvious cases, excerpts,
// title highlights, lookup by id, and errors.
#include "search/searcher.h"

#include <gtest/gtest.h>

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
    EXPECT_EQ(ids("\"feature flags\""), std::vector<std::string>{"Q1"});
    EXPECT_TRUE(ids("\"flags feature\"").empty());
}

TEST_F(SearcherTest, FieldQueriesSearchOnlyTheirField) {
    // "leadership" appears only in Q2's points, never in a question.
    EXPECT_EQ(ids("leadership"), std::vector<std::string>{"Q2"});
    EXPECT_TRUE(ids("question:leadership").empty());
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
    const auto all = ids("how");  // stop word alone: Xapian keeps it rather than nothing
    const SearchResults page =
        searcher_.search({"release OR stakeholders OR schedule", 1, 1, {}, {}});
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].rank, 2);
    (void)all;
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
