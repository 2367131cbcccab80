#include "search/explain.h"

#include <algorithm>

#include "search/index_reader.h"
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
    {"why", schema::kPrefixWhy},           {"paraphrase", schema::kPrefixParaphrase},
};

bool has_term(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(term);
    return t != doc.termlist_end() && *t == term;
}

}  // namespace

std::vector<TermMatch> matched_fields(const Xapian::Document& doc,
                                      const std::vector<std::string>& matching) {
    std::vector<TermMatch> out;
    for (const std::string& term : matching) {
        if (schema::is_boolean_term(term)) continue;
        const schema::TextTerm parts = schema::split_text_term(term);
        const bool stemmed = parts.stemmed;
        const std::string word(parts.word);
        if (word.empty() || std::any_of(out.begin(), out.end(),
                                        [&](const TermMatch& m) { return m.term == word; })) {
            continue;
        }
        TermMatch match{word, {}};
        for (const Field& f : kFields) {
            if (has_term(doc, stemmed ? schema::stem_term(word, f.prefix)
                                      : std::string(f.prefix) + word)) {
                match.fields.push_back(f.name);
            }
        }
        // A note's body has no field copy (store/writable.cpp): a word found only there.
        if (match.fields.empty() && has_term(doc, stemmed ? schema::stem_term(word) : word)) {
            match.fields.push_back("body");
        }
        out.push_back(std::move(match));
    }
    return out;
}

std::vector<std::vector<Contribution>> part_contributions(
    const Xapian::Database& db, const std::vector<QueryPart>& parts,
    const std::vector<Xapian::docid>& docs, const std::vector<std::string>& id_terms) {
    std::vector<std::vector<Contribution>> out(docs.size());
    if (docs.empty()) return out;
    // Each part alone, over these documents only: its weight there is what it adds in the
    // whole query (the document statistics BM25 uses do not depend on the other parts).
    const Xapian::Query these(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    for (const QueryPart& part : parts) {
        const Xapian::Enquire enquire =
            detail::make_enquire(db, Xapian::Query(Xapian::Query::OP_FILTER, part.query, these));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(docs.size()));
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            for (std::size_t i = 0; i < docs.size(); ++i) {
                if (docs[i] == *it) out[i].push_back({part.name, it.get_weight()});
            }
        }
    }
    return out;
}

}  // namespace tpm
