// The real tpmsearch and tpmindex binaries, run as a user runs them: copied into a fresh
// folder laid out like an installation (bin/ beside corpus/), so the first search really builds
// index/ there, and never touches the project's own index/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::run_process;

class EndToEnd : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(root_ / "bin");
        fs::copy_file(TPMSEARCH_BIN, root_ / "bin" / "tpmsearch");
        fs::copy_file(TPMINDEX_BIN, root_ / "bin" / "tpmindex");
        fs::create_directories(root_ / "corpus");
        fs::copy_file(fs::path(TPM_CORPUS_DIR) / "netflix-tpm-interview-questions.txt",
                      root_ / "corpus" / "netflix-tpm-interview-questions.txt");
    }
    test::ProcessResult tpmsearch(std::vector<std::string> args,
                                  std::map<std::string, std::string> env = {}) {
        args.insert(args.begin(), (root_ / "bin" / "tpmsearch").string());
        env.emplace("TPMSEARCH_INDEX", "");  // unset: the test decides
        env.emplace("NO_COLOR", "");
        return run_process(args, env);
    }
    test::TempDir dir_;
    fs::path root_ = dir_.path();
};

TEST_F(EndToEnd, FirstSearchOfTheShippedCorpusJustWorks) {
    const auto r = tpmsearch({"canary rollback"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("building the index"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(root_ / "index" / "iamglass"));
    // Q26 and Q40 are the questions that answer it; both in the top three.
    const auto j = nlohmann::json::parse(tpmsearch({"--json", "-n", "3", "canary rollback"}).out);
    std::vector<std::string> top;
    for (const auto& h : j["hits"]) top.push_back(h["id"]);
    EXPECT_NE(std::find(top.begin(), top.end(), "Q26"), top.end());
    EXPECT_NE(std::find(top.begin(), top.end(), "Q40"), top.end());
    // Piped output has no colour and names source and line.
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
    EXPECT_NE(r.out.find("corpus/netflix-tpm-interview-questions.txt:800"), std::string::npos);
}

TEST_F(EndToEnd, ExitStatusesOfTheRealBinary) {
    ASSERT_EQ(run_process({(root_ / "bin" / "tpmindex").string(), "-q"}).status, 0);
    EXPECT_EQ(tpmsearch({"gdpr"}).status, 0);
    EXPECT_EQ(tpmsearch({"xylophonist"}).status, 1);
    const auto bad = tpmsearch({"AND AND"});
    EXPECT_EQ(bad.status, 2);
    EXPECT_EQ(bad.err, "tpmsearch: error: AND needs a word on each side in query: AND AND\n");
    EXPECT_EQ(tpmsearch({"--no-such-option"}).status, 2);
    EXPECT_EQ(tpmsearch({"--help"}).status, 0);
}

TEST_F(EndToEnd, IndexFromTheEnvironment) {
    test::TempDir other;
    ASSERT_EQ(
        run_process({(root_ / "bin" / "tpmindex").string(), "-q", "--index", other.path().string()})
            .status,
        0);
    const auto r = tpmsearch({"show", "Q26"}, {{"TPMSEARCH_INDEX", other.path().string()}});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Canary Releases"), std::string::npos);
    EXPECT_FALSE(fs::exists(root_ / "index" / "iamglass"));
}

}  // namespace
}  // namespace tpm
