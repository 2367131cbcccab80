#include "search/phrase_forms.h"

#include <algorithm>

#include "store/schema.h"
#include "store/stemmer.h"

namespace tpm {
namespace {

// Forms share a beginning with their stem ("flag"/"flags", "deci" for decide and decision);
// the term list is read from there. Shorter than this, the scan would cover a letter's worth
// of the vocabulary, and the phrase keeps the word as written.
constexpr std::size_t kMinSharedBeginning = 3;

std::size_t shared_beginning(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

bool holds_phrase(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_PHRASE) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (holds_phrase(query.get_subquery(i))) return true;
    }
    return false;
}

// Operators rebuilt from their subqueries alone: nothing else about them is lost.
bool rebuildable(Xapian::Query::op op) {
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            return true;
        default:
            return false;
    }
}

Xapian::Query widened_word(const Xapian::Database& db, const Xapian::Query& word) {
    if (word.get_type() != Xapian::Query::LEAF_TERM) return word;
    const std::vector<std::string> forms = phrase_forms(db, *word.get_terms_begin());
    if (forms.size() == 1) return word;
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
}

}  // namespace

std::vector<std::string> phrase_forms(const Xapian::Database& db, const std::string& term) {
    std::vector<std::string> forms{term};
    const schema::TextTerm parts = schema::split_text_term(term);
    if (parts.stemmed || parts.word.empty()) return forms;
    const Xapian::Stem stem = index_stemmer();
    const std::string word(parts.word);
    const std::string its_stem = stem(word);
    const std::size_t shared = shared_beginning(word, its_stem);
    if (shared < kMinSharedBeginning) return forms;
    const std::string field(parts.field_prefix);
    const std::string from = field + word.substr(0, shared);
    for (auto t = db.allterms_begin(from); t != db.allterms_end(from); ++t) {
        if (forms.size() == kMaxPhraseForms) break;
        const std::string& other = *t;
        // A longer upper-case run is another field's prefix ("S" before "SX..."), not a form.
        const schema::TextTerm other_parts = schema::split_text_term(other);
        if (other_parts.stemmed || other_parts.field_prefix != parts.field_prefix) continue;
        if (other != term && stem(std::string(other_parts.word)) == its_stem) {
            forms.push_back(other);
        }
    }
    return forms;
}

Xapian::Query widen_phrases(const Xapian::Database& db, const Xapian::Query& query) {
    if (!holds_phrase(query)) return query;
    const Xapian::Query::op op = query.get_type();
    std::vector<Xapian::Query> parts;
    parts.reserve(query.get_num_subqueries());
    if (op == Xapian::Query::OP_PHRASE) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            parts.push_back(widened_word(db, query.get_subquery(i)));
        }
        // The window defaults to the number of words: a phrase, as the parser makes it.
        return Xapian::Query(op, parts.begin(), parts.end());
    }
    if (!rebuildable(op)) return query;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        parts.push_back(widen_phrases(db, query.get_subquery(i)));
    }
    return Xapian::Query(op, parts.begin(), parts.end());
}

}  // namespace tpm
