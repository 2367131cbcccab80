// Query-time vocabulary expansion: matching on stems, multi-word phrases on both sides,
// leftmost-longest, one-way entries, and what the built query searches.
#include "search/synonyms.h"

#include <gtest/gtest.h>

#include <set>

#include "search/query_builder.h"
#include "store/database.h"
#include "store/index_writer.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "support/sample_index.h"
#include "support/temp_dir.h"
#include "topics/taxonomy.h"

namespace tpm {
namespace {

std::vector<SynonymEntry> pack() {
    return {
        {{"kill switch", "feature flag", "feature toggle"}, {}, true, 1},
        {{"k8s"}, {"kubernetes"}, false, 2},
        {{"tech debt"}, {"technical debt"}, false, 3},
        {{"tech"}, {"technology"}, false, 4},
        {{"postmortem", "post-mortem"}, {}, true, 5},
    };
}

std::vector<std::string> joined(const std::vector<std::vector<std::string>>& alts) {
    std::vector<std::string> out;
    for (const auto& a : alts) {
        std::string s;
        for (const auto& w : a) s += (s.empty() ? "" : " ") + w;
        out.push_back(s);
    }
    return out;
}

TEST(SynonymExpander, MatchesStemmedPhrasesLeftmostLongest) {
    const SynonymExpander expander(pack());
    struct Case {
        const char* query;
        std::vector<std::vector<std::string>> expected;  // per expansion, its alternatives
    };
    const Case cases[] = {
        {"kill switches", {{"featur flag", "featur toggl"}}},  // plural still matches
        {"Feature Flags and rollback", {{"kill switch", "featur toggl"}}},
        {"k8s cluster", {{"kubernet"}}},
        {"kubernetes", {}},                 // one-way: no way back
        {"tech debt", {{"technic debt"}}},  // the longer phrase wins over "tech"
        {"tech stack", {{"technolog"}}},
        {"postmortem", {{"post mortem"}}},  // spelling variants both ways
        {"post-mortem", {{"postmortem"}}},
        {"nothing here", {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.query);
        const auto got = expander.expand(phrase_stems(c.query));
        ASSERT_EQ(got.size(), c.expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            std::vector<std::string> want;
            for (const auto& alt : c.expected[i]) want.push_back(alt);
            EXPECT_EQ(joined(got[i].alternatives), want);
        }
    }
}

class ExpandedQueries : public ::testing::Test {
  protected:
    test::SampleIndex index_;
    Xapian::Database db_ = open_index(index_.path());
    SynonymExpander expander_{pack()};
    QueryBuilder builder_{db_, QueryContext{nullptr, nullptr, &expander_}};
};

TEST_F(ExpandedQueries, AlternativesArePhrasesOfStemsOredWithTheUsersWords) {
    const BuiltQuery q = builder_.build("kill switch");
    // The user's words, OR a weighted OR of the alternatives as stem phrases, which only the
    // corpus can match (notes keep no positions for stems).
    const std::string d = q.matching.get_description();
    EXPECT_EQ(d.rfind("Query(((Zkill@1 OR Zswitch@2) OR ", 0), 0u) << d;
    EXPECT_NE(d.find(" * (((Zfeatur PHRASE 2 Zflag) OR (Zfeatur PHRASE 2 Ztoggl)) FILTER "
                     "XORIGINcorpus))"),
              std::string::npos)
        << d;
    ASSERT_EQ(q.expansions.size(), 1u);
    EXPECT_EQ(q.expansions[0], "kill switch -> featur flag | featur toggl");
}

TEST_F(ExpandedQueries, SynonymsWorkWithStemmingOnBothSides) {
    // "Kill Switches" (capitalised, plural) finds the entry; the alternatives are stems, so
    // the sample index's "Feature Flags" (plural) matches "feature flag".
    const BuiltQuery q = builder_.build("Kill Switches");
    ASSERT_EQ(q.expansions.size(), 1u);
    Xapian::Enquire enquire(db_);
    enquire.set_query(q.query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    ASSERT_GE(mset.size(), 1u);
    EXPECT_EQ(decode_document_data(mset.begin().get_document().get_data()).id, "Q1");
}

TEST_F(ExpandedQueries, OnlyPlainQueriesAreExpanded) {
    for (const char* query : {"kill NOT switch", "\"kill switch\"", "question:k8s", "k8s*",
                              "kill -switch", "kill AND switch"}) {
        SCOPED_TRACE(query);
        EXPECT_TRUE(builder_.build(query).expansions.empty());
    }
    // A filter is kept apart, to restrict everything (alternatives included) after ranking,
    // and leaves the words plain.
    const BuiltQuery filtered = builder_.build("kill switch kind:question");
    EXPECT_EQ(filtered.expansions.size(), 1u);
    EXPECT_EQ(filtered.filter.get_description(), "Query(0 * XKINDquestion)");
    EXPECT_EQ(filtered.matching.get_description().find("XKIND"), std::string::npos);
}

TEST_F(ExpandedQueries, ExpansionsFindDocumentsThatOnlyUseTheOtherWords) {
    // The sample index says "Feature Flags", never "kill switch".
    const BuiltQuery q = builder_.build("kill switch");
    Xapian::Enquire enquire(db_);
    enquire.set_query(q.query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    ASSERT_GE(mset.size(), 1u);
    EXPECT_EQ(decode_document_data(mset.begin().get_document().get_data()).id, "Q1");
}

// Ids of what `text` matches, best first.
std::vector<std::string> matches(const Xapian::Database& db, const QueryBuilder& builder,
                                 const std::string& text) {
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.build(text).query);
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        // The unique id term (schema Q prefix) names the document.
        auto t = it.get_document().termlist_begin();
        t.skip_to(std::string(schema::kPrefixId));
        ids.push_back((*t).substr(schema::kPrefixId.size()));
    }
    return ids;
}

TEST(TopicBoost, ANamedTopicBringsInItsDocumentsAndRanksThemHigher) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path(), {});
        Document threat = test::make_question(1, "How do you run threat modelling?",
                                              "Draw the data flows and list attackers.", {});
        threat.topics = {"security"};
        Document review = test::make_question(2, "How often do you hold a security review?",
                                              "Every quarter.", {});
        Document rituals =
            test::make_question(3, "Which rituals keep a team aligned?", "A weekly demo.", {});
        rituals.topics = {"cross-team-collaboration"};
        Document sync = test::make_question(4, "How do you run a sync across many groups?",
                                            "One shared board.", {});
        sync.topics = {"cross-team-collaboration"};
        for (const Document& d : {threat, review, rituals, sync}) writer.put(d);
        writer.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    Topic security;
    security.id = "security";
    security.name = "Security";
    Topic collaboration;
    collaboration.id = "cross-team-collaboration";
    collaboration.name = "Cross-team collaboration";
    collaboration.aliases = {"collaboration"};
    const Taxonomy taxonomy({security, collaboration});
    const QueryBuilder builder(db, QueryContext{nullptr, &taxonomy, nullptr});

