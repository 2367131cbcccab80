// search/explain.h: for --explain, which fields of a hit hold the query terms it matched, and
// how much each part of the query added to its score.
// May include model/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "model/hit.h"
#include "search/query_builder.h"

namespace tpm {

// For each text term of `matching` (as Enquire::get_matching_terms gives them: "Zcanari",
// "ZScanari", "canary"), the word or stem and the fields of `doc` that hold it ("question",
// "answer", "point", "example", "why"; "body" for a note's text under its heading, which has
// no field copy), once per word, in query order. Filters are left out.
std::vector<TermMatch> matched_fields(const Xapian::Document& doc,
                                      const std::vector<std::string>& matching);

// For each of `docs` (docids of `db`, with their id terms in `id_terms`, schema::id_term), the
// weight each of `parts` gives it, in the order of `parts`; a part that does not match a
// document is left out of its list. The parts of a query add up to its weight
// (BuiltQuery::parts), so these say which mechanism put a hit where it is.
std::vector<std::vector<Contribution>> part_contributions(const Xapian::Database& db,
                                                          const std::vector<QueryPart>& parts,
                                                          const std::vector<Xapian::docid>& docs,
                                                          const std::vector<std::string>& id_terms);

}  // namespace tpm
