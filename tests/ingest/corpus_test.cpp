#include "ingest/corpus.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "model/error.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

const std::string kQuestion = "Question 1: Why?\n\nAnswer: Because.\n";

std::vector<std::string> names(const std::vector<fs::path>& paths) {
    std::vector<std::string> out;
    for (const fs::path& p : paths) out.push_back(p.filename().string());
    return out;
}

std::vector<std::string> messages(const IngestResult& r) {
    std::vector<std::string> out;
    for (const Diagnostic& d : r.diagnostics) out.push_back(format_diagnostic(d));
    return out;
}

TEST(Corpus, ListsTextAndMarkdownFilesSortedWithoutReadme) {
    test::TempDir dir;
    for (const char* name :
         {"b.md", "a.txt", "C.MD", "README.md", "README", "readme.txt", "notes.pdf", "sub/d.md"}) {
        test::write_file(dir / name, kQuestion);
    }
    fs::create_directory(dir / "folder.md");
    EXPECT_EQ(names(corpus_files(dir.path())), (std::vector<std::string>{"C.MD", "a.txt", "b.md"}));
}

TEST(Corpus, MissingFolderThrowsIoError) {
    test::TempDir dir;
    const fs::path missing = dir / "nope";
    for (int which = 0; which < 3; ++which) {
        SCOPED_TRACE(which);
        try {
            if (which == 0) corpus_files(missing);
            if (which == 1) ingest_corpus(missing, "corpus");
            if (which == 2) corpus_fingerprint(missing);
            FAIL() << "no exception";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::io);
            EXPECT_EQ(std::string(e.what()).rfind(
                          "cannot list corpus folder " + missing.string() + ": ", 0),
                      0u);
        }
    }
}

TEST(Corpus, IngestNamesSourcesAfterTheDisplayFolder) {
    test::TempDir dir;
    test::write_file(dir / "b.md", "---\ntitle: B\n---\nQuestion 2: Two?\n\nAnswer: Two.\n");
    test::write_file(dir / "a.txt", kQuestion);
    const IngestResult r = ingest_corpus(dir.path(), "corpus");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[0].id, "Q1");
    EXPECT_EQ(r.docs[0].source, "corpus/a.txt");
    EXPECT_EQ(r.docs[1].id, "Q2");
    EXPECT_EQ(r.docs[1].source, "corpus/b.md");
    ASSERT_EQ(r.sources.size(), 2u);
    EXPECT_EQ(r.sources[1], (SourceInfo{"corpus/b.md", "B", "", "", {}}));
}

TEST(Corpus, BadFilesBecomeDiagnostics) {
    test::TempDir dir;
    test::write_file(dir / "a.md", kQuestion);
    test::write_file(dir / "b.md",
                     "Question 1: Again?\n\nAnswer: Taken.\n\nQuestion 2: New?\n\n"
                     "Answer: Kept.\n");
    test::write_file(dir / "c.md", "caf\xe9 latin-1\n");
    test::write_file(dir / "d.md", "");
    test::write_file(dir / "e.md", "\n\n---\n\n");
    const IngestResult r = ingest_corpus(dir.path(), "c");
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[0].answer, "Because.");
    EXPECT_EQ(r.docs[1].id, "Q2");
    EXPECT_EQ(messages(r), (std::vector<std::string>{
                               "c/b.md:1: id Q1 already used by c/a.md; skipped",
                               "c/c.md: not valid UTF-8; skipped",
                               "c/d.md: no questions or tips found",
                               "c/e.md: no questions or tips found",
                           }));
}

TEST(Corpus, ReadsCrlfAndByteOrderMark) {
    test::TempDir dir;
    test::write_file(dir / "w.txt", "\xEF\xBB\xBFQuestion 3: Crlf?\r\n\r\nAnswer: Fine.\r\n");
    const IngestResult r = ingest_corpus(dir.path(), "corpus");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].id, "Q3");
    EXPECT_EQ(r.docs[0].title, "Crlf?");
    EXPECT_EQ(r.docs[0].answer, "Fine.");
}