    // Q1 never says "security" but is about it; the document that says it and is tagged ranks
    // first, the tagged one follows.
    EXPECT_EQ(matches(db, builder, "security"), (std::vector<std::string>{"Q2", "Q1"}));
    // A topic is named by all the words of its id or of an alias: "team" alone is one word of
    // "cross-team-collaboration" and searches only the word.
    EXPECT_EQ(matches(db, builder, "team"), (std::vector<std::string>{"Q3"}));
    const std::vector<std::string> named = matches(db, builder, "collaboration");
    EXPECT_EQ(std::set<std::string>(named.begin(), named.end()),
              (std::set<std::string>{"Q3", "Q4"}));
    EXPECT_EQ(matches(db, builder, "canary"), std::vector<std::string>{});
    // Only plain queries are widened: an exclusion still excludes.
    EXPECT_EQ(matches(db, builder, "security -threat"), (std::vector<std::string>{"Q2"}));
}

// Words that stem to themselves and to no other of the list: "alpha0" ... as distinct stems.
std::vector<std::string> words(const std::string& stem, std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(stem + std::to_string(i));
    return out;
}

TEST(SynonymCaps, AnEntryGivesAPhraseAtMostTheCapAndSaysSoOnce) {
    const std::vector<SynonymEntry> entries = {
        {{"canary"}, words("w", 20000), false, 3},                 // one way, far past the cap
        {words("g", 100), {}, true, 7},                            // a group, past the cap
        {{"canary"}, {"extra"}, false, 9},                         // more for a full phrase
        {{"fine"}, words("f", kMaxAlternatives), false, 11},       // exactly the cap
        {{"other"}, words("o", kMaxAlternatives + 1), false, 12},  // a second long line
    };
    const SynonymExpander expander(entries, nullptr, "mine.txt");
    auto alternatives_of = [&](const std::string& word) {
        const auto got = expander.expand(phrase_stems(word));
        return got.empty() ? std::size_t{0} : got.front().alternatives.size();
    };
    EXPECT_EQ(alternatives_of("canary"), kMaxAlternatives);
    EXPECT_EQ(alternatives_of("g0"), kMaxAlternatives);  // a group of 65 of its 100 phrases
    EXPECT_EQ(alternatives_of("g64"), kMaxAlternatives);
    EXPECT_EQ(alternatives_of("g65"), 0U);
    EXPECT_EQ(alternatives_of("fine"), kMaxAlternatives);
    EXPECT_EQ(alternatives_of("other"), kMaxAlternatives);
    EXPECT_EQ(expander.problems(),
              (std::vector<Diagnostic>{
                  {"mine.txt", 3,
                   "20000 alternatives, more than 64; only the first 64 are searched (also on 2 "
                   "more lines)"},
                  {"mine.txt", 9,
                   "\"canary\" has more than 64 alternatives with the lines before; this line's "
                   "are not searched for it"}}));
}

TEST(SynonymCaps, AQueryGetsAtMostTheCapOfAlternativesAndIsToldWhichLineWasCut) {
    // Ten phrases of 40 alternatives each: 400 for a query naming all ten.
    std::vector<SynonymEntry> entries;
    std::string query;
    for (int k = 0; k < 10; ++k) {
        const std::string key = "key" + std::to_string(k);
        entries.push_back({{key}, words("a" + std::to_string(k) + "x", 40), false, k + 1});
        query += key + " ";
    }
    const SynonymExpander expander(entries, nullptr, "mine.txt");
    EXPECT_TRUE(expander.problems().empty());
    std::optional<Diagnostic> capped;
    const auto got = expander.expand(phrase_stems(query), &capped);
    std::size_t total = 0;
    for (const Expansion& e : got) total += e.alternatives.size();
    EXPECT_EQ(total, kMaxQueryAlternatives);
    ASSERT_EQ(got.size(), 7U);  // six whole, the seventh cut at 16
    EXPECT_EQ(got.back().alternatives.size(), 16U);
    ASSERT_TRUE(capped);
    EXPECT_EQ(*capped, (Diagnostic{"mine.txt", 7,
                                   "the query's phrases have more than 256 alternatives in the "
                                   "vocabulary; from those of \"key6\" on, the rest are not "
                                   "searched"}));
    // Six phrases fit: nothing to say.
    capped.reset();
    EXPECT_EQ(
        expander.expand(phrase_stems("key0 key1 key2 key3 key4 key5"), &capped).size(), 6U);
    EXPECT_FALSE(capped);
}

}  // namespace
}  // namespace tpm
