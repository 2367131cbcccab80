// Hostile notes folders, built at test time beside one good note, indexed by the real tpmindex
// and searched by the real tpmsearch (tests/HOSTILE.md lists every case). Each run must end in
// bounded time with the documented status (0, warnings allowed), report each bad item once on
// stderr with its path and a reason, and leave the good note searchable.
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "hostile/hostile_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::first_unsafe;
using test::lines_of;
using test::occurrences;
using test::ProcessResult;
using test::write_file;

constexpr const char* kGoodWord = "goodquokka";
constexpr const char* kWarning = "tpmindex: warning: ";

class HostileNotes : public test::HostileInstall {
  protected:
    void SetUp() override {
        HostileInstall::SetUp();
        write_file(good_, std::string("# Good note\n\nThe ") + kGoodWord +
                              " stands beside the bad ones.\n");
    }

    // Indexes the notes folder and checks what every hostile folder must give: an end within
    // the ceiling, status 0, nothing but warnings on stderr (none twice, none carrying a
    // control character to the terminal), and the good note found.
    ProcessResult index_notes(std::vector<std::string> options = {},
                              std::chrono::milliseconds ceiling = test::kIndexCeiling) {
        options.push_back(notes_.string());
        ProcessResult r = tpmindex(options, ceiling);
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(r.status, 0) << r.err;
        EXPECT_EQ(first_unsafe(r.err), "") << r.err;
        std::set<std::string> seen;
        for (const std::string& line : lines_of(r.err)) {
            EXPECT_TRUE(line.starts_with(kWarning)) << line;
            EXPECT_TRUE(seen.insert(line).second) << "reported twice: " << line;
        }
        EXPECT_NE(r.out.find("notes: "), std::string::npos) << r.out;
        EXPECT_EQ(found(kGoodWord), std::multiset<std::string>{good_.string()});
        return r;
    }

    // The note files whose sections match `query` (related hits left out), one entry per
    // section; checks the search itself behaved, as JSON and as text.
    std::multiset<std::string> found(const std::string& query, int limit = 100) {
        const ProcessResult text = tpmsearch({"--source", "notes", "--", query});
        TPM_EXPECT_FINISHED(text);
        EXPECT_EQ(first_unsafe(text.out), "") << text.out;
        EXPECT_EQ(first_unsafe(text.err), "") << text.err;
        const ProcessResult r =
            tpmsearch({"--json", "-n", std::to_string(limit), "--source", "notes", "--", query});
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(first_unsafe(r.out), "") << r.out.substr(0, 2000);
        EXPECT_EQ(text.status, r.status);
        std::multiset<std::string> sources;
        if (r.status != 0 && r.status != 1) {
            ADD_FAILURE() << "search for " << query << ": status " << r.status << "\n" << r.err;
            return sources;
        }
        const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
        if (j.is_discarded()) {
            ADD_FAILURE() << "not JSON: " << r.out.substr(0, 2000);
            return sources;
        }
        for (const auto& hit : j.at("hits")) {
            if (!hit.at("related").get<bool>()) sources.insert(hit.at("source").get<std::string>());
        }
        return sources;
    }

    // The lines of `r`'s stderr that report `path` (as "warning: PATH: ..." or "PATH:LINE: ...").
    static std::vector<std::string> reports(const ProcessResult& r, const fs::path& path) {
        std::vector<std::string> out;
        const std::string prefix = kWarning + path.string() + ":";
        for (const std::string& line : lines_of(r.err)) {
            if (line.starts_with(prefix)) out.push_back(line);
        }
        return out;
    }

    static void expect_reported_once(const ProcessResult& r, const fs::path& path,
                                     const std::string& reason) {
        const std::vector<std::string> lines = reports(r, path);
        ASSERT_EQ(lines.size(), 1u) << path << " in:\n" << r.err;
        EXPECT_NE(lines[0].find(reason), std::string::npos) << lines[0];
    }

    static void expect_not_reported(const ProcessResult& r, const fs::path& path) {
        EXPECT_TRUE(reports(r, path).empty()) << path << " in:\n" << r.err;
    }

