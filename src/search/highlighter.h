// search/highlighter.h: picks the passages of an answer that match a query and marks the matched
// words, as data (model/Excerpt); the printers decide how highlights look. Words are found with
// ICU word boundaries and compared after the same folding and stemming as the index, so
// "rollback" marks "Rollbacks" and "resume" marks "résumé".
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/hit.h"
#include "search/query_builder.h"
#include "store/stemmer.h"

namespace tpm {

// Not thread-safe, as Xapian::Stem is not: one per search.
class Highlighter {
  public:
    // `weights` gives each stem or word of `terms` a weight (its rarity); missing ones weigh 1.
    Highlighter(QueryTerms terms, std::map<std::string, double> weights);

    struct Match {
        Span span;
        std::string key;  // the query term it matched (a stem, word or prefix)
    };

    // The words of `text` that match the query, in order.
    std::vector<Match> matches(std::string_view text) const;

    // The weight of a matched key.
    double weight(const std::string& key) const;

    // Where the first word of `text` that may match starts (one that starts with what a match
    // must start with, in ASCII letters of either case), or npos: a plain byte scan, no word
    // splitting. A match of non-ASCII text may start elsewhere.
    std::size_t locate(std::string_view text) const;

  private:
    QueryTerms terms_;
    std::map<std::string, double> weights_;
    Xapian::Stem stemmer_;  // caching_stemmer(): an answer repeats its words
    // The English stemmer only rewrites endings, so a word can stem to a query stem only if it
    // starts with the same byte: the others are not stemmed at all (half of a search's time).
    std::array<bool, 256> stem_initials_{};
    // What every word that matches a key starts with, folded (see anchors_of in highlighter.cpp):
    // text without any of them holds no match, and is not split into words at all.
    std::vector<std::string> anchors_;
    // What each byte can be in matches()' scan of ASCII text: the first byte of an anchor (in
    // either case), a byte that is not ASCII, or any other.
    enum class ByteClass : unsigned char { other, anchor_start, non_ascii };
    std::array<ByteClass, 256> byte_classes_{};

    void match_words(std::string_view text, std::size_t offset, std::vector<Match>& out) const;
};

// How much of one passage the excerpts look at, so that their work per hit has a bound: splitting
// text into words and sentences (ICU) costs over 100 instructions a byte, and a note section can
// be a 10 MB markdown table. The shipped corpus's longest question, answer and all, is 3 KB.
inline constexpr std::size_t kPassageScanBytes = 64 * 1024;

// How far into a longer passage the first possible match is looked for, by a byte scan of about
// a millisecond a MB: past tpmindex's default --max-size (10 MB), so that the excerpt of any
// note it indexes by default shows the match.
inline constexpr std::size_t kLocateBytes = 16 * 1024 * 1024;

struct ExcerptOptions {
    std::size_t max_excerpts = 3;
    std::size_t target_bytes = 240;  // a longer passage is cut to about this around its matches
};

// One to `max_excerpts` passages of `doc` (none when max_excerpts is 0) (labelled points preferred,
// then the answer, example and "why"), best first by the weight of the distinct query terms in
// their label and text; ties keep document order. When nothing matches (the question text alone
// matched), returns the start of the answer without highlights. Of a passage longer than
// kPassageScanBytes only that many bytes are looked at: around the first place a match may
// start (Highlighter::locate, within its first kLocateBytes), else its start.
std::vector<Excerpt> make_excerpts(const Document& doc, const Highlighter& highlighter,
                                   const ExcerptOptions& options);

// A hit for `doc` with weight `score`: the matched words of its title marked and its excerpts
// made (rank, related and matched are the caller's).
Hit highlighted_hit(Document doc, double score, const Highlighter& highlighter,
                    const ExcerptOptions& options);

}  // namespace tpm
