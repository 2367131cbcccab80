// The tpmindex program end to end: summaries, idempotent re-runs, removal of vanished
// questions, warnings with file and line, and errors with exit status 2.
#include <gtest/gtest.h>

#include "search/searcher.h"
#include "store/database.h"
#include "support/cli_fixture.h"

namespace tpm {
namespace {

using test::CliFixture;

TEST(TpmIndex, BuildsTheDefaultIndexFromCorpusAndSaysWhatItDid) {
    CliFixture f;
    const auto r = f.index({});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              "indexed 5 documents from 1 file into index/: 5 added, 0 changed, 0 removed, 0 "
              "unchanged in T s\n");
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(std::filesystem::exists(f.root() / "index" / "iamglass"));
}

TEST(TpmIndex, RecordsEachSourcesFrontMatter) {
    CliFixture f;
    ASSERT_EQ(f.index({"-q"}).status, 0);
    const Searcher searcher(open_index(f.root() / "index"));
    const auto info = searcher.source_info("corpus/sample.txt");
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->title, "Sample TPM questions");
    EXPECT_EQ(info->date, "January 1, 2024");
    EXPECT_FALSE(searcher.source_info("corpus/other.txt").has_value());
}

TEST(TpmIndex, ASecondRunChangesNothing) {
    CliFixture f;
    ASSERT_EQ(f.index({}).status, 0);
    const auto r = f.index({});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("0 added, 0 changed, 0 removed, 5 unchanged"), std::string::npos) << r.out;
}

TEST(TpmIndex, AVanishedQuestionLeavesTheIndex) {
    CliFixture f;
    ASSERT_EQ(f.index({}).status, 0);
    const auto file = f.root() / "corpus" / "sample.txt";
    std::string text = test::read_file(file);
    text = text.substr(0, text.find("Question 3:"));
    test::write_file(file, text);
    const auto r = f.index({"-q"});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(f.search({"show", "Q3"}).status, 1);
    EXPECT_EQ(f.search({"show", "Q2"}).status, 0);
}

TEST(TpmIndex, ProblemsInADocumentAreWarningsWithFileAndLine) {
    CliFixture f;
    test::write_file(f.root() / "corpus" / "broken.md",
                     "Question 7: What if there is no answer?\n\nJust text.\n");
    const auto r = f.index({});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("tpmindex: warning: corpus/broken.md:1:"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("indexed 5 documents from 2 files"), std::string::npos) << r.out;
}

TEST(TpmIndex, ErrorsExitWithStatusTwo) {
    CliFixture f;
    test::write_file(f.root() / "not-a-folder", "x");
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const std::string file = (f.root() / "not-a-folder").string();
    const Case cases[] = {
        {{"--corpus", (f.root() / "missing").string()}, "--corpus"},
        {{"--index", file}, "ROOT/not-a-folder"},
        {{"--bogus"}, "--bogus"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args.front());
        const auto r = f.index(c.args);
        EXPECT_EQ(r.status, 2);
        EXPECT_NE(r.err.find("tpmindex: error:"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
}

}  // namespace
}  // namespace tpm
