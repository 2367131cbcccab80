// What a cheat sheet holds (prep/cheat_sheet.h), on a real index of the small test corpus and a
// notes folder, and where and how a sheet file is written (prep/export_file.h).
#include "prep/cheat_sheet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "model/error.h"
#include "prep/export_file.h"
#include "support/corpus_and_notes.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

TEST(CheatSheetLines, APointIsItsLabelAndFirstSentence) {
    struct Case {
        Point point;
        CheatSheetLine line;
    };
    const std::vector<Case> cases = {
        {{"Canary Releases", "I send a new version to a few users. Then I watch.", {}, 1},
         {"Canary Releases", "I send a new version to a few users."}},
        {{"", "Establishing a clear\n  governance structure", {}, 1},
         {"", "Establishing a clear governance structure"}},
        {{"Steps", "My steps include:", {"plan", " test ", "ship"}, 1},
         {"Steps", "My steps include: plan; test; ship"}},
        {{"Budget", "We spent $5.5 million. It paid off.", {}, 1},
         {"Budget", "We spent $5.5 million."}},
        {{"Tools", "", {"Jira", "Confluence"}, 1}, {"Tools", "Jira; Confluence"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.point.text);
        EXPECT_EQ(point_line(c.point), c.line);
    }
    EXPECT_EQ(first_sentence("  One line.  "), "One line.");
    EXPECT_EQ(first_sentence(""), "");
}

class CheatSheetOfIndex : public test::CorpusAndNotes, public ::testing::Test {
  protected:
    CheatSheetResult build(const CheatSheetRequest& request) {
        const Xapian::Database db = open();
        const Searcher searcher(db);
        return CheatSheetBuilder(db, searcher).build(request);
    }

    static std::vector<std::string> ids(const CheatSheet& sheet) {
        std::vector<std::string> out;
        for (const CheatSheetQuestion& q : sheet.questions) out.push_back(q.id);
        return out;
    }
};

TEST_F(CheatSheetOfIndex, ATopicGivesItsQuestionsWithTheirPointsAndNotes) {
    write_note("canary.md",
               "# Canary rollouts\n\nWe send each release to a small subset of users, watch "
               "error rates and roll back with feature flags and a fast rollback path.\n");
    write_note("qa.md",
               "# Practice\n\nQ: How do I run a canary release with a rollback?\nA: Release to 1% "
               "of users behind feature flags, then roll back fast if errors rise.\n");
    index_notes();
    CheatSheetRequest request;
    request.topics = {"release-engineering"};
    const CheatSheet sheet = build(request).sheet;
    EXPECT_EQ(sheet.title, "Release engineering");
    EXPECT_EQ(sheet.selection, "topic release-engineering");
    // The user's own question (qa.md has one section) and the shipped one.
    ASSERT_EQ(ids(sheet), (std::vector<std::string>{"qa.md", "Q1"}));
    const CheatSheetQuestion& q1 = sheet.questions[1];
    EXPECT_EQ(q1.origin, Origin::corpus);
    const std::vector<CheatSheetLine> lines = {
        {"Canary Releases",
         "I send a new version to a small subset of users and watch error rates before going "
         "further."},
        {"Feature Flags",
         "I put risky features behind flags so they can be switched off without a deploy."},
        {"Fast Rollback", "Every deployment has a tested rollback path that takes minutes."}};
    EXPECT_EQ(q1.lines, lines);
    ASSERT_FALSE(q1.notes.empty());
    EXPECT_EQ(q1.notes[0].id, "canary.md#canary-rollouts");
    EXPECT_EQ(q1.notes[0].title, "Canary rollouts");
    // The user's own question is on the sheet, with its answer as its line and no notes; the
    // note section about canaries, not a question, is not.
    const CheatSheetQuestion& own = sheet.questions[0];
    EXPECT_EQ(own.origin, Origin::notes);
    EXPECT_EQ(own.title, "How do I run a canary release with a rollback?");
    EXPECT_EQ(
        own.lines,
        (std::vector<CheatSheetLine>{{"",
                                      "Release to 1% of users behind feature flags, then roll back "
                                      "fast if errors rise."}}));
    EXPECT_TRUE(own.notes.empty());
    request.origin = Origin::corpus;
    EXPECT_EQ(ids(build(request).sheet), std::vector<std::string>{"Q1"});
}

TEST_F(CheatSheetOfIndex, AQueryGivesQuestionsInRankOrderUpToTheLimit) {
    CheatSheetRequest request;
    request.query = "capacity load testing";
    CheatSheetResult result = build(request);
    ASSERT_FALSE(result.sheet.questions.empty());
    EXPECT_EQ(result.sheet.questions[0].id, "Q3");
    EXPECT_EQ(result.sheet.title, "capacity load testing");
    EXPECT_EQ(result.sheet.selection, "query: capacity load testing");
    request.query = "stakeholders OR capacity OR release";
    request.limit = 2;
    EXPECT_EQ(build(request).sheet.questions.size(), 2u);
    request.query = "xylophone";
    request.limit = 0;
    EXPECT_TRUE(build(request).sheet.questions.empty());
}

TEST_F(CheatSheetOfIndex, AnUnknownTopicIsABadQuery) {
    CheatSheetRequest request;
    request.topics = {"no-such-topic"};
    try {
        build(request);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::bad_query);
    }
}

