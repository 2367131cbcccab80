// store/stemmer.h: the stemmer the index is built and searched with (schema::kStemLanguage),
// cached, and the stems of a phrase as the index holds them.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tpm {

// The stemmer the index is built and searched with: Snowball's stemmer for schema::kStemLanguage
// with the corrections of store/morphology.h. Every stem of a word, on either side, comes from
// it (or from caching_stemmer(), which returns the same). Not thread-safe: one per thread.
Xapian::Stem index_stemmer();

// A Xapian::Stem that returns what index_stemmer() does, from a cache of up
// to `max_words` words (emptied when full, so memory stays bounded on any corpus). Snowball costs
// about 2,700 instructions a word through Xapian::Stem, and text repeats its words: the
// indexers stem every word of every note twice (terms and topics), the highlighter every word
// of an excerpt. Like every Xapian::Stem it is not thread-safe, and copies share the cache:
// one per thread.
Xapian::Stem caching_stemmer(std::size_t max_words = 200000);

// The stems of `text` as the index holds them: folded, split at word boundaries, stemmed.
std::vector<std::string> phrase_stems(std::string_view text);

}  // namespace tpm
