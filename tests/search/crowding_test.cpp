// Spreading crowded headings (search/crowding.h) on small rankings whose answer is known.
#include "search/crowding.h"

#include <gtest/gtest.h>

#include <vector>

namespace tpm {
namespace {

TEST(CrowdingTest, TheFirstSectionsOfAHeadingKeepTheirPlace) {
    const std::vector<RankedMatch> matches = {{10, "caching"}, {9, "caching"}, {8, "other"}};
    EXPECT_EQ(spread_crowded_headings(matches), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(CrowdingTest, ASectionAlmostAsGoodUnderAnotherHeadingComesUpBetweenSiblings) {
    // The fourth "caching" section keeps 0.9^2 of its 9.5; "eviction" (8.5) passes it.
    const std::vector<RankedMatch> matches = {
        {10, "caching"}, {10, "caching"}, {9.8, "caching"}, {9.5, "caching"}, {8.5, "eviction"}};
    EXPECT_EQ(spread_crowded_headings(matches), (std::vector<std::size_t>{0, 1, 2, 4, 3}));
    const std::vector<double> weights = spread_weights(matches);
    EXPECT_DOUBLE_EQ(weights[2], 9.8 * kCrowdDecay);
    EXPECT_DOUBLE_EQ(weights[3], 9.5 * kCrowdDecay * kCrowdDecay);
    EXPECT_DOUBLE_EQ(weights[4], 8.5);
}

TEST(CrowdingTest, AHeadingThatIsClearlyBestStillFillsThePage) {
    const std::vector<RankedMatch> matches = {
        {10, "caching"}, {10, "caching"}, {10, "caching"}, {10, "caching"}, {2, "eviction"}};
    EXPECT_EQ(spread_crowded_headings(matches), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(CrowdingTest, DocumentsWithoutAHeadingNeverCrowd) {
    const std::vector<RankedMatch> matches = {{10, ""}, {9, ""}, {8, ""}, {7, ""}, {6.9, "a"}};
    EXPECT_EQ(spread_crowded_headings(matches), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(CrowdingTest, AMatchWeighsWhatTheMatchesAboveItMakeItWhateverFollows) {
    // So each page of results agrees with the next: reading more matches never changes the
    // weight of one already read.
    std::vector<RankedMatch> matches = {{10, "a"}, {9, "a"}, {8, "a"}, {7, "b"}};
    const std::vector<double> before = spread_weights(matches);
    matches.push_back({6, "a"});
    matches.push_back({5, "b"});
    const std::vector<double> after = spread_weights(matches);
    for (std::size_t i = 0; i < before.size(); ++i) EXPECT_DOUBLE_EQ(before[i], after[i]);
}

}  // namespace
}  // namespace tpm
