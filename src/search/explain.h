// search/explain.h: for --explain, which fields of a hit hold the query terms it matched.
// May include model/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "model/hit.h"

namespace tpm {

// For each text term of `matching` (as Enquire::get_matching_terms gives them: "Zcanari",
// "ZScanari", "canary"), the word or stem and the fields of `doc` that hold it ("question",
// "answer", "point", "example", "why"; "body" for a note's text under its heading, which has
// no field copy), once per word, in query order. Filters are left out.
std::vector<TermMatch> matched_fields(const Xapian::Document& doc,
                                      const std::vector<std::string>& matching);

}  // namespace tpm