    static void expect_summary(const ProcessResult& r, const std::string& counts) {
        EXPECT_NE(r.out.find("notes: " + counts), std::string::npos) << r.out;
    }

    const fs::path good_ = notes_ / "good.md";
};

using Files = std::multiset<std::string>;

TEST_F(HostileNotes, InvalidUtf8IsConvertedReportedOnceAndSearchable) {
    const fs::path bad = notes_ / "latin1.md";
    write_file(bad, "# Caf\xe9 notes\n\nna\xefve \xc3\x28 stray \x80\x81 badutfpelican\n");
    const ProcessResult r = index_notes();
    expect_reported_once(r, bad, "converted to UTF-8");
    expect_summary(r, "2 added, 0 changed, 0 removed, 0 unchanged, 0 skipped, 1 converted");
    EXPECT_EQ(found("badutfpelican"), Files{bad.string()});
}

TEST_F(HostileNotes, NulByteEarlyMakesABinaryFileSkippedOnceNulByteLateIsHarmless) {
    const fs::path binary = notes_ / "binary.md";
    write_file(binary, std::string("# Binary\n\0\0 binarypelican\n", 25));
    // A NUL past the first 8 KiB does not make the file binary (as git decides): the note is
    // indexed, and the NUL must never be printed.
    const fs::path late = notes_ / "late-nul.md";
    write_file(late, "# Late\n\n" + std::string(9000, 'x') + "\n\n" + std::string(1, '\0') +
                         " latenulheron\n");
    const ProcessResult r = index_notes();
    expect_reported_once(r, binary, "binary file (NUL byte at offset 9); skipped");
    expect_not_reported(r, late);
    expect_summary(r, "2 added, 0 changed, 0 removed, 0 unchanged, 1 skipped");
    EXPECT_EQ(found("binarypelican"), Files{});
    EXPECT_EQ(found("latenulheron"), Files{late.string()});
}

TEST_F(HostileNotes, FiftyMegabytesWithoutNewlineIsSkippedOnceAndTenAreIndexed) {
    std::string words;
    while (words.size() < 50u * 1024 * 1024) words += "lorem ipsum dolor sit amet ";
    const fs::path huge = notes_ / "huge.md";
    write_file(huge, "hugewalrus " + words.substr(0, 50u * 1024 * 1024 - 11));
    // Exactly the default limit, one line: the largest note tpmindex takes without --max-size.
    const fs::path limit = notes_ / "limit.md";
    write_file(limit, "limitseal " + words.substr(0, 10u * 1024 * 1024 - 10));
    const ProcessResult r = index_notes();
    expect_reported_once(r, huge, "larger than the 10 MB limit (50 MB); skipped");
    expect_not_reported(r, limit);
    EXPECT_EQ(found("hugewalrus"), Files{});
    EXPECT_EQ(found("limitseal"), Files{limit.string()});
}

TEST_F(HostileNotes, HundredThousandHeadingsAreIndexedInBoundedTime) {
    std::string text;
    for (int i = 1; i <= 100000; ++i) text += "# Heading " + std::to_string(i) + "\n";
    text += "# lastheadingokapi\n";
    const fs::path headings = notes_ / "headings.md";
    write_file(headings, text);
    const ProcessResult r = index_notes({}, std::chrono::seconds(60));
    expect_not_reported(r, headings);
    const ProcessResult last = tpmsearch({"--source", "notes", "lastheadingokapi"});
    EXPECT_EQ(last.status, 0) << last.err;
    EXPECT_NE(last.out.find(headings.string() + ":100001"), std::string::npos) << last.out;
}

TEST_F(HostileNotes, TwoHundredNestedFoldersAreWalked) {
    fs::path deep = notes_;
    for (int i = 0; i < 200; ++i) deep /= "d";
    const fs::path note = deep / "deep.md";
    write_file(note, "# Deep\n\ndeepheron lives 200 folders down.\n");
    const ProcessResult r = index_notes();
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_EQ(found("deepheron"), Files{note.string()});
}