TEST(ExportFile, FindsTheNotesFolderAFileWouldGoIn) {
    const test::TempDir dir;
    const fs::path notes = dir / "notes";
    fs::create_directories(notes / "sub");
    fs::create_directories(dir / "elsewhere");
    fs::create_directory_symlink(notes / "sub", dir / "link-into-notes");
    fs::create_symlink(notes / "sheet.md", dir / "elsewhere" / "link-to-a-note.md");
    const std::vector<std::string> roots = {(dir / "other").string(), notes.string()};
    EXPECT_EQ(notes_folder_holding(notes / "sheet.md", roots), notes.string());
    EXPECT_EQ(notes_folder_holding(notes / "sub" / "new" / "sheet.md", roots), notes.string());
    EXPECT_EQ(notes_folder_holding(dir / "elsewhere" / ".." / "notes" / "x.md", roots),
              notes.string());
    EXPECT_EQ(notes_folder_holding(dir / "link-into-notes" / "x.md", roots), notes.string());
    EXPECT_EQ(notes_folder_holding(dir / "elsewhere" / "sheet.md", roots), std::nullopt);
    EXPECT_EQ(notes_folder_holding(dir / "notes-sheet.md", roots), std::nullopt);
    // Writing replaces a link where it is, not what it names.
    EXPECT_EQ(notes_folder_holding(dir / "elsewhere" / "link-to-a-note.md", roots), std::nullopt);
    EXPECT_EQ(notes_folder_holding(dir / "x.md", {}), std::nullopt);
}

TEST(ExportFile, ReplacesTheFileWholeAndLeavesNothingElse) {
    const test::TempDir dir;
    const fs::path file = dir / "sheet.md";
    write_file_atomically(file, "first\n");
    EXPECT_EQ(test::read_file(file), "first\n");
    write_file_atomically(file, "second, longer\n");
    EXPECT_EQ(test::read_file(file), "second, longer\n");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1u);  // no temporary file left beside it
}

TEST(ExportFile, AFailedWriteNamesTheFileAndLeavesItAsItWas) {
    const test::TempDir dir;
    fs::create_directory(dir / "folder");
    try {
        write_file_atomically(dir / "folder", "x");
        FAIL() << "wrote over a folder";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find((dir / "folder").string()), std::string::npos);
    }
    try {
        write_file_atomically(dir / "missing" / "sheet.md", "x");
        FAIL() << "wrote into a missing folder";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("sheet.md"), std::string::npos);
    }
    if (::geteuid() != 0) {  // root writes into a read-only folder
        const fs::path locked = dir / "locked";
        fs::create_directory(locked);
        test::write_file(locked / "sheet.md", "old\n");
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        EXPECT_THROW(write_file_atomically(locked / "sheet.md", "new\n"), Error);
        fs::permissions(locked, fs::perms::owner_all);
        EXPECT_EQ(test::read_file(locked / "sheet.md"), "old\n");
    }
}

}  // namespace
}  // namespace tpm
