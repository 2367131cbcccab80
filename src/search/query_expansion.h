// search/query_expansion.h: what the vocabulary pack and the taxonomy add to a plain query:
// the synonyms' alternatives (also in the question field) and a fixed boost for documents of a
// topic the query names. Internal to search/: QueryBuilder::build() calls them.
// May include model/, text/, topics/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

class SynonymExpander;
class Taxonomy;

namespace detail {

// What the vocabulary pack adds to a plain query whose words stem to `stems`.
struct SynonymAlternatives {
    Xapian::Query anywhere;          // the alternatives as phrases of stems, in any text field
    Xapian::Query in_question;       // the same in the question field; both empty when none
    std::vector<std::string> stems;  // every stem of the alternatives, to highlight
    // Each expansion in one line ("canari rollback -> ..."), for --explain.
    std::vector<std::string> described;
    std::optional<Diagnostic> capped;  // what the vocabulary's cap left out (expand())
};

SynonymAlternatives synonym_alternatives(const SynonymExpander& synonyms,
                                         const std::vector<std::string>& stems);

// A fixed weight for the documents of each topic whose id or alias the query's `stems` name,
// when that name is what the query is about (at least half its `query_words`, the words that
// are not stop words), to OR with the query; an empty query when it names none.
Xapian::Query topic_boost(const Taxonomy& taxonomy, const std::vector<std::string>& stems,
                          std::size_t query_words);

}  // namespace detail
}  // namespace tpm
