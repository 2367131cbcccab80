// The relevance harness's measures on hand-made rankings (bench/eval_metrics.h): what each one
// counts, and that the randomisation test tells a real difference from noise.
#include "eval_metrics.h"

#include <gtest/gtest.h>

namespace tpm::eval {
namespace {

TEST(EvalMetrics, ScoreCountsOnlyRelevantGainsForRanksAndAllGainsForNdcg) {
    const std::map<std::string, int> grades{{"a", 2}, {"b", 1}, {"c", 2}};
    const Metrics m = score({"x", "b", "a"}, grades, 2);
    EXPECT_DOUBLE_EQ(m.mrr, 1.0 / 3);  // "b" is judged but below the relevant gain
    EXPECT_DOUBLE_EQ(m.p1, 0);
    EXPECT_DOUBLE_EQ(m.r10, 0.5);  // one of the two relevant documents
    EXPECT_TRUE(m.found);
    const double dcg = 1 / std::log2(3.0) + 2 / std::log2(4.0);
    const double ideal = 2 / std::log2(2.0) + 2 / std::log2(3.0) + 1 / std::log2(4.0);
    EXPECT_NEAR(m.ndcg, dcg / ideal, 1e-12);
    // With gain 1 relevant, "b" at rank 2 is the first relevant document.
    EXPECT_DOUBLE_EQ(score({"x", "b", "a"}, grades, 1).mrr, 0.5);
}

TEST(EvalMetrics, NothingRelevantInTheTopTenIsCountedAsAZero) {
    const std::map<std::string, int> grades{{"a", 1}};
    std::vector<std::string> ranked;
    for (int i = 0; i < 10; ++i) ranked.push_back("x" + std::to_string(i));
    ranked.push_back("a");  // rank 11 does not count
    const Metrics m = score(ranked, grades, 1);
    EXPECT_FALSE(m.found);
    EXPECT_EQ(m.mrr, 0);
    const Summary s = summarise({m, score({"a"}, grades, 1)});
    EXPECT_EQ(s.n, 2u);
    EXPECT_EQ(s.zero, 1u);
    EXPECT_DOUBLE_EQ(s.mrr, 0.5);
}

TEST(EvalMetrics, RandomisationTestSeparatesAConsistentGainFromNoise) {
    std::vector<double> better, base, noisy;
    for (int i = 0; i < 40; ++i) {
        base.push_back(0.5);
        better.push_back(0.6);
        noisy.push_back(i % 2 == 0 ? 0.6 : 0.4);
    }
    const PairedTest real = randomisation_test(better, base);
    EXPECT_NEAR(real.mean_difference, 0.1, 1e-12);
    EXPECT_LT(real.p, 0.001);
    const PairedTest none = randomisation_test(noisy, base);
    EXPECT_NEAR(none.mean_difference, 0.0, 1e-12);
    EXPECT_GT(none.p, 0.5);
    // The same inputs and seed give the same p.
    EXPECT_EQ(randomisation_test(better, base).p, real.p);
}

}  // namespace
}  // namespace tpm::eval
