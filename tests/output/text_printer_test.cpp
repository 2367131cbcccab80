#include "output/text_printer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "text/width.h"

namespace tpm {
namespace {

constexpr const char* kHighlightOn = "\x1b[1;31m";
constexpr const char* kReset = "\x1b[0m";

Excerpt excerpt(std::string label, std::string text, std::vector<Span> highlights = {}) {
    Excerpt e;
    e.label = std::move(label);
    e.text = std::move(text);
    e.highlights = std::move(highlights);
    return e;
}

Hit hit(int rank, std::string id, std::string title, int line, std::vector<Excerpt> excerpts) {
    Hit h;
    h.rank = rank;
    h.score = 1.5;
    h.doc.id = std::move(id);
    h.doc.title = std::move(title);
    h.doc.source = "corpus/netflix.txt";
    h.doc.line = line;
    h.excerpts = std::move(excerpts);
    return h;
}

SearchResults two_hits() {
    Excerpt truncated = excerpt("answer", "we roll back fast");
    truncated.truncated_start = true;
    truncated.truncated_end = true;
    SearchResults r;
    r.query = "canary";
    r.estimated_total = 2;
    r.hits.push_back(
        hit(1, "Q26", "How do you keep systems reliable?", 800,
            {excerpt("Canary Releases", "I use canary releases to test features.", {{6, 12}}),
             truncated}));
    r.hits.push_back(hit(2, "tips/3", "Practice mock interviews", 12,
                         {excerpt("", "Have someone ask you\nthese questions.")}));
    return r;
}

std::string render(const SearchResults& r, TextStyle style) {
    std::ostringstream out;
    print_results(out, r, style);
    return out.str();
}

std::string render(const Document& d, TextStyle style) {
    std::ostringstream out;
    print_document(out, d, style);
    return out.str();
}

std::string strip_sgr(const std::string& s) {
    static const std::regex kSgr("\x1b\\[[0-9;]*m");
    return std::regex_replace(s, kSgr, "");
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> words;
    std::istringstream in(s);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

TEST(TextPrinter, PlainResultsGolden) {
    const std::string expected =
        "1. Q26  How do you keep systems reliable?\n"
        "   corpus/netflix.txt:800\n"
        "   Canary Releases: I use canary releases to test features.\n"
        "   Answer: \xE2\x80\xA6we roll back fast\xE2\x80\xA6\n"
        "\n"
        "2. tips/3  Practice mock interviews\n"
        "   corpus/netflix.txt:12\n"
        "   Have someone ask you these questions.\n";
    EXPECT_EQ(render(two_hits(), {}), expected);
}

TEST(TextPrinter, RanksRightAlignedToWidestRank) {
    SearchResults r;
    r.hits.push_back(hit(9, "Q1", "First", 3, {excerpt("", "one")}));
    r.hits.push_back(hit(10, "Q2", "Second", 0, {}));
    const std::string expected =
        " 9. Q1  First\n"
        "    corpus/netflix.txt:3\n"
        "    one\n"
        "\n"
        "10. Q2  Second\n"
        "    corpus/netflix.txt\n";
    EXPECT_EQ(render(r, {}), expected);
}

TEST(TextPrinter, RelatedHitsFollowOneHeadingLine) {
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "First", 3, {excerpt("", "one")}));
    r.hits.push_back(hit(2, "Q2", "Second", 0, {}));
    r.hits.push_back(hit(3, "Q3", "Third", 0, {}));
    r.hits[1].related = true;
    r.hits[2].related = true;
    const std::string expected =
        "1. Q1  First\n"
        "   corpus/netflix.txt:3\n"
        "   one\n"
        "\n"
        "Related, not matching the query:\n"
        "2. Q2  Second\n"
        "   corpus/netflix.txt\n"
        "\n"
        "3. Q3  Third\n"
        "   corpus/netflix.txt\n";
    EXPECT_EQ(render(r, {}), expected);
}

// --explain's score line: the parts in the order the search gave them, and crowding's factor.
TEST(TextPrinter, ExplainedHitsShowWhatEachPartAdded) {
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "First", 3, {}));
    r.hits[0].score = 9.41;
    r.hits[0].contributions = {{"words", 5.02}, {"heading", 3.1}, {"feedback", 1.29}};
    r.hits[0].crowding = 0.81;
    const std::string expected =
        "1. Q1  First\n"
        "   corpus/netflix.txt:3\n"
        "   score 9.41 = words 5.02 + heading 3.10 + feedback 1.29 \xC3\x97 0.81 crowded\n";
    EXPECT_EQ(render(r, {}), expected);
}

