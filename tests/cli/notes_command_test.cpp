// The personal notes index end to end, with the real programs: tpmindex PATH adds a folder,
// refreshes are incremental (added, changed, renamed, deleted, touched, binary files), --list
// and --remove, tpmsearch finds note sections beside the corpus and --source filters, and the
// notes folder itself is never written.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "store/notes_writer.h"
#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

class NotesCommand : public ::testing::Test {
  protected:
    NotesCommand() {
        // The notes index is then ROOT/data/tpmsearch (notes_index_).
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        test::write_file(notes_ / "acme.md",
                         "# Acme onsite\n\nThey asked about the zebrafish rollout.\n\n"
                         "## Caching\n\nWe used a write-through cache for the quokka service.\n");
        test::write_file(notes_ / "stories" / "outage.md",
                         "# Payment outage\n\nI led the wombat incident review.\n");
        test::write_file(notes_ / "mock.txt", "Mock interview\n\nPractised the narwhal story.\n");
    }

    // Every file under the notes folder with its size and modification time.
    std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> snapshot() const {
        std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> out;
        for (const auto& e : fs::recursive_directory_iterator(notes_)) {
            out[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0, e.last_write_time()};
        }
        return out;
    }

    // The last line of tpmindex's summary.
    static std::string summary(const test::CliResult& r) {
        std::string out = r.out;
        if (!out.empty() && out.back() == '\n') out.pop_back();
        return out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
    }

    test::CliFixture f_;
    fs::path notes_ = f_.root() / "prep";
    fs::path notes_index_ = f_.root() / "data" / "tpmsearch";
};

