// text/words.h: word and sentence boundaries (ICU BreakIterator) over UTF-8, as byte offsets.
// Used to find the words of an excerpt to highlight and to cut excerpts at sentence ends.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace tpm::text {

// A word of the input as byte offsets [start, end).
struct WordSpan {
    std::size_t start = 0;
    std::size_t end = 0;
    bool operator==(const WordSpan&) const = default;
};

// The words of `utf8` (runs ICU's word break rules call letters or numbers; punctuation and
// spaces are left out), in order. "rollbacks, CI/CD" gives "rollbacks", "CI", "CD". Ill-formed
// input is handled (its bytes are never part of a word). Throws tpm::Error(internal) if ICU fails.
std::vector<WordSpan> word_spans(std::string_view utf8);

// Byte offsets where sentences start (ICU sentence rules), always beginning with 0 for non-empty
// input. Throws tpm::Error(internal) if ICU fails.
std::vector<std::size_t> sentence_starts(std::string_view utf8);

// The words of `text` as the index sees a phrase: folded (fold()) so that case and accents
// never split a word, split at word boundaries, and each passed through `stem` (a stemmer of
// the index's language). The indexers, the tagger, the vocabulary and query expansion all use
// it, so that a phrase means the same words everywhere.
template <typename Stem>
std::vector<std::string> folded_stems(std::string_view text, Stem&& stem) {
    const std::string folded = fold(text);
    std::vector<std::string> out;
    for (const WordSpan& w : word_spans(folded)) {
        out.push_back(stem(folded.substr(w.start, w.end - w.start)));
    }
    return out;
}

}  // namespace tpm::text
