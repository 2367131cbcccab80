#include "text/printable.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tpm::text {
namespace {

#define TPM_FFFD "\xEF\xBF\xBD"
// The bidirectional controls, spelled as bytes: g++ rightly refuses them raw in a source file
// (-Wbidi-chars).
#define TPM_LRE "\xE2\x80\xAA"  // U+202A
#define TPM_RLE "\xE2\x80\xAB"  // U+202B
#define TPM_PDF "\xE2\x80\xAC"  // U+202C
#define TPM_LRO "\xE2\x80\xAD"  // U+202D
#define TPM_RLO "\xE2\x80\xAE"  // U+202E
#define TPM_LRI "\xE2\x81\xA6"  // U+2066
#define TPM_RLI "\xE2\x81\xA7"  // U+2067
#define TPM_FSI "\xE2\x81\xA8"  // U+2068
#define TPM_PDI "\xE2\x81\xA9"  // U+2069
#define TPM_LRM "\xE2\x80\x8E"  // U+200E
#define TPM_RLM "\xE2\x80\x8F"  // U+200F
#define TPM_ALM "\xD8\x9C"      // U+061C

struct Case {
    const char* name;
    std::string_view input;
    std::string_view terminal;  // Controls::neutralise
    std::string_view json;      // Controls::keep
};

TEST(Printable, ReplacesIllFormedBytesAndNeutralisesControlsOnlyForTheTerminal) {
    using namespace std::string_view_literals;
    const Case cases[] = {
        {"empty", ""sv, ""sv, ""sv},
        {"ascii", "canary rollback"sv, "canary rollback"sv, "canary rollback"sv},
        {"multibyte", "R\u00E9sum\u00E9 \u65E5\u672C \U0001F600"sv,
         "R\u00E9sum\u00E9 \u65E5\u672C \U0001F600"sv,
         "R\u00E9sum\u00E9 \u65E5\u672C \U0001F600"sv},
        {"format chars stay", "a\u200Db\u00ADc"sv, "a\u200Db\u00ADc"sv, "a\u200Db\u00ADc"sv},
        {"esc", "a\x1b[2Jb"sv, "a" TPM_FFFD "[2Jb"sv, "a\x1b[2Jb"sv},
        {"bel", "ding\x07"sv, "ding" TPM_FFFD ""sv, "ding\x07"sv},
        {"nul", "a\0b"sv, "a" TPM_FFFD "b"sv, "a\0b"sv},
        {"del", "a\x7F"sv, "a" TPM_FFFD ""sv, "a\x7F"sv},
        {"c1 csi", "a\u009B31m"sv, "a" TPM_FFFD "31m"sv, "a\u009B31m"sv},
        {"c1 nel", "a\u0085b"sv, "a" TPM_FFFD "b"sv, "a\u0085b"sv},
        {"tab, lf, cr", "a\tb\nc\r\nd"sv, "a b c  d"sv, "a\tb\nc\r\nd"sv},
        {"vt, ff", "a\vb\fc"sv, "a b c"sv, "a\vb\fc"sv},
        {"line, paragraph separators", "a\u2028b\u2029c"sv, "a b c"sv, "a\u2028b\u2029c"sv},
        {"lone ff",
         "a\xFF"
         "b"sv,
         "a" TPM_FFFD "b"sv, "a" TPM_FFFD "b"sv},
        {"stray continuation", "caf\x80"sv, "caf" TPM_FFFD ""sv, "caf" TPM_FFFD ""sv},
        {"truncated at end", "x\xE2\x82"sv, "x" TPM_FFFD TPM_FFFD ""sv, "x" TPM_FFFD TPM_FFFD ""sv},
        {"truncated before ascii",
         "\xE2\x82"
         "a"sv,
         TPM_FFFD TPM_FFFD "a"sv, TPM_FFFD TPM_FFFD "a"sv},
        {"overlong", "\xC0\xAF"sv, TPM_FFFD TPM_FFFD ""sv, TPM_FFFD TPM_FFFD ""sv},
        {"surrogate", "\xED\xA0\x80"sv, TPM_FFFD TPM_FFFD TPM_FFFD ""sv,
         TPM_FFFD TPM_FFFD TPM_FFFD ""sv},
        {"past U+10FFFF", "\xF4\x90\x80\x80"sv, TPM_FFFD TPM_FFFD TPM_FFFD TPM_FFFD ""sv,
         TPM_FFFD TPM_FFFD TPM_FFFD TPM_FFFD ""sv},
        {"U+TPM_FFFD itself", TPM_FFFD ""sv, TPM_FFFD ""sv, TPM_FFFD ""sv},
        // Bidi overrides, embeddings, isolates and marks would reorder or hide text.
        {"rlo override", "id " TPM_RLO "exe.txt"sv, "id " TPM_FFFD "exe.txt"sv,
         "id " TPM_RLO "exe.txt"sv},
        {"embeddings, pdf", TPM_LRE TPM_RLE TPM_PDF TPM_LRO ""sv,
         TPM_FFFD TPM_FFFD TPM_FFFD TPM_FFFD ""sv, TPM_LRE TPM_RLE TPM_PDF TPM_LRO ""sv},
        {"isolates", "a" TPM_LRI "b" TPM_RLI "c" TPM_FSI "d" TPM_PDI ""sv,
         "a" TPM_FFFD "b" TPM_FFFD "c" TPM_FFFD "d" TPM_FFFD ""sv,
         "a" TPM_LRI "b" TPM_RLI "c" TPM_FSI "d" TPM_PDI ""sv},
        {"marks", TPM_LRM TPM_RLM TPM_ALM ""sv, TPM_FFFD TPM_FFFD TPM_FFFD ""sv,
         TPM_LRM TPM_RLM TPM_ALM ""sv},
        {"right-to-left letters stay", "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627"sv,
         "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627"sv,
         "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627"sv},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(printable(c.input, Controls::neutralise), c.terminal);
        EXPECT_EQ(printable(c.input, Controls::keep), c.json);
    }
}

struct OffsetCase {
    const char* name;
    std::string_view input;
    Controls controls;
    std::vector<std::size_t> offsets;  // in.size() + 1 entries
};

TEST(Printable, MapsEveryInputByteAndTheEndToOutputOffsets) {
    using namespace std::string_view_literals;
    const OffsetCase cases[] = {
        {"empty", ""sv, Controls::neutralise, {0}},
        {"ascii", "ab"sv, Controls::neutralise, {0, 1, 2}},
        // A two-byte letter: both its bytes map to where it starts.
        {"sequence", "\u00E9x"sv, Controls::keep, {0, 0, 2, 3}},
        // Each bad byte grows to three bytes of U+TPM_FFFD.
        {"bad bytes",
         "\xFF\xFE"
         "a"sv,
         Controls::keep,
         {0, 3, 6, 7}},
        {"truncated at end", "a\xE2\x82"sv, Controls::keep, {0, 1, 4, 7}},
        // ESC grows to U+TPM_FFFD on the terminal, and stays one byte for JSON.
        {"esc terminal", "\x1b[m"sv, Controls::neutralise, {0, 3, 4, 5}},
        {"esc json", "\x1b[m"sv, Controls::keep, {0, 1, 2, 3}},
        // U+2028 (three bytes) shrinks to one space.
        {"line separator", "a\u2028b"sv, Controls::neutralise, {0, 1, 1, 1, 2, 3}},
    };
    for (const OffsetCase& c : cases) {
        SCOPED_TRACE(c.name);
        std::vector<std::size_t> offsets{99};  // replaced, not appended to
        const std::string out = printable(c.input, c.controls, &offsets);
        EXPECT_EQ(offsets, c.offsets);
        ASSERT_EQ(offsets.size(), c.input.size() + 1);
        EXPECT_EQ(offsets.back(), out.size());
    }
}

TEST(Printable, OffsetsMoveASpanOntoTheSameWord) {
    const std::string_view in = "\x1b\xFF canary \xC3\xA9t\xC3\xA9";
    std::vector<std::size_t> offsets;
    const std::string out = printable(in, Controls::neutralise, &offsets);
    const std::size_t start = in.find("canary");
    const std::size_t end = start + 6;
    EXPECT_EQ(out.substr(offsets[start], offsets[end] - offsets[start]), "canary");
    EXPECT_EQ(out.substr(offsets[end + 1]), "\xC3\xA9t\xC3\xA9");
}

TEST(CodePointAt, ReadsOneCodePointOrOneBadByte) {
    struct PointCase {
        std::string_view input;
        std::size_t at;
        char32_t value;
        std::size_t length;
    };
    const PointCase cases[] = {
        {"a", 0, U'a', 1},
        {"x\u00E9", 1, 0xE9, 2},
        {"\u65E5", 0, 0x65E5, 3},
        {"\U0001F600", 0, 0x1F600, 4},
        {"\xFF", 0, 0xFFFD, 1},
        {"\xE2\x82", 0, 0xFFFD, 1},
        {"\xED\xA0\x80", 0, 0xFFFD, 1},
    };
    for (const PointCase& c : cases) {
        SCOPED_TRACE(c.input);
        const CodePoint cp = code_point_at(c.input, c.at);
        EXPECT_EQ(cp.value, c.value);
        EXPECT_EQ(cp.length, c.length);
    }
}

#undef TPM_FFFD

}  // namespace
}  // namespace tpm::text
