#include "output/line_printer.h"

#include <set>
#include <string>

#include "text/printable.h"

namespace tpm {

namespace {

// One line of output: control characters (a newline in a title included) are neutralised.
std::string one_line(std::string_view s) { return text::printable(s, text::Controls::neutralise); }

}  // namespace

void print_files(std::ostream& out, const SearchResults& results) {
    std::set<std::string> printed;
    for (const Hit& hit : results.hits) {
        if (hit.related || !printed.insert(hit.doc.source).second) continue;
        out << one_line(hit.doc.source) << '\n';
    }
}

void print_lines(std::ostream& out, const SearchResults& results) {
    for (const Hit& hit : results.hits) {
        if (hit.related) continue;
        out << one_line(hit.doc.source) << ':' << hit.doc.line << ": " << one_line(hit.doc.id)
            << "  " << one_line(hit.doc.title) << '\n';
    }
}

}  // namespace tpm
