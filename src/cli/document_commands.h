// cli/document_commands.h: the commands on one document or the taxonomy: `show ID`,
// `similar ID`, `open ID` and `topics`, with the search options they take.
#pragma once

#include <xapian.h>

#include <ostream>
#include <string>

#include "cli/environment.h"
#include "cli/search_command.h"
#include "search/searcher.h"

namespace tpm::cli {

// Each returns 0 when it found what it prints, 1 when the id (or every topic) is not in the
// index, with a line on `err` (and a JSON error document with --json); `open` returns the
// editor's status, 2 when it cannot start.
int run_show(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
             const Environment& env, std::ostream& out, std::ostream& err);
int run_similar(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                const Environment& env, std::ostream& out, std::ostream& err);
int run_open(const Searcher& searcher, const SearchOptions& options, const Environment& env,
             std::ostream& out, std::ostream& err);
// `stories`: 0 when the notes hold stories, 1 when they hold none (with a hint on `err`).
int run_stories(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                const Environment& env, std::ostream& out, std::ostream& err);
int run_topics(const Searcher& searcher, const SearchOptions& options, const Environment& env,
               std::ostream& out);

}  // namespace tpm::cli
