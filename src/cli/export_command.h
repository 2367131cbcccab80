// cli/export_command.h: `tpmsearch export --topic ID | WORDS...`: a cheat sheet of the
// questions of a topic or a query with one line a point and the user's notes for each, as
// Markdown on stdout or in a file (-o), or as a printable HTML page (--format html).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/environment.h"

namespace tpm {
class CheatSheetBuilder;
}

namespace tpm::cli {

struct SearchOptions;

struct ExportOptions {
    bool requested = false;    // the export command was given
    std::string output;        // -o/--output FILE; empty: stdout
    std::string format;        // --format markdown|html; empty: from the file's name, else markdown
    std::string paper = "a4";  // --paper a4|letter: the @page size of the HTML page
    bool due = false;          // --due: the drill's questions due today
};

// Adds the export subcommand to `app`; the query words, --topic, --source and -n are the
// search's (SearchOptions), so they work before or after the command.
void setup_export(CLI::App& app, ExportOptions& options);

// Runs `export` with `options` (its words, topics, origin and limit, and options.export_sheet):
// the sheet on `out` or in the file named by -o, notices and errors on `err`. With
// `correct_spelling` false a query's words are not respelled (notes newer than their index).
// Returns 0 when the sheet holds a question, 1 when nothing matched (nothing is written), and
// 2 on error: no topic and no words, an option of searches only (--json), a file in a
// registered notes folder or one that cannot be written. Throws tpm::Error from the library
// (an unknown topic, a bad query).
// With --due, `due` holds the ids of the drill's cards due today, in order.
int run_export(const CheatSheetBuilder& builder, const SearchOptions& options,
               bool correct_spelling, const std::vector<std::string>& due, const Environment& env,
               std::ostream& out, std::ostream& err);

}  // namespace tpm::cli
