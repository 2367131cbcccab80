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
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/diagnostic.h"
#include "model/synonym.h"

namespace tpm {

// How many alternatives one phrase may have. Each is a term or phrase ORed into every query
// that names the phrase, and Xapian's matcher slows down faster than linearly with the width of
// an OR (20,000 alternatives took 17 s a search). The shipped pack's largest entry gives a
// phrase 6 alternatives.
inline constexpr std::size_t kMaxAlternatives = 64;

// How many alternatives one query may search, all its phrases together: a 1,000-word query of
// phrases with 50 alternatives each would otherwise search 50,000. No query of the public set
// (bench/data/queries.tsv) has more than 11.
inline constexpr std::size_t kMaxQueryAlternatives = 256;

// A run of query words that a vocabulary entry names, and what else to search for it.
struct Expansion {
    std::size_t start = 0;  // the words [start, end) of the query
    std::size_t end = 0;
    std::vector<std::vector<std::string>> alternatives;  // stem sequences, none equal to the run
};

class SynonymExpander {
  public:
    // Expands with `entries` (stemmed here), read from the file `source`, and, when `db` is
    // given, with the synonym table of that index. `db` must outlive the expander. A phrase
    // keeps its first kMaxAlternatives alternatives (a group of "a, b, c" its first
    // kMaxAlternatives + 1 phrases); what is left out is said in problems().
    explicit SynonymExpander(const std::vector<SynonymEntry>& entries,
                             const Xapian::Database* db = nullptr, std::string source = {});

    // The expansions of a query given as the stems of its words, left to right. At each word
    // the longest phrase with alternatives wins (leftmost-longest); its run is not matched
    // again. All expansions together hold at most kMaxQueryAlternatives alternatives; when
    // some are left out and `capped` is given, it says so (naming the entry's file and line
    // when the entry is the user's). Reads the index: Xapian errors reach the caller.
    std::vector<Expansion> expand(const std::vector<std::string>& stems,
                                  std::optional<Diagnostic>* capped = nullptr) const;

    // What the caps left out of `entries`: one line for each kind of excess (a line with too
    // many alternatives, a phrase given too many by several lines), naming its first line and
    // counting the others, so that a file of thousands of such lines is one warning, not
    // thousands.
    const std::vector<Diagnostic>& problems() const { return problems_; }

  private:
    struct Alternative {
        std::string stems;  // synonym_key() form
        int line = 0;       // of the entry in `source_`; 0 for the index's own
    };
    std::vector<Alternative> alternatives(const std::string& key) const;
    void add(const std::string& phrase, const std::string& key, const std::string& alternative,
             int line);

    std::unordered_map<std::string, std::vector<Alternative>> entries_;  // key -> alternatives
    const Xapian::Database* db_;
    std::string source_;
    std::size_t max_words_ = 0;     // of a phrase with alternatives, in either pack
    std::size_t db_max_words_ = 0;  // of one in the index's own table
    std::vector<Diagnostic> problems_;
    // Lines whose phrases (or one phrase's alternatives) were cut, besides the first.
    std::optional<Diagnostic> long_line_, full_phrase_;
    std::size_t more_long_lines_ = 0, more_full_phrases_ = 0;
    int last_full_line_ = 0;
};

}  // namespace tpm
