// A normal user of an install they cannot write (root-owned, read-only): tpmindex indexes their
// notes and tpmsearch finds them beside the shipped questions, with the shipped index built
// once in the user's cache ($XDG_CACHE_HOME/tpmsearch/index, else ~/.cache), and no permission
// error anywhere. The real programs run as uid 65534 (nobody) through setpriv, so the test needs
// root (CI runs as root) and is skipped otherwise.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

constexpr uid_t kNobody = 65534;
constexpr const char* kSetpriv = "/usr/bin/setpriv";

class SharedInstall : public ::testing::Test {
  protected:
    void SetUp() override {
        if (geteuid() != 0) GTEST_SKIP() << "needs root to run the programs as another user";
        if (!fs::exists(kSetpriv)) GTEST_SKIP() << "needs " << kSetpriv;
        // ROOT (root-owned, readable by all) / app: bin/ beside corpus/, as an install puts them.
        fs::permissions(tmp_.path(), fs::perms(0755));
        fs::create_directories(app_ / "bin");
        fs::copy(TPM_CORPUS_DIR, app_ / "corpus", fs::copy_options::recursive);
        fs::copy_file(TPMSEARCH_BIN, app_ / "bin" / "tpmsearch");
        fs::copy_file(TPMINDEX_BIN, app_ / "bin" / "tpmindex");
        read_only(app_);
        // ROOT/home, the user's: their notes, and HOME for the XDG folders.
        test::write_file(home_ / "prep" / "deploy.md",
                         "# Deploy notes\n\nOur canary rollback playbook at Acme.\n");
        for (const auto& e : fs::recursive_directory_iterator(home_)) own(e.path());
        own(home_);
    }

    static void read_only(const fs::path& dir) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            fs::permissions(
                e.path(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                fs::perm_options::remove);
        }
        fs::permissions(dir, fs::perms(0555));
    }

    static void own(const fs::path& p) { ASSERT_EQ(lchown(p.c_str(), kNobody, kNobody), 0) << p; }

    // Runs the installed `program` as uid and gid 65534 with only HOME and PATH set.
    test::ProcessResult run_as_user(const std::string& program,
                                    const std::vector<std::string>& args) const {
        std::vector<std::string> argv = {kSetpriv,
                                         "--reuid=65534",
                                         "--regid=65534",
                                         "--clear-groups",
                                         "/usr/bin/env",
                                         "-i",
                                         "HOME=" + home_.string(),
                                         "PATH=/usr/bin:/bin",
                                         "TPMSEARCH_DICTIONARY=/dev/null",
                                         (app_ / "bin" / program).string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_process(argv);
    }

    static void expect_no_error(const test::ProcessResult& r) {
        for (const char* bad : {"error", "warning", "ermission", "cannot", "denied"}) {
            EXPECT_EQ(r.err.find(bad), std::string::npos) << bad << " in: " << r.err;
        }
    }

    test::TempDir tmp_;
    fs::path app_ = tmp_.path() / "app";
    fs::path home_ = tmp_.path() / "home";
};

TEST_F(SharedInstall, ANormalUserIndexesNotesAndSearchesThemWithTheShippedQuestions) {
    const auto indexed = run_as_user("tpmindex", {(home_ / "prep").string()});
    EXPECT_EQ(indexed.status, 0) << indexed.err;
    EXPECT_EQ(indexed.err, "");
    const auto found = run_as_user("tpmsearch", {"--no-excerpts", "canary rollback"});
    EXPECT_EQ(found.status, 0) << found.err;
    EXPECT_NE(found.out.find("Q26"), std::string::npos) << found.out;
    EXPECT_NE(found.out.find("deploy.md"), std::string::npos) << found.out;
    expect_no_error(found);
    EXPECT_NE(found.err.find("building the shipped index in " +
                             (home_ / ".cache" / "tpmsearch" / "index").string()),
              std::string::npos)
        << found.err;
    // The shipped index was built once, in the user's cache, and the install left as it was.
    EXPECT_TRUE(fs::exists(home_ / ".cache" / "tpmsearch" / "index" / "iamglass"));
    EXPECT_FALSE(fs::exists(app_ / "index"));
    // A plain tpmindex refreshes the shipped index in the cache and the notes: no error.
    const auto refreshed = run_as_user("tpmindex", {});
    EXPECT_EQ(refreshed.status, 0) << refreshed.err;
    EXPECT_EQ(refreshed.err, "");
    const auto again = run_as_user("tpmsearch", {"--no-excerpts", "canary rollback"});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.err, "");
}

// A current index in the install is searched from there: nothing is built in the cache.
TEST_F(SharedInstall, ACurrentInstallIndexIsPreferredOverTheCache) {
    fs::permissions(app_, fs::perms(0755));
    const auto built = test::run_process({(app_ / "bin" / "tpmindex").string(), "-q"});
    ASSERT_EQ(built.status, 0) << built.err;
    read_only(app_);
    const auto indexed = run_as_user("tpmindex", {});
    EXPECT_EQ(indexed.status, 0) << indexed.err;
    EXPECT_EQ(indexed.err, "");
    const auto found = run_as_user("tpmsearch", {"--no-excerpts", "canary rollback"});
    EXPECT_EQ(found.status, 0) << found.err;
    EXPECT_NE(found.out.find("Q26"), std::string::npos) << found.out;
    EXPECT_EQ(found.err, "");
    EXPECT_FALSE(fs::exists(home_ / ".cache" / "tpmsearch" / "index"));
}

}  // namespace
}  // namespace tpm
