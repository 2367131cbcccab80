// cli/coverage_command.h: `tpmsearch coverage`: which shipped questions the user's notes cover
// (prep/coverage.h), printed for a person or as JSON.
#pragma once

#include <xapian.h>

#include <ostream>

#include "cli/environment.h"
#include "cli/search_command.h"
#include "search/searcher.h"

namespace tpm::cli {

// Prints the coverage report of `db`; status 0, whatever it finds (a report with no notes says
// so and how to add some).
int run_coverage(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                 const Environment& env, std::ostream& out);

}  // namespace tpm::cli
