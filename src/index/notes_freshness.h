// index/notes_freshness.h: bringing the notes index up to date before a search answers. A stat
// walk of the registered folders is compared with the state recorded per file (size,
// modification time, folder); only when something differs is the index opened for writing and
// refreshed by update_notes(), with its per-file transactions. A search never waits for that:
// a locked or read-only index, or a walk over its time budget, leaves the index as it is and
// says how many files changed.
// May include model/, text/, topics/, ingest/, store/, Xapian.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "index/notes_indexer.h"
#include "model/diagnostic.h"

namespace tpm {

// How many files of the registered folders differ from what the notes index recorded of them.
struct NotesChanges {
    std::size_t changed = 0;  // added, modified or removed files
    std::chrono::steady_clock::duration walk_time{};
};

// Compares a stat walk of every folder registered in the notes index in `index_dir` with the
// recorded file states; reads no note. A folder that is missing or cannot be walked is not
// counted (update_notes() keeps its notes too). No notes index: nothing changed. Throws
// tpm::Error when the index cannot be read, and Error(schema_mismatch) when another schema
// version built it.
NotesChanges notes_changes(const std::filesystem::path& index_dir, const WalkOptions& walk = {});

struct NotesFreshness {
    enum class State {
        current,    // nothing had changed
        refreshed,  // the changed files were indexed again
        stale,      // files changed and the index was left as it was (`why`)
    } state = State::current;
    std::size_t changed = 0;  // files that differed from the index before the refresh
    std::string why;          // stale: locked by another tpmindex, read-only, over budget...
    std::size_t indexed = 0;  // refreshed: files added, changed or removed in the index
    std::vector<Diagnostic> diagnostics;  // refreshed: what update_notes() reported
};

// What a search may spend on bringing notes up to date before it answers (bench/README.md,
// "Freshness check"): checking 1,000 unchanged files takes under 10 ms, so a walk over
// kRefreshWalkBudget means folders far larger than notes usually are, and more than
// kRefreshMaxFiles changed files is a job for tpmindex.
inline constexpr std::chrono::milliseconds kRefreshWalkBudget{250};
inline constexpr std::size_t kRefreshMaxFiles = 50;

// Refreshes the notes index in options.index_dir when `changes` (notes_changes() of it) has
// anything, without waiting for the write lock (options.wait_for_lock is ignored). It is left
// stale when the walk took longer than `budget`, when more than `max_files` files changed (indexing
// them is tpmindex's work, with its progress bar), when another writer holds the lock, or when the
// index cannot be written. Never throws for those; throws tpm::Error when the index cannot
// be read at all.
NotesFreshness refresh_changed_notes(const NotesIndexOptions& options, const NotesChanges& changes,
                                     std::chrono::milliseconds budget = kRefreshWalkBudget,
                                     std::size_t max_files = kRefreshMaxFiles);

}  // namespace tpm
