#include "text/width.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace tpm::text {
namespace {

struct Case {
    std::string_view input;
    std::size_t expected;
};

TEST(DisplayWidth, CountsColumnsPerCodePoint) {
    const Case cases[] = {
        {"", 0},
        {"canary rollback", 15},
        {"R\u00E9sum\u00E9", 6},    // precomposed: one column each
        {"e\u0301", 1},             // combining acute takes none
        {"\u20DD", 0},              // enclosing mark
        {"\u4E2D\u6587", 4},        // CJK ideographs are wide
        {"\u30C6\u30B9\u30C8", 6},  // katakana
        {"\uD55C\uAD6D\uC5B4", 6},  // Hangul syllables
        {"\u1100\u1161\u11A8", 2},  // the same syllable from conjoining jamo
        {"\uFF21\uFF22", 4},        // fullwidth Latin
        {"\uFF76", 1},              // halfwidth katakana
        {"\u0645\u064F\u062D", 2},  // Arabic with a vowel mark
        {"\U0001F600", 2},          // emoji are East Asian Wide
        {"\u2764\uFE0F", 1},        // text-default heart; VS16 is a nonspacing mark
        {"a\u200Bb", 2},            // zero width space is a format character
        {"a\u200Db", 2},            // zero width joiner too
        {"x\u00ADy", 3},            // soft hyphen is drawn
        {"\u00B7", 1},              // East Asian Ambiguous counts as narrow
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(display_width(c.input), c.expected);
    }
}

TEST(DisplayWidth, ControlsTakeNoColumns) {
    const Case cases[] = {
        {"a\tb", 2},
        {"a\x1B"
         "b",
         2},
        {"a\x7F"
         "b",
         2},
        {"a\u0085b", 2},  // C1 control NEL
        {std::string_view("a\0b", 3), 2},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(display_width(c.input), c.expected);
    }
}

TEST(DisplayWidth, CountsEachIllFormedByteAsOneColumn) {
    const Case cases[] = {
        {"\xFF", 1},         {"a\xE2\x82", 3},        {"\xC0\xAF", 2},
        {"\xED\xA0\x80", 3}, {"\xF4\x90\x80\x80", 4}, {"\xFF\u4E2D", 3},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(display_width(c.input), c.expected);
    }
}

}  // namespace
}  // namespace tpm::text
