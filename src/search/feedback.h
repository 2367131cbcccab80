// search/feedback.h: relevance feedback. Picks the terms that best characterise a set of
// documents (Xapian's ESet) and turns them into a query, for pseudo-relevance feedback on
// natural-language questions and for "more like this".
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace tpm {

// Keeps the terms worth adding to a query: unprefixed stemmed terms ("Zcanari") of at least
// three letters that are neither stop words nor numbers. Field copies, boolean filters and
// unstemmed forms would only repeat what the stemmed term already says.
class MeaningfulTermDecider : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override;
};

// The `count` best terms of the documents in `rset` (relevance feedback over `enquire`'s
// database, Xapian's default ESet scheme), best first; none when no term qualifies.
std::vector<std::string> feedback_terms(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                                        Xapian::termcount count);

// feedback_terms() OR'ed, each weighted by `weight`. An empty query when none qualifies.
Xapian::Query feedback_query(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                             Xapian::termcount count, double weight);

}  // namespace tpm
