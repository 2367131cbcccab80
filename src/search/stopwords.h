// search/stopwords.h: English words too common to say what a query is about ("how do you handle
// an outage" is about "handle outage"). Used at query time only: the index keeps every word, so
// phrases such as "on call" still match.
#pragma once

#include <xapian.h>

namespace tpm {

// A stopper for Xapian::QueryParser with the English list. The object lives as long as the
// program, so parsers may keep a pointer to it.
const Xapian::Stopper& english_stopper();

}  // namespace tpm