TEST(Corpus, FingerprintChangesWithTheDocuments) {
    test::TempDir dir;
    test::write_file(dir / "a.md", kQuestion);
    const std::string base = corpus_fingerprint(dir.path());
    EXPECT_EQ(base.rfind("a.md\t" + std::to_string(kQuestion.size()) + "\t", 0), 0u);
    EXPECT_EQ(corpus_fingerprint(dir.path()), base);

    // Folders do not count; only the files directly in the corpus folder do.
    fs::create_directory(dir / "sub");
    test::write_file(dir / "sub" / "deep.md", kQuestion);
    EXPECT_EQ(corpus_fingerprint(dir.path()), base);

    test::write_file(dir / "b.md", kQuestion);
    const std::string added = corpus_fingerprint(dir.path());
    EXPECT_NE(added, base);

    // Same size, only the modification time moves.
    fs::last_write_time(dir / "b.md", fs::last_write_time(dir / "b.md") - std::chrono::hours(1));
    const std::string touched = corpus_fingerprint(dir.path());
    EXPECT_NE(touched, added);

    test::write_file(dir / "b.md", kQuestion + "\nmore");
    EXPECT_NE(corpus_fingerprint(dir.path()), touched);

    fs::remove(dir / "b.md");
    EXPECT_EQ(corpus_fingerprint(dir.path()), base);
}

TEST(Corpus, FingerprintCoversTheTaxonomyAndOtherFiles) {
    test::TempDir dir;
    test::write_file(dir / "a.md", kQuestion);
    const std::string base = corpus_fingerprint(dir.path());

    // The taxonomy decides the stored topics, so adding or editing it makes an index stale.
    test::write_file(dir / kTaxonomyFileName, "topics: []\n");
    const std::string with_taxonomy = corpus_fingerprint(dir.path());
    EXPECT_NE(with_taxonomy, base);
    EXPECT_NE(with_taxonomy.find(std::string(kTaxonomyFileName) + "\t11\t"), std::string::npos);
    test::write_file(dir / kTaxonomyFileName, "topics: [ ]\n");
    EXPECT_NE(corpus_fingerprint(dir.path()), with_taxonomy);

    // Any other shipped file counts too, README included, though none is a document.
    const std::string before_readme = corpus_fingerprint(dir.path());
    test::write_file(dir / "README.md", "notes");
    EXPECT_NE(corpus_fingerprint(dir.path()), before_readme);
    EXPECT_EQ(names(corpus_files(dir.path())), (std::vector<std::string>{"a.md"}));
}

const char* const kSmallTaxonomy =
    "topics:\n"
    "  - id: reliability\n"
    "    name: Reliability\n"
    "    signals: [failover]\n";

TEST(Corpus, ReadTaxonomyParsesTheFile) {
    test::TempDir dir;
    test::write_file(dir / kTaxonomyFileName, kSmallTaxonomy);
    std::vector<Diagnostic> diagnostics;
    const Taxonomy t = read_taxonomy(dir / kTaxonomyFileName, "corpus/topics.yaml", diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(t.topics().size(), 1u);
    EXPECT_EQ(t.topics()[0].id, "reliability");
    EXPECT_EQ(t.topics()[0].line, 2);
}

TEST(Corpus, ReadTaxonomyReportsProblemsUnderTheDisplayName) {
    test::TempDir dir;
    test::write_file(dir / kTaxonomyFileName, std::string(kSmallTaxonomy) + "    colour: red\n");
    std::vector<Diagnostic> diagnostics;
    const Taxonomy t = read_taxonomy(dir / kTaxonomyFileName, "corpus/topics.yaml", diagnostics);
    EXPECT_TRUE(t.empty());
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].path, "corpus/topics.yaml");
    EXPECT_EQ(diagnostics[0].line, 5);

    test::write_file(dir / "latin1.yaml", "topics: caf\xe9\n");
    diagnostics.clear();
    EXPECT_TRUE(read_taxonomy(dir / "latin1.yaml", "l.yaml", diagnostics).empty());
    EXPECT_EQ(diagnostics,
              (std::vector<Diagnostic>{{"l.yaml", 0, "not valid UTF-8; no topics read"}}));
}

TEST(Corpus, MissingTaxonomyIsEmptyWithoutDiagnostic) {
    test::TempDir dir;
    std::vector<Diagnostic> diagnostics;
    const Taxonomy t = read_taxonomy(dir / kTaxonomyFileName, "corpus/topics.yaml", diagnostics);
    EXPECT_TRUE(t.empty());
    EXPECT_TRUE(diagnostics.empty());
}

TEST(Corpus, UnreadableTaxonomyThrowsIoError) {
    test::TempDir dir;
    // A folder where the file should be exists but cannot be read, even by root.
    fs::create_directory(dir / kTaxonomyFileName);
    std::vector<Diagnostic> diagnostics;
    try {
        read_taxonomy(dir / kTaxonomyFileName, "corpus/topics.yaml", diagnostics);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find("cannot read topic taxonomy"), std::string::npos);
    }
    EXPECT_TRUE(diagnostics.empty());
}

}  // namespace
}  // namespace tpm
