// Rebuilding an index beside the old one and swapping it in, and the notes registry file, on
// real glass databases in fresh temporary folders: the swap keeps the files that live beside
// the tables, gives up cleanly, repairs a damaged index and leaves nothing behind; the registry
// file is written whole, read back, and written by NotesWriter::set_roots.
#include "store/index_repair.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <string>
#include <vector>

#include "model/error.h"
#include "store/database.h"
#include "store/notes_registry.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

// A database in `dir` holding one document with `word`.
void make_index(const fs::path& dir, const std::string& word) {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document doc;
    doc.add_term(word);
    db.add_document(doc);
    db.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
    db.commit();
}

bool has_term(const fs::path& dir, const std::string& word) {
    const Xapian::Database db(dir.string());
    return db.term_exists(word);
}

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

TEST(RebuildIndex, SwapsTheNewIndexInAndKeepsTheFilesBesideTheTables) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    make_index(index, "old");
    test::write_file(index / "README.md", "kept\n");
    const bool swapped = rebuild_index(
        index,
        [](const fs::path& fresh) {
            make_index(fresh, "new");
            return true;
        },
        LockWait{false, {}, {}});
    EXPECT_TRUE(swapped);
    EXPECT_TRUE(has_term(index, "new"));
    EXPECT_FALSE(has_term(index, "old"));
    EXPECT_TRUE(fs::exists(index / "README.md"));
    EXPECT_EQ(entries(tmp.path()), 1u);  // the old index is gone, no work folder is left
}

TEST(RebuildIndex, ABuildThatGivesUpOrFailsLeavesTheOldIndexAsItWas) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    make_index(index, "old");
    EXPECT_FALSE(rebuild_index(
        index, [](const fs::path& fresh) { return fs::exists(fresh) && false; },
        LockWait{false, {}, {}}));
    EXPECT_THROW(
        rebuild_index(
            index, [](const fs::path&) -> bool { throw Error(ErrorCode::io, "disk full"); },
            LockWait{false, {}, {}}),
        Error);
    EXPECT_TRUE(has_term(index, "old"));
    EXPECT_EQ(entries(tmp.path()), 1u);
}

TEST(RebuildIndex, ReplacesAnIndexWhoseVersionFileIsGarbageOrMissing) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    make_index(index, "old");
    test::write_file(index / "iamglass", "garbage");
    EXPECT_TRUE(index_damage(index).has_value());
    rebuild_index(
        index,
        [](const fs::path& fresh) {
            make_index(fresh, "new");
            return true;
        },
        LockWait{false, {}, {}});
    EXPECT_FALSE(index_damage(index).has_value());
    EXPECT_TRUE(has_term(index, "new"));
    fs::remove(index / "iamglass");
    EXPECT_EQ(index_damage(index), "its version file iamglass is missing");
}

TEST(RebuildIndex, BuildsAMissingFolder) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "gone";
    rebuild_index(
        index,
        [](const fs::path& fresh) {
            make_index(fresh, "new");
            return true;
        },
        LockWait{false, {}, {}});
    EXPECT_TRUE(has_term(index, "new"));
}

TEST(RebuildIndex, AnIndexLockedByAWriterIsNotRebuiltWhenNotWaiting) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    make_index(index, "old");
    Xapian::WritableDatabase writer(index.string(), Xapian::DB_OPEN);
    bool built = false;
    try {
        rebuild_index(
            index,
            [&](const fs::path&) {
                built = true;
                return true;
            },
            LockWait{false, std::chrono::milliseconds(100), {}});
        ADD_FAILURE() << "rebuilt under another writer's lock";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_locked);
    }
    EXPECT_FALSE(built);
}

// An index large enough that a block in the middle of docdata.glass holds documents.
void build_index_of_many_blocks(const fs::path& index) {
    Xapian::WritableDatabase db(index.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < 3000; ++i) {
        Xapian::Document doc;
        doc.set_data(std::string(200, static_cast<char>('a' + i % 26)));
        db.add_document(doc);
    }
    db.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
    db.commit();
}

TEST(IndexDamage, AWholeIndexHasNoneAndAZeroedBlockIsFound) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    build_index_of_many_blocks(index);
    EXPECT_FALSE(index_damage(index).has_value());
    const fs::path table = index / "docdata.glass";
    std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(table) / 8192 / 2 * 8192));
    const std::string zeros(8192, '\0');
    f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
    f.close();
    EXPECT_TRUE(index_damage(index).has_value());
}

// The block-by-block check is skipped while the tables are as they were when last known sound:
// damage that also put the table's modification time back goes unseen until the record goes.
TEST(IndexDamage, TheFullCheckRunsOnlyWhenTheTablesChangedSinceTheyWereKnownSound) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "index";
    build_index_of_many_blocks(index);
    EXPECT_FALSE(fs::exists(index / schema::kTablesCheckedFileName));
    EXPECT_FALSE(index_damage(index).has_value());
    ASSERT_TRUE(fs::exists(index / schema::kTablesCheckedFileName));
    const fs::path table = index / "docdata.glass";
    const fs::file_time_type was = fs::last_write_time(table);
    {
        std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(fs::file_size(table) / 8192 / 2 * 8192));
        const std::string zeros(8192, '\0');
        f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
    }
    fs::last_write_time(table, was);
    EXPECT_FALSE(index_damage(index).has_value());
    fs::remove(index / schema::kTablesCheckedFileName);
    EXPECT_TRUE(index_damage(index).has_value());
}

TEST(NotesRegistry, IsWrittenWholeAndReadBack) {
    test::TempDir tmp;
    EXPECT_FALSE(read_notes_registry(tmp.path()).has_value());
    const std::vector<std::string> roots = {"/home/a/notes", "/srv/b \"quoted\""};
    write_notes_registry(tmp.path(), roots);
    EXPECT_EQ(read_notes_registry(tmp.path()), roots);
    EXPECT_EQ(entries(tmp.path()), 1u);  // no temporary file left
    test::write_file(tmp.path() / schema::kNotesRegistryFileName, "{\"roots\": [\"/a\"");
    EXPECT_FALSE(read_notes_registry(tmp.path()).has_value());
}

TEST(NotesRegistry, NotesWriterKeepsItInStepWithTheTables) {
    test::TempDir tmp;
    const fs::path index = tmp.path() / "notes";
    {
        NotesWriter writer(index, WriterOptions{});
        writer.set_roots({"/n/one", "/n/two"});
        writer.commit();
    }
    EXPECT_EQ(read_notes_registry(index), (std::vector<std::string>{"/n/one", "/n/two"}));
    {
        NotesWriter writer(index, WriterOptions{});
        writer.set_roots({"/n/two"});
        writer.commit();
    }
    EXPECT_EQ(read_notes_registry(index), (std::vector<std::string>{"/n/two"}));
}

}  // namespace
}  // namespace tpm