TEST(TextPrinter, EmptyResultsPrintNothing) { EXPECT_EQ(render(SearchResults{}, {}), ""); }

TEST(TextPrinter, PartLabelsAreCapitalised) {
    struct Case {
        std::string label;
        std::string expected_line;
    };
    const Case cases[] = {
        {"answer", "   Answer: text"},
        {"example", "   Example: text"},
        {"why", "   Why: text"},
        {"Canary Releases", "   Canary Releases: text"},
        {"Ends in colon:", "   Ends in colon: text"},
        {"", "   text"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.label);
        SearchResults r;
        r.hits.push_back(hit(1, "Q1", "T", 1, {excerpt(c.label, "text")}));
        EXPECT_EQ(lines_of(render(r, {})).at(2), c.expected_line);
    }
}

TEST(TextPrinter, ColourMarksExactlyTheHighlightedBytes) {
    const std::string out = render(two_hits(), {.color = true, .width = 0});
    EXPECT_NE(out.find(std::string(kHighlightOn) + "canary" + kReset + " releases"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("\x1b[35mcorpus/netflix.txt\x1b[0m:\x1b[32m800\x1b[0m"), std::string::npos);
    EXPECT_NE(out.find("\x1b[1mQ26\x1b[0m"), std::string::npos);
    // The same text once the colour codes are gone.
    EXPECT_EQ(strip_sgr(out), render(two_hits(), {}));
}

TEST(TextPrinter, NoEscapeSequencesWithoutColour) {
    for (std::size_t width : {std::size_t{0}, std::size_t{30}}) {
        SCOPED_TRACE(width);
        const std::string out = render(two_hits(), {.color = false, .width = width});
        EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
    }
}

TEST(TextPrinter, WrapsWithinWidthKeepingWordsAndHighlights) {
    const std::string text =
        "Canary releases let us test new features with a small subset of users before a full "
        "deployment, and blue-green deployments make rollbacks quick when issues arise.";
    const std::size_t start = text.find("small subset");
    SearchResults r;
    r.hits.push_back(hit(1, "Q26", "How do you approach reliability during rapid feature work?",
                         800, {excerpt("Canary Releases", text, {{start, start + 12}})}));
    const std::string out = render(r, {.color = true, .width = 40});
    const std::string plain = strip_sgr(out);
    const std::vector<std::string> lines = lines_of(plain);
    EXPECT_GT(lines.size(), 5u);
    for (const std::string& line : lines) {
        EXPECT_LE(text::display_width(line), 40u) << line;
    }
    // The title hangs under its own first word.
    EXPECT_EQ(lines[0], "1. Q26  How do you approach reliability") << plain;
    EXPECT_EQ(lines[1], "        during rapid feature work?") << plain;
    for (const std::string& word : words_of(text)) {
        EXPECT_NE(plain.find(word), std::string::npos) << word;
    }
    // Both highlighted words are marked, whichever lines they end up on.
    EXPECT_NE(out.find(std::string(kHighlightOn) + "small"), std::string::npos) << out;
    EXPECT_NE(out.find(std::string("subset") + kReset), std::string::npos) << out;
}

TEST(TextPrinter, WrapsCjkByColumnsAndKeepsLatinWordsWhole) {
    // 30 ideographs (60 columns) without spaces, then Latin words.
    std::string cjk;
    for (int i = 0; i < 10; ++i) cjk += "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";  // 日本語
    const std::string text = cjk + " interchangeable internationalisation";
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "T", 1, {excerpt("", text)}));
    const std::vector<std::string> lines = lines_of(render(r, {.width = 24}));
    ASSERT_EQ(lines.size(), 2u + 3u + 2u);  // 21 columns take 10 ideographs
    std::string joined;
    for (std::size_t n = 2; n < lines.size(); ++n) {
        EXPECT_LE(text::display_width(lines[n]), 24u) << lines[n];
        EXPECT_EQ(lines[n].substr(0, 3), "   ");
        joined += lines[n].substr(3);
    }
    EXPECT_EQ(joined, cjk + "interchangeableinternationalisation");
}

