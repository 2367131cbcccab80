#include "search/explain.h"

#include <algorithm>

#include "store/schema.h"

namespace tpm {

namespace {

struct Field {
    const char* name;
    std::string_view prefix;
};

// The free-text fields, in the order a reader meets them.
constexpr Field kFields[] = {
    {"question", schema::kPrefixQuestion}, {"answer", schema::kPrefixAnswer},
    {"point", schema::kPrefixPoint},       {"example", schema::kPrefixExample},
    {"why", schema::kPrefixWhy},
};

bool has_term(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(term);
    return t != doc.termlist_end() && *t == term;
}

bool is_filter(const std::string& term) {
    return std::any_of(std::begin(schema::kBooleanFields), std::end(schema::kBooleanFields),
                       [&](const auto& f) { return term.starts_with(f.prefix); });
}

}  // namespace

std::vector<TermMatch> matched_fields(const Xapian::Document& doc,
                                      const std::vector<std::string>& matching) {
    std::vector<TermMatch> out;
    for (const std::string& term : matching) {
        if (is_filter(term)) continue;
        // A term is "Z" (stemmed) or not, then an upper-case field prefix, then the word.
        const bool stemmed = term.starts_with('Z');
        const auto word_start =
            std::find_if(term.begin(), term.end(), [](char c) { return !(c >= 'A' && c <= 'Z'); });
        const std::string word(word_start, term.end());
        if (word.empty() || std::any_of(out.begin(), out.end(),
                                        [&](const TermMatch& m) { return m.term == word; })) {
            continue;
        }
        TermMatch match{word, {}};
        for (const Field& f : kFields) {
            if (has_term(doc, (stemmed ? "Z" : "") + std::string(f.prefix) + word)) {
                match.fields.push_back(f.name);
            }
        }
        // A note's body has no field copy (store/writable.cpp): a word found only there.
        if (match.fields.empty() && has_term(doc, (stemmed ? "Z" : "") + word)) {
            match.fields.push_back("body");
        }
        out.push_back(std::move(match));
    }
    return out;
}

}  // namespace tpm