// std::filesystem works on whole paths and fails past PATH_MAX; this goes down with file
// descriptors, so a tree of any depth is removed.
void remove_tree_at(int parent, const char* name) {
    const int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd >= 0) {
        DIR* dir = fdopendir(fd);
        std::vector<std::string> entries;
        while (const dirent* e = readdir(dir)) {
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
                entries.emplace_back(e->d_name);
            }
        }
        for (const std::string& e : entries) {
            if (unlinkat(dirfd(dir), e.c_str(), 0) != 0) remove_tree_at(dirfd(dir), e.c_str());
        }
        closedir(dir);
    }
    unlinkat(parent, name, AT_REMOVEDIR);
}

// A path longer than PATH_MAX cannot be opened by anyone, root included: the real
// "unreadable" case (ENAMETOOLONG) for a test suite that runs as root.
TEST_F(HostileNotes, FolderAndFileBeyondPathMaxAreReportedOnce) {
    const std::string name(250, 'n');
    const std::size_t step = name.size() + 1;
    const std::size_t base = notes_.string().size();
    // Folder k (1-based) has a path of base + k * step bytes; `over` is the first one that
    // PATH_MAX (4096, with its NUL) cannot name.
    const std::size_t over = (4096 - base + step - 1) / step;
    ASSERT_GE(over, 3u);
    struct Cleanup {
        fs::path root;
        std::string first;
        ~Cleanup() {
            const int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY);
            remove_tree_at(fd, first.c_str());
            close(fd);
        }
    } cleanup{notes_, name};
    int fd = open(notes_.c_str(), O_RDONLY | O_DIRECTORY);
    fs::path reachable = notes_;
    std::string shallow_path;
    std::string long_file_path;
    const std::string long_file = std::string(247, 'f') + ".md";
    const auto put = [](int dir, const std::string& file, const std::string& text) {
        const int out = openat(dir, file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ASSERT_GE(out, 0) << std::strerror(errno);
        ASSERT_EQ(write(out, text.data(), text.size()), static_cast<ssize_t>(text.size()));
        close(out);
    };
    for (std::size_t level = 1; level <= over + 2; ++level) {
        ASSERT_EQ(mkdirat(fd, name.c_str(), 0755), 0) << std::strerror(errno);
        const int next = openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
        close(fd);
        fd = next;
        ASSERT_GE(fd, 0);
        reachable /= name;
        if (level == over - 2) {
            put(fd, "shallow.md", "# Shallow\n\nshallowfalcon\n");
            shallow_path = (reachable / "shallow.md").string();
        }
        if (level == over - 1) {
            put(fd, long_file, "# Long name\n\nlongnamebison\n");
            long_file_path = (reachable / long_file).string();
        }
        if (level == over + 2) put(fd, "deep.md", "# Deep\n\ntoodeepmoose\n");
    }
    close(fd);
    fs::path too_long = notes_;
    for (std::size_t level = 1; level <= over; ++level) too_long /= name;
    ASSERT_GE(long_file_path.size(), 4096u);

    const ProcessResult r = index_notes();
    expect_reported_once(r, too_long, "File name too long");
    expect_reported_once(r, long_file_path, "File name too long");
    EXPECT_EQ(lines_of(r.err).size(), 2u) << r.err;
    EXPECT_EQ(found("shallowfalcon"), Files{shallow_path});
    EXPECT_EQ(found("longnamebison"), Files{});
    EXPECT_EQ(found("toodeepmoose"), Files{});
}

