#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/stemmer.h"

namespace tpm {
namespace {

// Every word of the shipped corpus, lower-cased, in text order (so with repeats).
std::vector<std::string> corpus_words() {
    std::ifstream in(std::string(TPM_SOURCE_DIR) + "/corpus/netflix-tpm-interview-questions.txt");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> words;
    std::string word;
    for (const char c : text.str() + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

TEST(CachingStemmer, StemsEveryWordAsThePlainStemmerDoes) {
    const std::vector<std::string> words = corpus_words();
    ASSERT_GT(std::set<std::string>(words.begin(), words.end()).size(), 1000U);
    const Xapian::Stem plain = index_stemmer();
    // A cache far smaller than the vocabulary is emptied over and over on the way.
    for (const std::size_t max_words : {std::size_t{0}, std::size_t{50}, std::size_t{200000}}) {
        SCOPED_TRACE(max_words);
        const Xapian::Stem cached = caching_stemmer(max_words);
        std::size_t differ = 0;
        for (const std::string& w : words) {
            if (cached(w) != plain(w)) ++differ;
        }
        EXPECT_EQ(differ, 0U);
    }
}

TEST(CachingStemmer, SaysWhatItStemsWith) {
    EXPECT_NE(caching_stemmer().get_description().find("english"), std::string::npos);
}

}  // namespace
}  // namespace tpm
