// The notes index on a real glass database in a fresh temporary folder: a file's sections are
// replaced and removed together with its record, the registered folders and file records read
// back, a failed or unfinished file leaves the previous state, and long paths still work.
#include "store/notes_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "model/error.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "store/writable.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

Document section(const std::string& path, int n, const std::string& title) {
    Document d;
    d.id = stored_note_id(path + "#" + std::to_string(n));
    d.kind = DocKind::note;
    d.origin = Origin::notes;
    d.title = title;
    d.source = path;
    d.line = n * 10;
    d.order = n;
    d.answer = "Notes about " + title + ".";
    return d;
}

FileState state_of(const std::string& path, std::uintmax_t size, const std::string& hash) {
    return FileState{path, "/notes", size, 1000 + static_cast<std::int64_t>(size), hash, 0};
}

std::vector<std::string> ids_of_source(const Xapian::Database& db, const std::string& path) {
    std::vector<std::string> ids;
    const std::string term = schema::source_term(path);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        ids.push_back(decode_document_data(db.get_document(*p).get_data()).id);
    }
    return ids;
}

// Notes keep positions for the plain words and the question field only (the bulk of a large
// index): phrases match in both, the answer field and stems are found without positions.
// A note keeps one copy of its body (store/writable.cpp): plain words with positions and
// their stems, no answer-field copy; its heading is also in the question field, with positions.
TEST(NotesWriter, NotesKeepOneCopyOfTheBodyAndPositionsForPlainWordsAndTheQuestion) {
    test::TempDir dir;
    const std::string a = "/notes/acme.md";
    Document doc = section(a, 1, "Feature flags");
    doc.answer = "We used feature flags for every canary rollout.";
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(a, 10, "h1"), {doc}, nullptr);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    const Xapian::docid id = *db.postlist_begin(schema::id_term(doc.id));
    EXPECT_NE(db.positionlist_begin(id, "canary"), db.positionlist_end(id, "canary"));
    EXPECT_NE(db.positionlist_begin(id, "Sflags"), db.positionlist_end(id, "Sflags"));
    EXPECT_EQ(db.positionlist_begin(id, "XAcanary"), db.positionlist_end(id, "XAcanary"));
    EXPECT_EQ(db.positionlist_begin(id, "Zcanari"), db.positionlist_end(id, "Zcanari"));
    EXPECT_EQ(db.get_termfreq("XAcanary"), 0u);
    EXPECT_EQ(db.get_termfreq("ZXAcanari"), 0u);
    EXPECT_EQ(db.get_termfreq("Zcanari"), 1u);
    EXPECT_EQ(db.get_termfreq("ZSflag"), 1u);
    auto matches = [&](const Xapian::Query& q) {
        Xapian::Enquire e(db);
        e.set_query(q);
        return e.get_mset(0, 10).size();
    };
    const std::vector<std::string> plain = {"canary", "rollout"};
    const std::vector<std::string> title = {"Sfeature", "Sflags"};
    EXPECT_EQ(matches(Xapian::Query(Xapian::Query::OP_PHRASE, plain.begin(), plain.end())), 1u);
    EXPECT_EQ(matches(Xapian::Query(Xapian::Query::OP_PHRASE, title.begin(), title.end())), 1u);
}

// BM25 compares lengths (the sum of a document's wdf), so a note must be exactly as long as a
// shipped question of the same text, though it keeps fewer copies of it.
// Spelling data keeps the words a query may be corrected to (folded: "résumé" is "resume") and
// leaves out what never is: words with digits and CJK n-grams (store/writable.cpp).
TEST(NotesWriter, SpellingDataHasWordsButNotNumbersOrCjkNgrams) {
    test::TempDir dir;
    const std::string a = "/notes/k8s.md";
    Document doc = section(a, 1, "Kubernetes rollout");
    doc.answer =
        "Deploy k8s with a résumé of 3 steps: \u6570\u636E\u5E93 \uD504\uB85C\uADF8\uB7A8 done.";
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(a, 10, "h1"), {doc}, nullptr);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    std::vector<std::string> words;
    for (auto t = db.spellings_begin(); t != db.spellings_end(); ++t) words.push_back(*t);
    for (const char* kept : {"kubernetes", "rollout", "deploy", "resume", "steps", "done"}) {
        EXPECT_NE(std::find(words.begin(), words.end(), kept), words.end()) << kept;
    }
    for (const std::string& w : words) {
        EXPECT_EQ(w.find_first_of("0123456789"), std::string::npos) << w;
        EXPECT_LT(static_cast<unsigned char>(w.front()), 0xE3) << w;
    }
    // The index itself still has them all.
    EXPECT_GT(db.get_termfreq("k8s"), 0U);
    EXPECT_GT(db.get_termfreq("\u6570\u636E"), 0U);
}

