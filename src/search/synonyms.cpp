#include "search/synonyms.h"

#include <algorithm>

#include "store/schema.h"
#include "text/normalize.h"
#include "text/words.h"

namespace tpm {

std::vector<std::string> phrase_stems(std::string_view text, const Xapian::Stem& stem) {
    const std::string folded = text::fold(text);
    std::vector<std::string> out;
    for (const text::WordSpan& w : text::word_spans(folded)) {
        out.push_back(stem(folded.substr(w.start, w.end - w.start)));
    }
    return out;
}

SynonymExpander::SynonymExpander(const std::vector<SynonymEntry>& entries) {
    const Xapian::Stem stem(schema::kStemLanguage);
    for (const SynonymEntry& entry : entries) {
        // A two-way entry's phrases expand to each other: one target list holding all of them
        // (expand() leaves out the one that matched). A one-way entry's sources expand to its
        // targets only.
        std::vector<std::vector<std::string>> targets;
        for (const std::string& phrase : entry.two_way ? entry.from : entry.to) {
            std::vector<std::string> stems = phrase_stems(phrase, stem);
            if (!stems.empty()) targets.push_back(std::move(stems));
        }
        const std::size_t group = targets_.size();
        targets_.push_back(std::move(targets));
        for (const std::string& phrase : entry.from) {
            std::vector<std::string> stems = phrase_stems(phrase, stem);
            if (stems.empty()) continue;
            by_first_stem_[stems.front()].push_back(sources_.size());
            sources_.push_back({std::move(stems), group});
        }
    }
}

std::vector<Expansion> SynonymExpander::expand(const std::vector<std::string>& stems) const {
    std::vector<Expansion> out;
    std::size_t i = 0;
    while (i < stems.size()) {
        const auto it = by_first_stem_.find(stems[i]);
        std::size_t longest = 0;
        std::vector<std::size_t> matched;  // sources of the longest length matching at i
        if (it != by_first_stem_.end()) {
            for (std::size_t s : it->second) {
                const std::vector<std::string>& phrase = sources_[s].stems;
                if (phrase.size() < longest || phrase.size() > stems.size() - i ||
                    !std::equal(phrase.begin(), phrase.end(),
                                stems.begin() + static_cast<std::ptrdiff_t>(i))) {
                    continue;
                }
                if (phrase.size() > longest) matched.clear();
                longest = phrase.size();
                matched.push_back(s);
            }
        }
        if (longest == 0) {
            ++i;
            continue;
        }
        Expansion e{i, i + longest, {}};
        const std::vector<std::string> run(
            stems.begin() + static_cast<std::ptrdiff_t>(i),
            stems.begin() + static_cast<std::ptrdiff_t>(i + longest));
        for (std::size_t s : matched) {
            for (const auto& target : targets_[sources_[s].group]) {
                if (target != run && std::find(e.alternatives.begin(), e.alternatives.end(),
                                               target) == e.alternatives.end()) {
                    e.alternatives.push_back(target);
                }
            }
        }
        if (!e.alternatives.empty()) out.push_back(std::move(e));
        i += longest;
    }
    return out;
}

}  // namespace tpm
