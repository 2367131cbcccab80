// The cheat sheet printers (output/cheat_sheet.h): every question is on the page, and text from
// notes shows as written in both formats, whatever Markdown or HTML it holds. The Markdown is
// read back with md4c, a real CommonMark parser, in its GitHub dialect.
#include "output/cheat_sheet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "support/markdown_shape.h"

namespace tpm {
namespace {

using test::MarkdownShape;
using test::parse_markdown;

CheatSheetQuestion question(std::string id, std::string title, std::vector<CheatSheetLine> lines,
                            std::vector<CheatSheetNote> notes = {}) {
    CheatSheetQuestion q;
    q.id = std::move(id);
    q.title = std::move(title);
    q.source = "corpus/sample.txt";
    q.line = 12;
    q.lines = std::move(lines);
    q.notes = std::move(notes);
    return q;
}

// Three questions: one with a labelled line, an unlabelled one and two notes; one of the user's
// own; one with a single unlabelled line.
CheatSheet sample_sheet() {
    CheatSheet sheet;
    sheet.title = "Release engineering";
    sheet.selection = "topic release-engineering";
    sheet.questions.push_back(question(
        "Q1", "How do you release changes without hurting users?",
        {{"Canary Releases", "I send a new version to a small subset of users."},
         {"", "Establishing a clear governance structure"}},
        {{"canary.md#rollback", "Canary > Rollback", "prep-root/notes/canary.md", 3},
         {"job:stories/launch.md#launch", "The launch", "prep-root/job/stories/launch.md", 1}}));
    CheatSheetQuestion own = question("qa.md#how-do-you-roll-back",
                                      "How do you roll back a canary?", {{"", "Quickly."}});
    own.origin = Origin::notes;
    own.source = "prep-root/notes/qa.md";
    sheet.questions.push_back(own);
    sheet.questions.push_back(question("Q3", "How do you plan capacity?",
                                       {{"Load Testing", "I test at twice the forecast peak."}}));
    return sheet;
}

std::string markdown(const CheatSheet& sheet) {
    std::ostringstream out;
    print_cheat_sheet_markdown(out, sheet);
    return out.str();
}

std::string html(const CheatSheet& sheet, Paper paper = Paper::a4) {
    std::ostringstream out;
    print_cheat_sheet_html(out, sheet, paper);
    return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

TEST(CheatSheetMarkdown, HoldsEveryQuestionWithItsLinesAndNotes) {
    const MarkdownShape shape = parse_markdown(markdown(sample_sheet()));
    ASSERT_TRUE(shape.parsed);
    ASSERT_EQ(shape.headings.size(), 4u);
    EXPECT_EQ(shape.headings[0].level, 1u);
    EXPECT_EQ(shape.headings[0].text, "Cheat sheet: Release engineering");
    EXPECT_EQ(shape.headings[1].text, "Q1: How do you release changes without hurting users?");
    EXPECT_EQ(shape.headings[2].text, "qa.md#how-do-you-roll-back: How do you roll back a canary?");
    EXPECT_EQ(shape.headings[3].text, "Q3: How do you plan capacity?");
    for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(shape.headings[i].level, 2u);
    const std::vector<std::string> items = {
        "Canary Releases: I send a new version to a small subset of users.",
        "Establishing a clear governance structure",
        "Canary > Rollback — canary.md#rollback (prep-root/notes/canary.md:3)",
        "The launch — job:stories/launch.md#launch (prep-root/job/stories/launch.md:1)",
        "Quickly.",
        "Load Testing: I test at twice the forecast peak.",
    };
    EXPECT_EQ(shape.list_items, items);
    // The labels are bold; "Your notes:" and the user's question's origin are emphasised.
    EXPECT_EQ(shape.span_count(MD_SPAN_STRONG), 2u);
    EXPECT_EQ(shape.span_count(MD_SPAN_EM), 2u);
    EXPECT_NE(std::find(shape.paragraphs.begin(), shape.paragraphs.end(),
                        "Your question, prep-root/notes/qa.md:12"),
              shape.paragraphs.end());
}

struct Hostile {
    std::string text;
    std::string shown;  // what a reader sees; empty: the text itself
};

// Text a note may hold that would be a link, HTML, an image, code, a table or a new block if it
// were interpreted.
const std::vector<Hostile>& hostile_texts() {
    static const std::vector<Hostile> texts = {
        {"[click](http://evil.example)", ""},
        {"![pixel](http://evil.example/p.png)", ""},
        {"<script>alert(1)</script>", ""},
        {"<b>bold</b> <a href=\"x\">a</a>", ""},
        {"<http://evil.example>", ""},
        {"**bold** __strong__ *em* _em_ `code` ~~del~~", ""},
        {"- a list item", ""},
        {"+ another", ""},
        {"12. an ordered item", ""},
        {"3) another ordered item", ""},
        {"# a heading", ""},
        {"> a quote", ""},
        {"| a | b |", ""},
        {"=====", ""},
        {"---", ""},
        {"***", ""},
        {"http://evil.example/x and https://evil.example", ""},
        {"www.evil.example", ""},
        {"mail me@evil.example", ""},
        {"&lt;b&gt; &amp; &copy; &#60;", ""},
        {"back\\slash \\* \\[", ""},
        {"[ref]: http://evil.example", ""},
        {"line one\n# injected heading\n- injected item",
         "line one # injected heading - injected item"},
        {"    indented code", "indented code"},
        {"tab\tand\x1b[31mred", "tab and\xEF\xBF\xBD[31mred"},
        {"$x$ and $$y$$", ""},
        {"[[wiki link]]", ""},
    };
    return texts;
}

// A sheet with `text` in every place the notes or the corpus fill.
CheatSheet sheet_of(const std::string& text) {
    CheatSheet sheet;
    sheet.title = text;
    sheet.selection = text;
    sheet.questions.push_back(question(text, text, {{text, text}}, {{text, text, text, 7}}));
    return sheet;
}

TEST(CheatSheetMarkdown, NoteTextShowsAsWrittenAndAddsNoStructure) {
    for (const Hostile& h : hostile_texts()) {
        SCOPED_TRACE(h.text);
        const std::string shown = h.shown.empty() ? h.text : h.shown;
        const MarkdownShape shape = parse_markdown(markdown(sheet_of(h.text)));
        ASSERT_TRUE(shape.parsed);
        ASSERT_EQ(shape.headings.size(), 2u);
        EXPECT_EQ(shape.headings[0].text, "Cheat sheet: " + shown);
        EXPECT_EQ(shape.headings[1].text, shown + ": " + shown);
        ASSERT_EQ(shape.list_items.size(), 2u);
        EXPECT_EQ(shape.list_items[0], shown + ": " + shown);
        EXPECT_EQ(shape.list_items[1], shown + " — " + shown + " (" + shown + ":7)");
        // Only the sheet's own structure: one list of lines, one of notes, the bold label and
        // the emphasised "Your notes:"; no link, image, code, HTML, table, quote or rule.
        EXPECT_EQ(shape.block_count(MD_BLOCK_UL), 2u);
        EXPECT_EQ(shape.block_count(MD_BLOCK_OL), 0u);
        EXPECT_EQ(shape.block_count(MD_BLOCK_QUOTE), 0u);
        EXPECT_EQ(shape.block_count(MD_BLOCK_CODE), 0u);
        EXPECT_EQ(shape.block_count(MD_BLOCK_HR), 0u);
        EXPECT_EQ(shape.block_count(MD_BLOCK_TABLE), 0u);
        EXPECT_EQ(shape.html_texts, 0u);
        EXPECT_EQ(shape.span_count(MD_SPAN_A), 0u);
        EXPECT_EQ(shape.span_count(MD_SPAN_IMG), 0u);
        EXPECT_EQ(shape.span_count(MD_SPAN_CODE), 0u);
        EXPECT_EQ(shape.span_count(MD_SPAN_DEL), 0u);
        EXPECT_EQ(shape.span_count(MD_SPAN_STRONG), 1u);
        EXPECT_EQ(shape.span_count(MD_SPAN_EM), 1u);
    }
}

TEST(CheatSheetMarkdown, EscapesOnlyWhatWouldBeRead) {
    struct Case {
        const char* text;
        const char* markdown;
    };
    const Case cases[] = {
        {"Canary Releases: 1% of users (CI/CD).", "Canary Releases: 1% of users (CI/CD)."},
        {"a_b *c* [d] <e> #f |g| ~h~ `i` \\j &k @l",
         "a\\_b \\*c\\* \\[d\\] \\<e\\> \\#f \\|g\\| \\~h\\~ \\`i\\` \\\\j \\&k \\@l"},
        {"- item", "\\- item"},
        {"2024. A year", "2024\\. A year"},
        {"see https://x.example", "see https\\://x.example"},
        {"www.x.example", "www\\.x.example"},
        {"  spaced\nlines  ", "spaced lines"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        EXPECT_EQ(markdown_text(c.text), c.markdown);
    }
}

TEST(CheatSheetHtml, HoldsEveryQuestionInOneSelfContainedPage) {
    const std::string page = html(sample_sheet());
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(occurrences(page, "<section class=\"question\""), 3u);
    for (const char* id :
         {"data-id=\"Q1\"", "data-id=\"qa.md#how-do-you-roll-back\"", "data-id=\"Q3\""}) {
        EXPECT_EQ(occurrences(page, id), 1u) << id;
    }
    EXPECT_EQ(occurrences(page, "<li>"), 6u);
    EXPECT_EQ(occurrences(page, "Your notes"), 1u);
    EXPECT_NE(page.find("Your question · prep-root/notes/qa.md:12"), std::string::npos);
    // Nothing is fetched: no script, style sheet, image, font or link of any address.
    for (const char* remote : {"<script", "<link", "<img", "src=", "href=", "url(", "@import"}) {
        EXPECT_EQ(page.find(remote), std::string::npos) << remote;
    }
}

TEST(CheatSheetHtml, SetsThePaperSizeForPrinting) {
    EXPECT_NE(html(sample_sheet(), Paper::a4).find("@page { size: A4;"), std::string::npos);
    EXPECT_NE(html(sample_sheet(), Paper::letter).find("@page { size: letter;"), std::string::npos);
    EXPECT_NE(html(sample_sheet()).find("@media print"), std::string::npos);
}

// The page of a sheet full of hostile text has exactly the markup of the same sheet with plain
// text: every '<' of the page is the printer's own, and the text is there as entities.
TEST(CheatSheetHtml, NoteTextIsEscapedNeverMarkup) {
    const std::size_t plain_tags = occurrences(html(sheet_of("plain")), "<");
    for (const Hostile& h : hostile_texts()) {
        SCOPED_TRACE(h.text);
        const std::string page = html(sheet_of(h.text));
        EXPECT_EQ(occurrences(page, "<"), plain_tags);
        EXPECT_EQ(occurrences(page, "\x1b"), 0u);
        EXPECT_NE(page.find(html_text(h.text)), std::string::npos);
    }
    EXPECT_EQ(html_text("<a href=\"x\" title='y'>&amp;</a>"),
              "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
}

}  // namespace
}  // namespace tpm
