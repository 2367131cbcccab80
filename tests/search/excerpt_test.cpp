// Excerpts: which passages are chosen, and that highlights cover exactly the matched words,
// stemmed and accent-folded forms included.
#include "search/excerpt.h"

#include <gtest/gtest.h>

#include "support/sample_index.h"

namespace tpm {
namespace {

std::vector<std::string> marked(const Excerpt& e) {
    std::vector<std::string> out;
    for (const Span& s : e.highlights) out.push_back(e.text.substr(s.start, s.end - s.start));
    return out;
}

Highlighter highlighter(std::vector<std::string> stems, std::vector<std::string> words = {},
                        std::vector<std::string> prefixes = {}) {
    return Highlighter(QueryTerms{std::move(words), std::move(stems), std::move(prefixes)}, {});
}

TEST(Highlighter, MatchesStemmedFoldedAndPrefixForms) {
    struct Case {
        Highlighter h;
        const char* text;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {highlighter({"rollback"}),
         "Rollbacks, rollback and roll back.",
         {"Rollbacks", "rollback"}},
        {highlighter({"resum"}), "Read the Résumé and RESUMES.", {"Résumé", "RESUMES"}},
        {highlighter({}, {"flags"}), "Flags and flag.", {"Flags"}},
        {highlighter({}, {}, {"deploy"}),
         "Deployments deploy; redeploy.",
         {"Deployments", "deploy"}},
        {highlighter({"canari"}), "", {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        std::vector<std::string> got;
        const std::string text = c.text;
        for (const auto& m : c.h.matches(text)) {
            got.push_back(text.substr(m.span.start, m.span.end - m.span.start));
        }
        EXPECT_EQ(got, c.expected);
    }
}

TEST(Excerpts, PreferLabelledPointsThatMatchBestFirst) {
    const Document doc = test::sample_documents()[0];
    const auto excerpts = make_excerpts(doc, highlighter({"canari", "rollback"}), {});
    ASSERT_EQ(excerpts.size(), 3u);
    EXPECT_EQ(excerpts[0].label, "Canary Releases");
    EXPECT_EQ(excerpts[1].label, "Rollbacks");
    EXPECT_EQ(excerpts[2].label, "example");
    EXPECT_EQ(marked(excerpts[2]), std::vector<std::string>{"canary"});
}

TEST(Excerpts, AtMostTheRequestedNumber) {
    const Document doc = test::sample_documents()[0];
    const auto excerpts = make_excerpts(doc, highlighter({"canari", "rollback"}), {1, 240});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "Canary Releases");
}

TEST(Excerpts, ItemsStayWithTheirPoint) {
    const Document doc = test::sample_documents()[3];
    const auto excerpts = make_excerpts(doc, highlighter({"realloc"}), {});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "Develop a Recovery Plan");
    EXPECT_NE(excerpts[0].text.find("Reallocating resources"), std::string::npos);
    EXPECT_EQ(marked(excerpts[0]), std::vector<std::string>{"Reallocating"});
}

TEST(Excerpts, WithoutAMatchTheAnswerStartIsShownPlain) {
    const Document doc = test::sample_documents()[1];
    const auto excerpts = make_excerpts(doc, highlighter({"zebra"}), {});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "answer");
    EXPECT_TRUE(excerpts[0].highlights.empty());
}

TEST(Excerpts, LongPassagesAreCutAroundTheMatchWithSpansShifted) {
    Document doc = test::sample_documents()[0];
    std::string filler;
    for (int i = 0; i < 30; ++i)
        filler += "Nothing relevant happens in sentence " + std::to_string(i) + ". ";
    doc.example = filler + "Then the canary caught the leak. " + filler;
    doc.points.clear();
    const auto excerpts = make_excerpts(doc, highlighter({"canari"}), {3, 200});
    ASSERT_EQ(excerpts.size(), 1u);
    const Excerpt& e = excerpts[0];
    EXPECT_EQ(e.label, "example");
    EXPECT_LE(e.text.size(), 260u);
    EXPECT_TRUE(e.truncated_start);
    EXPECT_TRUE(e.truncated_end);
    EXPECT_EQ(marked(e), std::vector<std::string>{"canary"});
}

}  // namespace
}  // namespace tpm