TEST_F(HostileNotes, SymlinkLoopsAndDanglingLinksAreReportedOnceAndNothingTwice) {
    fs::create_directories(notes_ / "a");
    write_file(notes_ / "a" / "inner.md", "# Inner\n\ninnerokapi\n");
    fs::create_directory_symlink(".", notes_ / "loop");
    fs::create_directory_symlink("../a", notes_ / "a" / "back");
    fs::create_symlink("self.md", notes_ / "self.md");
    fs::create_symlink("nowhere.md", notes_ / "dangling.md");
    fs::create_symlink("missing", notes_ / "dangling-folder");
    const ProcessResult r = index_notes();
    expect_reported_once(r, notes_ / "loop", "symlink loop");
    expect_reported_once(r, notes_ / "a" / "back", "symlink loop");
    expect_reported_once(r, notes_ / "self.md", "Too many levels of symbolic links");
    expect_reported_once(r, notes_ / "dangling.md", "broken symlink to nowhere.md; skipped");
    expect_reported_once(r, notes_ / "dangling-folder", "broken symlink to missing; skipped");
    EXPECT_EQ(lines_of(r.err).size(), 5u) << r.err;
    // Each real note once, by its real path, however many ways lead to it.
    EXPECT_EQ(found("innerokapi"), Files{(notes_ / "a" / "inner.md").string()});
}

