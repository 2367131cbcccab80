#include "search/stopwords.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "store/schema.h"
#include "store/stemmer.h"
#include "text/words.h"

namespace tpm {

namespace {

// Snowball's short English stop word list (snowballstem.org, english/stop.txt), which Xapian's
// Omega also ships; no Debian package installs it for C++ use. Words that carry meaning in
// program management ("against", "over", "under", "off", "down", "up", "out", "few", "more",
// "most", "same", "not", "no", "only", "very") are left out on purpose; the verbs interview
// questions open with ("tell me about", "describe", "explain") are added.
// Sorted (checked at compile time), so that a look-up is a binary search and nothing is built
// at start-up.
constexpr std::string_view kWords[] = {
    "a",       "about",     "above",   "after",   "again",  "all",      "am",         "an",
    "and",     "any",       "are",     "as",      "at",     "be",       "because",    "been",
    "before",  "being",     "below",   "between", "both",   "but",      "by",         "can",
    "could",   "describe",  "did",     "do",      "does",   "doesn't",  "doing",      "don't",
    "during",  "each",      "explain", "for",     "from",   "further",  "had",        "has",
    "have",    "having",    "he",      "her",     "here",   "hers",     "herself",    "him",
    "himself", "his",       "how",     "i",       "i'm",    "if",       "in",         "into",
    "is",      "it",        "it's",    "its",     "itself", "me",       "my",         "myself",
    "nor",     "of",        "on",      "once",    "or",     "other",    "ought",      "our",
    "ours",    "ourselves", "own",     "she",     "should", "so",       "some",       "such",
    "tell",    "than",      "that",    "the",     "their",  "theirs",   "them",       "themselves",
    "then",    "there",     "these",   "they",    "this",   "those",    "through",    "to",
    "too",     "until",     "was",     "we",      "were",   "what",     "what's",     "when",
    "where",   "which",     "while",   "who",     "whom",   "why",      "will",       "with",
    "would",   "you",       "you're",  "your",    "yours",  "yourself", "yourselves",
};
static_assert(std::is_sorted(std::begin(kWords), std::end(kWords)));

// Xapian::SimpleStopper would copy the list into a std::set at every start (94,000
// instructions, more than a quarter of parsing the query).
class ListStopper : public Xapian::Stopper {
  public:
    bool operator()(const std::string& term) const override { return is_stop_word(term); }
    std::string get_description() const override { return "tpm::ListStopper()"; }
};

}  // namespace

bool is_stop_word(std::string_view word) {
    return std::binary_search(std::begin(kWords), std::end(kWords), word);
}

const Xapian::Stopper& english_stopper() {
    // Built once, never destroyed: parsers hold a pointer to it for the program's life.
    static const ListStopper* stopper = new ListStopper();
    return *stopper;
}

bool is_stop_stem(std::string_view stem) {
    static const std::set<std::string, std::less<>> stems = [] {
        const Xapian::Stem stemmer = index_stemmer();
        std::set<std::string, std::less<>> out;
        for (const std::string_view word : kWords) out.insert(stemmer(std::string(word)));
        return out;
    }();
    return stems.count(stem) > 0;
}

std::size_t meaningful_words(std::string_view folded) {
    std::size_t count = 0;
    for (const text::WordSpan& w : text::word_spans(folded)) {
        const std::string_view word = folded.substr(w.start, w.end - w.start);
        count += !is_stop_word(word);
    }
    return count;
}

}  // namespace tpm
