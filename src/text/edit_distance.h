// text/edit_distance.h: how far apart two strings are, for "did you mean" suggestions (topic
// ids, option names).
#pragma once

#include <cstddef>
#include <string_view>

namespace tpm::text {

// Levenshtein distance: the fewest insertions, deletions and substitutions of one character
// (a code point, or a byte for the narrow overload) that turn `a` into `b`.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tpm::text