// Opening a FIFO for reading blocks until a writer comes; a socket cannot be opened at all. The
// ceiling turns a blocked tpmindex into a failure instead of a hung test.
TEST_F(HostileNotes, FifoAndSocketNeverBlockAndAreReportedOnce) {
    ASSERT_EQ(mkfifo((notes_ / "fifo.md").c_str(), 0644), 0);
    ASSERT_EQ(mkfifo((notes_ / "pipe").c_str(), 0644), 0);
    fs::create_symlink("fifo.md", notes_ / "link-to-fifo.md");
    const int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(sock, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string sock_path = (notes_ / "sock.md").string();
    ASSERT_LT(sock_path.size(), sizeof addr.sun_path);
    std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
    ASSERT_EQ(bind(sock, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(listen(sock, 1), 0);
    const ProcessResult r = index_notes({}, std::chrono::seconds(10));
    close(sock);
    expect_reported_once(r, notes_ / "fifo.md", "not a regular file; skipped");
    expect_reported_once(r, notes_ / "link-to-fifo.md", "not a regular file; skipped");
    expect_reported_once(r, sock_path, "not a regular file; skipped");
    // Not a note by its name: ignored without a word, like an image.
    expect_not_reported(r, notes_ / "pipe");
    EXPECT_EQ(lines_of(r.err).size(), 3u) << r.err;
}

TEST_F(HostileNotes, FifoNamedAsTheNotesRootIsAOneLineErrorNotAHang) {
    const fs::path fifo = root_ / "notes.md";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
    const ProcessResult r = tpmindex({fifo.string()}, std::chrono::seconds(10));
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_TRUE(r.err.starts_with("tpmindex: error: ")) << r.err;
    EXPECT_NE(r.err.find(fifo.string()), std::string::npos) << r.err;
}

// /proc/self/mem is a regular file that fails every read at offset 0 (EIO), for root too: a
// note that exists, stats fine and cannot be read.
TEST_F(HostileNotes, FileThatFailsToReadIsReportedOnce) {
    fs::create_symlink("/proc/self/mem", notes_ / "mem.md");
    const ProcessResult r = index_notes();
    expect_reported_once(r, notes_ / "mem.md", "cannot be read (Input/output error); skipped");
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
}

// chmod 000 stops everyone but root. The test asks the kernel whether this user can still read
// them and expects what that answer implies, so it asserts something as root and as a user.
TEST_F(HostileNotes, PermissionDeniedFileAndFolderAreReportedOnceUnlessReadable) {
    const fs::path file = notes_ / "locked.md";
    const fs::path folder = notes_ / "locked";
    write_file(file, "# Locked\n\nlockedmarten\n");
    write_file(folder / "inside.md", "# Inside\n\ninsidestoat\n");
    // A folder named like a note is a folder: walked, its notes indexed, nothing said.
    const fs::path folder_md = notes_ / "folder.md";
    write_file(folder_md / "in-folder.md", "# In folder\n\nfoldernotegnu\n");
    fs::permissions(file, fs::perms::none);
    fs::permissions(folder, fs::perms::none);
    const int probe = open(file.c_str(), O_RDONLY);
    const bool readable = probe >= 0;
    if (probe >= 0) close(probe);
    const ProcessResult r = index_notes();
    fs::permissions(folder, fs::perms::owner_all);
    if (readable) {
        EXPECT_TRUE(r.err.empty()) << r.err;
        EXPECT_EQ(found("lockedmarten"), Files{file.string()});
        EXPECT_EQ(found("insidestoat"), Files{(folder / "inside.md").string()});
    } else {
        expect_reported_once(r, file, "cannot be read (Permission denied); skipped");
        expect_reported_once(r, folder, "Permission denied");
        EXPECT_EQ(found("lockedmarten"), Files{});
    }
    expect_not_reported(r, folder_md);
    EXPECT_EQ(found("foldernotegnu"), Files{(folder_md / "in-folder.md").string()});
}

// Files vanish and shrink while tpmindex reads them. Whatever the interleaving, the run ends
// with status 0, the index opens, every file still there is found (a truncated one keeps the
// line with its marker), and the next run drops the deleted ones.
TEST_F(HostileNotes, FilesDeletedOrTruncatedWhileIndexingLeaveASoundIndex) {
    constexpr int kFiles = 1500;
    const std::string padding = "Padding sentence about release trains and canaries. ";
    std::vector<fs::path> paths;
    std::vector<std::size_t> keep;  // the length of each file's first paragraph
    for (int i = 0; i < kFiles; ++i) {
        const std::string head =
            "# Note " + std::to_string(i) + "\n\nhostilemarker note " + std::to_string(i) + "\n";
        std::string text = head;
        for (int k = 0; k < 40; ++k) text += padding;
        paths.push_back(notes_ / "batch" / ("note-" + std::to_string(10000 + i) + ".md"));
        keep.push_back(head.size());
        write_file(paths.back(), text + "\n");
    }
    std::atomic<bool> stop{false};
    std::set<std::string> deleted;
    std::thread vandal([&] {
        // From the last file back, so it meets tpmindex (which goes in path order) halfway.
        for (int i = kFiles - 1; i >= 0 && !stop; --i) {
            if (i % 3 == 0) {
                fs::remove(paths[static_cast<std::size_t>(i)]);
                deleted.insert(paths[static_cast<std::size_t>(i)].string());
            } else if (i % 3 == 1) {
                fs::resize_file(paths[static_cast<std::size_t>(i)],
                                keep[static_cast<std::size_t>(i)]);
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
    });
    const ProcessResult r = tpmindex({notes_.string()});
    stop = true;
    vandal.join();
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(first_unsafe(r.err), "");
    std::set<std::string> seen;
    for (const std::string& line : lines_of(r.err)) {
        EXPECT_TRUE(line.starts_with(kWarning)) << line;
        EXPECT_TRUE(seen.insert(line).second) << "reported twice: " << line;
        EXPECT_TRUE(line.find("cannot be read (No such file or directory); skipped") !=
                        std::string::npos ||
                    line.find("No such file or directory") != std::string::npos)
            << line;
    }
    Files remaining;
    for (const fs::path& p : paths) {
        if (!deleted.count(p.string())) remaining.insert(p.string());
    }
    const Files first = found("hostilemarker", 2 * kFiles);
    for (const std::string& p : remaining) {
        EXPECT_EQ(first.count(p), 1u) << p << " is not found once";
    }
    for (const std::string& p : first) {
        EXPECT_TRUE(std::find(paths.begin(), paths.end(), fs::path(p)) != paths.end()) << p;
    }
    const ProcessResult again = index_notes();
    EXPECT_EQ(found("hostilemarker", 2 * kFiles), remaining);
}

TEST_F(HostileNotes, FrontMatterThatNeverClosesIsReadAsTextAndReportedOnce) {
    const fs::path open = notes_ / "open.md";
    write_file(open, "---\ntitle: Open\nopenfrontlynx text that never ends the front matter\n");
    const ProcessResult r = index_notes();
    expect_reported_once(r, open, "1: front matter never closes; read as text");
    EXPECT_EQ(found("openfrontlynx"), Files{open.string()});
}

TEST_F(HostileNotes, DashesAloneOnTheFirstLineAreHarmless) {
    const fs::path only = notes_ / "only-dashes.md";
    write_file(only, "---\n");
    const fs::path body = notes_ / "dashes-then-body.md";
    write_file(body, "---\ndashbodyibis on the second line\n");
    const fs::path empty = notes_ / "empty-front-matter.md";
    write_file(empty, "---\n---\n# Title\n\nemptyfmtapir\n");
    const ProcessResult r = index_notes();
    expect_reported_once(r, only, "front matter never closes");
    expect_reported_once(r, body, "front matter never closes");
    expect_not_reported(r, empty);
    EXPECT_EQ(found("dashbodyibis"), Files{body.string()});
    EXPECT_EQ(found("emptyfmtapir"), Files{empty.string()});
}

TEST_F(HostileNotes, MixedLineEndingsKeepSectionsAndLineNumbers) {
    const fs::path mixed = notes_ / "mixed.md";
    // Lines: 1 "# One", 2 alpha, 3 "", 4 "# Two", 5 beta, 6 "", 7 "# Three", 8 gamma.
    write_file(mixed,
               "# One\r\nalphamixedcod\r\r# Two\rbetamixedyak\n\n# Three\ngammamixedemu\r\n");
    const ProcessResult r = index_notes();
    expect_not_reported(r, mixed);
    const auto line_of = [&](const std::string& word) {
        const ProcessResult s = tpmsearch({"--source", "notes", word});
        EXPECT_EQ(s.status, 0) << s.err;
        return s.out;
    };
    EXPECT_NE(line_of("alphamixedcod").find(mixed.string() + ":1\n"), std::string::npos);
    EXPECT_NE(line_of("betamixedyak").find(mixed.string() + ":4\n"), std::string::npos);
    EXPECT_NE(line_of("gammamixedemu").find(mixed.string() + ":7\n"), std::string::npos);
}

// A note (or its name) can hold anything; a terminal obeys ESC, CSI (also as C1 0x9B), OSC and
// BEL, so none may reach stdout or stderr raw, in text or in JSON (which escapes them).
TEST_F(HostileNotes, ControlCharactersInNotesNeverReachTheOutput) {
    const fs::path ctrl = notes_ / "ctrl.md";
    write_file(ctrl,
               "# Control \x1b[31mred\x1b[0m escctrlmarmot heading\n\n"
               "Bell\x07 backspace\x08 title\x1b]0;pwned\x07 clear\x1b[2J csi\xc2\x9b"
               "31m nel\xc2\x85 del\x7f vt\x0b ff\x0c escctrlmarmot body.\n\n"
               "- Point\x1b[1m bold\x1b[0m: escctrlmarmot item\n");
    const fs::path named = notes_ / "esc\x1b[31mname\x07.md";
    write_file(named, "# Named\n\nescnamedingo\n");
    // A bad file with a hostile name: its warning names it on stderr.
    const fs::path bad_named = notes_ / "bin\x1b]0;pwned\x07\xc2\x9b.md";
    write_file(bad_named, std::string("# B\n\0\0\n", 8));
    const ProcessResult r = index_notes();
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("binary file"), std::string::npos) << r.err;

    EXPECT_EQ(found("escctrlmarmot"), Files{ctrl.string()});
    EXPECT_EQ(found("escnamedingo"), Files{named.string()});
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"escctrlmarmot"},
                                               {"--explain", "escctrlmarmot"},
                                               {"--no-excerpts", "escctrlmarmot"},
                                               {"--json", "escctrlmarmot"},
                                               {"--json", "--explain", "escctrlmarmot"},
                                               {"escnamedingo"},
                                               {"--json", "escnamedingo"}}) {
        SCOPED_TRACE(args.back() + (args.size() > 1 ? " " + args.front() : ""));
        const ProcessResult s = tpmsearch(args);
        TPM_EXPECT_FINISHED(s);
        EXPECT_EQ(s.status, 0) << s.err;
        EXPECT_EQ(first_unsafe(s.out), "") << s.out;
        EXPECT_EQ(first_unsafe(s.err), "") << s.err;
    }
    // The whole section, by its id, as text and JSON; the JSON keeps the text, escaped.
    const ProcessResult j = tpmsearch({"--json", "--source", "notes", "escctrlmarmot"});
    const nlohmann::json parsed = nlohmann::json::parse(j.out);
    const std::string id = parsed.at("hits").at(0).at("id");
    EXPECT_NE(j.out.find("\\u001b[31mred"), std::string::npos) << j.out;
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"show", id}, {"--json", "show", id}}) {
        SCOPED_TRACE(args.front());
        const ProcessResult s = tpmsearch(args);
        EXPECT_EQ(s.status, 0) << s.err;
        EXPECT_EQ(first_unsafe(s.out), "") << s.out;
        EXPECT_NE(s.out.find("escctrlmarmot body"), std::string::npos) << s.out;
    }
}

