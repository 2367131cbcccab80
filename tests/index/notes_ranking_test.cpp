// How notes rank beside the shipped questions, on real indexes in a fresh folder: one test per
// ranking mechanism, each with the small case that made it necessary (bench/RELEVANCE.md).
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "search/searcher.h"
#include "support/corpus_and_notes.h"

namespace tpm {
namespace {

class NotesRankingTest : public ::testing::Test, protected test::CorpusAndNotes {
  protected:
    SearchResults search(const std::string& query, std::optional<Origin> origin = std::nullopt,
                         std::size_t offset = 0) {
        return search(request_for(query, origin, offset));
    }
    SearchResults search(const SearchRequest& request) { return Searcher(open()).search(request); }
    // `query` with spelling correction against a word list of `words` (one per line).
    SearchResults search_with_word_list(const std::string& query, const std::string& words) {
        test::write_file(root() / "words", words);
        return Searcher(open(), root() / "words").search(request_for(query, std::nullopt));
    }
    // Writes `count` notes "<name>1.md" .. with the heading "<heading> N" over `body`.
    void write_notes(const std::string& name, const std::string& heading, int count,
                     const std::string& body) {
        for (int i = 1; i <= count; ++i) {
            write_note(name + std::to_string(i) + ".md",
                       "# " + heading + " " + std::to_string(i) + "\n\n" + body + "\n");
        }
    }
    static SearchRequest request_for(const std::string& query, std::optional<Origin> origin,
                                     std::size_t offset = 0) {
        SearchRequest request;
        request.query = query;
        request.origin = origin;
        request.offset = offset;
        return request;
    }
};

// A note's heading is weaker evidence than a shipped question's text: many notes share a
// heading ("Interview prep", a thread title over its answers), a shipped question names
// exactly what its answer is about. A note that copies a shipped question word for word ranks
// below it (experiment E5).
TEST_F(NotesRankingTest, ANoteHeadingWeighsLessThanTheShippedQuestionItCopies) {
    write_note("copy.md",
               "# How do you release changes without hurting users?\n\n"
               "I release in small steps that can be undone quickly.\n");
    index_notes();
    const SearchResults results = search("release changes without hurting users");
    ASSERT_GE(results.hits.size(), 2u);
    EXPECT_EQ(results.hits[0].doc.id, "Q1");
    EXPECT_EQ(results.hits[1].doc.origin, Origin::notes);
}

// Twelve notes under one heading that names the query do not push off the first page a section
// under another heading that matches almost as well (experiment E6).
TEST_F(NotesRankingTest, ACrowdedHeadingLeavesRoomForASectionThatAnswers) {
    for (int week = 1; week <= 12; ++week) {
        write_note("week" + std::to_string(week) + ".md",
                   "# Caching strategy\n\nWeek " + std::to_string(week) +
                       " reading list: papers on consistency, queues, sharding, replication, "
                       "load balancing, rate limiting, retries, backoff and idempotency.\n");
    }
    write_note("eviction.md",
               "# Eviction strategy\n\nThe caching strategy we chose evicts the least recently "
               "used entry.\n");
    index_notes();
    const SearchResults results = search("caching strategy", Origin::notes);
    ASSERT_EQ(results.hits.size(), 10u);
    std::size_t eviction = results.hits.size();
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        if (results.hits[i].doc.title == "Eviction strategy") eviction = i;
    }
    EXPECT_LT(eviction, results.hits.size());
    // The first two sections of the crowded heading keep their place.
    EXPECT_EQ(results.hits[0].doc.title, "Caching strategy");
    EXPECT_EQ(results.hits[1].doc.title, "Caching strategy");
    // The next page goes on where this one stops: every section once, none left out.
    const SearchResults next = search("caching strategy", Origin::notes, 10);
    std::set<std::string> seen;
    for (const Hit& hit : results.hits) seen.insert(hit.doc.id);
    for (const Hit& hit : next.hits) seen.insert(hit.doc.id);
    EXPECT_EQ(next.hits.size(), 3u);
    EXPECT_EQ(seen.size(), 13u);
}

// "failed" finds the note titled "Biggest failure" (store/morphology.h; experiment E9).
TEST_F(NotesRankingTest, AFailureIsFoundByFailed) {
    write_note("stories.md",
               "# Biggest failure\n\nThe launch slipped a quarter; I now plan buffers.\n\n"
               "# Mentoring\n\nI coached a junior PM through her first launch.\n");
    index_notes();
    const SearchResults results = search("tell me about a time you failed", Origin::notes);
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].doc.title, "Biggest failure");
}

// "accessibility" finds the note about screen readers, not the one about access control.
TEST_F(NotesRankingTest, AccessibilityIsNotAccess) {
    write_note("a11y.md", "# Screen readers\n\nAccessibility audits before every launch.\n");
    write_note("iam.md",
               "# Access control\n\nAccess reviews every quarter; access is revoked "
               "when people leave.\n");
    index_notes();
    const SearchResults results = search("accessibility", Origin::notes);
    ASSERT_EQ(results.hits.size(), 1u);
    EXPECT_EQ(results.hits[0].doc.title, "Screen readers");
}

// A typo the user's notes hold once does not switch spelling correction off for it: the word is
// searched as typed and as the five notes that spell it right do (query_builder.cpp,
// kRareWordDocuments).
TEST_F(NotesRankingTest, ATypoInOneNoteStillGetsItsCorrectionBesideIt) {
    write_note("scratch.md", "# Scratch\n\nreview the priortization framework\n");
    write_notes("plan", "Plan", 5, "prioritization by impact");
    index_notes();
    const SearchResults results = search_with_word_list("priortization", "review\nframework\n");
    EXPECT_EQ(results.corrected_query, "priortization prioritization");
    std::set<std::string> titles;
    for (const Hit& hit : results.hits) titles.insert(hit.doc.title);
    EXPECT_EQ(titles.count("Scratch"), 1u);
    EXPECT_EQ(titles.count("Plan 1"), 1u);
    EXPECT_EQ(titles.count("Plan 5"), 1u);
}

