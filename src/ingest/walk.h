// ingest/walk.h: finds the note files under a folder the user registered, the way ripgrep
// walks a tree: hidden entries, .git and node_modules are skipped, symlinks are followed without
// looping and within a bound (walk_notes()), files over a size limit are skipped with a reason.
// Only .md, .markdown, .mdx and .txt files are notes; other files are ignored without a word
// (images, PDFs, code).
// May include model/ and text/; std::filesystem errors are translated here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

struct WalkOptions {
    std::uintmax_t max_file_bytes = 10u * 1024u * 1024u;  // larger files are skipped
};

struct FoundFile {
    std::filesystem::path path;  // as reached from the root (lexically absolute, not resolved)
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
    bool markdown = false;      // .md, .markdown, .mdx (else .txt, or a root file of another name)
};

struct WalkResult {
    std::vector<FoundFile> files;     // sorted by path, each real file once
    std::vector<Diagnostic> skipped;  // one per skipped file or folder, with the reason
};

// Walks `root` (a folder, or a single file, which is taken whatever its extension, as ripgrep
// searches a file it is named). `root` should be absolute; a relative one is made absolute
// against the working directory. A root that does not exist or cannot be read throws
// tpm::Error(io) naming it; anything below it that cannot be read (an unreadable folder, a
// broken symlink) or is too large is a Diagnostic (path, line 0, reason) and the walk goes on.
// A symlink is followed; a folder reached twice (a loop, or two links to one place) is walked
// once and the second link reported; a file reached twice is listed once, by its real path
// when it has one inside the tree. Reads no file contents: one listing per folder and a stat
// per folder and note file.
// The walk stays within a bound, each stop a Diagnostic: it enters no folder on another file
// system than the root (a mount point, or a link to another disk), and follows no link to a
// folder that holds the root (a link up the tree) or to a system folder (system_folder()). A
// root that is a system folder, or `/` itself, throws tpm::Error(io).
WalkResult walk_notes(const std::filesystem::path& root, const WalkOptions& options = {});

// Why the resolved path `canonical` is never walked for notes: "/" itself, or inside /proc,
// /sys or /dev (pseudo file systems whose links lead everywhere); "" for any other path.
std::string system_folder(const std::filesystem::path& canonical);

// True for a path whose extension makes it a note file (.md .markdown .mdx .txt, any case).
bool is_note_file(const std::filesystem::path& path);

}  // namespace tpm
