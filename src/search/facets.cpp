#include "search/facets.h"

#include <algorithm>
#include <string_view>

#include "store/schema.h"

namespace tpm {

void TopicSpy::operator()(const Xapian::Document& doc, double) {
    const std::string value = doc.get_value(schema::kSlotTopics);
    std::string_view rest = value;
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find('\n'), rest.size());
        ++counts_[std::string(rest.substr(0, end))];
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
}

std::vector<FacetCount> TopicSpy::counts() const {
    std::vector<FacetCount> out;
    for (const auto& [id, count] : counts_) out.push_back({id, count});
    std::stable_sort(out.begin(), out.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

}  // namespace tpm
