#include "search/feedback.h"

#include <vector>

#include "search/stopwords.h"
#include "store/schema.h"

namespace tpm {

bool MeaningfulTermDecider::operator()(const std::string& term) const {
    // Unprefixed stems only, of at least three bytes, starting with a letter.
    const schema::TextTerm parts = schema::split_text_term(term);
    if (!parts.stemmed || !parts.field_prefix.empty() || parts.word.size() < 3 ||
        !(parts.word[0] >= 'a' && parts.word[0] <= 'z')) {
        return false;
    }
    const std::string stem(parts.word);
    bool letters = false;
    for (char c : stem) letters = letters || (c >= 'a' && c <= 'z');
    return letters && !is_stop_stem(stem);
}

std::vector<std::string> feedback_terms(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                                        Xapian::termcount count) {
    const MeaningfulTermDecider decider;
    const Xapian::ESet eset = enquire.get_eset(count, rset, &decider);
    return {eset.begin(), eset.end()};
}

Xapian::Query feedback_query(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                             Xapian::termcount count, double weight) {
    std::vector<Xapian::Query> terms;
    for (const std::string& term : feedback_terms(enquire, rset, count)) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace tpm