TEST(NotesWriter, ANoteIsAsLongAsAShippedQuestionOfTheSameText) {
    auto length = [](const Xapian::Document& d) {
        Xapian::termcount sum = 0;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) sum += t.get_wdf();
        return sum;
    };
    const std::string texts[] = {
        "We used feature flags for every canary rollout.",
        "Don't ship on Fridays: 3.5% of 1,000 deploys (v2) failed, e-mail on-call@example.com.",
        "R\u00E9sum\u00E9 na\u00EFve caf\u00E9, \u0928\u092E\u0938\u094D\u0924\u0947 "
        "\u0645\u0631\u062D\u0628\u0627 THE END",
        "\u9762\u63A5\u306E\u8CEA\u554F and \u7B54\u3048",
    };
    Xapian::TermGenerator tg = detail::make_term_generator(caching_stemmer());
    for (const std::string& text : texts) {
        SCOPED_TRACE(text);
        Document shipped = section("/notes/a.md", 1, "Rollouts and " + text);
        shipped.answer = text + " " + text;
        Document note = shipped;
        note.origin = Origin::notes;
        shipped.origin = Origin::corpus;
        const Xapian::Document a = detail::make_document(shipped, tg);
        const Xapian::Document b = detail::make_document(note, tg);
        EXPECT_EQ(length(b), length(a));
        EXPECT_LT(b.termlist_count(), a.termlist_count());
    }
}

TEST(NotesWriter, ReplacesAndRemovesAFileWithItsRecord) {
    test::TempDir dir;
    const std::string a = "/notes/acme.md";
    const std::string b = "/notes/globex.md";
    {
        NotesWriter w(dir.path(), {});
        w.set_roots({"/notes"});
        w.replace_file(state_of(a, 10, "h1"), {section(a, 1, "Acme"), section(a, 2, "Caching")},
                       nullptr);
        w.replace_file(state_of(b, 20, "h2"), {section(b, 1, "Globex")}, nullptr);
        w.commit();
    }
    {
        const Xapian::Database db = open_index(dir.path());
        EXPECT_EQ(db.get_doccount(), 3u);
        EXPECT_EQ(notes_roots(db), std::vector<std::string>{"/notes"});
        const auto files = notes_files(db);
        ASSERT_EQ(files.size(), 2u);
        EXPECT_EQ(files.at(a).documents, 2u);
        EXPECT_EQ(files.at(a).hash, "h1");
        EXPECT_EQ(db.get_termfreq(std::string(schema::kPrefixOrigin) + "notes"), 3u);
    }
    {
        // A changed file with fewer sections loses the vanished one.
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(a, 11, "h3"), {section(a, 1, "Acme onsite")}, nullptr);
        w.remove_file(b);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(ids_of_source(db, a), std::vector<std::string>{stored_note_id(a + "#1")});
    EXPECT_TRUE(ids_of_source(db, b).empty());
    const auto files = notes_files(db);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files.at(a), (FileState{a, "/notes", 11, 1011, "h3", 1}));
}

TEST(NotesWriter, UpdatingAStateKeepsTheSections) {
    test::TempDir dir;
    const std::string a = "/notes/a.md";
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(a, 10, "h1"), {section(a, 1, "A")}, nullptr);
        FileState touched = state_of(a, 10, "h1");
        touched.mtime_ns = 99;
        touched.documents = 1;
        w.update_state(touched);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(notes_files(db).at(a).mtime_ns, 99);
}

TEST(NotesWriter, FinishedFilesAreKeptWhenTheWriterEndsWithoutCommit) {
    test::TempDir dir;
    const std::string a = "/notes/a.md";
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(a, 10, "h1"), {section(a, 1, "A")}, nullptr);
        // No commit: the destructor makes the finished file durable.
    }
    EXPECT_EQ(open_index(dir.path()).get_doccount(), 1u);
}

TEST(NotesWriter, AnotherWriterIsRefusedWhileOneIsOpen) {
    test::TempDir dir;
    NotesWriter first(dir.path(), {});
    try {
        NotesWriter second(dir.path(), WriterOptions{.wait_for_lock = false});
        FAIL() << "a second writer opened";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_locked);
    }
}

