// search/stopwords.h: English words too common to say what a query is about ("how do you handle
// an outage" is about "handle outage"). Used at query time only: the index keeps every word, so
// phrases such as "on call" still match.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string_view>

namespace tpm {

// True when the folded `word` is on the English stop list.
bool is_stop_word(std::string_view word);

// A stopper for Xapian::QueryParser with the English list. The object lives as long as the
// program, so parsers may keep a pointer to it.
const Xapian::Stopper& english_stopper();

// True when `stem` is the English stem of a stop word (for terms of the index, which are
// stemmed: "Zdoe" comes from "does").
bool is_stop_stem(std::string_view stem);

// How many words of `folded` (text as text::fold() leaves it) are not stop words. Words, not
// stems: the query side can ask this without stemming the stop list (is_stop_stem's first call
// stems all of it, more than the rest of building a two-word query).
std::size_t meaningful_words(std::string_view folded);

}  // namespace tpm
