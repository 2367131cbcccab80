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

Xapian::Query feedback_query(const Xapian::Enquire& enquire, const Xapian::RSet& rset,
                             Xapian::termcount count, double weight) {
    const MeaningfulTermDecider decider;
    const Xapian::ESet eset = enquire.get_eset(count, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), weight);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace tpm
