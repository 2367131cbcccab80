#include "cli/coverage_command.h"

#include "output/coverage_printer.h"
#include "output/json_printer.h"
#include "prep/coverage.h"

namespace tpm::cli {

int run_coverage(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                 const Environment& env, std::ostream& out) {
    const CoverageReport report = coverage_report(db, searcher);
    const Pager pager = page(options, env, out);
    if (options.json) {
        print_coverage_json(out, report);
    } else {
        print_coverage(out, report, text_style(options, env));
    }
    return 0;
}

}  // namespace tpm::cli