TEST_F(HostileNotes, IllFormedUtf8InAFileNameIsPrintedAsReplacement) {
    const fs::path bad_name = notes_ / "bad\xff\xfename.md";
    write_file(bad_name, "# Badname\n\nbadnamegecko\n");
    const ProcessResult r = index_notes();
    EXPECT_TRUE(r.err.empty()) << r.err;
    const ProcessResult text = tpmsearch({"--source", "notes", "badnamegecko"});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("bad\xef\xbf\xbd\xef\xbf\xbdname.md"), std::string::npos) << text.out;
    // In JSON too, and the document stays valid JSON.
    EXPECT_EQ(found("badnamegecko").size(), 1u);
}

TEST_F(HostileNotes, RightToLeftAndCombiningTextIsSearchableAndPrintedIntact) {
    const std::string arabic = "التخطيط للمشروع يبدأ بتحديد أصحاب المصلحة.";
    const std::string hebrew = "תכנון הפרויקט מתחיל בזיהוי בעלי העניין.";
    // Decomposed accents (e + U+0301) and a letter under a stack of combining marks.
    const std::string combining =
        "The re\xcc\x81sume\xcc\x81 of Z\xcc\xa4\xcd\x94\xcd\xa7\xcc\x91"
        "a\xcc\x88\xcd\x96\xcc\xad\xcc\x88\xcc\x87 combiningnarwhal.";
    write_file(notes_ / "arabic.md", "# ملاحظات المقابلة\n\n" + arabic + "\n");
    write_file(notes_ / "hebrew.md", "# הערות ראיון\n\n" + hebrew + "\n");
    write_file(notes_ / "combining.md", "# Cafe\xcc\x81 notes\n\n" + combining + "\n");
    const ProcessResult r = index_notes();
    EXPECT_TRUE(r.err.empty()) << r.err;
    struct Case {
        std::string query;
        fs::path file;
        std::string printed;
    };
    const Case cases[] = {
        {"التخطيط", notes_ / "arabic.md", arabic},
        {"المصلحة", notes_ / "arabic.md", "ملاحظات المقابلة"},
        {"הפרויקט", notes_ / "hebrew.md", hebrew},
        {"combiningnarwhal", notes_ / "combining.md", combining},
        // Precomposed and unaccented queries find the decomposed text.
        {"r\xc3\xa9sum\xc3\xa9", notes_ / "combining.md", combining},
        {"resume", notes_ / "combining.md", "Cafe\xcc\x81 notes"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.query);
        EXPECT_EQ(found(c.query), Files{c.file.string()});
        const ProcessResult text = tpmsearch({"--source", "notes", c.query});
        EXPECT_NE(text.out.find(c.printed), std::string::npos) << text.out;
        const ProcessResult json = tpmsearch({"--json", "--source", "notes", c.query});
        EXPECT_NE(json.out.find(c.printed), std::string::npos) << json.out;
    }
}

}  // namespace
}  // namespace tpm
