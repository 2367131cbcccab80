#include "ingest/walk.h"

#include <grp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "model/error.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

using test::TempDir;
using test::write_file;

// The found files' paths relative to `root`, in the order walk_notes gave them.
std::vector<std::string> relative_paths(const WalkResult& result, const fs::path& root) {
    std::vector<std::string> out;
    for (const FoundFile& f : result.files) out.push_back(f.path.lexically_relative(root).string());
    return out;
}

// The diagnostics as "relative path: message".
std::vector<std::string> relative_skips(const WalkResult& result, const fs::path& root) {
    std::vector<std::string> out;
    for (const Diagnostic& d : result.skipped) {
        EXPECT_EQ(d.line, 0);
        out.push_back(fs::path(d.path).lexically_relative(root).string() + ": " + d.message);
    }
    return out;
}

using Strings = std::vector<std::string>;

TEST(Walk, FindsNotesInNestedFoldersSortedByPath) {
    const TempDir dir;
    write_file(dir / "b.md", "# b\n");
    write_file(dir / "a/z.txt", "z\n");
    write_file(dir / "a/b/c.MD", "# c\n");
    write_file(dir / "A.Markdown", "# A\n");
    write_file(dir / "page.mdx", "# mdx\n");
    write_file(dir / "a/b/deep/er/still.md", "# deep\n");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(
        relative_paths(r, dir.path()),
        (Strings{"A.Markdown", "a/b/c.MD", "a/b/deep/er/still.md", "a/z.txt", "b.md", "page.mdx"}));
    EXPECT_EQ(relative_skips(r, dir.path()), Strings{});
}

TEST(Walk, RecordsSizeModificationTimeAndKind) {
    const TempDir dir;
    write_file(dir / "note.md", "12345");
    write_file(dir / "plain.txt", "");
    using namespace std::chrono;
    const sys_time<nanoseconds> when =
        sys_days{year{2024} / 1 / 2} + hours{3} + nanoseconds{123456789};
    fs::last_write_time(dir / "note.md", file_clock::from_sys(when));

    const WalkResult r = walk_notes(dir.path());
    ASSERT_EQ(r.files.size(), 2u);
    EXPECT_EQ(r.files[0].path, dir / "note.md");
    EXPECT_EQ(r.files[0].size, 5u);
    EXPECT_EQ(r.files[0].mtime_ns, when.time_since_epoch().count());
    EXPECT_TRUE(r.files[0].markdown);
    EXPECT_EQ(r.files[1].path, dir / "plain.txt");
    EXPECT_EQ(r.files[1].size, 0u);
    EXPECT_GT(r.files[1].mtime_ns, when.time_since_epoch().count());
    EXPECT_FALSE(r.files[1].markdown);
}

TEST(Walk, SkipsHiddenEntriesGitAndNodeModulesSilently) {
    const TempDir dir;
    write_file(dir / "keep.md", "x");
    write_file(dir / ".hidden.md", "x");
    write_file(dir / ".obsidian/workspace.md", "x");
    write_file(dir / ".git/HEAD.md", "x");
    write_file(dir / "node_modules/pkg/README.md", "x");
    write_file(dir / "sub/node_modules/README.md", "x");
    write_file(dir / "sub/.trash/old.md", "x");
    write_file(dir / "sub/keep.txt", "x");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), (Strings{"keep.md", "sub/keep.txt"}));
    EXPECT_EQ(relative_skips(r, dir.path()), Strings{});
}

TEST(Walk, IgnoresFilesThatAreNotNotesSilently) {
    const TempDir dir;
    write_file(dir / "image.png", "\x89PNG\r\n\x1A\n");
    write_file(dir / "paper.pdf", "%PDF");
    write_file(dir / "Makefile", "all:");
    write_file(dir / "notes.md.bak", "x");
    write_file(dir / "md", "x");
    write_file(dir / "note.md", "x");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{"note.md"});
    EXPECT_EQ(relative_skips(r, dir.path()), Strings{});
}

