// Opening what a search reads, on real folders: the shipped index built on first use and then
// reused, a stale one rebuilt, a user-named index searched alone, and what the user is told.
#include "index/search_index.h"

#include <gtest/gtest.h>

#include <vector>

#include "model/error.h"
#include "search/searcher.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "support/corpus_and_notes.h"

namespace tpm {
namespace {

class SearchIndexTest : public ::testing::Test, protected test::CorpusAndNotes {};

constexpr const char* kBuilding =
    "building the index in index/ from corpus/ (once, after each change to corpus/ or to "
    "tpmsearch)";

TEST_F(SearchIndexTest, BuildsTheShippedIndexOnFirstUseThenReusesIt) {
    const Xapian::doccount documents = open().get_doccount();
    EXPECT_GT(documents, 0u);
    ASSERT_EQ(told_.size(), 1u);
    EXPECT_EQ(told_[0].kind, SearchIndexNotice::Kind::progress);
    EXPECT_EQ(told_[0].text, kBuilding);
    told_.clear();
    EXPECT_EQ(open().get_doccount(), documents);
    EXPECT_TRUE(told_.empty());
}

TEST_F(SearchIndexTest, AChangedCorpusIsIndexedAgainBeforeTheSearch) {
    const std::string term = schema::stem_term(index_stemmer()("zorbulate"));
    EXPECT_EQ(open().get_termfreq(term), 0u);
    told_.clear();
    const auto sample = root_.path() / "corpus" / "sample.txt";
    std::string text = test::read_file(sample);
    const std::size_t at = text.find("nobody noticed.");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "zorbulate ");
    test::write_file(sample, text);
    EXPECT_EQ(open().get_termfreq(term), 1u);
    ASSERT_EQ(told_.size(), 1u);
    EXPECT_EQ(told_[0].text, kBuilding);
}

TEST_F(SearchIndexTest, ANotesIndexIsSearchedWithTheCorpusButANamedIndexAlone) {
    const Xapian::doccount corpus = open().get_doccount();
    write_note("prep.md", "# Canary notes\n\nShip to 1% first.\n");
    index_notes();
    EXPECT_EQ(open().get_doccount(), corpus + 1);
    where_.named = root_.path() / "index";
    EXPECT_EQ(open().get_doccount(), corpus);
}

TEST_F(SearchIndexTest, AMissingNotesIndexWithRegisteredFoldersIsAWarning) {
    open();
    told_.clear();
    write_note("prep.md", "# Canary notes\n\nShip to 1% first.\n");
    index_notes();
    for (const auto& entry : std::filesystem::directory_iterator(*where_.notes_index)) {
        const auto name = entry.path().filename();
        if (name == "iamglass" || name.extension() == ".glass") {
            std::filesystem::remove(entry.path());
        }
    }
    open();
    ASSERT_EQ(told_.size(), 1u);
    EXPECT_EQ(told_[0].kind, SearchIndexNotice::Kind::warning);
    EXPECT_NE(told_[0].text.find("your notes index in"), std::string::npos) << told_[0].text;
    EXPECT_NE(told_[0].text.find("is missing (1 folder registered)"), std::string::npos);
}

TEST_F(SearchIndexTest, NothingToSearchIsAnError) {
    where_.data_root.reset();
    try {
        open();
        FAIL() << "opened without a data root";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::index_missing);
    }
}

}  // namespace
}  // namespace tpm
