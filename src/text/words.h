// text/words.h: word and sentence boundaries (ICU BreakIterator) over UTF-8, as byte offsets.
// Used to find the words of an excerpt to highlight and to cut excerpts at sentence ends.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

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

}  // namespace tpm::text