TEST(Walk, SkipsFilesOverTheLimitWithReason) {
    const TempDir dir;
    write_file(dir / "small.md", std::string(100, 'x'));
    write_file(dir / "big.md", std::string(150, 'x'));
    write_file(dir / "edge.md", std::string(101, 'x'));
    const WalkResult r = walk_notes(dir.path(), WalkOptions{.max_file_bytes = 100});
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{"small.md"});
    EXPECT_EQ(relative_skips(r, dir.path()),
              (Strings{"big.md: larger than the 100 bytes limit (150 bytes); skipped",
                       "edge.md: larger than the 100 bytes limit (101 bytes); skipped"}));
}

TEST(Walk, NamesTheDefaultLimitInMegabytes) {
    const TempDir dir;
    write_file(dir / "huge.md", "");
    // A sparse file: the size is real, the 12 MB are never written.
    fs::resize_file(dir / "huge.md", 12'900'000);
    write_file(dir / "just-over.md", "");
    fs::resize_file(dir / "just-over.md", 10 * 1024 * 1024 + 1);
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{});
    EXPECT_EQ(relative_skips(r, dir.path()),
              (Strings{"huge.md: larger than the 10 MB limit (12.3 MB); skipped",
                       "just-over.md: larger than the 10 MB limit (10485761 bytes); skipped"}));
}

TEST(Walk, FollowsSymlinksToFilesAndFoldersOutsideTheTree) {
    const TempDir dir;
    const TempDir elsewhere;
    write_file(dir / "notes/own.md", "x");
    write_file(elsewhere / "shared.md", "x");
    write_file(elsewhere / "folder/inner.txt", "x");
    fs::create_symlink(elsewhere / "shared.md", dir / "notes/shared-link.md");
    fs::create_directory_symlink(elsewhere / "folder", dir / "notes/linked");
    const WalkResult r = walk_notes(dir / "notes");
    EXPECT_EQ(relative_paths(r, dir / "notes"),
              (Strings{"linked/inner.txt", "own.md", "shared-link.md"}));
    EXPECT_EQ(relative_skips(r, dir / "notes"), Strings{});
}

TEST(Walk, ListsAFileReachedTwiceOnceByItsRealPath) {
    const TempDir dir;
    write_file(dir / "sub/real.md", "x");
    // Both links sort before their targets, so it is not listing order that keeps real paths.
    fs::create_symlink("sub/real.md", dir / "a-link.md");
    fs::create_directory_symlink("sub", dir / "a-folder-link");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{"sub/real.md"});
    const fs::path canonical_sub = fs::canonical(dir / "sub");
    EXPECT_EQ(relative_skips(r, dir.path()),
              Strings{"a-folder-link: symlink loop or second link to " + canonical_sub.string() +
                      "; walked once"});
}

TEST(Walk, WalksASymlinkLoopOnce) {
    const TempDir dir;
    write_file(dir / "top.md", "x");
    write_file(dir / "dir/inner.md", "x");
    fs::create_directory_symlink("..", dir / "dir/link");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), (Strings{"dir/inner.md", "top.md"}));
    const fs::path canonical_root = fs::canonical(dir.path());
    EXPECT_EQ(relative_skips(r, dir.path()), Strings{"dir/link: symlink loop or second link to " +
                                                     canonical_root.string() + "; walked once"});
}

TEST(Walk, WalksTwoLinksToOneFolderOnce) {
    const TempDir dir;
    const TempDir elsewhere;
    write_file(elsewhere / "shared/one.md", "x");
    fs::create_directory_symlink(elsewhere / "shared", dir / "first");
    fs::create_directory_symlink(elsewhere / "shared", dir / "second");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{"first/one.md"});
    EXPECT_EQ(relative_skips(r, dir.path()),
              Strings{"second: symlink loop or second link to " +
                      fs::canonical(elsewhere / "shared").string() + "; walked once"});
}

