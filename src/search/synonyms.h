// search/synonyms.h: query-time expansion with the vocabulary pack. Phrases on both sides may
// have several words; they are matched on stems, so "kill switches" finds the entry for "kill
// switch", and alternatives are searched as phrases of stems, which the index holds with
// positions (STEM_SOME_FULL_POS).
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/synonym.h"

namespace tpm {

// The stems of `text`: folded, split at word boundaries and stemmed like the index text.
std::vector<std::string> phrase_stems(std::string_view text, const Xapian::Stem& stem);

// A run of query words that a vocabulary entry names, and what else to search for it.
struct Expansion {
    std::size_t start = 0;  // the words [start, end) of the query
    std::size_t end = 0;
    std::vector<std::vector<std::string>> alternatives;  // stem sequences, none equal to the run
};

class SynonymExpander {
  public:
    explicit SynonymExpander(const std::vector<SynonymEntry>& entries);

    bool empty() const { return sources_.empty(); }

    // The expansions of a query given as the stems of its words, left to right. At each word
    // the longest phrase that matches wins (leftmost-longest); its run is not matched again.
    std::vector<Expansion> expand(const std::vector<std::string>& stems) const;

  private:
    struct Source {
        std::vector<std::string> stems;
        std::size_t group = 0;  // index into targets_
    };
    std::vector<Source> sources_;
    std::vector<std::vector<std::vector<std::string>>> targets_;  // per entry: stem sequences
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_stem_;
};

}  // namespace tpm
