// tpmsearch export, end to end: the real programs on a copy of the small test corpus (and, for
// the issue's bar, of the shipped corpus) with a notes folder of their own in a temporary root.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "support/cli_fixture.h"
#include "support/markdown_shape.h"

namespace tpm::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> h2_ids(const MarkdownShape& shape) {
    std::vector<std::string> ids;
    for (const MarkdownHeading& h : shape.headings) {
        if (h.level == 2) ids.push_back(h.text.substr(0, h.text.find(':')));
    }
    return ids;
}

std::size_t files_in(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

class Export : public ::testing::Test {
  protected:
    Export() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        write_file(notes() / "canary.md",
                   "# Canary rollouts `<b>at</b>` Acme \\[x\\](y) \\*\n\nWe send each release "
                   "to a small subset of users, watch error rates and roll back with feature "
                   "flags.\n");
        write_file(notes() / "qa.md",
                   "# Practice\n\nQ: How do I run a canary release with a rollback?\nA: Release "
                   "to 1% of users behind feature flags, roll back fast.\n");
        EXPECT_EQ(f_.index({notes().string()}).status, 0);
        // The first search builds the index of the corpus and says so.
        EXPECT_EQ(f_.search({"--topic", "release-engineering"}).status, 0);
    }

    fs::path notes() const { return f_.root() / "notes"; }

    CliFixture f_;
};

