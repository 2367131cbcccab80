// search/synonyms.h: query-time expansion with the vocabulary pack. The shipped pack lives in
// the index's own synonym table, stored as the stems the index holds (store/schema.h), so a
// search looks up only the phrases of its query; a user's pack is stemmed when read. Phrases on
// both sides may have several words; they are matched on stems, so "kill switches" finds the
// entry for "kill switch", and alternatives are searched as phrases of stems, which the index
// holds with positions (STEM_SOME_FULL_POS).
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/synonym.h"

namespace tpm {

// A run of query words that a vocabulary entry names, and what else to search for it.
struct Expansion {
    std::size_t start = 0;  // the words [start, end) of the query
    std::size_t end = 0;
    std::vector<std::vector<std::string>> alternatives;  // stem sequences, none equal to the run
};

class SynonymExpander {
  public:
    // Expands with `entries` (stemmed here) and, when `db` is given, with the synonym table of
    // that index. `db` must outlive the expander.
    explicit SynonymExpander(const std::vector<SynonymEntry>& entries,
                             const Xapian::Database* db = nullptr);

    // The expansions of a query given as the stems of its words, left to right. At each word
    // the longest phrase with alternatives wins (leftmost-longest); its run is not matched
    // again. Reads the index: Xapian errors reach the caller.
    std::vector<Expansion> expand(const std::vector<std::string>& stems) const;

  private:
    std::vector<std::vector<std::string>> alternatives(const std::string& key) const;

    std::unordered_map<std::string, std::vector<std::string>> entries_;  // key -> alternatives
    const Xapian::Database* db_;
    std::size_t max_words_ = 0;
};

}  // namespace tpm
