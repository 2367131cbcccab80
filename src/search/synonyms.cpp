#include "search/synonyms.h"

#include <algorithm>
#include <charconv>

#include "store/schema.h"

namespace tpm {

namespace {

std::size_t words_in(const std::string& key) {
    return static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

std::vector<std::string> split_key(const std::string& key) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i <= key.size()) {
        const std::size_t end = std::min(key.find(' ', i), key.size());
        out.push_back(key.substr(i, end - i));
        i = end + 1;
    }
    return out;
}

}  // namespace

SynonymExpander::SynonymExpander(const std::vector<SynonymEntry>& entries,
                                 const Xapian::Database* db)
    : db_(db) {
    for (auto& [key, alternative] : schema::synonym_pairs(entries)) {
        max_words_ = std::max(max_words_, words_in(key));
        entries_[key].push_back(std::move(alternative));
    }
    if (db_) {
        const std::string stored = db_->get_metadata(schema::kVocabularyMaxWordsKey);
        std::size_t n = 0;
        std::from_chars(stored.data(), stored.data() + stored.size(), n);
        max_words_ = std::max(max_words_, n);
    }
}

std::vector<std::vector<std::string>> SynonymExpander::alternatives(const std::string& key) const {
    std::vector<std::string> found;
    if (const auto it = entries_.find(key); it != entries_.end()) found = it->second;
    if (db_) {
        for (auto t = db_->synonyms_begin(key); t != db_->synonyms_end(key); ++t) {
            if (std::find(found.begin(), found.end(), *t) == found.end()) found.push_back(*t);
        }
    }
    std::vector<std::vector<std::string>> out;
    for (const std::string& alt : found) out.push_back(split_key(alt));
    return out;
}

std::vector<Expansion> SynonymExpander::expand(const std::vector<std::string>& stems) const {
    std::vector<Expansion> out;
    std::size_t i = 0;
    while (i < stems.size()) {
        std::size_t len = std::min(max_words_, stems.size() - i);
        for (; len > 0; --len) {
            const std::vector<std::string> run(
                stems.begin() + static_cast<std::ptrdiff_t>(i),
                stems.begin() + static_cast<std::ptrdiff_t>(i + len));
            std::vector<std::vector<std::string>> alts = alternatives(schema::synonym_key(run));
            std::erase(alts, run);
            if (alts.empty()) continue;
            out.push_back({i, i + len, std::move(alts)});
            break;
        }
        i += std::max<std::size_t>(len, 1);
    }
    return out;
}

}  // namespace tpm
