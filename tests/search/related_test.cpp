// Related documents after a short list of matches, on a real index of the shipped corpus:
// they come after every match, never match the query, obey filters, are not counted, and
// appear only when the matches are few and the page has room.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "search/searcher.h"
#include "support/shipped_index.h"

namespace tpm {
namespace {

class Related : public test::ShippedIndexTest {
  protected:
    Searcher searcher_{db_};

    static std::size_t related_count(const SearchResults& r) {
        return static_cast<std::size_t>(
            std::count_if(r.hits.begin(), r.hits.end(), [](const Hit& h) { return h.related; }));
    }
};

TEST_F(Related, FollowAShortListAndNeverMatchTheQuery) {
    // "strangler fig" is written in one question only.
    const SearchResults r = searcher_.search({"strangler fig", 0, 10, {}, {}});
    ASSERT_GE(r.hits.size(), 2u);
    EXPECT_EQ(r.estimated_total, 1u);
    EXPECT_FALSE(r.hits.front().related);
    EXPECT_EQ(r.hits.front().doc.id, "Q21");
    const std::size_t related = related_count(r);
    EXPECT_GE(related, 1u);
    EXPECT_LE(related, 5u);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        SCOPED_TRACE(h.doc.id);
        EXPECT_EQ(h.rank, static_cast<int>(i) + 1);
        EXPECT_EQ(h.related, i >= 1);
        EXPECT_TRUE(seen.insert(h.doc.id).second) << "listed twice";
        if (!h.related) continue;
        // Not a match: the words are nowhere in it, but it shares terms with the match, and
        // the excerpts show them.
        std::string text = h.doc.title + " " + h.doc.answer + " " + h.doc.example + " " + h.doc.why;
        for (const Point& p : h.doc.points) text += " " + p.label + " " + p.text;
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        EXPECT_EQ(text.find("strangler"), std::string::npos);
        bool highlighted = !h.title_highlights.empty();
        for (const Excerpt& e : h.excerpts) highlighted = highlighted || !e.highlights.empty();
        EXPECT_TRUE(highlighted);
    }
    // The topic counts are of the match alone.
    std::size_t counted = 0;
    for (const FacetCount& f : r.topics) counted += f.count;
    EXPECT_EQ(counted, r.hits.front().doc.topics.size());
}

TEST_F(Related, OnlyWhenTheMatchesAreFewAndThePageHasRoom) {
    // Many matches: none related.
    EXPECT_EQ(related_count(searcher_.search({"team", 0, 50, {}, {}})), 0u);
    // A full page: none.
    EXPECT_EQ(related_count(searcher_.search({"strangler fig", 0, 1, {}, {}})), 0u);
    // A later page: none (related documents belong under the first page's matches).
    EXPECT_EQ(searcher_.search({"strangler fig", 1, 10, {}, {}}).hits.size(), 0u);
    // Filters alone list exactly what they ask for.
    EXPECT_EQ(related_count(searcher_.search({"id:Q21", 0, 10, {}, {}})), 0u);
    // Nothing matched: no related either (the rescue ladder speaks first).
    EXPECT_TRUE(searcher_.search({"zzqxv", 0, 10, {}, {}}).hits.empty());
}

TEST_F(Related, ObeyTheFilters) {
    const SearchResults r = searcher_.search({"strangler fig kind:question", 0, 10, {}, {}});
    ASSERT_GE(related_count(r), 1u);
    for (const Hit& h : r.hits) EXPECT_EQ(h.doc.kind, DocKind::question) << h.doc.id;
}

}  // namespace
}  // namespace tpm
