// model/synonym.h: one entry of a vocabulary pack (corpus/synonyms.txt, Solr's synonym file
// format): equivalent phrases, or phrases that expand one way into others. Standard library only.
#pragma once

#include <string>
#include <vector>

namespace tpm {

struct SynonymEntry {
    // "a, b, c" (two_way): every phrase expands to all the others. "a, b => c, d": a and b
    // expand to c and d, not the reverse. Phrases are as written (one or more words).
    std::vector<std::string> from;
    std::vector<std::string> to;  // empty for a two-way entry
    bool two_way = true;
    int line = 0;  // 1-based line in its file

    bool operator==(const SynonymEntry&) const = default;
};

}  // namespace tpm
