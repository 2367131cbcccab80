#include "text/edit_distance.h"

#include <algorithm>
#include <vector>

namespace tpm::text {

namespace {

// One row of the dynamic-programming table at a time.
template <typename View>
std::size_t levenshtein(View a, View b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];  // row[i-1][j-1]
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const std::size_t subst = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({up + 1, row[j - 1] + 1, subst});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
    return levenshtein(a, b);
}

std::size_t edit_distance(std::string_view a, std::string_view b) { return levenshtein(a, b); }

}  // namespace tpm::text
