#include "search/facets.h"

#include <algorithm>
#include <string_view>

#include "store/schema.h"

namespace tpm {

void TopicSpy::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    // Documents share a few combinations of topics: each combination is counted here, with one
    // lookup and no copy once seen, and split into its topics once, in counts().
    ++per_value_[doc.get_value(schema::kSlotTopics)];
}

std::vector<FacetCount> TopicSpy::counts(std::size_t total) const {
    std::map<std::string, std::size_t, std::less<>> per_topic;
    for (const auto& [value, count] : per_value_) {
        std::string_view rest = value;
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find('\n'), rest.size());
            const std::string_view id = rest.substr(0, end);
            auto it = per_topic.find(id);
            if (it == per_topic.end()) it = per_topic.emplace(std::string(id), 0).first;
            it->second += count;
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    std::vector<FacetCount> out;
    const bool scale = seen_ > 0 && total > seen_;
    for (const auto& [id, count] : per_topic) {
        std::size_t n = count;
        if (scale) {
            const double scaled = static_cast<double>(count) * static_cast<double>(total) /
                                  static_cast<double>(seen_);
            n = std::max<std::size_t>(1, static_cast<std::size_t>(scaled + 0.5));
        }
        out.push_back({id, n});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

}  // namespace tpm
