// search/facets.h: counts the topics of every document a query matches, not only the printed
// page. A document with three topics counts in all three: Xapian's ValueCountMatchSpy counts one
// value per slot, so this spy reads the slot holding the '\n'-joined list (store/schema.h).
// May include model/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "model/topic.h"

namespace tpm {

class TopicSpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override;

    // Every topic seen, most frequent first, ties by id. With `total` above the number of
    // documents seen, each count is scaled by total / seen (rounded, at least 1).
    std::vector<FacetCount> counts(std::size_t total = 0) const;

    // How many documents the spy was shown.
    std::size_t seen() const { return seen_; }

  private:
    std::map<std::string, std::size_t> per_value_;  // the slot's value -> documents with it
    std::size_t seen_ = 0;
};

}  // namespace tpm
