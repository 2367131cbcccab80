// search/query_expansion.h: what the vocabulary pack and the taxonomy add to a plain query:
// the synonyms' alternatives (also in the question field) and a fixed boost for documents of a
// topic the query names. Internal to search/: QueryBuilder::build() calls them.
// May include model/, text/, topics/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search/query_builder.h"

namespace tpm {

class SynonymExpander;
class Taxonomy;

namespace detail {

// ORs the vocabulary's alternatives for `stems` into built.matching and `in_question` (as
// phrases of stems), adds their stems to built.terms for highlighting and describes each
// expansion in built.expansions ("canari rollback -> ...").
void add_synonyms(const SynonymExpander& synonyms, const std::vector<std::string>& stems,
                  BuiltQuery& built, Xapian::Query& in_question);

// `matching` ORed with a fixed weight for the documents of each topic whose id or alias the
// query's `stems` name; `matching` itself when it names none.
Xapian::Query add_topic_boost(const Taxonomy& taxonomy, const std::vector<std::string>& stems,
                              const Xapian::Query& matching);

}  // namespace detail
}  // namespace tpm
