// Hostile queries against the shipped corpus, through the real tpmsearch binary, as text and as
// JSON (tests/HOSTILE.md lists every case). Each must give results (0), no results (1) or a
// one-line error (2), within 10 s and 1 GiB of address space, and print nothing a terminal or a
// JSON reader would choke on.
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "hostile/hostile_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::first_unsafe;
using test::lines_of;
using test::ProcessResult;

// What a case may end in. Most are pinned; `any` is for readings the README leaves open (a
// prefix with no value may be read as the word or match nothing), where only the invariants
// below are checked.
enum Expect : int { results = 0, none = 1, error = 2, any = -1 };

struct Case {
    std::string name;
    std::vector<std::string> query;  // the words after "--"
    int expected;
};

class HostileQuery : public test::HostileInstall {
  protected:
    // Runs `c` as text and as JSON and checks the invariants of every query.
    void check(const Case& c) {
        SCOPED_TRACE(c.name);
        std::vector<std::string> args = {"--"};
        args.insert(args.end(), c.query.begin(), c.query.end());
        const ProcessResult text = tpmsearch(args);
        check_run(c, text, false);
        args.insert(args.begin(), "--json");
        const ProcessResult json = tpmsearch(args);
        check_run(c, json, true);
        EXPECT_EQ(text.status, json.status);
    }

    // The JSON run alone, for the cases too slow to run twice.
    void check_json(const Case& c) {
        SCOPED_TRACE(c.name);
        std::vector<std::string> args = {"--json", "--"};
        args.insert(args.end(), c.query.begin(), c.query.end());
        check_run(c, tpmsearch(args), true);
    }

  private:
    static void check_run(const Case& c, const ProcessResult& r, bool json) {
        SCOPED_TRACE(json ? "--json" : "text");
        TPM_EXPECT_FINISHED(r);
        if (c.expected != any) {
            EXPECT_EQ(r.status, c.expected) << r.err.substr(0, 500);
        }
        EXPECT_EQ(first_unsafe(r.out), "") << r.out.substr(0, 500);
        EXPECT_EQ(first_unsafe(r.err), "") << r.err.substr(0, 500);
        switch (r.status) {
            case 0:
            case 1: {
                if (!json) {
                    EXPECT_EQ(r.out.empty(), r.status == 1) << r.out.substr(0, 500);
                    break;
                }
                const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
                ASSERT_FALSE(j.is_discarded()) << r.out.substr(0, 500);
                EXPECT_EQ(j.at("hits").empty(), r.status == 1);
                break;
            }
            case 2:
                EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 500);
                EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err.substr(0, 500);
                EXPECT_TRUE(r.err.starts_with("tpmsearch: error: ")) << r.err.substr(0, 500);
                EXPECT_TRUE(r.err.ends_with("\n"));
                break;
            default:
                ADD_FAILURE() << "status " << r.status << ": " << r.err.substr(0, 500);
        }
    }
};

std::string joined(std::size_t n, const std::function<std::string(std::size_t)>& word,
                   const std::string& separator = " ") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? separator : "") + word(i);
    return out;
}

TEST_F(HostileQuery, EmptyQueriesAreOneLineErrors) {
    const Case cases[] = {
        {"empty string", {""}, error},
        {"spaces", {"   "}, error},
        {"tab and newline", {"\t\n"}, error},
    };
    for (const Case& c : cases) check(c);
    const ProcessResult none = tpmsearch({});
    EXPECT_EQ(none.status, 2);
    EXPECT_EQ(lines_of(none.err).size(), 1u) << none.err;
}

TEST_F(HostileQuery, OnlyOperatorsAreOneLineErrorsOrNoResults) {
    const Case cases[] = {
        {"AND", {"AND"}, error},
        {"OR", {"OR"}, error},
        {"NOT", {"NOT"}, error},
        {"OR NOT", {"OR NOT"}, error},
        {"AND OR NOT NEAR", {"AND OR NOT NEAR"}, error},
        // NEAR is an operator only between two words; alone it is the word "near".
        {"NEAR", {"NEAR"}, any},
        {"NEAR NEAR NEAR", {"NEAR NEAR NEAR"}, any},
        {"canary NEAR", {"canary NEAR"}, any},
        {"minus", {"-"}, error},
        {"plus", {"+"}, error},
        {"colon", {":"}, error},
        {"colons", {"::::"}, error},
        {"operator words as separate arguments", {"AND", "OR", "NOT"}, error},
    };
    for (const Case& c : cases) check(c);
}

