// index/notes_indexer.h: keeping the personal notes index in step with the user's folders: walk
// each registered folder, skip what did not change (size and modification time, then a content
// hash), and re-parse, re-tag and replace the rest one file at a time (store/notes_writer.h).
// Never writes anywhere but the index folder.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/walk.h"
#include "model/diagnostic.h"
#include "topics/taxonomy.h"

namespace tpm {

struct NotesReport {
    std::size_t added = 0;      // files indexed for the first time
    std::size_t changed = 0;    // files re-indexed
    std::size_t removed = 0;    // files gone from the folders (or from a removed folder)
    std::size_t unchanged = 0;  // files skipped because they did not change
    std::size_t skipped = 0;    // files that could not be indexed (binary, too large, ...)
    std::size_t converted = 0;  // files read from another encoding than UTF-8
    std::size_t documents = 0;  // sections written for added and changed files
    std::vector<Diagnostic> diagnostics;  // one per skipped or converted file, and parse problems
    double seconds = 0.0;
    // Stopped by NotesIndexOptions::stop before every file was seen: the files done are committed,
    // the others keep their old state until the next run.
    bool interrupted = false;
    // An interrupted --remove: how many of the folder's files are still in the index.
    std::size_t remaining = 0;
};

// Called after each file with how many of `total` are done, for a progress bar.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

struct NotesIndexOptions {
    std::filesystem::path index_dir;
    const Taxonomy* taxonomy = nullptr;  // tags the sections; may be empty
    WalkOptions walk;
    Progress progress;  // may be empty
    // When it becomes true (a signal handler sets it), indexing stops at the next file
    // boundary, commits what is done and reports NotesReport::interrupted. May be null.
    const std::atomic<bool>* stop = nullptr;
    // Another tpmindex writing the index: wait for it (calling `waiting` once, first) or fail
    // at once with tpm::Error(index_locked).
    bool wait_for_lock = true;
    std::function<void()> waiting;  // may be empty
    // Called once the index is open for writing (its lock held), before any file is read. Until
    // then there is nothing to stop cleanly, so a signal may as well end the process. May be
    // empty.
    std::function<void()> writing;
};

// Registers `roots` (absolute paths, registered resolved: a folder reached through a symlink,
// or registered before under another spelling, is registered once) and brings them up to
// date. Throws tpm::Error when the index cannot be written, or when a root does not exist, is
// neither a folder nor a file, is a system folder or `/` (ingest/walk.h) or cannot be read: no
// root is registered then.
// An empty `roots` refreshes every registered folder; one that is missing, cannot be walked or
// is registered twice is a diagnostic naming tpmindex --remove, its notes are kept, and the
// others are refreshed.
NotesReport update_notes(const NotesIndexOptions& options, const std::vector<std::string>& roots);

// Unregisters `root` (as registered, or any spelling of the same folder) and removes every
// document found under it. Throws tpm::Error(not_found) when it is not registered. Once
// options.stop is set it stops between two files and reports `interrupted` and how many files
// remain: the folder stays registered until a later call removes them all.
NotesReport remove_notes_root(const NotesIndexOptions& options, const std::string& root);

struct RootSummary {
    std::string root;
    std::size_t files = 0;
    std::size_t documents = 0;
};

// The registered folders with their counts, in registration order (empty when there is no
// notes index yet).
std::vector<RootSummary> list_notes_roots(const std::filesystem::path& index_dir);

// The folders registered in the notes index in `index_dir`: from its tables when they can be
// read, else from the registry file beside them (store/notes_registry.h). nullopt when neither
// says (no index was ever made there, or both are gone).
std::optional<std::vector<std::string>> registered_notes_roots(
    const std::filesystem::path& index_dir);

// Rebuilds the notes index in options.index_dir from every registered folder (as
// registered_notes_roots() finds them) into a new folder beside it, and swaps it in for the
// old one, which may be damaged or missing: readers keep working meanwhile. An interrupted
// rebuild leaves the old index as it was. Throws tpm::Error(not_found) when no folder is
// registered, and like update_notes() and rebuild_index().
NotesReport rebuild_notes(const NotesIndexOptions& options);

}  // namespace tpm
