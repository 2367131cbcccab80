// tests/hostile/hardening_registry_test.cpp: issue 14's ways to lose notes and the registry's
// sanity, on the real binaries in a fresh installation (tests/HOSTILE.md):
// - a note with front matter at a 300-byte path is indexed, found by file:, and a later plain
//   tpmindex still works (it failed with Xapian's "Key too long" for good);
// - --max-size takes a finite number from one byte to 1 TiB; 1e20, 0.0000001, nan, abc are
//   one-line errors that drop no note;
// - a folder reached through a symlink is registered once; /dev/null, a FIFO and a missing
//   folder are refused and not registered; /proc/self is refused at once;
// - a registered folder that was deleted is a warning naming tpmindex --remove, its notes are
//   kept and the folders after it are still refreshed; one replaced by a link to / is not
//   walked; a link inside a folder to / or /proc is not followed;
// - SIGINT during --remove of 2,000 files ends with status 130, the folder stays registered
//   with the files not yet removed, and a second --remove finishes;
// - --list says "1 section".
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <thread>

#include "hostile/hostile_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using test::lines_of;
using test::ProcessResult;
using test::write_file;

class HardeningRegistry : public test::HostileInstall {
  protected:
    // The notes search's status: 0 when `query` finds a note, 1 when not.
    int notes_search(const std::string& query) {
        const ProcessResult r = tpmsearch({"--source", "notes", "--no-excerpts", "--", query});
        TPM_EXPECT_FINISHED(r);
        EXPECT_TRUE(r.status == 0 || r.status == 1) << query << "\n" << r.err;
        return r.status;
    }

    std::vector<std::string> listed() {
        const ProcessResult r = tpmindex({"--list"});
        EXPECT_EQ(r.status, 0) << r.err;
        return lines_of(r.out);
    }

    // A one-line tpmindex error naming `what`, and nothing registered by it.
    void expect_refused(const ProcessResult& r, const std::string& what) {
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
        EXPECT_TRUE(r.err.starts_with("tpmindex: error: ")) << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
    }

    // The notes index's version file, which each commit rewrites (Xapian renames a new one in).
    std::string notes_revision() const {
        return test::read_file(root_ / "data" / "tpmsearch" / "iamglass");
    }
};

TEST_F(HardeningRegistry, FrontMatterAtA300BytePathIsIndexedFoundByFileAndRefreshed) {
    const fs::path note = notes_ / std::string(150, 'd') / (std::string(150, 'f') + ".md");
    write_file(note,
               "---\ntitle: Deep note\ntags: [caching]\n---\n# Heading\n\n"
               "The deepquokka lives here.\n");
    const std::string path = fs::canonical(note).string();
    ASSERT_GE(path.size(), 300u);
    const ProcessResult indexed = tpmindex({"-q", notes_.string()});
    TPM_EXPECT_FINISHED(indexed);
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    EXPECT_EQ(indexed.err, "");
    EXPECT_EQ(notes_search("deepquokka"), 0);
    const ProcessResult by_file = tpmsearch({"--source", "notes", "file:" + path});
    TPM_EXPECT_FINISHED(by_file);
    EXPECT_EQ(by_file.status, 0) << by_file.err;
    EXPECT_NE(by_file.out.find("deepquokka"), std::string::npos) << by_file.out;
    // A later plain tpmindex (it failed "Key too long" for good) and a changed note.
    write_file(note, "---\ntitle: Deep note\n---\n# Heading\n\nThe deeppelican moved in.\n");
    const ProcessResult refreshed = tpmindex({"-q"});
    TPM_EXPECT_FINISHED(refreshed);
    EXPECT_EQ(refreshed.status, 0) << refreshed.err;
    EXPECT_EQ(refreshed.err, "");
    EXPECT_EQ(notes_search("deeppelican"), 0);
    EXPECT_EQ(notes_search("deepquokka"), 1);
}

TEST_F(HardeningRegistry, MaxSizeOutsideOneByteToOneTebibyteIsAnErrorAndDropsNoNote) {
    write_file(notes_ / "keep.md", "# Keep\n\nThe keepquokka must stay.\n");
    ASSERT_EQ(tpmindex({"-q", notes_.string()}).status, 0);
    for (const char* bad : {"1e20", "0.0000001", "nan", "inf", "-inf", "abc", "0", "-1"}) {
        SCOPED_TRACE(bad);
        const ProcessResult r = tpmindex({"--max-size", bad, notes_.string()});
        expect_refused(r, "--max-size");
        EXPECT_NE(r.err.find("1 TiB"), std::string::npos) << r.err;
        EXPECT_EQ(notes_search("keepquokka"), 0);
    }
    // The bounds themselves are limits like any other.
    for (const char* good : {"1048576", "0.001"}) {
        SCOPED_TRACE(good);
        const ProcessResult r = tpmindex({"-q", "--max-size", good, notes_.string()});
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(r.status, 0) << r.err;
        EXPECT_EQ(notes_search("keepquokka"), 0);
    }
}