TEST_F(NotesCommand, AddingAFolderIndexesEachSection) {
    const auto before = snapshot();
    const auto r = f_.index({notes_.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(summary(r), "notes: 3 added, 0 changed, 0 removed, 0 unchanged, 0 skipped in T s");
    EXPECT_EQ(snapshot(), before) << "the notes folder was written to";

    // The right section of the right note, with its heading path.
    const auto hit = f_.search({"--json", "quokka"});
    ASSERT_EQ(hit.status, 0) << hit.err;
    EXPECT_NE(hit.out.find("\"question\":\"Acme onsite > Caching\""), std::string::npos) << hit.out;
    EXPECT_NE(hit.out.find("ROOT/prep/acme.md"), std::string::npos);
    EXPECT_NE(hit.out.find("\"origin\":\"notes\""), std::string::npos) << hit.out;
    // The corpus is searched as well, and --source keeps one side.
    EXPECT_EQ(f_.search({"--source", "notes", "canary"}).status, 1);
    EXPECT_EQ(f_.search({"--source", "corpus", "canary"}).status, 0);
    EXPECT_EQ(f_.search({"--source", "corpus", "quokka"}).status, 1);
    EXPECT_EQ(f_.search({"quokka", "source:notes"}).status, 0);
}

// As the README says: in notes, plain words and phrases match anywhere, question: matches the
// heading, and the Q&A fields (answer:, ...) match shipped questions only, since a note keeps
// one copy of its text; --explain says a word was found in the body.
TEST_F(NotesCommand, FieldsInNotesAreTheHeadingAndTheBodyOnly) {
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    EXPECT_EQ(f_.search({"--source", "notes", "\"write-through cache\""}).status, 0);
    EXPECT_EQ(f_.search({"--source", "notes", "question:caching"}).status, 0);
    EXPECT_EQ(f_.search({"--source", "notes", "question:\"payment outage\""}).status, 0);
    // No match as written: what is shown is the rescue's, for the plain word.
    for (const char* query : {"question:quokka", "answer:quokka"}) {
        const auto r = f_.search({"--json", "--source", "notes", query});
        EXPECT_EQ(r.out.find("\"rescue\":null"), std::string::npos) << query << r.out;
    }
    EXPECT_EQ(f_.search({"--source", "corpus", "answer:rollback"}).status, 0);
    const auto explained = f_.search({"--json", "--explain", "quokka caching"});
    ASSERT_EQ(explained.status, 0) << explained.err;
    EXPECT_NE(explained.out.find("{\"term\":\"quokka\",\"fields\":[\"body\"]}"), std::string::npos)
        << explained.out;
}

// A notes index made by an older tpmindex (its terms generated differently; the signature is
// the "tpmsearch:terms" metadata, store/writable.cpp) has every file indexed again by the next
// refresh, changed or not, and only then says it is current.
TEST_F(NotesCommand, AnIndexFromAnOlderTpmindexIsIndexedAgainOnce) {
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    {
        Xapian::WritableDatabase db(notes_index_.string());
        db.set_metadata("tpmsearch:terms", "an older tpmindex");
        db.commit();
    }
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 3 changed, 0 removed, 0 unchanged, 0 skipped in T s");
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 0 changed, 0 removed, 3 unchanged, 0 skipped in T s");
    EXPECT_EQ(f_.search({"quokka"}).status, 0);
}

TEST_F(NotesCommand, RefreshesOnlyWhatChanged) {
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 0 changed, 0 removed, 3 unchanged, 0 skipped in T s");

    // Touched without a change: still unchanged.
    fs::last_write_time(notes_ / "mock.txt",
                        fs::last_write_time(notes_ / "mock.txt") + std::chrono::seconds(5));
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 0 changed, 0 removed, 3 unchanged, 0 skipped in T s");

    // Changed: the vanished section leaves, the new words are found.
    test::write_file(notes_ / "acme.md", "# Acme onsite\n\nThey asked about the okapi launch.\n");
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 1 changed, 0 removed, 2 unchanged, 0 skipped in T s");
    EXPECT_EQ(f_.search({"quokka"}).status, 1);
    EXPECT_EQ(f_.search({"okapi"}).status, 0);

    // Renamed: found under the new path only.
    fs::rename(notes_ / "stories" / "outage.md", notes_ / "stories" / "payments.md");
    EXPECT_EQ(summary(f_.index({})),
              "notes: 1 added, 0 changed, 1 removed, 2 unchanged, 0 skipped in T s");
    const auto renamed = f_.search({"wombat"});
    EXPECT_NE(renamed.out.find("payments.md"), std::string::npos) << renamed.out;
    EXPECT_EQ(renamed.out.find("outage.md"), std::string::npos) << renamed.out;

    // Deleted: gone.
    fs::remove(notes_ / "mock.txt");
    EXPECT_EQ(summary(f_.index({})),
              "notes: 0 added, 0 changed, 1 removed, 2 unchanged, 0 skipped in T s");
    EXPECT_EQ(f_.search({"narwhal"}).status, 1);
}

TEST_F(NotesCommand, ShowListsTheNotesMostLikeAShippedQuestion) {
    test::write_file(notes_ / "release.md",
                     "# Canary notes\n\nI send a new version to a small share of users first "
                     "with canary releases, watch the error rate and roll back fast.\n");
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    const auto shown = f_.search({"show", "Q1"});
    ASSERT_EQ(shown.status, 0) << shown.err;
    const std::size_t heading = shown.out.find("Your notes");
    ASSERT_NE(heading, std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("Canary notes", heading), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("ROOT/prep/release.md:1", heading), std::string::npos) << shown.out;
    // A note section is shown whole too, without a list of notes under it.
    const auto json = f_.search({"--json", "canary", "--source", "notes"});
    // Its id is readable: the path in the folder and the heading's slug.
    const std::size_t id_at = json.out.find("\"id\":\"release.md#canary-notes\"");
    ASSERT_NE(id_at, std::string::npos) << json.out;
    const std::string id = json.out.substr(id_at + 6, json.out.find('"', id_at + 6) - id_at - 6);
    const auto note = f_.search({"show", id});
    EXPECT_EQ(note.status, 0) << note.err;
    EXPECT_NE(note.out.find("Canary notes"), std::string::npos) << note.out;
    EXPECT_EQ(note.out.find("Your notes"), std::string::npos) << note.out;
}

TEST_F(NotesCommand, CjkTextIsSearchable) {
    test::write_file(notes_ / "cn.md", "# 系统设计\n\n内容分发网络可以降低延迟。\n");
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    const auto r = f_.search({"分发网络"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("cn.md"), std::string::npos) << r.out;
    EXPECT_EQ(f_.search({"延迟", "--source", "notes"}).status, 0);
}

TEST_F(NotesCommand, BinaryFilesAreSkippedWithTheReason) {
    test::write_file(notes_ / "photo.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto r = f_.index({notes_.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(summary(r), "notes: 3 added, 0 changed, 0 removed, 0 unchanged, 1 skipped in T s");
    EXPECT_NE(r.err.find("ROOT/prep/photo.md: binary file"), std::string::npos) << r.err;
}

TEST_F(NotesCommand, OtherEncodingsAreConvertedAndLoopsWalkedOnce) {
    // Windows-1252: curly quotes and an e acute; UTF-16LE with a byte-order mark.
    test::write_file(notes_ / "legacy.txt",
                     "Caf\xE9 notes\n\nThe \x93ocelot\x94 r\xE9sum\xE9 review went well, and the "
                     "interviewers asked about our caching layer in detail.\n");
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("# Tapir\n\nThe tapir migration.\n")) {
        utf16 += c;
        utf16 += '\0';
    }
    test::write_file(notes_ / "wide.md", utf16);
    fs::create_directory_symlink(notes_, notes_ / "stories" / "loop");
    const auto r = f_.index({notes_.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("5 added"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 converted"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("ROOT/prep/wide.md: read as UTF-16LE"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ROOT/prep/stories/loop"), std::string::npos) << r.err;
    EXPECT_EQ(f_.search({"ocelot"}).status, 0);
    EXPECT_EQ(f_.search({"résumé", "--source", "notes"}).status, 0);
    EXPECT_EQ(f_.search({"tapir"}).status, 0);
}

TEST_F(NotesCommand, ListsAndRemovesFolders) {
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    const auto list = f_.index({"--list"});
    EXPECT_EQ(list.status, 0);
    EXPECT_NE(list.out.find("ROOT/prep  3 files, "), std::string::npos) << list.out;

    const auto removed = f_.index({"--remove", notes_.string()});
    EXPECT_EQ(removed.status, 0) << removed.err;
    EXPECT_EQ(summary(removed),
              "notes: 0 added, 0 changed, 3 removed, 0 unchanged, 0 skipped in T s");
    EXPECT_EQ(f_.index({"--list"}).out, "");
    EXPECT_EQ(f_.search({"wombat"}).status, 1);
    // Removing what is not registered is an error naming it.
    const auto again = f_.index({"--remove", notes_.string()});
    EXPECT_EQ(again.status, 2);
    EXPECT_NE(again.err.find("not a registered notes folder"), std::string::npos) << again.err;
}

TEST_F(NotesCommand, AMissingFolderIsAnErrorAndRegistersNothing) {
    const auto r = f_.index({(f_.root() / "nowhere").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("ROOT/nowhere"), std::string::npos) << r.err;
    EXPECT_EQ(f_.index({"--list"}).out, "");
}

// Indexes written before folders were registered resolved may hold a folder under a link's
// spelling, or twice. Naming it again does not add it a third time, and a plain refresh walks
// it once, warning about the second registration.
TEST_F(NotesCommand, AFolderRegisteredUnderTwoSpellingsIsRefreshedOnce) {
    const fs::path link = f_.root() / "link";
    fs::create_directory_symlink(notes_, link);
    {
        NotesWriter writer(notes_index_, {});
        writer.set_roots({link.string(), notes_.string()});
        writer.commit();
    }
    const auto named = f_.index({notes_.string()});
    EXPECT_EQ(named.status, 0) << named.err;
    const std::string listed = f_.index({"--list"}).out;
    EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 2) << listed;
    const auto plain = f_.index({"-q"});
    EXPECT_EQ(plain.status, 0) << plain.err;
    EXPECT_EQ(plain.err,
              "tpmindex: warning: ROOT/prep: the same folder as ROOT/link, registered "
              "twice; refreshed once (tpmindex --remove ROOT/prep unregisters this "
              "one)\n");
    EXPECT_EQ(f_.search({"wombat", "--source", "notes"}).status, 0);
}

}  // namespace
}  // namespace tpm