TEST(TextPrinter, OverlongWordIsCutAtTheWidthKeepingTheIndent) {
    const std::string word(40, 'x');
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "T", 1, {excerpt("", "short " + word + " tail")}));
    r.hits[0].doc.source.clear();
    const std::vector<std::string> lines = lines_of(render(r, {.width = 20}));
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[1], "   short");
    EXPECT_EQ(lines[2], "   " + std::string(17, 'x'));
    EXPECT_EQ(lines[3], "   " + std::string(17, 'x'));
    EXPECT_EQ(lines[4], "   " + std::string(6, 'x') + " tail");
    // A wide character is never split: 9 ideographs take 18 of 19 columns.
    std::string cjk_word = "x";
    for (int i = 0; i < 10; ++i) cjk_word += "\xE6\x97\xA5";  // 日
    SearchResults wide;
    wide.hits.push_back(hit(1, "Q1", "T", 1, {excerpt("", "https://" + cjk_word)}));
    for (const std::string& line : lines_of(render(wide, {.width = 22}))) {
        EXPECT_LE(text::display_width(line), 22u) << line;
    }
}

TEST(TextPrinter, LocationAndTopicsWrapUnderTheLocation) {
    SearchResults r;
    Hit h = hit(10, "Q34", "How?", 1056, {});
    h.doc.source = "corpus/netflix-tpm-interview-questions.txt";
    h.doc.topics = {"quality-assurance", "program-execution", "release-engineering"};
    r.hits.push_back(h);
    const std::vector<std::string> lines = lines_of(render(r, {.width = 80}));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1],
              "    corpus/netflix-tpm-interview-questions.txt:1056  topics: quality-assurance,");
    EXPECT_EQ(lines[2], "      program-execution, release-engineering");
    // A note path longer than the line is cut at the width, with the indent kept.
    r.hits[0].doc.source = "notes/" + std::string(100, 'n') + ".md";
    const std::vector<std::string> cut = lines_of(render(r, {.width = 40}));
    ASSERT_GT(cut.size(), 4u);
    for (std::size_t n = 1; n < cut.size(); ++n) {
        EXPECT_LE(text::display_width(cut[n]), 40u) << cut[n];
        EXPECT_EQ(cut[n].substr(0, 4), "    ") << cut[n];
    }
}

TEST(TextPrinter, AnIdTooLongForItsTitleStartsTheWrappedText) {
    SearchResults r;
    r.hits.push_back(hit(1, "work:stories/the-time-the-migration-failed.md#what-went-wrong",
                         "What went wrong when we moved the billing database", 4, {}));
    const std::vector<std::string> lines = lines_of(render(r, {.width = 70}));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "1. work:stories/the-time-the-migration-failed.md#what-went-wrong");
    EXPECT_EQ(lines[1], "   What went wrong when we moved the billing database");
    for (const std::string& line : lines) EXPECT_LE(text::display_width(line), 70u) << line;
    // Unwrapped, it stays one line as ever.
    EXPECT_EQ(lines_of(render(r, {.width = 0}))[0],
              "1. work:stories/the-time-the-migration-failed.md#what-went-wrong  What went "
              "wrong when we moved the billing database");
}

