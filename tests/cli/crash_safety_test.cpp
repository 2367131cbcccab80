// Crash safety, signals, concurrent use and the index's life, with the real tpmindex and
// tpmsearch binaries on real notes folders (tests/HOSTILE.md lists the cases):
// - SIGKILL at 20 moments of a run: the index opens, xapian-check finds no error, every
//   file is wholly in one of its versions, and a re-run completes;
// - SIGINT stops at a file boundary with status 130 and a message; the rest follows on re-run;
// - searches never fail while an indexer commits; a second indexer waits or, with --no-wait,
//   fails with one line; nothing is lost either way;
// - a missing, damaged, foreign-schema or unwritable index: one line and the fixing command.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "store/schema.h"
#include "store/stored_records.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using test::run_process;

// A notes folder whose every file can be rewritten to a numbered version. Version v of file i
// has 3 + v % 3 sections, each titled "Part j v<v>", so a file caught between two versions
// shows as mixed titles or a wrong count. About 10 KB a file, so a run spans several of the
// writer's commits (every 500 files or 1 MB of text).
class VersionedNotes {
  public:
    VersionedNotes(fs::path root, int files) : root_(std::move(root)), files_(files) {}

    static int sections(int version) { return 3 + version % 3; }

    fs::path file(int i) const {
        return root_ / ("d" + std::to_string(i / 50)) / ("f" + std::to_string(i) + ".md");
    }

    void write(int version) const {
        std::string filler;
        for (int k = 0; k < 24; ++k) {
            filler +=
                "Rollouts move through canary, staged and full release while the on-call "
                "engineer watches error budgets. ";
        }
        for (int i = 0; i < files_; ++i) {
            std::string text = "# Note " + std::to_string(i) + "\n\n";
            for (int j = 0; j < sections(version); ++j) {
                text += "## Part " + std::to_string(j) + " v" + std::to_string(version) +
                        "\n\nmarker" + std::to_string(i) + "x" + std::to_string(version) + " " +
                        filler + "\n\n";
            }
            test::write_file(file(i), text);
        }
    }

    // The version each file is indexed at (-1: not indexed), failing the test for any file
    // whose sections are not exactly those of one version.
    std::map<int, int> indexed_versions(const fs::path& index) const {
        const Xapian::Database db(index.string());
        std::map<int, int> out;
        for (int i = 0; i < files_; ++i) {
            const std::string term = schema::source_term(file(i).string());
            std::set<int> versions;
            int count = 0;
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                const Document doc = decode_document_data(db.get_document(*p).get_data());
                const auto v = doc.title.rfind(" v");
                if (doc.title.find(" > Part ") == std::string::npos || v == std::string::npos) {
                    continue;  // the "Note i" section above the parts
                }
                versions.insert(std::stoi(doc.title.substr(v + 2)));
                ++count;
            }
            if (count == 0) {
                out[i] = -1;
                continue;
            }
            EXPECT_EQ(versions.size(), 1u) << file(i) << " mixes versions";
            if (versions.size() != 1) continue;
            const int version = *versions.begin();
            EXPECT_EQ(count, sections(version)) << file(i) << " is partly indexed at v" << version;
            out[i] = version;
        }
        return out;
    }

  private:
    fs::path root_;
    int files_;
};

