// cli/search_command.h: the tpmsearch command: options, finding (and on first use building)
// the index, running the search and choosing the printer (CLI11 examples/subcom_in_files).
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cli/drill_command.h"
#include "cli/environment.h"
#include "cli/export_command.h"
#include "cli/pager.h"
#include "output/text_printer.h"

namespace tpm::cli {

struct SearchOptions {
    std::vector<std::string> words;   // the query, joined with spaces
    std::string index;                // --index DIR
    std::size_t limit = 0;            // -n/--limit; 0: 10 for a search, all for a topic listing
    bool json = false;                // --json
    std::string color = "auto";       // --color auto|always|never
    int width = -1;                   // --width N: wrap at N columns (0: not); -1: the terminal's
    bool all_topics = false;          // --facets: every topic of the match set in the footer
    bool pager = true;                // --pager / --no-pager: page long output on a terminal
    std::string show_id;              // `tpmsearch show ID`
    std::string similar_id;           // `tpmsearch similar ID`
    std::string open_id;              // `tpmsearch open ID|PATH[:LINE]`
    bool files = false;               // --files: each matching file once
    bool lines = false;               // --lines: "path:line: id  title" a match
    std::vector<std::string> topics;  // --topic ID (repeatable, OR'ed)
    bool list_topics = false;         // `tpmsearch topics`
    bool coverage = false;            // `tpmsearch coverage`
    bool stories = false;             // `tpmsearch stories`
    bool explain = false;             // --explain
    bool exact = false;               // --exact
    bool no_excerpts = false;         // --no-excerpts: titles and locations only
    bool no_refresh = false;          // --no-refresh: search the notes index as it is
    // --source corpus|notes; empty: both. The option and the query filter source: keep the
    // name users know; in the code "source" is always a file and this is the origin.
    std::string origin;
    ExportOptions export_sheet;  // `tpmsearch export`
    DrillOptions drill;          // `tpmsearch drill`
};

void setup_search(CLI::App& app, SearchOptions& options);

// How text is laid out for a person under `options` in `env`: colour, width, the topic footer.
// Every command's text printer takes it.
TextStyle text_style(const SearchOptions& options, const Environment& env);

// A pager for what a command is about to print, when stdout is a terminal, --no-pager was not
// given and there is a pager (Environment::pager); else none, and the output goes to stdout.
// It finishes (the user quits it) when the returned object is destroyed.
Pager page(const SearchOptions& options, const Environment& env, std::ostream& out);

// Runs a search, `show`, `similar` or `topics`: results on `out`, notices and errors on `err`.
// Returns 0 when something was found, 1 when nothing was, 2 on error (grep, ripgrep).
int run_search(const SearchOptions& options, const Environment& env, std::ostream& out,
               std::ostream& err);

// The whole tpmsearch program on an argument vector (args[0] is the program name).
int tpmsearch_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                   std::ostream& err);

}  // namespace tpm::cli
