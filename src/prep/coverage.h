// prep/coverage.h: which shipped questions the user's notes cover (tpmsearch coverage). A
// question is covered explicitly when a note section says it answers it (front matter
// `answers: [Q7]` or a `[[Q7]]` link: Document::answers), or by similarity when one of its most
// similar note sections (search/similar.h, the "Your notes" of `show`) holds at least
// kCoverageThreshold of the question's characteristic vocabulary (Hit::similarity) and has the
// question among its own most similar shipped questions. May include model/, search/, topics/,
// store/schema.h and Xapian.
#pragma once

#include <xapian.h>

#include "model/coverage.h"
#include "search/searcher.h"

namespace tpm {

// The share of a question's characteristic vocabulary (by weight) that a note must hold to
// cover it, when the question is also among the note's own most similar questions (the note is
// about it, not only long enough to hold its words). Calibrated in bench/README.md ("Coverage
// threshold"): a note written about a question holds 0.4 and more, a note on a neighbouring
// subject of the same topic about 0.2 to 0.25; a false "covered" costs a candidate more than a
// false gap, so the threshold sits above the neighbours.
inline constexpr double kCoverageThreshold = 0.30;

// Every shipped question with the notes that cover it, and per topic how many of its questions
// are covered, weakest topic first: the lowest share covered, then the most questions left
// uncovered, then by id. Topics no shipped question carries are left out. Throws
// tpm::Error(index_corrupt) when the index cannot be read.
CoverageReport coverage_report(const Xapian::Database& db, const Searcher& searcher,
                               double threshold = kCoverageThreshold);

}  // namespace tpm