TEST_F(Export, ATopicSheetHoldsItsQuestionsPointsAndNotesInDocumentOrder) {
    const CliResult r = f_.search({"export", "--topic", "release-engineering"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const MarkdownShape shape = parse_markdown(r.out);
    ASSERT_TRUE(shape.parsed);
    ASSERT_FALSE(shape.headings.empty());
    EXPECT_EQ(shape.headings[0].text, "Cheat sheet: Release engineering");
    // The user's own question (the only section of qa.md) and the shipped one.
    const std::vector<std::string> ids = h2_ids(shape);
    EXPECT_EQ(ids, (std::vector<std::string>{"qa.md", "Q1"})) << r.out;
    // Under Q1, its labelled points and the user's notes, text as written in the note: the
    // note's heading holds a tag and a link in a code span and escapes, which stay text.
    const std::string note =
        "Canary rollouts <b>at</b> Acme [x](y) * — canary.md#canary-rollouts-batb-acme-xy- "
        "(ROOT/notes/canary.md:1)";
    EXPECT_NE(std::find(shape.list_items.begin(), shape.list_items.end(), note),
              shape.list_items.end())
        << r.out;
    EXPECT_NE(r.out.find("\n- **Fast Rollback:** Every deployment has a tested rollback path"),
              std::string::npos);
    EXPECT_EQ(shape.span_count(MD_SPAN_A), 0u);
    EXPECT_EQ(shape.html_texts, 0u);
    EXPECT_NE(r.out.find("Canary rollouts \\<b\\>at\\</b\\> Acme \\[x\\](y) \\*"),
              std::string::npos);
}

TEST_F(Export, AQuerySheetIsInRankOrderAndTakesTheSearchOptions) {
    CliResult r = f_.search({"export", "capacity", "load", "testing"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(h2_ids(parse_markdown(r.out)).front(), "Q3");
    // Options before or after the command, and --source.
    r = f_.search({"--source", "notes", "export", "canary", "rollback"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(h2_ids(parse_markdown(r.out)), std::vector<std::string>{"qa.md"});
    r = f_.search({"export", "--source", "notes"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(parse_markdown(r.out).headings.front().text, "Cheat sheet: Your questions");
    r = f_.search({"export", "stakeholders", "OR", "capacity", "OR", "release", "-n", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(h2_ids(parse_markdown(r.out)).size(), 2u);
}

TEST_F(Export, NothingToPrintIsStatusOneAndAProblemIsTwo) {
    CliResult r = f_.search({"export", "xylophone"});
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "tpmsearch: no questions for: xylophone\n");
    r = f_.search({"export", "--topic", "no-such-topic"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, f_.search({"--topic", "no-such-topic", "release"}).err);
    EXPECT_NE(r.err.find("unknown topic \"no-such-topic\""), std::string::npos);
    r = f_.search({"export"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("export needs a topic or words"), std::string::npos);
    r = f_.search({"export", "--topic", "release-engineering", "--json"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--json"), std::string::npos);
    r = f_.search({"export", "--topic", "release-engineering", "--format", "pdf"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
}

TEST_F(Export, WritesAFileWholeAndInfersHtmlFromItsName) {
    const fs::path out_dir = f_.root() / "sheets";
    fs::create_directories(out_dir);
    const fs::path page = out_dir / "release.HTML";
    write_file(page, "old");
    const CliResult r = f_.search(
        {"export", "--topic", "release-engineering", "-o", page.string(), "--paper", "letter"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "tpmsearch: wrote 2 questions to ROOT/sheets/release.HTML\n");
    const std::string html = read_file(page);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("@page { size: letter;"), std::string::npos);
    EXPECT_NE(html.find("data-id=\"Q1\""), std::string::npos);
    EXPECT_NE(html.find("Canary rollouts &lt;b&gt;at&lt;/b&gt; Acme [x](y) *"), std::string::npos);
    EXPECT_EQ(files_in(out_dir), 1u);
    // --format wins over the name; Markdown otherwise.
    const fs::path md = out_dir / "release.txt";
    ASSERT_EQ(
        f_.search({"export", "--topic", "release-engineering", "--output", md.string()}).status, 0);
    EXPECT_EQ(read_file(md).rfind("# Cheat sheet: Release engineering", 0), 0u);
    ASSERT_EQ(f_.search({"export", "--topic", "release-engineering", "-o", md.string(), "--format",
                         "html"})
                  .status,
              0);
    EXPECT_EQ(read_file(md).rfind("<!DOCTYPE html>", 0), 0u);
}

TEST_F(Export, NeverWritesIntoANotesFolder) {
    const std::string before = read_file(notes() / "canary.md");
    for (const fs::path& target :
         {notes() / "canary.md", notes() / "sheet.md", notes() / "deeper" / ".." / "s.html"}) {
        SCOPED_TRACE(target);
        const CliResult r =
            f_.search({"export", "--topic", "release-engineering", "-o", target.string()});
        EXPECT_EQ(r.status, 2);
        EXPECT_NE(r.err.find("in your notes folder ROOT/notes"), std::string::npos) << r.err;
    }
    EXPECT_EQ(read_file(notes() / "canary.md"), before);
    EXPECT_EQ(files_in(notes()), 2u);
}

TEST_F(Export, HelpNamesItsOptions) {
    const CliResult r = f_.search({"export", "--help"});
    EXPECT_EQ(r.status, 0);
    for (const char* option : {"--output", "--format", "--paper"}) {
        EXPECT_NE(r.out.find(option), std::string::npos) << option;
    }
}

// The issue's bar on the shipped corpus: every release-engineering question is on the sheet,
// the Markdown parses into one heading and one list a question, the HTML page holds each.
TEST(ExportShipped, ReleaseEngineeringHasEveryQuestion) {
    CliFixture f;
    fs::remove_all(f.root() / "corpus");
    fs::copy(TPM_CORPUS_DIR, f.root() / "corpus");
    const CliResult listing = f.search({"--topic", "release-engineering", "--lines"});
    ASSERT_EQ(listing.status, 0) << listing.err;
    std::vector<std::string> expected;
    // "path:line: Q17  question": the shipped questions of the topic, in document order.
    const std::regex question_id(R"(: (Q[0-9]+)  )");
    for (std::sregex_iterator it(listing.out.begin(), listing.out.end(), question_id), end;
         it != end; ++it) {
        expected.push_back((*it)[1].str());
    }
    ASSERT_GE(expected.size(), 5u) << listing.out;

    const CliResult md = f.search({"export", "--topic", "release-engineering"});
    ASSERT_EQ(md.status, 0) << md.err;
    const MarkdownShape shape = parse_markdown(md.out);
    ASSERT_TRUE(shape.parsed);
    EXPECT_EQ(shape.block_count(MD_BLOCK_H), expected.size() + 1);
    EXPECT_EQ(h2_ids(shape), expected);                          // document order, as the listing
    EXPECT_EQ(shape.block_count(MD_BLOCK_UL), expected.size());  // no notes: one list each
    EXPECT_GE(shape.list_items.size(), 5 * expected.size());

    const fs::path page = f.root() / "release.html";
    ASSERT_EQ(f.search({"export", "--topic", "release-engineering", "-o", page.string()}).status,
              0);
    const std::string html = read_file(page);
    for (const std::string& id : expected) {
        EXPECT_NE(html.find("data-id=\"" + id + "\""), std::string::npos) << id;
    }
}

}  // namespace
}  // namespace tpm::test
