// search/phrase_forms.h: lets a quoted phrase match the other forms of its words, as the rest
// of a query does through stemming: "feature flags" finds "feature flag". A phrase is matched
// on the words as written (stems have no positions in notes), so each word of a phrase becomes
// the words of the index that share its stem.
// May include store/ and Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace tpm {

// At most this many forms of one phrase word are searched: the word itself first, then the
// others in the order of the index's term list.
inline constexpr std::size_t kMaxPhraseForms = 8;

// The words of `db` that are `term`'s forms: the same field prefix, the same stem under
// index_stemmer(). `term` comes first whether or not the index holds it.
std::vector<std::string> phrase_forms(const Xapian::Database& db, const std::string& term);

// `query` with every word of every phrase (OP_PHRASE, including the phrases a hyphenated word
// makes) widened to OP_OR of its forms. Subqueries that hold no phrase are kept as they are;
// so is a phrase under an operator whose parameters the rebuilt query could not keep (NEAR/n,
// a scaled weight).
Xapian::Query widen_phrases(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace tpm
