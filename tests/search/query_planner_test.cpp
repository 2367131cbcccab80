// The query planner against a real (small) index: what each request plans to do (feedback,
// related documents, filters in order, a listing) and how the rescue readings read a query.
#include "search/query_planner.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/database.h"
#include "support/sample_index.h"

namespace tpm {
namespace {

class QueryPlannerTest : public ::testing::Test {
  protected:
    QueryPlan plan(const std::string& query, std::size_t offset = 0) const {
        SearchRequest request;
        request.query = query;
        request.offset = offset;
        return planner_.plan(request);
    }

    test::SampleIndex index_;
    Xapian::Database db_ = open_index(index_.path());
    QueryPlanner planner_{db_, QueryContext{}};
};

TEST_F(QueryPlannerTest, FeedbackOnlyForPlainQueriesOfFourWordsOrMore) {
    EXPECT_FALSE(plan("canary rollback stakeholders").feedback);
    EXPECT_TRUE(plan("canary rollback stakeholders schedule").feedback);
    // Operators make a query not plain, however many words it has.
    EXPECT_FALSE(plan("canary AND rollback AND stakeholders AND schedule").feedback);
}

TEST_F(QueryPlannerTest, RelatedDocumentsOnlyOnTheFirstPageOfAQueryWithWords) {
    EXPECT_GT(plan("canary").related.at_most, 0u);
    EXPECT_GT(plan("canary").related.fewer_than, 0u);
    EXPECT_EQ(plan("canary", 10).related.at_most, 0u);
    EXPECT_EQ(plan("kind:question").related.at_most, 0u);
}

TEST_F(QueryPlannerTest, TheQuerysFiltersComeBeforeTheRequestsAndRankNothing) {
    SearchRequest request;
    request.query = "canary kind:question";
    request.origin = Origin::corpus;
    const QueryPlan p = planner_.plan(request);
    ASSERT_EQ(p.filters.size(), 2u);
    EXPECT_EQ(p.filters[0].get_description(), "Query(0 * XKINDquestion)");
    EXPECT_EQ(p.filters[1].get_description(), "Query(XORIGINcorpus)");
    EXPECT_EQ(p.ranked.get_description().find("KIND"), std::string::npos);
    EXPECT_EQ(p.filtered(Xapian::Query("x")).get_description(),
              "Query(((x FILTER 0 * XKINDquestion) FILTER XORIGINcorpus))");
}

TEST_F(QueryPlannerTest, NoWordsAndAFilterListsInDocumentOrder) {
    SearchRequest request;
    request.origin = Origin::corpus;
    const QueryPlan p = planner_.plan(request);
    EXPECT_TRUE(p.listing);
    EXPECT_FALSE(p.feedback);
    EXPECT_EQ(p.related.at_most, 0u);
    // Without a filter an empty query is an error, not a listing of everything.
    EXPECT_THROW(plan(""), Error);
}

TEST_F(QueryPlannerTest, RescueReadingsReadLooserAndSaySo) {
    SearchRequest request;
    request.query = "\"canary stakeholders\"";
    const std::optional<QueryPlan> any = planner_.rescue(request, Reading::any_word);
    ASSERT_TRUE(any);
    EXPECT_EQ(any->parsed_text, "canary stakeholders");
    EXPECT_EQ(any->rescue_note,
              "nothing matched the query as written; showing results for any of its words: "
              "canary stakeholders");
    request.query = "canary stakholders";
    const std::optional<QueryPlan> respelled =
        planner_.rescue(request, Reading::any_word_respelled);
    ASSERT_TRUE(respelled);
    EXPECT_EQ(respelled->parsed_text, "canary stakeholders");
    EXPECT_EQ(respelled->rescue_note,
              "nothing matched; showing results for: canary stakeholders (spelling corrected)");
}

}  // namespace
}  // namespace tpm
