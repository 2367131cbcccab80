// The real tpmsearch and tpmindex binaries, run as a user runs them: copied into a fresh
// folder laid out like an installation (bin/ beside corpus/), so the first search really builds
// index/ there, and never touches the project's own index/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

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
        env.emplace("TPMSEARCH_CONFIG", "");  // unset: no defaults of the user's
        env.emplace("TPMSEARCH_OPTS", "");
        // The notes index of this test, never the user's.
        env.emplace("XDG_DATA_HOME", (root_ / "data").string());
        return run_process(args, env);
    }
    test::ProcessResult tpmindex(std::vector<std::string> args) {
        args.insert(args.begin(), (root_ / "bin" / "tpmindex").string());
        return run_process(args, {{"XDG_DATA_HOME", (root_ / "data").string()}});
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

TEST_F(EndToEnd, NotesAreIndexedAndSearchedWithTheCorpus) {
    const fs::path notes = root_ / "prep";
    test::write_file(notes / "acme" / "onsite.md",
                     "---\ntitle: Acme onsite\ntags: [reliability]\n---\n"
                     "# Acme onsite\n\n## System design\n\n### Caching\n\n"
                     "A write-through cache in front of the ledger service.\n");
    test::write_file(notes / "stories" / "outage.md",
                     "# Payment outage\n\n## Situation\n\nCheckout failed.\n\n## Task\n\n"
                     "Restore it.\n\n## Action\n\nI rolled back the canary.\n\n"
                     "## Result\n\nBack in 9 minutes.\n");
    const auto indexed = tpmindex({notes.string()});
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    EXPECT_NE(indexed.out.find("notes: 2 added, 0 changed, 0 removed, 0 unchanged, 0 skipped"),
              std::string::npos)
        << indexed.out;
    // A section of a note: its heading path, path:line and excerpt.
    const auto found = tpmsearch({"ledger cache"});
    ASSERT_EQ(found.status, 0) << found.err;
    EXPECT_NE(found.out.find("Acme onsite > System design > Caching"), std::string::npos)
        << found.out;
    EXPECT_NE(found.out.find((notes / "acme" / "onsite.md").string() + ":9"), std::string::npos)
        << found.out;
    // One ranked list with the corpus; filters by origin and kind.
    const auto both = tpmsearch({"--json", "canary"});
    ASSERT_EQ(both.status, 0) << both.err;
    std::set<std::string> origins;
    const nlohmann::json both_json = nlohmann::json::parse(both.out);
    for (const auto& hit : both_json.at("hits")) {
        origins.insert(hit.at("origin").get<std::string>());
    }
    EXPECT_EQ(origins, (std::set<std::string>{"corpus", "notes"}));
    const auto story = tpmsearch({"--json", "kind:story"});
    ASSERT_EQ(story.status, 0) << story.err;
    const nlohmann::json story_json = nlohmann::json::parse(story.out);
    const nlohmann::json& hits = story_json.at("hits");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits.at(0).at("question"), "Payment outage");
    EXPECT_EQ(tpmsearch({"--source", "notes", "gdpr"}).status, 1);
    EXPECT_EQ(tpmsearch({"--source", "elsewhere", "gdpr"}).status, 2);
    // A refresh with nothing changed touches nothing.
    const auto again = tpmindex({});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("notes: 0 added, 0 changed, 0 removed, 2 unchanged"),
              std::string::npos)
        << again.out;
}

}  // namespace
}  // namespace tpm
