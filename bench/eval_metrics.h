// bench/eval_metrics.h: the relevance measures of the harness (bench/relevance.cpp), with the
// definitions of ../shared/eval/score, and the paired randomisation test that says whether a
// difference between two systems on the same queries is more than chance. Header-only so that
// tests/bench/ checks them on hand-made rankings.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace tpm::eval {

struct Judged {
    std::string query;
    std::map<std::string, int> grades;  // document id -> gain (> 0); unlisted: 0
    std::string type;
};

struct Metrics {
    double mrr = 0, ndcg = 0, r5 = 0, p1 = 0, r10 = 0;
    bool found = false;  // a relevant document in the top 10
};

// The measures of one ranking (best first, each id once) against `grades`: a document is
// relevant when its gain is at least `relevant_gain`; nDCG@10 uses the gains themselves.
inline Metrics score(const std::vector<std::string>& ranked,
                     const std::map<std::string, int>& grades, int relevant_gain) {
    auto grade = [&](const std::string& d) {
        const auto it = grades.find(d);
        return it == grades.end() ? 0 : it->second;
    };
    Metrics m;
    std::size_t relevant = 0;
    for (const auto& [d, g] : grades) relevant += g >= relevant_gain;
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
        const bool hit = grade(ranked[i]) >= relevant_gain;
        if (hit && m.mrr == 0) m.mrr = 1.0 / static_cast<double>(i + 1);
        m.ndcg += grade(ranked[i]) / std::log2(static_cast<double>(i) + 2.0);
        if (i < 5 && hit) m.r5 += 1;
        if (hit) m.r10 += 1;
    }
    std::vector<int> ideal;
    for (const auto& [d, g] : grades) ideal.push_back(g);
    std::sort(ideal.rbegin(), ideal.rend());
    double idcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
        idcg += ideal[i] / std::log2(static_cast<double>(i) + 2.0);
    }
    m.ndcg = idcg > 0 ? m.ndcg / idcg : 0;
    m.found = m.r10 > 0;
    m.r5 = relevant ? m.r5 / static_cast<double>(std::min<std::size_t>(5, relevant)) : 0;
    m.r10 = relevant ? m.r10 / static_cast<double>(std::min<std::size_t>(10, relevant)) : 0;
    m.p1 = !ranked.empty() && grade(ranked[0]) >= relevant_gain ? 1 : 0;
    return m;
}

struct Summary {
    std::size_t n = 0;
    double mrr = 0, ndcg = 0, r5 = 0, p1 = 0, r10 = 0;
    std::size_t zero = 0;  // queries with no relevant document in the top 10
};

inline Summary summarise(const std::vector<Metrics>& ms) {
    Summary s;
    s.n = ms.size();
    for (const Metrics& m : ms) {
        s.mrr += m.mrr, s.ndcg += m.ndcg, s.r5 += m.r5, s.p1 += m.p1, s.r10 += m.r10;
        s.zero += m.found ? 0 : 1;
    }
    const double n = ms.empty() ? 1.0 : static_cast<double>(ms.size());
    s.mrr /= n, s.ndcg /= n, s.r5 /= n, s.p1 /= n, s.r10 /= n;
    return s;
}

struct PairedTest {
    double mean_difference = 0;  // mean of a[i] - b[i]
    double p = 1;                // two-sided
};

// Fisher's paired randomisation test (Smucker, Allan and Carterette 2007): under the null
// hypothesis the two systems are exchangeable on every query, so each per-query difference is
// as likely with either sign. p is the share of `permutations` random sign assignments whose
// mean difference is at least as far from zero as the observed one (counting the observed one,
// so p is never 0). A fixed seed makes a run repeatable.
inline PairedTest randomisation_test(const std::vector<double>& a, const std::vector<double>& b,
                                     int permutations = 10000, std::uint32_t seed = 20261204) {
    PairedTest t;
    const std::size_t n = std::min(a.size(), b.size());
    if (n == 0) return t;
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = a[i] - b[i];
    double observed = 0;
    for (double x : d) observed += x;
    t.mean_difference = observed / static_cast<double>(n);
    const double limit = std::abs(observed) - 1e-12;
    std::mt19937 rng(seed);
    std::bernoulli_distribution flip(0.5);
    int extreme = 0;
    for (int k = 0; k < permutations; ++k) {
        double sum = 0;
        for (double x : d) sum += flip(rng) ? -x : x;
        if (std::abs(sum) >= limit) ++extreme;
    }
    t.p = (extreme + 1.0) / (permutations + 1.0);
    return t;
}

}  // namespace tpm::eval
