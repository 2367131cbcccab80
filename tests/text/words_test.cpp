#include "text/words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "text/normalize.h"

namespace tpm::text {
namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (const WordSpan& span : word_spans(text)) {
        words.emplace_back(text.substr(span.start, span.end - span.start));
    }
    return words;
}

struct WordCase {
    std::string_view input;
    std::vector<std::string> expected;
};

TEST(WordSpans, KeepsLettersAndNumbersAndDropsPunctuation) {
    const WordCase cases[] = {
        {"", {}},
        {" , ; ", {}},
        {"rollbacks, CI/CD and A/B tests", {"rollbacks", "CI", "CD", "and", "A", "B", "tests"}},
        {"don't", {"don't"}},
        {"3.14 v2 snake_case", {"3.14", "v2", "snake_case"}},
        {"R\u00E9sum\u00E9 (draft)", {"R\u00E9sum\u00E9", "draft"}},
        {"e\u0301t\u00E9", {"e\u0301t\u00E9"}},
    };
    for (const WordCase& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(words_of(c.input), c.expected);
    }
}

// ASCII text is split without ICU (words.cpp). Every string of up to 5 characters over an
// alphabet of each kind of character that model distinguishes, and 100,000 random longer
// ones, get the same words as from ICU: ICU decides a string that ends in a non-ASCII word
// after a space, which cannot change the words before it.
TEST(WordSpans, AsciiWithoutIcuGivesIcusWords) {
    const std::string alphabet = "aZ7@.',;:_ -\n";
    const std::string icu_tail = " \u00E9";
    std::size_t compared = 0;
    auto compare = [&](const std::string& s) {
        std::vector<WordSpan> by_icu = word_spans(s + icu_tail);
        ASSERT_FALSE(by_icu.empty());
        by_icu.pop_back();
        ASSERT_EQ(word_spans(s), by_icu) << '"' << s << '"';
        ++compared;
    };
    std::string s;
    std::vector<std::size_t> digits;
    for (std::size_t length = 0; length <= 5; ++length) {
        digits.assign(length, 0);
        while (true) {
            s.clear();
            for (const std::size_t d : digits) s += alphabet[d];
            compare(s);
            if (HasFatalFailure()) return;
            std::size_t k = 0;
            while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
            if (k == length) break;
        }
    }
    std::mt19937 random(20261124);
    for (int n = 0; n < 100000; ++n) {
        s.resize(6 + random() % 35);
        for (char& c : s) c = alphabet[random() % alphabet.size()];
        compare(s);
        if (HasFatalFailure()) return;
    }
    EXPECT_EQ(compared, 402234u + 100000u);
}

TEST(WordSpans, ReturnsByteOffsets) {
    const std::vector<WordSpan> expected = {{0, 9}, {11, 13}, {14, 16}};
    EXPECT_EQ(word_spans("rollbacks, CI/CD"), expected);
    // "é" takes two bytes.
    const std::vector<WordSpan> accented = {{0, 8}, {9, 11}};
    EXPECT_EQ(word_spans("r\u00E9sum\u00E9 ok"), accented);
}

TEST(WordSpans, SegmentsCjkWithDictionaryAndArabicBySpaces) {
    const WordCase cases[] = {
        // Chinese "I like programming languages": ICU's dictionary finds words.
        {"\u6211\u559C\u6B22\u7F16\u7A0B\u8BED\u8A00",
         {"\u6211", "\u559C\u6B22", "\u7F16", "\u7A0B", "\u8BED\u8A00"}},
        // Japanese "Japanese text": kanji, a particle, katakana.
        {"\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8",
         {"\u65E5\u672C\u8A9E", "\u306E", "\u30C6\u30AD\u30B9\u30C8"}},
        // Arabic "hello world".
        {"\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
         {"\u0645\u0631\u062D\u0628\u0627", "\u0628\u0627\u0644\u0639\u0627\u0644\u0645"}},
    };
    for (const WordCase& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(words_of(c.input), c.expected);
    }
}

TEST(WordSpans, LeavesIllFormedBytesOutOfWords) {
    const WordCase cases[] = {
        {"\xFF\xFE", {}},
        {"abc\xE2\x82", {"abc"}},
        {"ab\xFF"
         "cd \xE2\x82 ef\xC0\xAFgh",
         {"ab", "cd", "ef", "gh"}},
        {"\xED\xA0\x80word\x80", {"word"}},
    };
    for (const WordCase& c : cases) {
        SCOPED_TRACE(testing::PrintToString(std::string(c.input)));
        EXPECT_EQ(words_of(c.input), c.expected);
        std::size_t previous_end = 0;
        for (const WordSpan& span : word_spans(c.input)) {
            EXPECT_LE(previous_end, span.start);
            EXPECT_LT(span.start, span.end);
            EXPECT_LE(span.end, c.input.size());
            EXPECT_TRUE(is_valid_utf8(c.input.substr(span.start, span.end - span.start)));
            previous_end = span.end;
        }
    }
}

