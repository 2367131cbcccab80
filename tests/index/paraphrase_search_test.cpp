// The paraphrase pack at work, on a real corpus folder and index: a question is found by the
// other ways to ask for it, below a question that says the words itself, and --explain says
// where the words matched.
#include <gtest/gtest.h>

#include <string>

#include "search/searcher.h"
#include "support/corpus_and_notes.h"

namespace tpm {
namespace {

class ParaphraseSearchTest : public ::testing::Test, protected test::CorpusAndNotes {
  protected:
    void write_pack(const std::string& text) const {
        test::write_file(root() / "corpus" / "paraphrases.txt", text);
    }

    SearchResults search(const std::string& query) {
        const Searcher searcher(open());
        SearchRequest request;
        request.query = query;
        request.explain = true;
        return searcher.search(request);
    }
};

TEST_F(ParaphraseSearchTest, WordsOnlyInAParaphraseFindTheQuestion) {
    for (const Hit& hit : search("quarrelling sponsors").hits) EXPECT_NE(hit.doc.id, "Q2");
    write_pack("[Q2] stakeholders\nquarrelling sponsors\n");
    const SearchResults results = search("quarrelling sponsors");
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].doc.id, "Q2");
    bool in_paraphrase = false;
    for (const TermMatch& m : results.hits[0].matched) {
        for (const std::string& field : m.fields) in_paraphrase |= field == "paraphrase";
    }
    EXPECT_TRUE(in_paraphrase);
}

TEST_F(ParaphraseSearchTest, AQuestionThatSaysTheWordsRanksAboveAParaphrase) {
    write_pack("[Q2] stakeholders\nforecast headroom\n");
    const SearchResults results = search("forecast headroom");
    ASSERT_GE(results.hits.size(), 2u);
    EXPECT_EQ(results.hits[0].doc.id, "Q3");
    EXPECT_EQ(results.hits[1].doc.id, "Q2");
}

TEST_F(ParaphraseSearchTest, ABlockForNoQuestionIsReportedWithItsLine) {
    write_pack("[Q2] stakeholders\nforecast headroom\n\n[Q77] nothing\nlost words\n");
    open();
    bool reported = false;
    for (const SearchIndexNotice& n : told_) {
        reported |= n.text.find("paraphrases.txt:4") != std::string::npos &&
                    n.text.find("\"Q77\"") != std::string::npos;
    }
    EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace tpm
