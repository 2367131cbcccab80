#include "ingest/ingest_text.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tpm::detail {
namespace {

TEST(IngestText, SplitLinesCountsALastLineWithoutItsNewline) {
    using Lines = std::vector<std::string_view>;
    EXPECT_EQ(split_lines(""), Lines{});
    EXPECT_EQ(split_lines("a"), Lines{"a"});
    EXPECT_EQ(split_lines("a\n"), Lines{"a"});
    EXPECT_EQ(split_lines("a\n\nb"), (Lines{"a", "", "b"}));
    EXPECT_EQ(split_lines("\n"), Lines{""});
}

TEST(IngestText, TrimSpaceTakesAsciiAndInvisibleSpaces) {
    EXPECT_EQ(trim_space(" \t\u00a0\u200bword\u2060\ufeff\r\n"), "word");
    EXPECT_EQ(trim_space("a\u00a0b"), "a\u00a0b");
    EXPECT_EQ(trim_space_end("  ---\u00a0 "), "  ---");
    EXPECT_EQ(skip_blanks(" \u00a0\tx \n"), "x \n");
    EXPECT_EQ(skip_blanks("\nx"), "\nx");
    EXPECT_EQ(collapse_space(" a \t\n b\u00a0"), "a b");
}

// The one label rule of the Q&A parser and the notes, as a table; the parsers' own tests
// show the inputs the two used to read differently.
TEST(IngestText, SplitLabelTellsLabelsFromSentences) {
    struct Case {
        std::string text;
        std::size_t bold_end;
        const char* label;  // nullptr when there is no label
        const char* rest;
    };
    const Case cases[] = {
        {"Canary Releases: one percent first", 0, "Canary Releases", "one percent first"},
        {"A/B Testing: split traffic", 0, "A/B Testing", "split traffic"},
        {"Service Level Objectives (SLOs): targets", 0, "Service Level Objectives (SLOs)",
         "targets"},
        {"Localization (l10n): adapt", 0, "Localization (l10n)", "adapt"},
        {"Maintainer(s): Help wanted", 0, nullptr, nullptr},
        {"Data Structures (Fall 2006): videos", 0, nullptr, nullptr},
        {"Needs (memory: code", 0, nullptr, nullptr},
        {"In a past project, we learned: test early", 0, nullptr, nullptr},
        {"lowercase start: text", 0, nullptr, nullptr},
        {"Ends with a colon:", 0, nullptr, nullptr},
        {"One two three four five six seven eight nine ten eleven: text", 0, nullptr, nullptr},
        {"Label\u00a0: text", 0, "Label", "text"},
        {"Label" + std::string(80, ' ') + ": text", 0, nullptr, nullptr},
        // A bold span that opens the text is a label whatever it holds, up to 80 bytes.
        {"why it matters: because", 14, "why it matters", "because"},
        {"Situation: text", 10, "Situation", "text"},
        {"Task - text", 4, "Task", "text"},
        {"Task \xE2\x80\x94 text", 4, "Task", "text"},
        {"Bold alone", 4, nullptr, nullptr},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        const std::optional<Labelled> labelled = split_label(c.text, c.bold_end);
        if (c.label == nullptr) {
            EXPECT_FALSE(labelled.has_value());
            continue;
        }
        ASSERT_TRUE(labelled.has_value());
        EXPECT_EQ(labelled->label, c.label);
        EXPECT_EQ(labelled->text, c.rest);
    }
}

TEST(IngestText, FirstSentenceOrTheFirstWordsWithinTheLimit) {
    EXPECT_EQ(first_sentence("  Short one.  Then more.", 20), "Short one.");
    EXPECT_EQ(first_sentence("No end mark", 20), "No end mark");
    EXPECT_EQ(first_sentence("one two, three four five", 12), "one two...");
    EXPECT_EQ(first_sentence("abcdefghijklmnop", 10), "abcdefghij...");
    // Text without spaces is cut at a whole character: "é" is two bytes.
    EXPECT_EQ(first_sentence("abcdefghi\xC3\xA9xyz", 10), "abcdefghi...");
}

TEST(IngestText, BulletsAndRules) {
    EXPECT_EQ(bullet_length("- a"), 2u);
    EXPECT_EQ(bullet_length("\xE2\x80\xA2 a"), 4u);
    EXPECT_EQ(bullet_length("-a"), 0u);
    EXPECT_EQ(bullet_length("1. a"), 0u);
    EXPECT_EQ(rule_char("---", "-*_"), '-');
    EXPECT_EQ(rule_char("===", "-*_"), '\0');
    EXPECT_EQ(rule_char("--", "-"), '\0');
    EXPECT_EQ(rule_char("--=", "-="), '\0');
}

}  // namespace
}  // namespace tpm::detail
