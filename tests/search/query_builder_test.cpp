// The query builder against a real (small) index: what queries parse into, and the one-line
// errors for malformed ones.
#include "search/query_builder.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/error.h"
#include "store/database.h"
#include "store/schema.h"
#include "support/sample_index.h"

namespace tpm {
namespace {

class QueryBuilderTest : public ::testing::Test {
  protected:
    test::SampleIndex index_;
    Xapian::Database db_ = open_index(index_.path());
    QueryBuilder builder_{db_};
};

TEST_F(QueryBuilderTest, ParsesIntoExpectedXapianQueries) {
    struct Case {
        const char* input;
        const char* expected;
    };
    const Case cases[] = {
        {"canary rollback", "Query((Zcanari@1 OR Zrollback@2))"},
        // Capitalised words stem like lower-case ones, because the query is folded first.
        {"Rollbacks", "Query(Zrollback@1)"},
        {"RÉSUMÉ", "Query(Zresum@1)"},
        // Upper-case operators stay operators; lower-case ones are words (then stop words).
        {"canary AND rollback", "Query((Zcanari@1 AND Zrollback@2))"},
        {"canary NOT rollback", "Query((Zcanari@1 AND_NOT Zrollback@2))"},
        {"canary -rollback", "Query((Zcanari@1 AND_NOT Zrollback@2))"},
        {"\"feature flags\"", "Query((feature@1 PHRASE 2 flags@2))"},
        {"question:stakeholders", "Query(ZSstakehold@1)"},
        {"q:stakeholders", "Query(ZSstakehold@1)"},
        {"why:judgement", "Query(ZXWjudgment@1)"},
        // Stop words do not dominate natural-language questions, and the words that frame one
        // ("how do you handle") weigh less than what it asks about (search/question_frames.h).
        {"how do you handle an outage", "Query((Zoutag@1 OR 0.25 * Zhandl@4))"},
        {"canary OR rollback", "Query((Zcanari@1 OR Zrollback@2))"},
        {"canary NEAR rollback", "Query((canary@1 NEAR 11 rollback@2))"},
        {"canary NEAR/3 rollback", "Query((canary@1 NEAR 4 rollback@2))"},
        // Lower-case "or" and "and" are words (stop words here), not operators.
        {"canary or rollback", "Query((Zcanari@1 OR Zrollback@3))"},
        {"id:Q2", "Query(0 * QQ2)"},
        {"id:q2", "Query(0 * QQ2)"},  // ids are not folded, and q26 means Q26
        {"kind:tip", "Query(0 * XKINDtip)"},
        // Kinds are names, read in any case, as field names are.
        {"kind:TIP", "Query(0 * XKINDtip)"},
        {"Kind:Story", "Query(0 * XKINDstory)"},
        // Text with a colon that names no field is read as Xapian always read it.
        {"http://example.com", "Query((http@1 PHRASE 3 example@2 PHRASE 3 com@3))"},
        {"10:30", "Query((10@1 PHRASE 2 30@2))"},
        {"std::vector", "Query((std@1 PHRASE 2 vector@2))"},
        {"c++: templates", "Query((Zc++@1 OR Ztemplat@2))"},
        {"note: canary", "Query((Znote@1 OR Zcanari@2))"},
        {"\"re:invent\"", "Query((re@1 PHRASE 2 invent@2))"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(builder_.build(c.input).matching.get_description(), c.expected);
    }
}

// The index names a file whose path is too long for a term by a hash of it; file: must name it
// the same way, or a note at a deep path could never be found by its path.
TEST_F(QueryBuilderTest, FileFilterMakesTheTermTheIndexHolds) {
    const std::string shallow = "/notes/a.md";
    const std::string deep = "/notes/" + std::string(300, 'd') + "/a.md";
    ASSERT_EQ(schema::source_term(shallow), "XSOURCE" + shallow);
    ASSERT_NE(schema::source_term(deep), "XSOURCE" + deep);
    for (const std::string& path : {shallow, deep}) {
        SCOPED_TRACE(path.size());
        // The file of that path, or the notes under the folder of that path.
        EXPECT_EQ(
            builder_.build("file:" + path).matching.get_description(),
            "Query(0 * (" + schema::source_term(path) + " OR " + schema::folder_term(path) + "))");
    }
}

TEST_F(QueryBuilderTest, RankingAddsTheQuestionFieldWithoutWideningTheMatch) {
    // A note heading's half of it weighs half (kNoteHeadingWeight).
    EXPECT_EQ(builder_.build("canary -rollback").query.get_description(),
              "Query(((Zcanari@1 AND_NOT Zrollback@2) AND_MAYBE "
              "(((ZScanari@1 AND_NOT ZSrollback@2) FILTER XORIGINcorpus) OR "
              "0.5 * ((ZScanari@1 AND_NOT ZSrollback@2) FILTER XORIGINnotes))))");
}

TEST_F(QueryBuilderTest, WildcardsExpandBoundedAndAreHighlightPrefixes) {
    const BuiltQuery q = builder_.build("roll*");
    EXPECT_NE(q.matching.get_description().find("WILDCARD"), std::string::npos);
    EXPECT_EQ(q.terms.prefixes, std::vector<std::string>{"roll"});
}

TEST_F(QueryBuilderTest, CollectsStemsAndWordsForHighlighting) {
    const BuiltQuery q = builder_.build("canary \"feature flags\" id:Q1");
    EXPECT_NE(std::find(q.terms.stems.begin(), q.terms.stems.end(), "canari"), q.terms.stems.end());
    EXPECT_NE(std::find(q.terms.words.begin(), q.terms.words.end(), "flags"), q.terms.words.end());
    for (const auto& w : q.terms.words) EXPECT_NE(w, "Q1");
}

TEST_F(QueryBuilderTest, MalformedQueriesGiveOneLineReasons) {
    struct Case {
        const char* input;
        const char* reason;
    };
    const Case cases[] = {
        {"", "empty query"},
        {"   ", "empty query"},
        {"AND AND", "AND needs a word on each side"},
        {"canary OR", "OR needs a word on each side"},
        {"\"canary rollback", "unbalanced quote"},
        {"(canary rollback", "unbalanced parenthesis"},
        {"canary)", "unbalanced parenthesis"},
        {"()", "nothing to search for"},
        // A filter or field that can match nothing is a mistake to point out, not "no results".
        {"kind:foo", "unknown kind \"foo\"; it is one of question, tip, note, story"},
        {"canary (kind:stroy)", "unknown kind \"stroy\""},
        {"Kind:Foo", "unknown kind \"Foo\""},
        {"foo:bar",
         "unknown field \"foo\" in foo:bar; the fields are question, q, answer, point, "
         "example, why, paraphrase, title, id, kind, source, file, topic, tag, answers (to search "
         "for it "
         "as words, quote it: \"foo:bar\")"},
        {"canary -Quesion:rollback", "unknown field \"Quesion\""},
        {"re:invent", "quote it: \"re:invent\""},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        try {
            builder_.build(c.input);
            FAIL() << "parsed";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::bad_query);
            const std::string what = e.what();
            EXPECT_NE(what.find(c.reason), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
    }
}

TEST(FoldQuery, KeepsOperatorsAndFoldsWords) {
    EXPECT_EQ(fold_query("Canary AND Résumé NEAR/3 x"), "canary AND resume NEAR/3 x");
    EXPECT_EQ(fold_query("and or"), "and or");
}

}  // namespace
}  // namespace tpm

namespace tpm {
namespace {

TEST(RelaxQuery, DropsRequirementsButKeepsExclusionsAndFilters) {
    struct Case {
        const char* input;
        const char* expected;
    };
    const Case cases[] = {
        {"\"canary rollback\" AND question:flags", "canary rollback flags"},
        {"canary NOT memory", "canary -memory"},
        {"canary -memory topic:reliability", "canary -memory topic:reliability"},
        {"(a OR b) NEAR c", "a b c"},
        {"why:culture id:Q26", "culture id:Q26"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(relax_query(c.input), c.expected);
    }
}

}  // namespace
}  // namespace tpm
