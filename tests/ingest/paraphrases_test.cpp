// The paraphrase pack (ingest/paraphrases.h): blocks, what is ignored, what is reported with
// its line, and the shipped pack itself.
#include "ingest/paraphrases.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace tpm {
namespace {

TEST(ParaphrasesTest, EachHeaderStartsABlockOfPhrasings) {
    std::vector<Diagnostic> diagnostics;
    const std::vector<ParaphraseBlock> blocks = parse_paraphrases(
        "# a comment\n\n[Q1] How do you release?\nship   safely\n# inside\n\n  undo a deploy  \n"
        "[tips/2] Practice\nmock interview\n",
        "paraphrases.txt", diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0].id, "Q1");
    EXPECT_EQ(blocks[0].line, 3);
    EXPECT_EQ(blocks[0].phrasings, (std::vector<std::string>{"ship safely", "undo a deploy"}));
    EXPECT_EQ(blocks[1].id, "tips/2");
    EXPECT_EQ(blocks[1].phrasings, (std::vector<std::string>{"mock interview"}));
}

TEST(ParaphrasesTest, ProblemsNameTheLineAndAreSkipped) {
    std::vector<Diagnostic> diagnostics;
    const std::vector<ParaphraseBlock> blocks = parse_paraphrases(
        "stray phrasing\n[Q1] a\none\n[Q1] again\ntwo\n[] none\nthree\n"
        "[Q 2 no close\nfour\n[Q3] b\nfive\n",
        "corpus/paraphrases.txt", diagnostics);
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0].phrasings, (std::vector<std::string>{"one"}));
    EXPECT_EQ(blocks[1].id, "Q3");
    EXPECT_EQ(blocks[1].phrasings, (std::vector<std::string>{"five"}));
    ASSERT_EQ(diagnostics.size(), 4u);
    EXPECT_EQ(diagnostics[0].line, 1);
    EXPECT_NE(diagnostics[0].message.find("before any"), std::string::npos);
    EXPECT_EQ(diagnostics[1].line, 4);
    EXPECT_NE(diagnostics[1].message.find("\"Q1\" has a block already"), std::string::npos);
    EXPECT_EQ(diagnostics[2].line, 6);
    EXPECT_EQ(diagnostics[3].line, 8);
    for (const Diagnostic& d : diagnostics) EXPECT_EQ(d.path, "corpus/paraphrases.txt");
}

TEST(ParaphrasesTest, AMissingFileIsNoPack) {
    std::vector<Diagnostic> diagnostics;
    EXPECT_TRUE(read_paraphrases("/nonexistent/paraphrases.txt", "x", diagnostics).empty());
    EXPECT_TRUE(diagnostics.empty());
}

// Every shipped question and tip has its block, each with several phrasings, and nothing else.
TEST(ShippedParaphrases, CoverEveryQuestionAndTipCleanly) {
    std::vector<Diagnostic> diagnostics;
    const std::vector<ParaphraseBlock> blocks =
        read_paraphrases(std::filesystem::path(TPM_CORPUS_DIR) / kParaphrasesFileName,
                         "paraphrases.txt", diagnostics);
    for (const Diagnostic& d : diagnostics) ADD_FAILURE() << d.line << ": " << d.message;
    std::set<std::string> expected;
    for (int i = 1; i <= 50; ++i) expected.insert("Q" + std::to_string(i));
    for (int i = 1; i <= 10; ++i) expected.insert("tips/" + std::to_string(i));
    std::set<std::string> ids;
    for (const ParaphraseBlock& b : blocks) {
        ids.insert(b.id);
        EXPECT_GE(b.phrasings.size(), 5u) << b.id;
    }
    EXPECT_EQ(ids, expected);
}

}  // namespace
}  // namespace tpm
