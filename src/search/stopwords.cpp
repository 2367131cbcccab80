#include "search/stopwords.h"

#include <functional>
#include <set>
#include <string>

#include "store/schema.h"

namespace tpm {

namespace {

// Snowball's short English stop word list (snowballstem.org, english/stop.txt), which Xapian's
// Omega also ships; no Debian package installs it for C++ use. Words that carry meaning in
// program management ("against", "over", "under", "off", "down", "up", "out", "few", "more",
// "most", "same", "not", "no", "only", "very") are left out on purpose; the verbs interview
// questions open with ("tell me about", "describe", "explain") are added.
constexpr const char* kWords[] = {
    "a",          "about",   "above",   "after",     "again",    "all",        "am",      "an",
    "and",        "any",     "are",     "as",        "at",       "be",         "because", "been",
    "before",     "being",   "below",   "between",   "both",     "but",        "by",      "can",
    "could",      "did",     "do",      "does",      "doing",    "during",     "each",    "for",
    "from",       "further", "had",     "has",       "have",     "having",     "he",      "her",
    "here",       "hers",    "herself", "him",       "himself",  "his",        "how",     "i",
    "if",         "in",      "into",    "is",        "it",       "its",        "itself",  "me",
    "my",         "myself",  "nor",     "of",        "on",       "once",       "or",      "other",
    "ought",      "our",     "ours",    "ourselves", "own",      "she",        "should",  "so",
    "some",       "such",    "than",    "that",      "the",      "their",      "theirs",  "them",
    "themselves", "then",    "there",   "these",     "they",     "this",       "those",   "through",
    "to",         "too",     "until",   "was",       "we",       "were",       "what",    "when",
    "where",      "which",   "while",   "who",       "whom",     "why",        "will",    "with",
    "would",      "you",     "your",    "yours",     "yourself", "yourselves", "i'm",     "you're",
    "it's",       "don't",   "doesn't", "what's",    "tell",     "describe",   "explain",
};

}  // namespace

const Xapian::Stopper& english_stopper() {
    // Built once, never destroyed: parsers hold a pointer to it for the program's life.
    static const Xapian::SimpleStopper* stopper =
        new Xapian::SimpleStopper(std::begin(kWords), std::end(kWords));
    return *stopper;
}

bool is_stop_stem(std::string_view stem) {
    static const std::set<std::string, std::less<>> stems = [] {
        const Xapian::Stem stemmer(schema::kStemLanguage);
        std::set<std::string, std::less<>> out;
        for (const char* word : kWords) out.insert(stemmer(word));
        return out;
    }();
    return stems.count(stem) > 0;
}

}  // namespace tpm