TEST(TextPrinter, ControlCharactersNeverReachTheTerminal) {
    struct Case {
        const char* name;
        std::string text;
    };
    const Case cases[] = {
        {"esc", "a\x1b[2Jb"},
        {"osc title", "\x1b]0;pwned\x07"},
        {"bel", "ding\x07"},
        {"del", "x\x7fy"},
        {"c1 csi",
         "x\xC2\x9B"
         "2Jy"},
        {"bad utf8", "x\xFF\xC3y"},
        {"backspace", "abc\x08\x08"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        SearchResults r;
        r.hits.push_back(hit(1, "Q1\x1b[31m", c.text, 1, {excerpt(c.text, c.text + " canary")}));
        r.hits[0].doc.source = c.text;
        for (bool color : {false, true}) {
            const std::string out = strip_sgr(render(r, {.color = color, .width = 0}));
            EXPECT_EQ(out.find('\x1b'), std::string::npos);
            EXPECT_EQ(out.find('\x07'), std::string::npos);
            EXPECT_EQ(out.find('\x7f'), std::string::npos);
            EXPECT_EQ(out.find('\x08'), std::string::npos);
            EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);
            EXPECT_EQ(out.find('\xFF'), std::string::npos);
        }
    }
}

TEST(TextPrinter, SpansStayOnTheirWordsAfterNeutralising) {
    const std::string text = "a\x1b\x07 b\tcanary";
    const std::size_t start = text.find("canary");
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "T", 1, {excerpt("", text, {{start, start + 6}})}));
    const std::string out = render(r, {.color = true, .width = 0});
    EXPECT_NE(
        out.find("a\xEF\xBF\xBD\xEF\xBF\xBD b " + std::string(kHighlightOn) + "canary" + kReset),
        std::string::npos)
        << out;
}

TEST(TextPrinter, SpansPastTheEndAreClamped) {
    SearchResults r;
    r.hits.push_back(hit(1, "Q1", "T", 1, {excerpt("", "abc", {{1, 99}, {7, 9}, {2, 1}})}));
    const std::string out = render(r, {.color = true, .width = 0});
    EXPECT_NE(out.find(std::string("a") + kHighlightOn + "bc" + kReset), std::string::npos) << out;
}

Document question() {
    Document d;
    d.id = "Q26";
    d.title = "How do you keep systems reliable?";
    d.source = "corpus/netflix.txt";
    d.line = 800;
    d.answer = "I balance speed and safety.\n\nIt takes two habits.";
    d.points = {
        {"Canary Releases", "I ship to a small subset first.", {}, 804},
        {"", "Establishing a clear governance structure", {}, 806},
        {"Monitoring", "I watch key metrics, which might include:", {"error rate", "latency"}, 808},
    };
    d.example = "In a recent project we rolled back within minutes.";
    d.why = "It shows judgement.";
    return d;
}

TEST(TextPrinterDocument, PlainLayoutGolden) {
    const std::string expected =
        "Q26  How do you keep systems reliable?\n"
        "corpus/netflix.txt:800\n"
        "\n"
        "Answer\n"
        "  I balance speed and safety.\n"
        "\n"
        "  It takes two habits.\n"
        "\n"
        "  \xE2\x80\xA2 Canary Releases: I ship to a small subset first.\n"
        "  \xE2\x80\xA2 Establishing a clear governance structure\n"
        "  \xE2\x80\xA2 Monitoring: I watch key metrics, which might include:\n"
        "      \xE2\x80\x93 error rate\n"
        "      \xE2\x80\x93 latency\n"
        "\n"
        "Example\n"
        "  In a recent project we rolled back within minutes.\n"
        "\n"
        "Why this is important\n"
        "  It shows judgement.\n";
    EXPECT_EQ(render(question(), {}), expected);
}