TEST(Walk, ReportsBrokenAndSelfReferringSymlinksAndGoesOn) {
    const TempDir dir;
    write_file(dir / "ok.md", "x");
    fs::create_symlink("missing.md", dir / "dangling.md");
    fs::create_directory_symlink(dir / "gone", dir / "dangling-folder");
    fs::create_symlink("ping", dir / "pong");
    fs::create_symlink("pong", dir / "ping");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()), Strings{"ok.md"});
    const std::string eloop =
        std::make_error_code(std::errc::too_many_symbolic_link_levels).message();
    EXPECT_EQ(
        relative_skips(r, dir.path()),
        (Strings{"dangling-folder: broken symlink to " + (dir / "gone").string() + "; skipped",
                 "dangling.md: broken symlink to missing.md; skipped",
                 "ping: cannot follow symlink: " + eloop + "; skipped",
                 "pong: cannot follow symlink: " + eloop + "; skipped"}));
}

// Root reads every folder whatever its permissions (and CI runs as root), so there the walk
// runs in a child that has given up root for the unprivileged "nobody" (uid 65534) first.
TEST(Walk, ReportsAnUnreadableFolderAndGoesOn) {
    const TempDir dir;
    write_file(dir / "ok.md", "x");
    write_file(dir / "locked/secret.md", "x");
    fs::permissions(dir.path(),
                    fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(dir / "ok.md", fs::perms::owner_all | fs::perms::others_read);
    fs::permissions(dir / "locked", fs::perms::none);
    const auto check = [&] {
        std::error_code ec;
        fs::directory_iterator probe(dir / "locked", ec);
        EXPECT_TRUE(ec) << "the folder is readable: the case is not real";
        const WalkResult r = walk_notes(dir.path());
        EXPECT_EQ(relative_paths(r, dir.path()), Strings{"ok.md"});
        EXPECT_EQ(relative_skips(r, dir.path()),
                  Strings{"locked: cannot read folder: " + ec.message() + "; skipped"});
    };
    if (geteuid() != 0) {
        check();
    } else {
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0) _exit(3);
            check();
            _exit(::testing::Test::HasFailure() ? 1 : 0);
        }
        int status = 0;
        waitpid(child, &status, 0);
        EXPECT_TRUE(WIFEXITED(status)) << "the child died";
        EXPECT_EQ(WEXITSTATUS(status), 0) << "see the child's failures above (3: cannot drop root)";
    }
    fs::permissions(dir / "locked", fs::perms::owner_all);  // so TempDir can remove it
}

TEST(Walk, AcceptsASingleFileAsRoot) {
    const TempDir dir;
    write_file(dir / "one.md", "# one\n");
    write_file(dir / "todo", "plain\n");
    write_file(dir / "other.md", "# other\n");

    WalkResult r = walk_notes(dir / "one.md");
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].path, dir / "one.md");
    EXPECT_EQ(r.files[0].size, 6u);
    EXPECT_TRUE(r.files[0].markdown);

    // A file named on its own is taken whatever its name, as plain text.
    r = walk_notes(dir / "todo");
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].path, dir / "todo");
    EXPECT_FALSE(r.files[0].markdown);

    r = walk_notes(dir / "one.md", WalkOptions{.max_file_bytes = 3});
    EXPECT_EQ(r.files.size(), 0u);
    EXPECT_EQ(relative_skips(r, dir.path()),
              Strings{"one.md: larger than the 3 bytes limit (6 bytes); skipped"});
}

TEST(Walk, RootMayBeASymlinkOrHidden) {
    const TempDir dir;
    write_file(dir / ".notes/a.md", "x");
    fs::create_directory_symlink(dir / ".notes", dir / "link");
    EXPECT_EQ(relative_paths(walk_notes(dir / ".notes"), dir / ".notes"), Strings{"a.md"});
    EXPECT_EQ(relative_paths(walk_notes(dir / "link"), dir / "link"), Strings{"a.md"});
}

