// index/corpus_indexer.h: building the shipped corpus index, which tpmindex does and tpmsearch
// also does on its first run. Kept apart from the tpmindex command so that tpmsearch does not
// link the notes indexer (and libmd4c with it): every shared library costs each search its
// loading and relocations (README, Speed).
#pragma once

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "store/index_writer.h"

namespace tpm {

struct IndexReport {
    std::size_t files = 0;
    std::size_t documents = 0;
    WriteStats stats;
    std::vector<Diagnostic> diagnostics;
    double seconds = 0.0;
};

// Indexes every Q&A document in `corpus_dir` into `index_dir` in one transaction, removing
// documents no longer in the corpus, and records the corpus fingerprint. Sources are shown as
// `display_dir`/file. Throws tpm::Error when the corpus cannot be read or the index written.
// `wait_for_lock`: wait while another writer holds the index, or throw tpm::Error(index_locked).
IndexReport build_corpus_index(const std::filesystem::path& corpus_dir,
                               const std::string& display_dir,
                               const std::filesystem::path& index_dir, bool wait_for_lock = true);

// Builds the index of `corpus_dir` into a new folder beside `index_dir` and swaps it in for the
// old one (store/index_repair.h): readers keep working meanwhile, and a damaged index is
// replaced, not written into. `patience`: how long to wait for another writer's lock before
// throwing tpm::Error(index_locked), when not `wait_for_lock`. `still_needed`, when given, is
// asked once the lock is held (another process may have rebuilt the index meanwhile); false
// skips the rebuild and returns an empty report. Throws tpm::Error like build_corpus_index, and
// io when the new folder cannot be made or swapped in (the old index is then left as it was).
IndexReport rebuild_corpus_index(const std::filesystem::path& corpus_dir,
                                 const std::string& display_dir,
                                 const std::filesystem::path& index_dir, bool wait_for_lock,
                                 const std::function<void()>& waiting = {},
                                 std::chrono::milliseconds patience = {},
                                 const std::function<bool()>& still_needed = {});

// True when `db` was built from the corpus files now in `corpus_dir` (names, sizes and
// modification times, as corpus_fingerprint() sees them) by a build that makes terms the same
// way (store/database.h index_terms_current()).
bool corpus_index_current(const Xapian::Database& db, const std::filesystem::path& corpus_dir);

}  // namespace tpm