TEST_F(HostileQuery, UnbalancedQuotesAndBracketsAreOneLineErrors) {
    const Case cases[] = {
        {"open quote", {"\"canary"}, error},
        {"close quote", {"canary\""}, error},
        {"lone quote", {"\""}, error},
        {"three quotes", {"\"\"\""}, error},
        {"empty phrase", {"\"\""}, error},
        {"open paren", {"(canary"}, error},
        {"close paren", {"canary)"}, error},
        {"open parens", {"(((("}, error},
        {"close parens", {"))))"}, error},
        {"empty parens", {"()"}, error},
        {"paren inside AND", {"canary AND (rollback"}, error},
        {"quote after prefix", {"question:\"canary"}, error},
        {"square bracket", {"[canary"}, any},
        {"curly brace", {"{canary}"}, any},
        {"5000 nested parentheses",
         {std::string(5000, '(') + "canary" + std::string(5000, ')')},
         results},
    };
    for (const Case& c : cases) check(c);
}

// A 10,000-word query is about 70 KB: pasted text, or a script gone wrong. Each kind of long
// query is a test of its own, so ctest -j runs them side by side, and runs as JSON only, which
// checks the same invariants; the short cases run as text too.
class HostileLongQuery : public HostileQuery {
  protected:
    void SetUp() override {
        HostileQuery::SetUp();
        const std::string text =
            test::read_file(fs::path(TPM_CORPUS_DIR) / "netflix-tpm-interview-questions.txt");
        std::string word;
        for (const char ch : text) {
            if (ch >= 'a' && ch <= 'z') {
                word += ch;
            } else {
                if (word.size() > 2) words_.push_back(word);
                word.clear();
            }
        }
        ASSERT_GT(words_.size(), 1000u);
    }
    std::string corpus_word() { return words_[random_() % words_.size()]; }
    std::string nonsense_word() {
        std::string w;
        for (int k = 0; k < 7; ++k) w += static_cast<char>('a' + random_() % 26);
        return w;
    }
    std::string words(std::size_t n, const std::function<std::string()>& word,
                      const std::string& separator = " ") {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += (i ? separator : "") + word();
        return out;
    }

    std::vector<std::string> words_;  // of the corpus, so the index has them
    std::mt19937 random_{7};
};

// Queries are bounded at 1,000 words and 100 wildcards (search/query_builder.cpp): the longest
// allowed query is searched, one word more is a one-line error, never a long wait.
TEST_F(HostileLongQuery, TenThousandCorpusWordsFinishInBoundedTime) {
    check_json({"1,000 corpus words", {words(1000, [&] { return corpus_word(); })}, results});
    check_json({"1,001 corpus words", {words(1001, [&] { return corpus_word(); })}, error});
    check_json({"10,000 corpus words", {words(10000, [&] { return corpus_word(); })}, error});
    check_json(
        {"100 wildcards", {words(100, [&] { return corpus_word().substr(0, 2) + "*"; })}, results});
}

TEST_F(HostileLongQuery, TenThousandWordsJoinedByAndOrInAPhraseFinishInBoundedTime) {
    check_json({"10,000 corpus words joined by AND",
                {words(
                    10000, [&] { return corpus_word(); }, " AND ")},
                any});
    check_json({"10,000 corpus words in one phrase",
                {"\"" + words(10000, [&] { return corpus_word(); }) + "\""},
                any});
    check_json({"2,000 corpus words joined by NEAR",
                {words(
                    2000, [&] { return corpus_word(); }, " NEAR ")},
                any});
}