TEST(TextPrinterDocument, PartsAppearInOrder) {
    const std::string out = render(question(), {.color = true, .width = 50});
    const std::vector<std::string> needles = {
        "Answer",  "balance",     "Canary Releases",       "governance",
        "latency", "rolled back", "Why this is important", "judgement"};
    std::size_t pos = 0;
    for (const std::string& needle : needles) {
        SCOPED_TRACE(needle);
        const std::size_t found = out.find(needle, pos);
        ASSERT_NE(found, std::string::npos);
        pos = found;
    }
    EXPECT_NE(out.find("\x1b[1mCanary Releases:\x1b[0m"), std::string::npos) << out;
}

TEST(TextPrinterDocument, WrapsWithHangingIndents) {
    Document d = question();
    d.points[0].text = "I ship every change to a small subset of users first and watch it closely.";
    d.points[2].items = {"error rate and saturation of every service on the critical path"};
    const std::vector<std::string> lines = lines_of(render(d, {.width = 40}));
    for (const std::string& line : lines) EXPECT_LE(text::display_width(line), 40u) << line;
    const std::vector<std::string> expected_part = {
        "  \xE2\x80\xA2 Canary Releases: I ship every change",
        "    to a small subset of users first and",
        "    watch it closely.",
    };
    const auto at = std::find(lines.begin(), lines.end(), expected_part[0]);
    ASSERT_NE(at, lines.end());
    EXPECT_EQ(*(at + 1), expected_part[1]);
    EXPECT_EQ(*(at + 2), expected_part[2]);
    const auto item =
        std::find(lines.begin(), lines.end(), "      \xE2\x80\x93 error rate and saturation of");
    ASSERT_NE(item, lines.end());
    EXPECT_EQ(*(item + 1), "        every service on the critical");
    EXPECT_EQ(*(item + 2), "        path");
}

Document tip() {
    Document d;
    d.id = "tips/1";
    d.kind = DocKind::tip;
    d.title = "Practice mock interviews";
    d.source = "corpus/netflix.txt";
    d.line = 12;
    d.answer = "Have someone ask you these questions.";
    return d;
}

TEST(TextPrinterDocument, TipHasNoEmptySections) {
    const std::string expected =
        "tips/1  Practice mock interviews\n"
        "corpus/netflix.txt:12\n"
        "\n"
        "  Have someone ask you these questions.\n";
    EXPECT_EQ(render(tip(), {}), expected);
}

TEST(TextPrinterDocument, NamesTheSourceWhenItsFrontMatterIsKnown) {
    const SourceInfo info{"corpus/netflix.txt", "Prep post", "May 1, 2024", "", {}};
    std::ostringstream out;
    print_document(out, tip(), TextStyle{}, &info);
    EXPECT_EQ(out.str(),
              "tips/1  Practice mock interviews\ncorpus/netflix.txt:12\n"
              "from Prep post, May 1, 2024\n\n  Have someone ask you these questions.\n");
}

TEST(TextPrinterDocument, QuestionWithOnlyWhyHasNoAnswerHeading) {
    Document d;
    d.id = "Q2";
    d.title = "T";
    d.why = "Because.";
    EXPECT_EQ(render(d, {}), "Q2  T\n\nWhy this is important\n  Because.\n");
}

TEST(TextPrinterDocument, ControlCharactersAreNeutralised) {
    Document d = question();
    d.title = "Evil\x1b]0;title\x07";
    d.points[0].label = "\x1b[2J";
    d.points[2].items = {
        "\x9b"
        "31m",
        "\xC2\x9B"
        "31m"};
    d.why = "bell\x07";
    for (bool color : {false, true}) {
        const std::string out = strip_sgr(render(d, {.color = color, .width = 0}));
        EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
        EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
        EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos) << out;
        EXPECT_EQ(out.find('\x9b'), std::string::npos) << out;
    }
}

}  // namespace
}  // namespace tpm