// A child process run in the background, its output in files.
class Background {
  public:
    Background(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
               const fs::path& out) {
        const test::ExecArgs exec(args, env);
        err_ = out.string() + ".err";
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        if (posix_spawn(&pid_, exec.argv()[0], &actions, nullptr, exec.argv(), exec.envp()) != 0) {
            pid_ = -1;
        }
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Background() {
        if (pid_ > 0 && !waited_) {
            kill(pid_, SIGKILL);
            wait();
        }
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;

    bool started() const { return pid_ > 0; }
    void signal(int sig) const { kill(pid_, sig); }
    // The wait status (as waitpid gives it).
    int wait() {
        int status = 0;
        waitpid(pid_, &status, 0);
        waited_ = true;
        return status;
    }
    std::string err() const {
        std::ifstream in(err_);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

  private:
    pid_t pid_ = -1;
    bool waited_ = false;
    std::string err_;
};

// The binaries run from a copy laid out like an installation (bin/ beside corpus/), so their
// corpus index is built in the test's folder, never in the project's index/.
class CrashSafety : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(dir_ / "app" / "bin");
        fs::create_directories(dir_ / "app" / "corpus");
        fs::copy_file(TPMSEARCH_BIN, tpmsearch_);
        fs::copy_file(TPMINDEX_BIN, tpmindex_);
        fs::copy_file(fs::path(TPM_CORPUS_DIR) / "netflix-tpm-interview-questions.txt",
                      dir_ / "app" / "corpus" / "netflix-tpm-interview-questions.txt");
    }
    std::map<std::string, std::string> env() const {
        return {{"XDG_DATA_HOME", (dir_ / "data").string()},
                {"NO_COLOR", "1"},
                {"TPMSEARCH_INDEX", ""}};
    }
    test::ProcessResult tpmindex(std::vector<std::string> args) const {
        args.insert(args.begin(), tpmindex_.string());
        return run_process(args, env());
    }
    Background start_tpmindex(std::vector<std::string> args, const std::string& name) const {
        args.insert(args.begin(), tpmindex_.string());
        return Background(args, env(), dir_ / name);
    }
    // Until the running indexer has committed a batch of files (the index's revision moves):
    // it is then in the middle of its work, whatever the machine's speed.
    void wait_for_a_commit(Xapian::rev before) const {
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (Clock::now() < deadline) {
            try {
                if (Xapian::Database(index_.string()).get_revision() > before) return;
            } catch (const Xapian::Error&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        ADD_FAILURE() << "the indexer committed nothing in 60 s";
    }
    Xapian::rev revision() const { return Xapian::Database(index_.string()).get_revision(); }
    // Xapian's own consistency check of every table, by the xapian-check program (Debian's
    // xapian-tools) rather than Xapian::Database::check in this process: under AddressSanitizer
    // the library's check code trips a new/delete size mismatch inside libxapian 1.4.22 itself.
    static void expect_sound(const fs::path& index) {
        const auto r = run_process({"/bin/sh", "-c", "exec xapian-check \"$0\"", index.string()});
        EXPECT_EQ(r.status, 0) << "xapian-check " << index << ":\n" << r.out << r.err;
        EXPECT_NE(r.out.find("No errors found"), std::string::npos) << r.out;
    }

    test::TempDir dir_;
    fs::path tpmsearch_ = dir_ / "app" / "bin" / "tpmsearch";
    fs::path tpmindex_ = dir_ / "app" / "bin" / "tpmindex";
    fs::path notes_ = dir_ / "notes";
    fs::path index_ = dir_ / "data" / "tpmsearch";
};

TEST_F(CrashSafety, KilledAtTwentyMomentsTheIndexStaysWholeAndARerunCompletes) {
    constexpr int kFiles = 400;
    const VersionedNotes notes(notes_, kFiles);
    notes.write(0);
    const auto t0 = Clock::now();
    const auto first = tpmindex({notes_.string()});
    ASSERT_EQ(first.status, 0) << first.err;
    const auto full_run = Clock::now() - t0;
    for (const auto& [i, v] : notes.indexed_versions(index_)) ASSERT_EQ(v, 0) << i;

    for (int round = 1; round <= 20; ++round) {
        SCOPED_TRACE("kill " + std::to_string(round));
        notes.write(round);
        // Spread over a whole run: early ones land in start-up and the walk, late ones in the
        // last commit.
        const auto moment = full_run * (round - 0.5) / 20.0;
        Background run = start_tpmindex({notes_.string(), "-q"}, "kill");
        ASSERT_TRUE(run.started());
        std::this_thread::sleep_for(moment);
        run.signal(SIGKILL);
        run.wait();
        expect_sound(index_);
        // Every file is wholly at one version this run or an earlier one left it at.
        for (const auto& [i, v] : notes.indexed_versions(index_)) {
            EXPECT_GE(v, 0) << notes.file(i) << " lost";
            EXPECT_LE(v, round) << notes.file(i);
        }
    }
    const auto rerun = tpmindex({notes_.string(), "-q"});
    ASSERT_EQ(rerun.status, 0) << rerun.err;
    expect_sound(index_);
    for (const auto& [i, v] : notes.indexed_versions(index_)) EXPECT_EQ(v, 20) << notes.file(i);
    // The notes are never written to.
    std::ifstream in(notes.file(7));
    EXPECT_NE(std::string(std::istreambuf_iterator<char>(in), {}).find("marker7x20"),
              std::string::npos);
}

TEST_F(CrashSafety, CtrlCStopsAtAFileBoundaryWithStatus130AndTheRestFollowsOnRerun) {
    constexpr int kFiles = 400;
    const VersionedNotes notes(notes_, kFiles);
    notes.write(0);
    ASSERT_EQ(tpmindex({notes_.string()}).status, 0);
    notes.write(1);
    const Xapian::rev before = revision();
    Background run = start_tpmindex({notes_.string()}, "int");
    wait_for_a_commit(before);
    run.signal(SIGINT);
    const int status = run.wait();
    const std::string err = run.err();
    ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status) << ": " << err;
    EXPECT_EQ(WEXITSTATUS(status), 130) << err;
    EXPECT_NE(err.find("tpmindex: interrupted; the files indexed so far are kept"),
              std::string::npos)
        << err;
    expect_sound(index_);
    std::size_t updated = 0;
    for (const auto& [i, v] : notes.indexed_versions(index_)) updated += v == 1;
    EXPECT_LT(updated, static_cast<std::size_t>(kFiles)) << "stopped only at the end";
    ASSERT_EQ(tpmindex({notes_.string(), "-q"}).status, 0);
    for (const auto& [i, v] : notes.indexed_versions(index_)) EXPECT_EQ(v, 1) << notes.file(i);
}

TEST_F(CrashSafety, SearchesNeverFailWhileAnIndexerCommits) {
    constexpr int kFiles = 200;
    const VersionedNotes notes(notes_, kFiles);
    notes.write(0);
    ASSERT_EQ(tpmindex({notes_.string()}).status, 0);
    // The first search builds the corpus index and says so; the rest must say nothing.
    ASSERT_EQ(run_process({tpmsearch_.string(), "canary"}, env()).status, 0);
    std::atomic<bool> done{false};
    std::vector<int> statuses;
    std::thread writer([&] {
        for (int version = 1; version <= 4; ++version) {
            notes.write(version);
            statuses.push_back(tpmindex({notes_.string(), "-q"}).status);
        }
        done = true;
    });
    // Every search reads the stored documents of its hits, the part a commit can pull away.
    int searches = 0, failed = 0;
    while ((!done || searches < 10) && failed < 3) {
        const auto r =
            run_process({tpmsearch_.string(), "--source", "notes", "canary release"}, env());
        ++searches;
        EXPECT_EQ(r.status, 0) << r.err;
        // While the indexer holds the lock the notes it has yet to write are stale: at most the
        // one notice line saying so (cli/notes_refresh.h), never an error.
        const bool quiet = r.err.empty() || (r.err.starts_with("tpmsearch: notice: ") &&
                                             r.err.find('\n') == r.err.size() - 1);
        EXPECT_TRUE(quiet) << r.err;
        failed += r.status != 0 || !quiet;
    }
    writer.join();  // before any return, or the thread's destructor ends the process
    EXPECT_EQ(statuses, std::vector<int>(4, 0));
    for (const auto& [i, v] : notes.indexed_versions(index_)) EXPECT_EQ(v, 4) << notes.file(i);
}

TEST_F(CrashSafety, ASecondIndexerWaitsSayingSoOrFailsAtOnceWithNoWait) {
    constexpr int kFiles = 400;
    const VersionedNotes notes(notes_, kFiles);
    notes.write(0);
    ASSERT_EQ(tpmindex({notes_.string()}).status, 0);
    notes.write(1);
    Background first = start_tpmindex({notes_.string(), "-q"}, "first");
    // Until the first holds the lock (it takes it before walking the folder).
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (!Xapian::Database(index_.string()).locked() && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto refused = tpmindex({"--no-wait", "-q", notes_.string()});
    const auto waited = tpmindex({notes_.string(), "-q"});
    const int first_status = first.wait();
    EXPECT_TRUE(WIFEXITED(first_status) && WEXITSTATUS(first_status) == 0) << first.err();
    EXPECT_EQ(refused.status, 2);
    EXPECT_EQ(refused.err, "tpmindex: error: the index in " + index_.string() +
                               " is being written by another tpmindex\n");
    EXPECT_EQ(waited.status, 0) << waited.err;
    EXPECT_NE(waited.err.find("another tpmindex is writing the index in " + index_.string() +
                              "; waiting for it to finish"),
              std::string::npos)
        << waited.err;
    for (const auto& [i, v] : notes.indexed_versions(index_)) EXPECT_EQ(v, 1) << notes.file(i);
}

// The index's life: each problem is one line on stderr, status 2, naming the index and, where
// there is one, the command that fixes it.
class IndexLifecycle : public CrashSafety {
  protected:
    test::ProcessResult search(const fs::path& index) const {
        return run_process({tpmsearch_.string(), "--index", index.string(), "canary"}, env());
    }
    static std::size_t lines(const std::string& s) {
        return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
    }
    fs::path built() const {
        const fs::path index = dir_ / "idx";
        const auto r = tpmindex({"--corpus", TPM_CORPUS_DIR, "--index", index.string(), "-q"});
        EXPECT_EQ(r.status, 0) << r.err;
        return index;
    }
};

TEST_F(IndexLifecycle, AMissingIndexNamesTheCommandThatBuildsIt) {
    const auto r = search(dir_ / "nowhere");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("(build it with: tpmindex --index " + (dir_ / "nowhere").string() + ")"),
              std::string::npos)
        << r.err;
}

TEST_F(IndexLifecycle, ADamagedIndexIsOneLineWithTheRebuildCommand) {
    const fs::path index = built();
    ASSERT_EQ(search(index).status, 0);
    // Garbage over every table's root blocks.
    for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
        std::fstream f(index / table, std::ios::in | std::ios::out | std::ios::binary);
        const std::string junk(fs::file_size(index / table), '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const auto r = search(index);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(index.string()), std::string::npos) << r.err;
    // A damaged version file is caught when the index is opened, with the command to fix it.
    test::write_file(index / "iamglass", "not a database");
    const auto opened = search(index);
    EXPECT_EQ(opened.status, 2);
    EXPECT_EQ(lines(opened.err), 1u) << opened.err;
    EXPECT_NE(
        opened.err.find("(rebuild it with: tpmindex --rebuild --index " + index.string() + ")"),
        std::string::npos)
        << opened.err;
    // And the command does fix it.
    const auto rebuilt = tpmindex({"--rebuild", "--index", index.string(), "-q"});
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.err;
    EXPECT_EQ(search(index).status, 0);
}

TEST_F(IndexLifecycle, AnIndexOfAnotherSchemaNamesBothVersionsAndTheFix) {
    const fs::path index = built();
    {
        Xapian::WritableDatabase db(index.string());
        db.set_metadata(std::string(schema::kSchemaVersionKey), "1");
        db.commit();
    }
    const auto r = search(index);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("was built with schema 1, this tpmsearch reads schema " +
                         std::to_string(schema::kSchemaVersion) +
                         " (rebuild it with: tpmindex --rebuild --index " + index.string() + ")"),
              std::string::npos)
        << r.err;
}

TEST_F(IndexLifecycle, AnIndexFolderThatCannotBeMadeIsOneLineAndNothingIsWritten) {
    // Root ignores permissions, so "cannot be written" is made real another way: the index
    // folder's place is taken by a file.
    test::write_file(dir_ / "blocked", "a file, not a folder");
    test::write_file(notes_ / "a.md", "# A\n\ntext\n");
    const auto r = tpmindex({"--index", (dir_ / "blocked" / "idx").string(), notes_.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find((dir_ / "blocked" / "idx").string()), std::string::npos) << r.err;
    EXPECT_EQ(fs::file_size(dir_ / "blocked"), 20u);  // nothing written over it
}

// An index the user may read but not write, as on a read-only disk or someone else's index:
// tpmindex says so in one line (it said "being written by another tpmindex" before), status 2,
// the index as it was; searching it still works. Root writes anywhere, so as root (CI) both
// programs run as "nobody" (setpriv), to whom the root-owned index is read-only; otherwise the
// index loses its write permissions for the test.
TEST_F(IndexLifecycle, AnIndexThatCannotBeWrittenIsOneLineAndStillSearches) {
    test::write_file(notes_ / "a.md", "# Canary plan\n\ncanary release\n");
    ASSERT_EQ(tpmindex({notes_.string(), "-q"}).status, 0);
    // The shipped corpus's index is built on first use, as an installation would have it.
    ASSERT_EQ(run_process({tpmsearch_.string(), "canary"}, env()).status, 0);
    const Xapian::rev before = revision();
    test::write_file(notes_ / "b.md", "# Canary two\n\ncanary again\n");

    const bool root = geteuid() == 0;
    constexpr auto kWrite =
        fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
    if (root) {
        fs::permissions(dir_.path(), fs::perms::others_read | fs::perms::others_exec,
                        fs::perm_options::add);
        for (const auto& entry : fs::recursive_directory_iterator(dir_.path())) {
            fs::permissions(entry.path(),
                            entry.is_directory() ? fs::perms::others_read | fs::perms::others_exec
                                                 : fs::perms::others_read,
                            fs::perm_options::add);
        }
    } else {
        fs::permissions(index_, kWrite, fs::perm_options::remove);
        for (const auto& entry : fs::directory_iterator(index_)) {
            fs::permissions(entry.path(), kWrite, fs::perm_options::remove);
        }
    }
    auto as_user = [&](const fs::path& program, std::vector<std::string> args) {
        args.insert(args.begin(),
                    {"/bin/sh", "-c",
                     root ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$@\""
                          : "exec \"$@\"",
                     "sh", program.string()});
        auto environment = env();
        environment["XDG_CONFIG_HOME"] = (dir_ / "config").string();
        return run_process(args, environment);
    };

    const auto r = as_user(tpmindex_, {notes_.string()});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("tpmindex: error: cannot write the index in " + index_.string()),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("another tpmindex"), std::string::npos) << r.err;
    const auto found = as_user(tpmsearch_, {"--source", "notes", "canary"});
    EXPECT_EQ(found.status, 0) << found.err;
    // b.md cannot be indexed by this user: one notice line says so (cli/notes_refresh.h).
    EXPECT_EQ(lines(found.err), 1u) << found.err;
    EXPECT_TRUE(found.err.starts_with("tpmsearch: notice: 1 note changed since it was indexed"))
        << found.err;
    EXPECT_NE(found.out.find("Canary plan"), std::string::npos) << found.out;

    if (!root) {
        fs::permissions(index_, fs::perms::owner_write, fs::perm_options::add);
        for (const auto& entry : fs::directory_iterator(index_)) {
            fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
        }
    }
    EXPECT_EQ(revision(), before);
    expect_sound(index_);
}

TEST_F(IndexLifecycle, AFullDiskIsOneLineAndTheIndexKeepsItsLastCommit) {
    const VersionedNotes notes(notes_, 100);
    notes.write(0);
    ASSERT_EQ(tpmindex({notes_.string()}).status, 0);
    notes.write(1);
    // A file size limit stands in for a full disk: writes past it fail with EFBIG, as they
    // fail with ENOSPC on a full disk. SIGXFSZ is ignored so the write fails instead of the
    // process dying; the shell passes the ignored disposition on to tpmindex.
    struct sigaction ignore {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGXFSZ, &ignore, &old);
    const std::string limit = std::to_string(fs::file_size(index_ / "postlist.glass") / 512);
    const auto r = run_process({"/bin/sh", "-c", "ulimit -f " + limit + " && exec \"$0\" -q \"$1\"",
                                tpmindex_.string(), notes_.string()},
                               env());
    sigaction(SIGXFSZ, &old, nullptr);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("tpmindex: error: "), std::string::npos) << r.err;
    expect_sound(index_);
    for (const auto& [i, v] : notes.indexed_versions(index_)) {
        EXPECT_TRUE(v == 0 || v == 1) << notes.file(i);
    }
    ASSERT_EQ(tpmindex({notes_.string(), "-q"}).status, 0);
    for (const auto& [i, v] : notes.indexed_versions(index_)) EXPECT_EQ(v, 1) << notes.file(i);
}

}  // namespace
}  // namespace tpm