TEST(Walk, MissingRootThrowsIoNamingIt) {
    const TempDir dir;
    fs::create_symlink("nowhere", dir / "broken");
    for (const fs::path& root : {dir / "missing", dir / "missing/deeper", dir / "broken"}) {
        SCOPED_TRACE(root.string());
        try {
            walk_notes(root);
            ADD_FAILURE() << "no exception";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::io);
            EXPECT_NE(std::string(e.what()).find(root.string()), std::string::npos) << e.what();
        }
    }
}

TEST(Walk, ListsEachFileOnceUnderManyLinks) {
    const TempDir dir;
    for (int i = 0; i < 5; ++i) write_file(dir / ("d" + std::to_string(i)) / "n.md", "x");
    fs::create_directory_symlink(".", dir / "d0/self");
    fs::create_directory_symlink("../d1", dir / "d0/sibling");
    fs::create_directory_symlink(dir.path(), dir / "d4/root");
    fs::create_symlink("../d2/n.md", dir / "d3/alias.md");
    const WalkResult r = walk_notes(dir.path());
    EXPECT_EQ(relative_paths(r, dir.path()),
              (Strings{"d0/n.md", "d1/n.md", "d2/n.md", "d3/n.md", "d4/n.md"}));
    std::set<fs::path> unique;
    for (const FoundFile& f : r.files) unique.insert(fs::canonical(f.path));
    EXPECT_EQ(unique.size(), r.files.size());
    EXPECT_EQ(r.skipped.size(), 3u);  // self, sibling and root: folders walked already
}

// The walk's bound: one link to / or /proc made tpmindex walk the whole machine.
TEST(Walk, FollowsNoLinkUpTheTreeToAnotherFileSystemOrToASystemFolder) {
    const TempDir dir;
    const fs::path root = fs::canonical(dir.path()) / "notes";
    write_file(root / "a.md", "x");
    write_file(dir / "beside" / "b.md", "x");
    fs::create_directory_symlink("/", root / "everything");
    fs::create_directory_symlink("/proc", root / "processes");
    fs::create_directory_symlink(dir.path(), root / "up");
    fs::create_directory_symlink(dir / "beside", root / "beside");  // an ordinary link
    const WalkResult r = walk_notes(root);
    EXPECT_EQ(relative_paths(r, root), (Strings{"a.md", "beside/b.md"}));
    EXPECT_EQ(relative_skips(r, root),
              (Strings{"everything: symlink to /, which holds the notes folder; not followed",
                       "processes: symlink to /proc, on another file system than the notes "
                       "folder; not followed",
                       "up: symlink to " + fs::canonical(dir.path()).string() +
                           ", which holds the notes folder; not followed"}));
}

TEST(Walk, RefusesTheWholeFileSystemAndSystemFoldersAsRoots) {
    struct Case {
        const char* root;
        const char* why;
    };
    const Case cases[] = {
        {"/", "it is the whole file system (/), not a notes folder"},
        {"/proc/self", "is in /proc, which holds no notes"},
        {"/sys", "/sys is in /sys, which holds no notes"},
        {"/dev/null", "/dev/null is in /dev, which holds no notes"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.root);
        try {
            walk_notes(c.root);
            ADD_FAILURE() << "walked";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::io);
            EXPECT_NE(std::string(e.what()).find(c.why), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(system_folder("/procedures"), "");
    EXPECT_EQ(system_folder("/home/u/dev"), "");
}

TEST(Walk, TellsNoteFilesByExtensionInAnyCase) {
    struct Case {
        const char* path;
        bool note;
    };
    const Case cases[] = {
        {"a.md", true},      {"a.MD", true},    {"a.markdown", true}, {"a.MarkDown", true},
        {"a.mdx", true},     {"a.txt", true},   {"a.TXT", true},      {"dir/x.md", true},
        {"a.md.bak", false}, {"a.png", false},  {"md", false},        {".md", false},
        {"a.mkd", false},    {"a.text", false}, {"a", false},         {"a.", false},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.path);
        EXPECT_EQ(is_note_file(c.path), c.note);
    }
}

}  // namespace
}  // namespace tpm
