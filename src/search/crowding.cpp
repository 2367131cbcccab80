#include "search/crowding.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace tpm {

std::vector<double> spread_weights(const std::vector<RankedMatch>& matches) {
    std::vector<double> weights;
    weights.reserve(matches.size());
    std::map<std::string, std::size_t> above;  // siblings already seen, per heading
    for (const RankedMatch& m : matches) {
        const std::size_t siblings = m.heading.empty() ? 0 : above[m.heading]++;
        const double beyond = siblings < kCrowdFreeSections
                                  ? 0.0
                                  : static_cast<double>(siblings + 1 - kCrowdFreeSections);
        weights.push_back(m.weight * std::pow(kCrowdDecay, beyond));
    }
    return weights;
}

std::vector<std::size_t> spread_crowded_headings(const std::vector<RankedMatch>& matches) {
    const std::vector<double> weights = spread_weights(matches);
    std::vector<std::size_t> order(matches.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return weights[a] > weights[b]; });
    return order;
}

}  // namespace tpm
