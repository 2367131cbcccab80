// store/stemmer.h: the English stemmer the indexers use, remembering what it has stemmed.
// Snowball costs about 2,700 instructions a word through Xapian::Stem, and text repeats its
// words: a 150 MB notes folder stemmed each word twice (terms and topics), 12% of indexing.
// May include model/, text/, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace tpm {

// A Xapian::Stem for schema::kStemLanguage that returns what the plain one does, from a cache
// of up to `max_words` words (emptied when full, so memory stays bounded on any corpus).
// Like every Xapian::Stem it is not thread-safe, and copies share the cache: one per thread.
Xapian::Stem caching_stemmer(std::size_t max_words = 200000);

}  // namespace tpm