TEST_F(HardeningRegistry, AFolderReachedThroughASymlinkIsRegisteredOnce) {
    const fs::path real = root_ / "real-notes";
    write_file(real / "a.md", "# A\n\nThe onceokapi is here.\n");
    fs::create_directory_symlink(real, root_ / "link-notes");
    fs::create_directory_symlink(root_ / "link-notes", root_ / "link-to-link");
    for (const fs::path& p :
         {root_ / "link-notes", real, root_ / "link-to-link", root_ / "link-notes" / "." / ""}) {
        SCOPED_TRACE(p);
        const ProcessResult r = tpmindex({"-q", p.string()});
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(r.status, 0) << r.err;
    }
    const std::vector<std::string> lines = listed();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], fs::canonical(real).string() + "  1 file, 1 section");
    const ProcessResult hits = tpmsearch({"--source", "notes", "--json", "onceokapi"});
    EXPECT_EQ(hits.status, 0) << hits.err;
    EXPECT_EQ(test::occurrences(hits.out, "\"source\""), 1u) << hits.out;
    // Removed under any of its spellings.
    const ProcessResult removed = tpmindex({"-q", "--remove", (root_ / "link-to-link").string()});
    EXPECT_EQ(removed.status, 0) << removed.err;
    EXPECT_TRUE(listed().empty());
}

TEST_F(HardeningRegistry, DevNullAFifoAMissingFolderAndProcSelfAreRefusedAndNotRegistered) {
    const fs::path fifo = root_ / "fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
    write_file(notes_ / "a.md", "# A\n\nThe firstokapi.\n");
    ASSERT_EQ(tpmindex({"-q", notes_.string()}).status, 0);
    struct Case {
        std::string path;
        std::string why;
    };
    const Case cases[] = {
        {"/dev/null", "neither a folder nor a file"},
        {fifo.string(), "neither a folder nor a file"},
        {(root_ / "nowhere").string(), "no such file or folder"},
        {"/proc/self", "which holds no notes"},
        {"/", "the whole file system"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.path);
        const ProcessResult r = tpmindex({c.path}, std::chrono::seconds(10));
        expect_refused(r, "cannot index " + c.path + ": ");
        EXPECT_NE(r.err.find(c.why), std::string::npos) << r.err;
        // Nothing but the folder registered before, which a plain tpmindex still refreshes.
        EXPECT_EQ(listed().size(), 1u);
        const ProcessResult plain = tpmindex({"-q"});
        EXPECT_EQ(plain.status, 0) << plain.err;
        EXPECT_EQ(plain.err, "");
    }
}

TEST_F(HardeningRegistry, ADeletedRegisteredFolderIsAWarningAndTheOthersAreStillRefreshed) {
    const fs::path first = root_ / "first";
    const fs::path second = root_ / "second";
    write_file(first / "a.md", "# A\n\nThe alphaokapi.\n");
    write_file(second / "b.md", "# B\n\nThe betaokapi.\n");
    ASSERT_EQ(tpmindex({"-q", first.string(), second.string()}).status, 0);
    fs::remove_all(first);
    write_file(second / "c.md", "# C\n\nThe gammaokapi is new.\n");
    const ProcessResult r = tpmindex({"-q"});
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 0) << r.err;
    ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_TRUE(r.err.starts_with("tpmindex: warning: " + first.string() + ": ")) << r.err;
    EXPECT_NE(r.err.find("run: tpmindex --remove " + first.string()), std::string::npos) << r.err;
    EXPECT_EQ(notes_search("gammaokapi"), 0);  // the folder after it was refreshed
    EXPECT_EQ(notes_search("alphaokapi"), 0);  // its notes are kept
    EXPECT_EQ(listed().size(), 2u);
    const ProcessResult removed = tpmindex({"-q", "--remove", first.string()});
    EXPECT_EQ(removed.status, 0) << removed.err;
    EXPECT_EQ(notes_search("alphaokapi"), 1);
    EXPECT_EQ(tpmindex({"-q"}).err, "");
}