TEST(NotesWriter, LongPathsAreHashedInTermsAndKeys) {
    test::TempDir dir;
    const std::string deep = "/notes/" + std::string(300, 'x') + "/file.md";
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(deep, 5, "h"), {section(deep, 1, "Deep")}, nullptr);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_LE(schema::source_term(deep).size(), 245u);
    EXPECT_EQ(ids_of_source(db, deep).size(), 1u);
    EXPECT_EQ(notes_files(db).at(deep).path, deep);
    {
        NotesWriter w(dir.path(), {});
        w.remove_file(deep);
        w.commit();
    }
    EXPECT_EQ(open_index(dir.path()).get_doccount(), 0u);
}

// A note with front matter at a path of 237 bytes or more once made every later tpmindex fail
// with Xapian's "Key too long": its source record was keyed by the raw path.
TEST(NotesWriter, FrontMatterOfALongPathIsRecordedAndRemoved) {
    test::TempDir dir;
    const std::string deep =
        "/notes/" + std::string(150, 'd') + "/" + std::string(150, 'f') + ".md";
    const SourceInfo info{deep, "Deep note", "2024-01-02", "", {"caching"}};
    {
        NotesWriter w(dir.path(), {});
        w.replace_file(state_of(deep, 5, "h"), {section(deep, 1, "Deep")}, &info);
        w.commit();
    }
    {
        const Xapian::Database db = open_index(dir.path());
        EXPECT_EQ(decode_source_info(db.get_metadata(schema::source_key(deep))).title, "Deep note");
        EXPECT_EQ(ids_of_source(db, deep).size(), 1u);
    }
    {
        NotesWriter w(dir.path(), {});
        w.remove_file(deep);
        w.commit();
    }
    const Xapian::Database db = open_index(dir.path());
    EXPECT_EQ(db.get_metadata(schema::source_key(deep)), "");
    EXPECT_EQ(db.get_doccount(), 0u);
}

// source_key() keeps the key of every path an index could already hold (the raw path, up to
// the longest key Xapian accepts), and every key it makes is one Xapian accepts.
TEST(SchemaSourceKey, KeepsOldKeysAndEveryKeyFitsXapian) {
    test::TempDir dir;
    Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_CREATE_OR_OPEN);
    std::set<std::string> keys;
    std::size_t longest_raw = 0;
    for (std::size_t n = 1; n <= 600; ++n) {
        SCOPED_TRACE(n);
        const std::string path = "/" + std::string(n - 1, 'p');
        const std::string key = schema::source_key(path);
        const std::string raw = std::string(schema::kSourceKeyPrefix) + path;
        if (key == raw) longest_raw = n;
        keys.insert(key);
        ASSERT_NO_THROW(db.set_metadata(key, "x"));
        // A raw key Xapian accepts is what an older tpmindex wrote: it must be the same key.
        bool raw_accepted = true;
        try {
            db.set_metadata(raw, "x");
        } catch (const Xapian::InvalidArgumentError&) {
            raw_accepted = false;
        }
        EXPECT_EQ(key == raw, raw_accepted);
    }
    EXPECT_EQ(longest_raw, 236u);  // the 237-byte path of the report is the first hashed
    EXPECT_EQ(keys.size(), 600u);
}

TEST(NotesWriter, IdsAndHashesAreStable) {
    // A note's id starts with its path relative to its registered folder; later folders add
    // their name, numbered when an earlier folder has the same name.
    // Registered folders are absolute; `h` and `x` stand for two parent folders.
    const std::string h = "/home-a", x = "/home-b";
    const std::vector<std::string> roots = {h + "/prep", h + "/job", x + "/prep", h + "/todo.md"};
    EXPECT_EQ(note_id_base(roots, h + "/prep", h + "/prep/stories/a.md"), "stories/a.md");
    EXPECT_EQ(note_id_base(roots, h + "/job", h + "/job/stories/a.md"), "job:stories/a.md");
    EXPECT_EQ(note_id_base(roots, x + "/prep", x + "/prep/stories/a.md"), "prep-2:stories/a.md");
    EXPECT_EQ(note_id_base(roots, h + "/todo.md", h + "/todo.md"), "todo.md:todo.md");
    EXPECT_EQ(note_id_base({h + "/todo.md"}, h + "/todo.md", h + "/todo.md"), "todo.md");
    EXPECT_EQ(stored_note_id("a.md#x"), "a.md#x");
    const std::string long_id(300, 'a');
    EXPECT_EQ(stored_note_id(long_id), stored_note_id(long_id));
    EXPECT_EQ(stored_note_id(long_id).size(), 17u);
    EXPECT_EQ(content_hash("abc"), content_hash("abc"));
    EXPECT_NE(content_hash("abc"), content_hash("abd"));
}

}  // namespace
}  // namespace tpm
