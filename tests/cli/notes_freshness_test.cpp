// A search brings the notes index up to date first (index/notes_freshness.h): an edited note is
// found without tpmindex, a deleted one is gone; with --no-refresh, TPMSEARCH_NO_REFRESH or a
// locked index it answers from the index with one notice line, and corrects no word into another
// while the notes are stale. The real programs, on a notes folder in a temporary folder.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

std::size_t count_lines(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = s.find(part, at)) != std::string::npos; at += part.size()) ++n;
    return n;
}

class NotesFreshness : public ::testing::Test {
  protected:
    NotesFreshness() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        test::write_file(live_, "# Live events notes\n\nWe tagged the zebrafish encoder.\n");
        test::write_file(notes_ / "onsite.md", "# Onsite\n\nAsked about the quokka service.\n");
        const auto r = f_.index({notes_.string()});
        EXPECT_EQ(r.status, 0) << r.err;
        // The shipped index too, so a search says nothing of building it.
        EXPECT_EQ(f_.index({}).status, 0);
    }

    // Rewrites the note with a word no index has yet ("zebrafisk", one letter from a word
    // the index holds, so spelling correction would turn it into "zebrafish").
    void edit() { test::write_file(live_, "# Live events notes\n\nzebrafisk\n"); }

    test::CliFixture f_;
    fs::path notes_ = f_.root() / "prep";
    fs::path live_ = notes_ / "live-events.md";
    fs::path notes_index_ = f_.root() / "data" / "tpmsearch";
};

TEST_F(NotesFreshness, AWordOnlyInTheEditIsFoundWithoutTpmindex) {
    edit();
    const auto r = f_.search({"--no-excerpts", "zebrafisk"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("live-events.md"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
    // Refreshed in the index, not only for that search: tpmindex finds nothing left to do.
    const auto again = f_.index({});
    EXPECT_NE(again.out.find("0 added, 0 changed, 0 removed, 2 unchanged"), std::string::npos)
        << again.out;
}

// After an upgrade that changes the schema, the first search indexes the notes again (as the
// shipped index is rebuilt), so they never silently drop out of the results.
TEST_F(NotesFreshness, ANotesIndexOfAnotherVersionIsIndexedAgainOnce) {
    {
        Xapian::WritableDatabase db(notes_index_.string(), Xapian::DB_OPEN);
        db.set_metadata("tpmsearch:schema", "1");
        db.commit();
    }
    auto r = f_.search({"--no-excerpts", "quokka"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("onsite.md"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "tpmsearch: re-indexing your notes for this version of tpmsearch (once)\n");
    r = f_.search({"--no-excerpts", "quokka"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    // Not with --no-refresh: the search says the notes are not searched, and how to fix it.
    {
        Xapian::WritableDatabase db(notes_index_.string(), Xapian::DB_OPEN);
        db.set_metadata("tpmsearch:schema", "1");
        db.commit();
    }
    r = f_.search({"--no-refresh", "--no-excerpts", "quokka"});
    EXPECT_NE(r.err.find("tpmindex --rebuild"), std::string::npos) << r.err;
}

TEST_F(NotesFreshness, ADeletedNoteLeavesTheResults) {
    ASSERT_EQ(f_.search({"quokka"}).status, 0);
    fs::remove(notes_ / "onsite.md");
    const auto r = f_.search({"--source", "notes", "quokka"});
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_EQ(r.err, "tpmsearch: no results for: quokka\n");
}

TEST_F(NotesFreshness, WithoutRefreshTheIndexAnswersWithOneNoticeAndNoCorrection) {
    // While the notes are current, the misspelling is corrected into the indexed word...
    const auto current = f_.search({"--source", "notes", "zebrafisk"});
    EXPECT_EQ(current.status, 0) << current.err;
    EXPECT_NE(current.err.find("spelling corrected"), std::string::npos) << current.err;
    // ... but once a note changed and was not indexed again, the word may be in the change.
    edit();
    for (const bool by_environment : {false, true}) {
        f_.set_env("TPMSEARCH_NO_REFRESH", by_environment ? "1" : "");
        const auto r =
            by_environment ? f_.search({"zebrafisk"}) : f_.search({"--no-refresh", "zebrafisk"});
        EXPECT_EQ(r.status, 1) << r.out;
        EXPECT_EQ(count_lines(r.err, "tpmsearch: notice: "), 1u) << r.err;
        EXPECT_NE(r.err.find("1 note changed since it was indexed"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("run tpmindex"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("corrected"), std::string::npos) << r.err;
        EXPECT_EQ(r.out.find("zebrafish"), std::string::npos) << r.out;
    }
    // Nothing was written meanwhile: tpmindex still has the change to index.
    f_.set_env("TPMSEARCH_NO_REFRESH", "");
    EXPECT_NE(f_.index({}).out.find("1 changed"), std::string::npos);
}

TEST_F(NotesFreshness, ALockedIndexIsSearchedAsItIsWithANotice) {
    edit();
    fs::remove(notes_ / "onsite.md");
    {
        // Another writer (a running tpmindex) holds the lock.
        Xapian::WritableDatabase writer(notes_index_.string(), Xapian::DB_OPEN);
        const auto r = f_.search({"quokka"});
        EXPECT_EQ(r.status, 0) << r.err;  // the old index still has the deleted note
        EXPECT_EQ(count_lines(r.err, "\n"), 1u) << r.err;
        EXPECT_NE(r.err.find("tpmsearch: notice: 2 notes changed since they were indexed"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("another tpmindex is writing"), std::string::npos) << r.err;
    }
    // The lock released, the next search refreshes.
    EXPECT_EQ(f_.search({"--source", "notes", "quokka"}).status, 1);
    EXPECT_EQ(f_.search({"zebrafisk"}).status, 0);
}

}  // namespace
}  // namespace tpm
