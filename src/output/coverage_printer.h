// output/coverage_printer.h: tpmsearch coverage for a person: how many shipped questions the
// notes cover, each topic's share (weakest first), the questions not covered under their
// weakest topic, and the covered ones with the notes that cover them. Renders only.
// May include model/ and text/.
#pragma once

#include <ostream>

#include "model/coverage.h"
#include "output/text_printer.h"

namespace tpm {

void print_coverage(std::ostream& out, const CoverageReport& report, const TextStyle& style);

}  // namespace tpm
