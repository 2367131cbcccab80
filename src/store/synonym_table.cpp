#include "store/synonym_table.h"

#include "store/stemmer.h"

namespace tpm {

std::string synonym_key(const std::vector<std::string>& stems) {
    std::string key;
    for (const std::string& s : stems) key += (key.empty() ? "" : " ") + s;
    return key;
}

std::vector<std::pair<std::string, std::string>> synonym_pairs(
    const std::vector<SynonymEntry>& entries) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const SynonymEntry& entry : entries) {
        std::vector<std::string> targets;
        for (const std::string& phrase : entry.two_way ? entry.from : entry.to) {
            if (std::string t = synonym_key(phrase_stems(phrase)); !t.empty()) targets.push_back(t);
        }
        for (const std::string& phrase : entry.from) {
            const std::string key = synonym_key(phrase_stems(phrase));
            if (key.empty()) continue;
            for (const std::string& target : targets) {
                if (target != key) pairs.emplace_back(key, target);
            }
        }
    }
    return pairs;
}

}  // namespace tpm