// Informal short forms are not typos: "pics" stays "pics" although five notes say "pick" and the
// word list lacks it (query_builder.cpp, kMinCorrectableLength).
TEST_F(NotesRankingTest, AnInformalShortFormIsNotCorrected) {
    write_note("photos.md", "# Photos\n\nshare the pics from the offsite\n");
    write_notes("pick", "Pick", 5, "pick the riskiest item first");
    index_notes();
    const SearchResults results = search_with_word_list("pics", "share\noffsite\npick\n");
    EXPECT_EQ(results.corrected_query, "");
    ASSERT_EQ(results.hits.size(), 1u);
    EXPECT_EQ(results.hits[0].doc.title, "Photos");
}

// A quoted phrase matches other forms of its words, as unquoted words do through stemming;
// --exact keeps it to the words as typed (search/phrase_forms.h).
TEST_F(NotesRankingTest, AQuotedPluralFindsTheSingular) {
    write_note("rollout.md",
               "# Rollout\n\nEvery risky change ships behind a feature flag.\n\n"
               "# Flags\n\nThe feature list flags what is late.\n");
    write_note("toggles.md", "# Toggles\n\nWe keep feature flags in one config service.\n");
    index_notes();
    std::set<std::string> titles;
    for (const Hit& hit : search("\"feature flags\"", Origin::notes).hits) {
        titles.insert(hit.doc.title);
    }
    EXPECT_EQ(titles, (std::set<std::string>{"Rollout", "Toggles"}));

    SearchRequest request = request_for("\"feature flags\"", Origin::notes);
    request.exact_phrases = true;
    const SearchResults exact = search(request);
    ASSERT_EQ(exact.hits.size(), 1u);
    EXPECT_EQ(exact.hits[0].doc.title, "Toggles");
}

// The words that frame a question do not decide the ranking: a heading that shares "best way"
// with the question does not beat the note about what it asks (search/question_frames.h).
TEST_F(NotesRankingTest, TheQuestionsFrameDoesNotDecideTheRanking) {
    write_note("standup.md",
               "# The best way to run a standup\n\nKeep it short; the best way is fifteen "
               "minutes, standing.\n");
    write_note("leads.md",
               "# Two leads disagreed\n\nI resolved the conflict by writing down both "
               "designs.\n");
    index_notes();
    const SearchResults results =
        search("what is the best way to resolve a conflict", Origin::notes);
    ASSERT_EQ(results.hits.size(), 2u);
    EXPECT_EQ(results.hits[0].doc.title, "Two leads disagreed");
}

// A topic's alias that is one word among several in a query ("stakeholders" in a question about
// a call) does not boost the topic: the query is not about stakeholder management, so a note of
// that topic that says none of its words is not a match (search/query_expansion.cpp,
// kNameShareOfQuery).
TEST_F(NotesRankingTest, AnAliasAmongOtherWordsDoesNotBoostItsTopic) {
    write_note("call.md", "# Weekly call\n\nThe stakeholders joined our weekly call.\n");
    write_note("escalation.md",
               "---\ntags: [stakeholders]\n---\n# Escalation path\n\nWho decides when two "
               "leads cannot agree.\n");
    index_notes();
    const SearchResults call = search("which stakeholders joined the weekly call", Origin::notes);
    ASSERT_EQ(call.hits.size(), 1u);
    EXPECT_EQ(call.hits[0].doc.title, "Weekly call");
    // A query about the topic still finds the topic's documents that never say its name.
    std::set<std::string> titles;
    for (const Hit& hit : search("stakeholders", Origin::notes).hits) titles.insert(hit.doc.title);
    EXPECT_EQ(titles, (std::set<std::string>{"Weekly call", "Escalation path"}));
}

// --explain says what each mechanism gave each hit: the parts add up to the score, the heading
// and the body are told apart, and crowding's factor is shown where it applied.
TEST_F(NotesRankingTest, ExplainSplitsEachScoreIntoItsMechanisms) {
    for (int week = 1; week <= 4; ++week) {
        write_note("week" + std::to_string(week) + ".md",
                   "# Caching strategy\n\nWeek " + std::to_string(week) + " reading list.\n");
    }
    write_note("eviction.md", "# Eviction\n\nOur caching strategy evicts old entries.\n");
    index_notes();
    SearchRequest request = request_for("caching strategy", Origin::notes);
    request.explain = true;
    const SearchResults results = search(request);
    ASSERT_EQ(results.hits.size(), 5u);
    std::size_t crowded = 0;
    for (const Hit& hit : results.hits) {
        double sum = 0.0;
        std::set<std::string> parts;
        for (const Contribution& c : hit.contributions) {
            sum += c.weight;
            parts.insert(c.part);
        }
        EXPECT_NEAR(sum, hit.score, 1e-9 * hit.score) << hit.doc.title;
        EXPECT_EQ(parts.count("words"), 1u) << hit.doc.title;
        EXPECT_EQ(parts.count("heading"), hit.doc.title == "Caching strategy" ? 1u : 0u)
            << hit.doc.title;
        if (hit.crowding < 1.0) ++crowded;
    }
    // Four sections under one heading: the first two keep their weight.
    EXPECT_EQ(crowded, 2u);
}

}  // namespace
}  // namespace tpm
