#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace tpm::text {
namespace {

struct Case {
    std::string_view input;
    std::string_view expected;
};

TEST(Fold, LowercasesAndRemovesAccents) {
    const Case cases[] = {
        {"", ""},
        {"Canary Rollback", "canary rollback"},
        {"R\u00E9sum\u00E9", "resume"},
        {"RESUME", "resume"},
        {"\u00C9COLE", "ecole"},
        {"na\u00EFve caf\u00E9", "naive cafe"},
        {"\u00C5ngstr\u00F6m", "angstrom"},
        {"Se\u00F1or", "senor"},
        // A precomposed letter and its decomposed spelling fold alike.
        {"e\u0301", "e"},
        {"Cafe\u0301", "cafe"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(fold(c.input), c.expected);
    }
}

TEST(Fold, AppliesCompatibilityDecompositionAndFullCaseFolding) {
    const Case cases[] = {
        {"\uFF21\uFF22\uFF23", "abc"},                       // fullwidth Latin
        {"\uFF52\uFF45\uFF53\uFF55\uFF4D\uFF45", "resume"},  // fullwidth lowercase
        {"\uFB01le", "file"},                                // fi ligature
        {"Stra\u00DFe", "strasse"},                          // sharp s folds to "ss"
        {"STRASSE", "strasse"},
        {"\u2460", "1"},     // circled digit one
        {"\u212B", "a"},     // angstrom sign
        {"x\u00ADy", "xy"},  // soft hyphen is default-ignorable
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(fold(c.input), c.expected);
    }
}

TEST(Fold, FoldsGreekSigmaAndTurkishIWithDefaultRules) {
    const Case cases[] = {
        // Final sigma folds to the medial form, so inflected forms match.
        {"\u039F\u0394\u039F\u03A3", "\u03BF\u03B4\u03BF\u03C3"},
        {"\u1F40\u03B4\u03CC\u03C2", "\u03BF\u03B4\u03BF\u03C3"},
        // Default (non-Turkic) folding: dotted capital I becomes i + U+0307, whose dot is then
        // removed as an accent; dotless i is left alone.
        {"\u0130stanbul", "istanbul"},
        {"I\u0131i", "i\u0131i"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(fold(c.input), c.expected);
    }
}

TEST(Fold, KeepsOtherScriptsButDropsTheirNonspacingMarks) {
    const Case cases[] = {
        {"\u6570\u636E\u5E93", "\u6570\u636E\u5E93"},  // CJK unchanged
        // Arabic vowel marks (harakat) are nonspacing marks.
        {"\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F", "\u0645\u062D\u0645\u062F"},
        // Kana voicing marks are too: pa/ga fold to ha/ka.
        {"\u3071\u30AC", "\u306F\u30AB"},
        // Halfwidth katakana become fullwidth.
        {"\uFF76\uFF80\uFF76\uFF85", "\u30AB\u30BF\u30AB\u30CA"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(fold(c.input), c.expected);
    }
}

TEST(Fold, ReplacesIllFormedUtf8WithReplacementCharacter) {
    const Case cases[] = {
        {"\xFF", "\uFFFD"},
        {"A\xFF"
         "B",
         "a\uFFFDb"},
        // A truncated sequence is one maximal subpart, so one U+FFFD.
        {"a\xE2\x82", "a\uFFFD"},
        // C0 can never start a sequence: each byte of an overlong '/' is replaced.
        {"\xC0\xAF", "\uFFFD\uFFFD"},
        // An encoded surrogate is ill-formed too.
        {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
        {"Caf\xC3\xA9\xFF", "cafe\uFFFD"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(fold(c.input), c.expected);
    }
}

TEST(Fold, IsIdempotent) {
    const std::string_view inputs[] = {"R\u00E9sum\u00E9",         "Stra\u00DFe", "\uFB01",
                                       "\u039F\u0394\u039F\u03A3", "\u0130",      "\xC0\xAF"};
    for (std::string_view input : inputs) {
        SCOPED_TRACE(input);
        const std::string once = fold(input);
        EXPECT_EQ(fold(once), once);
    }
}

TEST(Fold, KeepsAsciiPunctuationAndControls) {
    const std::string input("A/B\tC-D_e\0F", 11);
    EXPECT_EQ(fold(input), std::string("a/b\tc-d_e\0f", 11));
}

struct ValidityCase {
    std::string_view input;
    bool expected;
};

TEST(IsValidUtf8, AcceptsWellFormedAndRejectsIllFormed) {
    const ValidityCase cases[] = {
        {"", true},
        {"plain ascii", true},
        {"R\u00E9sum\u00E9 \u6570\u636E \U0001F600", true},
        {"\xF4\x8F\xBF\xBF", true},  // U+10FFFF, the last code point
        {"\xEF\xBF\xBE", true},      // U+FFFE: a noncharacter, yet well-formed
        {"\xFF", false},             // never valid
        {"\x80", false},             // stray continuation byte
        {"a\xE2\x82", false},        // truncated at the end
        {"\xE2\x82"
         "a",
         false},                      // truncated in the middle
        {"\xC0\xAF", false},          // overlong '/'
        {"\xE0\x80\xAF", false},      // overlong '/', three bytes
        {"\xED\xA0\x80", false},      // surrogate U+D800
        {"\xF4\x90\x80\x80", false},  // U+110000
        {"\xF5\x80\x80\x80", false},  // lead byte beyond U+10FFFF
    };
    for (const ValidityCase& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(is_valid_utf8(c.input), c.expected);
    }
}

TEST(CleanInput, DropsBomAndNormalisesLineEnds) {
    const Case cases[] = {
        {"", ""},
        {"a\nb\n", "a\nb\n"},
        {"\xEF\xBB\xBF# Title\n", "# Title\n"},
        {"\xEF\xBB\xBF", ""},
        {"a\r\nb\r\n", "a\nb\n"},
        {"a\rb\r", "a\nb\n"},
        {"a\r\r\nb", "a\n\nb"},
        {"a\n\rb", "a\n\nb"},
        {"\xEF\xBB\xBF"
         "a\r\nb\rc\n",
         "a\nb\nc\n"},
        // Only a leading BOM is dropped.
        {"a\xEF\xBB\xBF", "a\xEF\xBB\xBF"},
        // Bytes are passed through without validation.
        {"\xFF\r\n", "\xFF\n"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(clean_input(c.input), c.expected);
    }
}

}  // namespace
}  // namespace tpm::text
