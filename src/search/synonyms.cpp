#include "search/synonyms.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "store/schema.h"
#include "store/stemmer.h"
#include "store/synonym_table.h"

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

// `first` again, counting `more` lines like it.
Diagnostic counted(Diagnostic first, std::size_t more) {
    if (more > 0) {
        first.message +=
            " (also on " + std::to_string(more) + (more == 1 ? " more line)" : " more lines)");
    }
    return first;
}

}  // namespace

SynonymExpander::SynonymExpander(const std::vector<SynonymEntry>& entries,
                                 const Xapian::Database* db, std::string source)
    : db_(db), source_(std::move(source)) {
    // The pairs of synonym_pairs() (which writes the index's own table), made here
    // with the caps: each phrase is stemmed once, and a group of n phrases is cut before it
    // makes n * (n - 1) pairs.
    for (const SynonymEntry& entry : entries) {
        const std::vector<std::string>& written = entry.two_way ? entry.from : entry.to;
        const std::size_t limit = entry.two_way ? kMaxAlternatives + 1 : kMaxAlternatives;
        const std::size_t used = std::min(written.size(), limit);
        if (written.size() > limit) {
            if (long_line_) {
                ++more_long_lines_;
            } else {
                long_line_ = Diagnostic{
                    source_, entry.line,
                    entry.two_way ? "a group of " + std::to_string(written.size()) +
                                        " phrases, more than " + std::to_string(limit) +
                                        "; only the first " + std::to_string(limit) + " are used"
                                  : std::to_string(written.size()) + " alternatives, more than " +
                                        std::to_string(limit) + "; only the first " +
                                        std::to_string(limit) + " are searched"};
            }
        }
        std::vector<std::string> targets;
        for (std::size_t i = 0; i < used; ++i) {
            targets.push_back(synonym_key(phrase_stems(written[i])));
        }
        auto expand_from = [&](const std::string& phrase, const std::string& key) {
            if (key.empty()) return;
            for (const std::string& target : targets) {
                if (!target.empty() && target != key) add(phrase, key, target, entry.line);
            }
        };
        if (entry.two_way) {
            for (std::size_t i = 0; i < used; ++i) expand_from(written[i], targets[i]);
        } else {
            for (const std::string& phrase : entry.from) {
                expand_from(phrase, synonym_key(phrase_stems(phrase)));
            }
        }
    }
    if (long_line_) problems_.push_back(counted(*long_line_, more_long_lines_));
    if (full_phrase_) problems_.push_back(counted(*full_phrase_, more_full_phrases_));
    if (db_) {
        const std::string stored = db_->get_metadata(schema::kVocabularyMaxWordsKey);
        std::size_t n = 0;
        std::from_chars(stored.data(), stored.data() + stored.size(), n);
        // An index that does not say (none does without a vocabulary) is asked at every length.
        db_max_words_ = stored.empty() ? std::string::npos : n;
        max_words_ = std::max(max_words_, n);
    }
}

void SynonymExpander::add(const std::string& phrase, const std::string& key,
                          const std::string& alternative, int line) {
    std::vector<Alternative>& list = entries_[key];
    if (std::any_of(list.begin(), list.end(),
                    [&](const Alternative& a) { return a.stems == alternative; })) {
        return;
    }
    if (list.size() >= kMaxAlternatives) {
        if (!full_phrase_) {
            full_phrase_ =
                Diagnostic{source_, line,
                           "\"" + phrase + "\" has more than " + std::to_string(kMaxAlternatives) +
                               " alternatives with the lines before; this line's "
                               "are not searched for it"};
        } else if (line != last_full_line_) {
            ++more_full_phrases_;
        }
        last_full_line_ = line;
        return;
    }
    max_words_ = std::max(max_words_, words_in(key));
    list.push_back({alternative, line});
}

std::vector<SynonymExpander::Alternative> SynonymExpander::alternatives(
    const std::string& key) const {
    std::vector<Alternative> found;
    if (const auto it = entries_.find(key); it != entries_.end()) found = it->second;
    if (db_ && words_in(key) <= db_max_words_) {
        // The index's own table holds what its corpus/synonyms.txt says, under the same cap.
        std::size_t taken = 0;
        for (auto t = db_->synonyms_begin(key);
             t != db_->synonyms_end(key) && taken < kMaxAlternatives; ++t, ++taken) {
            const std::string stems = *t;
            if (std::none_of(found.begin(), found.end(),
                             [&](const Alternative& a) { return a.stems == stems; })) {
                found.push_back({stems, 0});
            }
        }
    }
    return found;
}

std::vector<Expansion> SynonymExpander::expand(const std::vector<std::string>& stems,
                                               std::optional<Diagnostic>* capped) const {
    std::vector<Expansion> out;
    std::size_t total = 0;  // alternatives in `out`
    std::size_t i = 0;
    while (i < stems.size()) {
        std::size_t len = std::min(max_words_, stems.size() - i);
        for (; len > 0; --len) {
            const std::vector<std::string> run(
                stems.begin() + static_cast<std::ptrdiff_t>(i),
                stems.begin() + static_cast<std::ptrdiff_t>(i + len));
            const std::string key = synonym_key(run);
            std::vector<Alternative> alts = alternatives(key);
            std::erase_if(alts, [&](const Alternative& a) { return a.stems == key; });
            if (alts.empty()) continue;
            const std::size_t room = kMaxQueryAlternatives - total;
            if (alts.size() > room) {
                if (capped && !*capped) {
                    const Alternative& first_left_out = alts[room];
                    const bool users = first_left_out.line > 0;
                    *capped = Diagnostic{users ? source_ : "query", users ? first_left_out.line : 0,
                                         "the query's phrases have more than " +
                                             std::to_string(kMaxQueryAlternatives) +
                                             " alternatives in the vocabulary; from those of \"" +
                                             key + "\" on, the rest are not searched"};
                }
                alts.resize(room);
            }
            Expansion e{i, i + len, {}};
            for (const Alternative& a : alts) e.alternatives.push_back(split_key(a.stems));
            total += e.alternatives.size();
            if (!e.alternatives.empty()) out.push_back(std::move(e));
            break;
        }
        i += std::max<std::size_t>(len, 1);
    }
    return out;
}

}  // namespace tpm
