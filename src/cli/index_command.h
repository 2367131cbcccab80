// cli/index_command.h: the tpmindex command (CLI11 examples/subcom_in_files).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/environment.h"
#include "index/corpus_indexer.h"

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
    bool rebuild = false;  // --rebuild: build anew beside the old index and swap it in
};

void setup_index(CLI::App& app, IndexOptions& options);

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
