// search/crowding.h: many note sections under one heading (the answers of one thread, the
// "Result" of every STAR story) must not fill a page by themselves. Past the first few, each
// further section of a heading weighs a little less, so a section under another heading that
// matches almost as well comes up between them. A heading that is clearly the best match still
// fills the page (measured in bench/RELEVANCE.md, E6).
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tpm {

// How many sections of one heading keep their weight, and what each one after them keeps of
// its weight per sibling above it beyond those.
inline constexpr std::size_t kCrowdFreeSections = 2;
inline constexpr double kCrowdDecay = 0.9;

// One match, in the order the match found it (best weight first). An empty heading never
// crowds anything: shipped questions and tips have no siblings.
struct RankedMatch {
    double weight = 0;
    std::string heading;
};

// The positions of `matches` in the order to show them: by weight after the decay, ties in the
// match's own order.
std::vector<std::size_t> spread_crowded_headings(const std::vector<RankedMatch>& matches);

// The weight `matches[position]` is shown with (its weight after the decay).
std::vector<double> spread_weights(const std::vector<RankedMatch>& matches);

}  // namespace tpm
