#include "text/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "support/temp_dir.h"

namespace tpm::text {
namespace {

using namespace std::string_literals;

// "café\n日本語" in UTF-16, without a byte-order mark.
const std::string kCafeCjkUtf16le = "c\0a\0f\0\xE9\0\n\0\xE5\x65\x2C\x67\x9E\x8A"s;
const std::string kCafeCjkUtf16be = "\0c\0a\0f\0\xE9\0\n\x65\xE5\x67\x2C\x8A\x9E"s;
constexpr std::string_view kCafeCjk = "caf\u00E9\n\u65E5\u672C\u8A9E";

struct Case {
    std::string name;
    std::string bytes;
    std::string text;
    std::string encoding;
    bool converted;
};

void expect_decodes(const Case& c, const Decoded& d) {
    EXPECT_TRUE(d.ok) << d.reason;
    EXPECT_EQ(d.text, c.text);
    EXPECT_EQ(d.encoding, c.encoding);
    EXPECT_EQ(d.converted, c.converted);
    EXPECT_EQ(d.reason, "");
}

TEST(Decode, PassesUtf8ThroughAndDropsItsByteOrderMark) {
    const Case cases[] = {
        {"empty", "", "", "UTF-8", false},
        {"ascii", "# Notes\nplain\n", "# Notes\nplain\n", "UTF-8", false},
        {"accents", "caf\u00E9 na\u00EFve", "caf\u00E9 na\u00EFve", "UTF-8", false},
        {"cjk", "\u65E5\u672C\u8A9E", "\u65E5\u672C\u8A9E", "UTF-8", false},
        {"bom", "\xEF\xBB\xBF# caf\u00E9\n", "# caf\u00E9\n", "UTF-8", false},
        {"bom only", "\xEF\xBB\xBF", "", "UTF-8", false},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        expect_decodes(c, decode_text(c.bytes));
    }
}

TEST(Decode, TurnsCrlfAndLoneCrIntoLf) {
    const Case cases[] = {
        {"utf-8 crlf", "a\r\nb\r\n", "a\nb\n", "UTF-8", false},
        {"utf-8 lone cr", "a\rb\r\r\nc", "a\nb\n\nc", "UTF-8", false},
        {"utf-8 bom crlf",
         "\xEF\xBB\xBF"
         "a\r\n",
         "a\n", "UTF-8", false},
        {"utf-16le crlf",
         "\xFF\xFE"
         "a\0\r\0\n\0b\0\r\0"s,
         "a\nb\n", "UTF-16LE", true},
        {"windows-1252 crlf", "caf\xE9\r\nna\xEFve\r", "caf\u00E9\nna\u00EFve\n",
         "windows-1252 (assumed, not detected)", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        expect_decodes(c, decode_text(c.bytes));
    }
}

TEST(Decode, ConvertsUnicodeWithByteOrderMark) {
    const Case cases[] = {
        {"utf-16le", "\xFF\xFE" + kCafeCjkUtf16le, std::string(kCafeCjk), "UTF-16LE", true},
        {"utf-16be", "\xFE\xFF" + kCafeCjkUtf16be, std::string(kCafeCjk), "UTF-16BE", true},
        {"utf-16le bom only", "\xFF\xFE", "", "UTF-16LE", true},
        // U+1F600 needs a surrogate pair.
        {"utf-16le astral", "\xFF\xFE\x3D\xD8\x00\xDE"s, "\U0001F600", "UTF-16LE", true},
        {"utf-32le", "\xFF\xFE\0\0c\0\0\0\xE9\0\0\0\xE5\x65\0\0"s, "c\u00E9\u65E5", "UTF-32LE",
         true},
        {"utf-32be", "\0\0\xFE\xFF\0\0\0c\0\0\0\xE9\0\0\x65\xE5"s, "c\u00E9\u65E5", "UTF-32BE",
         true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        expect_decodes(c, decode_text(c.bytes));
    }
}

TEST(Decode, ReplacesIllFormedUtf16WithReplacementCharacter) {
    // "A", a lone high surrogate, "B".
    const Decoded d = decode_text(
        "\xFF\xFE"
        "A\0\x00\xD8"
        "B\0"s);
    ASSERT_TRUE(d.ok) << d.reason;
    EXPECT_EQ(d.text, "A\uFFFDB");
}

TEST(Decode, DetectsAndConvertsLegacyCharsets) {
    const Case cases[] = {
        // 0x93 and 0x94 are curly quotes only in windows-1252 (C1 controls in Latin-1).
        {"windows-1252", "He said \x93hello\x94 at the caf\xE9.\n",
         "He said \u201Chello\u201D at the caf\u00E9.\n", "windows-1252", true},
        {"windows-1252 apostrophe", "Don\x92t cache \x96 shard.\n",
         "Don\u2019t cache \u2013 shard.\n", "windows-1252", true},
        {"latin-1",
         "Gr\xF6\xDF"
         "e und Gewicht: \xE4\xF6\xFC \xDF\n",
         "Gr\u00F6\u00DFe und Gewicht: \u00E4\u00F6\u00FC \u00DF\n", "ISO-8859-1", true},
        {"windows-1251",
         "\xDD\xF2\xEE \xE7\xE0\xEC\xE5\xF2\xEA\xE8 \xEE \xF1\xEE\xE1\xE5\xF1\xE5\xE4\xEE\xE2\xE0"
         "\xED\xE8\xE8 \xEF\xEE \xEF\xF0\xEE\xE5\xEA\xF2\xE8\xF0\xEE\xE2\xE0\xED\xE8\xFE \xF1\xE8"
         "\xF1\xF2\xE5\xEC. \xCA\xFD\xF8\xE8\xF0\xEE\xE2\xE0\xED\xE8\xE5 \xE8 \xF8\xE0\xF0\xE4\xE8"
         "\xF0\xEE\xE2\xE0\xED\xE8\xE5.\n",
         "\u042D\u0442\u043E \u0437\u0430\u043C\u0435\u0442\u043A\u0438 \u043E "
         "\u0441\u043E\u0431\u0435\u0441\u0435\u0434\u043E\u0432\u0430\u043D\u0438\u0438 "
         "\u043F\u043E \u043F\u0440\u043E\u0435\u043A\u0442\u0438\u0440\u043E\u0432\u0430\u043D"
         "\u0438\u044E \u0441\u0438\u0441\u0442\u0435\u043C. "
         "\u041A\u044D\u0448\u0438\u0440\u043E\u0432\u0430\u043D\u0438\u0435 \u0438 "
         "\u0448\u0430\u0440\u0434\u0438\u0440\u043E\u0432\u0430\u043D\u0438\u0435.\n",
         "windows-1251", true},
        {"shift_jis",
         "# \x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x81\x83\x82\n\n"
         "\x82\xB1\x82\xEA\x82\xCD\x83\x56\x83\x58\x83\x65\x83\x80\x90\xDD\x8C\x76\x82\xCC"
         "\x96\xCA\x90\xDA\x82\xC9\x82\xC2\x82\xA2\x82\xC4\x82\xCC\x83\x81\x83\x82\x82\xC5"
         "\x82\xB7\x81\x42\n",
         "# \u65E5\u672C\u8A9E\u306E\u30E1\u30E2\n\n"
         "\u3053\u308C\u306F\u30B7\u30B9\u30C6\u30E0\u8A2D\u8A08\u306E\u9762\u63A5\u306B"
         "\u3064\u3044\u3066\u306E\u30E1\u30E2\u3067\u3059\u3002\n",
         "Shift_JIS", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        expect_decodes(c, decode_text(c.bytes));
    }
}

TEST(Decode, FallsBackToWindows1252WhenNothingIsDetected) {
    const Case cases[] = {
        {"one word", "caf\xE9", "caf\u00E9", "windows-1252 (assumed, not detected)", true},
        {"one byte", "\xE9", "\u00E9", "windows-1252 (assumed, not detected)", true},
        // ICU's best guess here is ISO-8859-2 at 25, which would make "na\u010Fve".
        {"two words", "caf\xE9 na\xEFve", "caf\u00E9 na\u00EFve",
         "windows-1252 (assumed, not detected)", true},
        // Bytes windows-1252 leaves undefined still map (to C1 controls), so nothing is lost.
        {"undefined bytes", "abc \x81\x8D", "abc \u0081\u008D",
         "windows-1252 (assumed, not detected)", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        expect_decodes(c, decode_text(c.bytes));
    }
}

TEST(Decode, CallsBytesWithNulInFirst8KiBBinary) {
    struct BinaryCase {
        std::string name;
        std::string bytes;
        std::string reason;
    };
    const BinaryCase cases[] = {
        {"nul", "abc\0def"s, "binary file (NUL byte at offset 3)"},
        {"leading nul", "\0"s, "binary file (NUL byte at offset 0)"},
        {"png", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10"s, "binary file (NUL byte at offset 8)"},
        {"utf-8 bom then nul",
         "\xEF\xBB\xBF"
         "a\0"s,
         "binary file (NUL byte at offset 4)"},
        {"utf-16 without bom", kCafeCjkUtf16le, "binary file (NUL byte at offset 1)"},
        {"nul at 8191", std::string(8191, 'a') + '\0', "binary file (NUL byte at offset 8191)"},
    };
    for (const BinaryCase& c : cases) {
        SCOPED_TRACE(c.name);
        const Decoded d = decode_text(c.bytes);
        EXPECT_FALSE(d.ok);
        EXPECT_EQ(d.reason, c.reason);
        EXPECT_EQ(d.text, "");
    }
}

TEST(Decode, LooksForNulOnlyInFirst8KiB) {
    const std::string bytes = std::string(8192, 'a') + "\0b"s;
    const Decoded d = decode_text(bytes);
    ASSERT_TRUE(d.ok) << d.reason;
    EXPECT_EQ(d.text, bytes);
    EXPECT_EQ(d.encoding, "UTF-8");
}

// The bytes as they come back from disk: written and read in binary, nothing lost on the way.
TEST(Decode, DecodesFilesWrittenToDisk) {
    const test::TempDir dir;
    const Case cases[] = {
        {"crlf.md", "# Title\r\n\r\nBody\r\n", "# Title\n\nBody\n", "UTF-8", false},
        {"utf16.txt", "\xFF\xFE" + kCafeCjkUtf16le, std::string(kCafeCjk), "UTF-16LE", true},
        {"cp1252.md", "\x93quoted\x94 caf\xE9 and \x93more\x94 text\r\n",
         "\u201Cquoted\u201D caf\u00E9 and \u201Cmore\u201D text\n", "windows-1252", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        test::write_file(dir / c.name, c.bytes);
        expect_decodes(c, decode_text(test::read_file(dir / c.name)));
    }
    const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s;
    test::write_file(dir / "image.png", png);
    const Decoded d = decode_text(test::read_file(dir / "image.png"));
    EXPECT_FALSE(d.ok);
    EXPECT_EQ(d.reason, "binary file (NUL byte at offset 8)");
}

}  // namespace
}  // namespace tpm::text

namespace tpm::text {
namespace {

TEST(Decode, MostlyUtf8KeepsItsUtf8AndReplacesOnlyTheBadBytes) {
    // A UTF-8 note ("—", "é", "日本") with one Latin-1 "\xE9" pasted in on line 3.
    const std::string bytes =
        "Plan \xE2\x80\x94 caf\xC3\xA9\nTokyo \xE6\x97\xA5\xE6\x9C\xAC\nna\xEFve idea\n";
    const Decoded d = decode_text(bytes);
    ASSERT_TRUE(d.ok) << d.reason;
    EXPECT_EQ(d.encoding, "UTF-8");
    EXPECT_FALSE(d.converted);
    EXPECT_EQ(d.text, "Plan \u2014 caf\u00E9\nTokyo \u65E5\u672C\nna\uFFFDve idea\n");
    EXPECT_EQ(d.replaced_lines, (std::vector<int>{3}));

    // A truncated sequence at the end counts as bad too, on its own line.
    const Decoded cut = decode_text("caf\xC3\xA9 and \xC3\xA9\nend \xE2\x80");
    ASSERT_TRUE(cut.ok);
    EXPECT_EQ(cut.text, "caf\u00E9 and \u00E9\nend \uFFFD\uFFFD");
    EXPECT_EQ(cut.replaced_lines, (std::vector<int>{2}));
}

TEST(Decode, Windows1252ThroughoutIsStillConvertedWhole) {
    // More bad bytes than UTF-8 sequences ("\xC3\xA9" reads as "Ã©" by chance): windows-1252.
    const Decoded d = decode_text("He said \x93hello\x94 at the caf\xE9 \xC3\xA9.\n");
    ASSERT_TRUE(d.ok);
    EXPECT_TRUE(d.converted);
    EXPECT_NE(d.encoding, "UTF-8");
    EXPECT_TRUE(d.replaced_lines.empty());
    EXPECT_EQ(d.text.find("\uFFFD"), std::string::npos) << d.text;
}

}  // namespace
}  // namespace tpm::text