namespace tpm {
namespace {

TEST(TextPrinterTopics, HitsShowTopicsAndTheFacetLineFollowsTheResults) {
    SearchResults r;
    Hit hit;
    hit.rank = 1;
    hit.doc.id = "Q26";
    hit.doc.title = "How?";
    hit.doc.source = "corpus/a.txt";
    hit.doc.line = 8;
    hit.doc.topics = {"release-engineering", "reliability"};
    r.hits.push_back(hit);
    r.topics = {{"release-engineering", 5}, {"reliability", 2}};
    std::ostringstream out;
    print_results(out, r, TextStyle{});
    EXPECT_EQ(out.str(),
              "1. Q26  How?\n"
              "   corpus/a.txt:8  topics: release-engineering, reliability\n"
              "\n"
              "topics: release-engineering 5 \xC2\xB7 reliability 2\n");
    // Counts scaled up from a sample say so, on the line and at each count.
    r.topics_estimated = true;
    std::ostringstream estimated;
    print_results(estimated, r, TextStyle{});
    EXPECT_NE(estimated.str().find("\ntopics (estimated): release-engineering ~5 \xC2\xB7 "
                                   "reliability ~2\n"),
              std::string::npos)
        << estimated.str();
}

TEST(TextPrinterTopics, TheFooterTakesTwoLinesAndCountsTheRest) {
    SearchResults r;
    Hit h = hit(1, "Q1", "T", 1, {});
    r.hits.push_back(h);
    for (std::size_t i = 0; i < 30; ++i)
        r.topics.push_back({"topic-number-" + std::to_string(i), 30 - i});
    for (const std::size_t width : {std::size_t{0}, std::size_t{60}, std::size_t{80}}) {
        SCOPED_TRACE(width);
        const std::string out = render(r, {.width = width});
        const std::string footer = out.substr(out.find("topics:"));
        // Piped (width 0) the footer is one line fitted to 80 columns' worth of two lines.
        const std::vector<std::string> lines = lines_of(footer);
        EXPECT_LE(lines.size(), width == 0 ? 1u : 2u) << footer;
        EXPECT_NE(footer.find("topic-number-0 30"), std::string::npos) << footer;
        EXPECT_EQ(footer.find("topic-number-29 "), std::string::npos) << footer;
        const std::size_t more = footer.find(" more (--facets)");
        ASSERT_NE(more, std::string::npos) << footer;
        // "+N more" counts exactly the topics left out.
        const std::size_t plus = footer.rfind('+', more);
        const int left_out = std::stoi(footer.substr(plus + 1));
        int shown = 0;
        for (int i = 0; i < 30; ++i) {
            shown += footer.find("topic-number-" + std::to_string(i) + " ") != std::string::npos;
        }
        EXPECT_EQ(shown + left_out, 30) << footer;
    }
    // --facets: all of them.
    const std::string all = render(r, {.width = 80, .all_topics = true});
    EXPECT_NE(all.find("topic-number-29 1\n"), std::string::npos) << all;
    EXPECT_EQ(all.find("more (--facets)"), std::string::npos) << all;
}

TEST(TextPrinterTopics, ListsTopicsAsATableWithNamesAndDescriptions) {
    Topic a;
    a.id = "security";
    a.name = "Security";
    a.description = "Protecting systems and data.";
    Topic b;
    b.id = "behavioural";
    b.name = "Behavioural";
    std::ostringstream out;
    print_topics(out, {TopicCount{a, 3, 0, 2, 0, 1}, TopicCount{b, 12, 4, 1, 5, 0}}, TextStyle{});
    EXPECT_EQ(out.str(),
              "topic        questions  tips  your questions  stories  notes\n"
              "security             3     0               2        0      1\n"
              "    Security \xE2\x80\x93 Protecting systems and data.\n"
              "behavioural         12     4               1        5      0\n"
              "    Behavioural\n");
    std::ostringstream none;
    print_topics(none, {}, TextStyle{});
    EXPECT_EQ(none.str(), "");
}

}  // namespace
}  // namespace tpm