TEST(WordSpans, WorksOnTextThatDoesNotEndInNul) {
    // The spans must come from the view alone, not from bytes after it.
    const std::string buffer = "alpha beta";
    const std::vector<WordSpan> expected = {{0, 5}, {6, 8}};
    EXPECT_EQ(word_spans(std::string_view(buffer).substr(0, 8)), expected);
}

TEST(WordSpans, GivesTheSameAnswerOnEveryThread) {
    const std::string_view text = "rollbacks, CI/CD and A/B tests";
    const std::vector<WordSpan> expected = word_spans(text);
    std::vector<std::vector<WordSpan>> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results) {
        threads.emplace_back([&result, text] {
            for (int i = 0; i < 50; ++i) result = word_spans(text);
        });
    }
    for (std::thread& t : threads) t.join();
    for (const auto& result : results) EXPECT_EQ(result, expected);
}

struct SentenceCase {
    std::string_view input;
    std::vector<std::size_t> expected;
};

TEST(SentenceStarts, StartsAtZeroAndAfterSentenceEnds) {
    const SentenceCase cases[] = {
        {"", {}},
        {"no full stop", {0}},
        {"One. Two? Three!", {0, 5, 10}},
        {"Ends here.\nNext line.", {0, 11}},
        // No break before a lowercase word, so "e.g. the" stays together ...
        {"Use e.g. the queue. Done.", {0, 20}},
        // ... and English abbreviations such as "e.g.", "Mr." and "Etc." do not end sentences,
        // whatever follows them ...
        {"Use e.g. Kafka here. Next one.", {0, 21}},
        {"Ask Mr. Smith. Etc. Done.", {0, 15}},
        // ... when they stand as words of their own,
        {"Ask DMr. Smith.", {0, 9}},
        // ... and a line end still ends the sentence.
        {"Ends with etc.\nNext line.", {0, 15}},
        {"\u6570\u636E\u5E93\u3002\u7D22\u5F15\u3002", {0, 12}},
    };
    for (const SentenceCase& c : cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(sentence_starts(c.input), c.expected);
    }
}

// ASCII text is split into sentences without ICU (words.cpp). Every string of up to 5
// characters over an alphabet of one character of each sentence class gets the same starts as
// from ICU: a paragraph separator (U+2029) after the string sends it to ICU and, as a
// separator, changes no boundary before it.
void expect_sentences_as_icu(std::string_view alphabet, int max_length, std::size_t& checked) {
    const std::string icu_tail = "\u2029";
    std::vector<std::string> level = {""};
    for (int length = 1; length <= max_length; ++length) {
        std::vector<std::string> next;
        for (const std::string& prefix : level) {
            for (const char c : alphabet) next.push_back(prefix + c);
        }
        for (const std::string& s : next) {
            std::vector<std::size_t> by_icu = sentence_starts(s + icu_tail);
            std::erase_if(by_icu, [&](std::size_t b) { return b >= s.size(); });
            ASSERT_EQ(sentence_starts(s), by_icu) << '"' << s << '"';
            ++checked;
        }
        level = std::move(next);
    }
}

TEST(SentenceStarts, AsciiSplitterAgreesWithIcu) {
    std::size_t checked = 0;
    // One character of each class together ...
    expect_sentences_as_icu("aA1.!?\"' ),;-#\t\v\n\r", 5, checked);
    // ... and every ASCII character, to check which class it is in.
    for (int c = 0; c < 0x80; ++c) {
        const std::string alphabet = std::string("aA. ") + static_cast<char>(c);
        expect_sentences_as_icu(alphabet, 5, checked);
    }
    EXPECT_GT(checked, 2000000U);
}

// The same on real text: runs of up to 12 lines of the shipped corpus that are all ASCII.
TEST(SentenceStarts, AsciiSplitterAgreesWithIcuOnTheShippedCorpus) {
    std::ifstream in(std::string(TPM_SOURCE_DIR) + "/corpus/netflix-tpm-interview-questions.txt");
    ASSERT_TRUE(in) << "cannot read the shipped corpus";
    std::vector<std::string> blocks(1);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) {
        const bool ascii = std::all_of(line.begin(), line.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii || lines == 12) {
            blocks.emplace_back();
            lines = 0;
        }
        if (ascii) {
            blocks.back() += line + "\n";
            ++lines;
        }
    }
    std::size_t checked = 0, sentences = 0;
    for (const std::string& block : blocks) {
        if (block.empty()) continue;
        std::vector<std::size_t> by_icu = sentence_starts(block + "\u2029");
        std::erase_if(by_icu, [&](std::size_t b) { return b >= block.size(); });
        ASSERT_EQ(sentence_starts(block), by_icu) << block;
        ++checked;
        sentences += by_icu.size();
    }
    EXPECT_GT(checked, 100U);
    EXPECT_GT(sentences, 1000U);
}

TEST(SentenceStarts, HandlesIllFormedInput) {
    const std::string_view text = "Bad \xFF. Next \xE2\x82. Last";
    const std::vector<std::size_t> starts = sentence_starts(text);
    ASSERT_FALSE(starts.empty());
    EXPECT_EQ(starts.front(), 0U);
    for (std::size_t start : starts) EXPECT_LT(start, text.size());
}

}  // namespace
}  // namespace tpm::text
