// cli/drill_command.h: `tpmsearch drill`: a spaced-repetition session in the terminal over the
// shipped questions and the user's own questions and stories (prep/drill_deck.h picks them,
// prep/review_schedule.h schedules them, prep/review_state.h remembers), and
// `drill --due --json` for scripts.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/environment.h"
#include "search/searcher.h"

namespace tpm::cli {

struct SearchOptions;

struct DrillOptions {
    bool requested = false;  // the drill command was given
    bool all = false;        // --all: also the cards not due yet
    bool due = false;        // --due: list the due cards instead of drilling (with --json)
    std::string kind;        // --kind question|story; empty: both
};

// The ids of the questions the drill has due today (words, --topic and --source narrowing
// them), in the order a session shows them: what export --due puts on a sheet.
std::vector<std::string> due_question_ids(const Searcher& searcher, const SearchOptions& options,
                                          const Environment& env);

// Adds the drill subcommand; the query words, --topic, --source, -n and --json are the
// search's, so they work before or after the command.
void setup_drill(CLI::App& app, DrillOptions& options);

// Runs `drill` with `options` (its words, topics, origin, limit and options.drill): a session
// on the terminal, or with --due the due cards (as JSON with --json). Returns 0 when cards were
// drilled or listed, 1 when none is due, 2 on error: not a terminal, a state file that cannot
// be read or written. Throws tpm::Error from the library (an unknown topic, a bad query).
int run_drill(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
              const Environment& env, std::ostream& out, std::ostream& err);

}  // namespace tpm::cli
