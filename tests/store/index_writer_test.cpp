// The store on a real glass database in a fresh temporary folder: what a writer puts in is what
// a reader finds, re-indexing replaces, uncommitted work is discarded, and another schema is
// refused or rebuilt as asked.
#include "store/index_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "model/error.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/stored_records.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

Document question(const std::string& id, const std::string& title, const std::string& point) {
    Document d;
    d.id = id;
    d.title = title;
    d.source = "corpus/test.txt";
    d.line = 10;
    d.order = 1;
    d.answer = "An introduction.";
    d.points = {Point{"Canary Releases", point, {"first item", "second item"}, 12}};
    d.example = "In a past project we did it.";
    d.why = "It matters.";
    return d;
}

std::size_t count_term(const Xapian::Database& db, const std::string& term) {
    return db.get_termfreq(term);
}

TEST(IndexWriter, CommittedDocumentsRoundTrip) {
    test::TempDir dir;
    const Document doc = question("Q1", "How do you roll out changes?", "I use canary releases.");
    {
        IndexWriter w(dir.path(), {});
        w.put(doc);
        w.commit();
        EXPECT_EQ(w.stats().added, 1u);
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(index_schema_version(db), schema::kSchemaVersion);
    Xapian::PostingIterator p = db.postlist_begin(schema::id_term("Q1"));
    ASSERT_NE(p, db.postlist_end(schema::id_term("Q1")));
    EXPECT_EQ(decode_document_data(db.get_document(*p).get_data()), doc);
    // Stemmed and field terms exist, with positions for phrases.
    EXPECT_EQ(count_term(db, "Zcanari"), 1u);
    EXPECT_EQ(count_term(db, "ZScanari"), 0u);  // "canary" is not in the question
    EXPECT_EQ(count_term(db, "ZSroll"), 1u);
    EXPECT_EQ(count_term(db, "XPcanary"), 1u);
    EXPECT_EQ(count_term(db, "XKINDquestion"), 1u);
    EXPECT_TRUE(db.has_positions());
}

// Stored records are length-prefixed: every field, odd bytes included, comes back, and a
// damaged record is an index_corrupt error naming what it was, never a crash or a wrong read.
TEST(StoredData, DocumentsAndTaxonomyRoundTripAndDamageIsReported) {
    static constexpr char kOddTitle[] = "Title with \0 and \xff";
    Document doc = question("n0123456789ab/3", std::string(kOddTitle, sizeof kOddTitle - 1),
                            std::string(300, 'x'));
    doc.origin = Origin::notes;
    doc.kind = DocKind::story;
    doc.topics = {"security", "risk-management"};
    doc.tags = {"#star"};
    const std::string data = encode_document_data(doc);
    EXPECT_EQ(decode_document_data(data), doc);
    const std::vector<Topic> topics = {
        {"security", "Security", "Keeping data safe", {"sec"}, {}, 0}};
    EXPECT_EQ(decode_taxonomy(encode_taxonomy(topics)), topics);
    for (const std::string& damaged : {data.substr(0, data.size() / 2), data + "x",
                                       std::string("\xff\xff\xff"), std::string()}) {
        try {
            decode_document_data(damaged);
            ADD_FAILURE() << "decoded " << damaged.size() << " damaged bytes";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::index_corrupt);
            EXPECT_NE(std::string(e.what()).find("a stored document"), std::string::npos);
        }
    }
}

TEST(IndexWriter, ReindexingReplacesInsteadOfDuplicating) {
    test::TempDir dir;
    {
        IndexWriter w(dir.path(), {});
        w.put(question("Q1", "Old title", "old text"));
        w.commit();
    }
    {
        IndexWriter w(dir.path(), {});
        w.put(question("Q1", "New title", "new text"));
        w.put(question("Q2", "Other", "other"));
        w.commit();
        EXPECT_EQ(w.stats().changed, 1u);
        EXPECT_EQ(w.stats().added, 1u);
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(count_term(db, "old"), 0u);
    EXPECT_EQ(count_term(db, "new"), 1u);
}

TEST(IndexWriter, IdenticalDocumentsAreLeftAlone) {
    test::TempDir dir;
    const Document doc = question("Q1", "Same", "same");
    for (int round = 0; round < 2; ++round) {
        IndexWriter w(dir.path(), {});
        w.put(doc);
        w.commit();
        EXPECT_EQ(w.stats().unchanged, round == 0 ? 0u : 1u);
    }
}

TEST(IndexWriter, RemoveAllExceptDeletesVanishedDocuments) {
    test::TempDir dir;
    {
        IndexWriter w(dir.path(), {});
        for (const char* id : {"Q1", "Q2", "tips/1"}) w.put(question(id, "T", "p"));
        w.commit();
    }
    {
        IndexWriter w(dir.path(), {});
        w.remove_all_except({"Q2"});
        w.commit();
        EXPECT_EQ(w.stats().removed, 2u);
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(count_term(db, schema::id_term("Q2")), 1u);
}

TEST(IndexWriter, UncommittedChangesAreDiscarded) {
    test::TempDir dir;
    {
        IndexWriter w(dir.path(), {});
        w.put(question("Q1", "Kept", "kept"));
        w.commit();
    }
    {
        IndexWriter w(dir.path(), {});
        w.put(question("Q2", "Lost", "lost"));
        w.remove_all_except({});
        // no commit: the writer goes away as after an error
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(count_term(db, schema::id_term("Q1")), 1u);
}

TEST(IndexWriter, AnotherSchemaIsRefusedOrRebuilt) {
    test::TempDir dir;
    {
        Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document d;
        d.add_term("Qold");
        db.add_document(d);
        db.set_metadata(schema::kSchemaVersionKey, "999");
        db.commit();
    }
    try {
        open_index(dir.path());
        FAIL() << "opened an index of schema 999";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::schema_mismatch);
        EXPECT_NE(std::string(e.what()).find("schema 999"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("tpmindex --rebuild --index"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(IndexWriter(dir.path(), {}), Error);
    {
        IndexWriter w(dir.path(), WriterOptions{.rebuild_on_schema_mismatch = true});
        w.put(question("Q1", "Fresh", "fresh"));
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(count_term(db, "Qold"), 0u);
}

TEST(IndexWriter, SourcesAreRecordedAndReplaced) {
    test::TempDir dir;
    const SourceInfo a{"corpus/a.txt", "Title A", "May 1, 2024", "About A", {"tpm"}};
    const SourceInfo b{"corpus/b.txt", "Title B", "", "", {}};
    {
        IndexWriter w(dir.path(), {});
        w.set_sources({a, b});
        w.commit();
    }
    {
        IndexWriter w(dir.path(), {});
        w.set_sources({b});
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_metadata(std::string(schema::kSourceKeyPrefix) + "corpus/a.txt"), "");
    EXPECT_EQ(decode_source_info(
                  db.get_metadata(std::string(schema::kSourceKeyPrefix) + "corpus/b.txt")),
              b);
}

TEST(IndexWriter, MissingIndexIsReportedWithTheFix) {
    test::TempDir dir;
    try {
        open_index(dir / "nothing-here");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_missing);
        EXPECT_NE(std::string(e.what()).find("nothing-here"), std::string::npos);
    }
}

TEST(IndexWriter, ASecondWriterThatWillNotWaitIsToldTheIndexIsLocked) {
    test::TempDir dir;
    IndexWriter first(dir.path(), {});
    try {
        IndexWriter second(dir.path(), WriterOptions{.wait_for_lock = false});
        FAIL() << "two writers at once";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_locked);
    }
}

}  // namespace
}  // namespace tpm