TEST_F(HardeningRegistry, LinksToTheWholeMachineAreNotWalked) {
    const fs::path folder = root_ / "notes-a";
    const fs::path other = root_ / "notes-b";
    write_file(folder / "a.md", "# A\n\nThe boundokapi.\n");
    write_file(other / "b.md", "# B\n\nThe otherokapi.\n");
    fs::create_directory_symlink("/", folder / "everything");
    fs::create_directory_symlink("/proc", folder / "processes");
    fs::create_directory_symlink(root_, folder / "up");
    const ProcessResult r = tpmindex({"-q", folder.string(), other.string()});
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 0) << r.err;
    for (const char* link : {"everything", "processes", "up"}) {
        EXPECT_EQ(test::occurrences(r.err, (folder / link).string() + ": symlink to "), 1u)
            << link << "\n"
            << r.err;
    }
    EXPECT_EQ(lines_of(r.err).size(), 3u) << r.err;
    EXPECT_EQ(notes_search("boundokapi"), 0);
    // A registered folder replaced by a link to /: a warning, the other folder still refreshed.
    fs::remove_all(folder);
    fs::create_directory_symlink("/", folder);
    write_file(other / "c.md", "# C\n\nThe lateokapi.\n");
    const ProcessResult plain = tpmindex({"-q"});
    TPM_EXPECT_FINISHED(plain);
    EXPECT_EQ(plain.status, 0) << plain.err;
    ASSERT_EQ(lines_of(plain.err).size(), 1u) << plain.err;
    EXPECT_NE(plain.err.find("the whole file system"), std::string::npos) << plain.err;
    EXPECT_NE(plain.err.find("tpmindex --remove " + folder.string()), std::string::npos)
        << plain.err;
    EXPECT_EQ(notes_search("lateokapi"), 0);
}

TEST_F(HardeningRegistry, SigintDuringRemoveKeepsTheFolderRegisteredUntilASecondRemoveFinishes) {
    const fs::path big = root_ / "big";
    constexpr int kFiles = 2000;
    for (int i = 0; i < kFiles; ++i) {
        std::string text;
        for (int s = 0; s < 5; ++s) {
            text += "# Section " + std::to_string(s) + " of note " + std::to_string(i) +
                    "\n\nThe removalokapi note " + std::to_string(i) + " has words.\n\n";
        }
        write_file(big / ("n" + std::to_string(i) + ".md"), text);
    }
    ASSERT_EQ(tpmindex({"-q", big.string()}, std::chrono::seconds(120)).status, 0);

    const std::string before = notes_revision();
    ASSERT_FALSE(before.empty());
    const pid_t pid =
        start_tpmindex({"--remove", big.string()}, root_ / "remove.out", root_ / "remove.err");
    ASSERT_GT(pid, 0);
    // The first commit, after 500 of the files, rewrites the version file: the removal is then
    // well under way, with 1,500 files to go. (Not the process's written bytes: sanitizer
    // runtimes write to pipes of their own long before.)
    const auto start_deadline = Clock::now() + std::chrono::seconds(60);
    while (notes_revision() == before && Clock::now() < start_deadline) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    kill(pid, SIGINT);
    int status = 0;
    const auto ceiling = test::hostile_limits(std::chrono::seconds(30)).timeout;
    const auto signalled = Clock::now();
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() - signalled > ceiling) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ADD_FAILURE() << "still running " << ceiling.count() << " ms after SIGINT";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const std::string err = test::read_file(root_ / "remove.err");
    ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status) << "\n" << err;
    ASSERT_EQ(WEXITSTATUS(status), 130) << err;
    ASSERT_EQ(lines_of(err).size(), 1u) << err;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(
        err, m,
        std::regex("tpmindex: interrupted; ([0-9,]+) files? of (.*) remain in the index and it "
                   "stays registered; run tpmindex --remove (.*) again to finish\n")))
        << err;
    std::string remaining = m[1].str();
    std::erase(remaining, ',');
    EXPECT_GT(std::stoi(remaining), 0);
    EXPECT_LE(std::stoi(remaining), kFiles);
    EXPECT_EQ(m[2].str(), big.string());
    // Still registered, with exactly the files the message counts.
    const std::vector<std::string> lines = listed();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_TRUE(lines[0].starts_with(big.string() + "  " + m[1].str() + " file")) << lines[0];
    EXPECT_EQ(notes_search("removalokapi"), 0);

    const ProcessResult again = tpmindex({"-q", "--remove", big.string()});
    TPM_EXPECT_FINISHED(again);
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_TRUE(listed().empty());
    EXPECT_EQ(notes_search("removalokapi"), 1);
}

}  // namespace
}  // namespace tpm
