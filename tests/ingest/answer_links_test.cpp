// Which shipped questions a note says it answers: front matter answers: for every section of
// its file, [[Q7]] links for the section that holds them, and what is not a question id.
#include "ingest/answer_links.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/notes.h"

namespace tpm {
namespace {

IngestResult parse(const std::string& text) {
    return parse_note({text, "prep/answers.md", "answers.md", true});
}

std::vector<std::vector<std::string>> answers_of(const IngestResult& r) {
    std::vector<std::vector<std::string>> out;
    for (const Document& doc : r.docs) out.push_back(doc.answers);
    return out;
}

TEST(AnswerLinks, FrontMatterAnswersEverySectionAndLinksTheirOwn) {
    const IngestResult r = parse(
        "---\nanswers: [q7, Q019]\n---\n# Behind schedule\n\nRe-plan, see [[Q4]].\n\n"
        "## Scope\n\nCut scope ([[q26|the canary one]]) and [[Q7]] again.\n\n"
        "## Links\n\n[[my other note]] and [[Q]] and [[Q12x]] are not questions.\n");
    ASSERT_EQ(r.docs.size(), 3u);
    EXPECT_EQ(answers_of(r), (std::vector<std::vector<std::string>>{
                                 {"Q7", "Q19", "Q4"}, {"Q7", "Q19", "Q26"}, {"Q7", "Q19"}}));
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST(AnswerLinks, AFrontMatterLineOfCommasCountsAndANameThatIsNoIdIsReported) {
    const IngestResult r = parse("---\nanswers: Q7, canary, Q26\n---\n# Notes\n\nText.\n");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].answers, (std::vector<std::string>{"Q7", "Q26"}));
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].path, "prep/answers.md");
    EXPECT_NE(r.diagnostics[0].message.find("\"canary\" is not a question id"), std::string::npos)
        << r.diagnostics[0].message;
}

TEST(AnswerLinks, QuestionIdsAreCanonical) {
    EXPECT_EQ(question_id("Q7"), "Q7");
    EXPECT_EQ(question_id(" q07 "), "Q7");
    EXPECT_EQ(question_id("Q0"), "Q0");
    for (const char* none : {"", "Q", "7", "Q7a", "tips/1", "QQ7", "Q1234567"}) {
        EXPECT_EQ(question_id(none), "") << none;
    }
}

}  // namespace
}  // namespace tpm
