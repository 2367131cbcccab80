#include "search/feedback.h"

#include <vector>

#include "search/stopwords.h"

namespace tpm {

bool MeaningfulTermDecider::operator()(const std::string& term) const {
    if (term.size() < 4 || term[0] != 'Z' || !(term[1] >= 'a' && term[1] <= 'z')) return false;
    const std::string stem = term.substr(1);
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
