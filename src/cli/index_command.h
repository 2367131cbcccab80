// cli/index_command.h: the tpmindex command, and building the shipped corpus index, which
// tpmsearch also does on its first run (CLI11 examples/subcom_in_files).
#pragma once

#include <xapian.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cli/paths.h"
#include "model/diagnostic.h"
#include "store/index_writer.h"

namespace tpm::cli {

struct IndexOptions {
    std::string index;   // --index DIR; empty: the default index/ (or, with paths, the notes index)
    std::string corpus;  // --corpus DIR; empty: the shipped corpus/
    std::vector<std::string> paths;  // notes folders or files to add and index
    bool list = false;               // --list
    std::string remove;              // --remove PATH
    double max_size_mb = 10.0;       // --max-size: larger note files are skipped
    bool quiet = false;
    bool no_wait = false;  // --no-wait: fail at once while another tpmindex writes the index
};

void setup_index(CLI::App& app, IndexOptions& options);

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

// True when `db` was built from the corpus files now in `corpus_dir` (names, sizes and
// modification times, as corpus_fingerprint() sees them).
bool corpus_index_current(const Xapian::Database& db, const std::filesystem::path& corpus_dir);

// Runs tpmindex: summary on `out`, warnings and errors on `err`. Returns 0 (warnings allowed),
// 2 on error, or 130 when SIGINT or SIGTERM stopped the notes indexing between two files (what
// was done is committed; a second signal ends the process at once, and Xapian's atomic commits
// keep the index at its last commit).
int run_index(const IndexOptions& options, const Environment& env, std::ostream& out,
              std::ostream& err);

// The whole tpmindex program on an argument vector (args[0] is the program name).
int tpmindex_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                  std::ostream& err);

}  // namespace tpm::cli