// Words the index lacks each go to the spelling corrector.
TEST_F(HostileLongQuery, TenThousandUnknownWordsFinishInBoundedTime) {
    check_json({"10,000 unknown words", {words(10000, [&] { return nonsense_word(); })}, any});
}

// Each wildcard expands to up to 200 terms.
TEST_F(HostileLongQuery, TenThousandWildcardsFinishInBoundedTime) {
    check_json({"10,000 wildcards",
                {words(10000, [&] { return corpus_word().substr(0, 2) + "*"; })},
                any});
}

TEST_F(HostileQuery, OneMegabyteOfOneWordFinishesInBoundedTime) {
    // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so a megabyte of query comes as
    // eleven arguments, which tpmsearch joins; the longest single word is just under the cap.
    std::string chunk;
    while (chunk.size() < 100 * 1024) chunk += "canary ";
    const Case cases[] = {
        {"1 MiB of canary", std::vector<std::string>((1u << 20) / chunk.size() + 1, chunk), error},
        {"one word of 128 KiB", {std::string(128 * 1024 - 1, 'a')}, none},
        {"one word of 128 KiB with a wildcard", {std::string(128 * 1024 - 2, 'a') + "*"}, none},
    };
    for (const Case& c : cases) check(c);
}

TEST_F(HostileQuery, ControlCharactersInTheQueryNeverReachTheOutput) {
    const Case cases[] = {
        {"CSI colour", {"canary\x1b[31m rollback"}, results},
        {"OSC title and BEL", {"\x1b]0;pwned\x07 canary"}, any},
        {"only controls", {"\x1b[2J\x07\x08\x7f"}, any},
        {"C1 CSI",
         {"\xc2\x9b"
          "31m canary"},
         any},
        {"C1 NEL", {"canary\xc2\x85rollback"}, any},
        {"ill-formed UTF-8", {"\xff\xfe canary \xc3\x28"}, any},
        {"tabs and newlines", {"canary\trollback\nstakeholders\r"}, results},
        {"unknown word with escape", {"xylophonist\x1b[31m"}, any},
        {"escape in a prefix value", {"topic:\x1b[31msecurity"}, any},
        {"escape in a phrase", {"\"canary\x1b[0m releases\""}, any},
    };
    for (const Case& c : cases) check(c);
}

TEST_F(HostileQuery, WildcardsThatExpandToEverythingAreBounded) {
    const Case cases[] = {
        {"a*", {"a*"}, results},
        {"star", {"*"}, error},
        {"two stars", {"**"}, error},
        {"leading star", {"*a"}, any},
        {"two wildcards in a word", {"c*a*"}, any},
        {"every letter",
         {joined(26,
                 [](std::size_t i) { return std::string(1, static_cast<char>('a' + i)) + "*"; })},
         results},
        {"wildcard after a prefix", {"question:*"}, any},
        {"wildcard in a phrase", {"\"canary*\""}, any},
        {"wildcard NOT wildcard", {"a* NOT b*"}, any},
    };
    for (const Case& c : cases) check(c);
}

TEST_F(HostileQuery, PrefixesWithoutValuesAreResultsNoneOrOneLineErrors) {
    const Case cases[] = {
        {"question:", {"question:"}, any},
        {"q:", {"q:"}, any},
        {"answer:", {"answer:"}, any},
        {"point:", {"point:"}, any},
        {"example:", {"example:"}, any},
        {"why:", {"why:"}, any},
        {"topic:", {"topic:"}, any},
        {"id:", {"id:"}, any},
        {"kind:", {"kind:"}, any},
        {"file:", {"file:"}, any},
        // Values the README names: another source is an error, another topic too.
        {"source:", {"source:"}, error},
        {"topic with an empty phrase", {"topic:\"\""}, error},
        {"unknown topic", {"topic:nosuch"}, error},
        {"prefix of a prefix", {"question:question:canary"}, any},
        {"every prefix at once", {"question: answer: topic: id: kind: file: canary"}, any},
    };
    for (const Case& c : cases) check(c);
}

}  // namespace
}  // namespace tpm
