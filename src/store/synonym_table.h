// store/synonym_table.h: how the vocabulary pack is written into Xapian's synonym table.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/synonym.h"

namespace tpm {

// A phrase's key in Xapian's synonym table, and the form of an alternative there: its stems
// joined by single spaces ("featur flag").
std::string synonym_key(const std::vector<std::string>& stems);

// The (key, alternative) pairs of a vocabulary pack: each phrase of a two-way entry to every
// other one, each source of a one-way entry to every target; all in synonym_key() form.
std::vector<std::pair<std::string, std::string>> synonym_pairs(
    const std::vector<SynonymEntry>& entries);

}  // namespace tpm
