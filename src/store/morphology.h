// store/morphology.h: where English Snowball's stems are not what people mean. Snowball leaves
// apart words that people use interchangeably (fail / failure, decide / decision, prioritize /
// prioritise / priority) and joins words that mean different things (access / accessibility,
// organ / organization, author / authorize, product / production). The index's stemmer
// (store/stemmer.h) corrects both through the tables in morphology.cpp, on the index and the
// query side alike. Measured on every collection in bench/RELEVANCE.md (E9).
#pragma once

#include <xapian.h>

#include <string>

namespace tpm {

// Bump when the tables change: the index records it in its term signature, so every document
// is indexed again with the new stems.
inline constexpr int kMorphologyVersion = 1;

// The stem of the folded word `word`:
// 1. a word whose Snowball stem would join it to a word of another meaning has its own stem
//    ("accessibility" -> "accessibl", not "access");
// 2. American -ize / -yze spellings are read as British -ise / -yse ("organization" ->
//    "organisation"), so both spellings meet and Snowball's -ize rule (which stems
//    "authorize" to "author") never applies;
// 3. Snowball (`english`) stems it;
// 4. a derivation people use for the same thing meets its family ("failur" -> "fail").
std::string conflated_stem(const Xapian::Stem& english, const std::string& word);

}  // namespace tpm
