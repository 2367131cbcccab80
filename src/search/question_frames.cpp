#include "search/question_frames.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "search/stopwords.h"

namespace tpm {
namespace {

// Words a question can open with. Sorted (checked at compile time): binary search.
constexpr std::string_view kOpeners[] = {
    "are",    "can",   "could", "describe", "did",   "do",   "does",  "explain", "give",
    "have",   "how",   "is",    "please",   "share", "talk", "tell",  "walk",    "what",
    "what's", "whats", "when",  "where",    "which", "why",  "would",
};
static_assert(std::is_sorted(std::begin(kOpeners), std::end(kOpeners)));

// Words that say how something is asked, not what about: the nouns and verbs of interview and
// help-forum question templates ("a time when", "an example of", "walk me through", "what is
// your approach to", "is it possible to", "the best way to", "how do you deal with", "the
// difference between"). Counted as frame only inside the opening run. Sorted.
constexpr std::string_view kFramingWords[] = {
    "approach",  "best",   "deal",     "dealing",  "difference", "ever",    "example",  "give",
    "go",        "handle", "handling", "instance", "possible",   "process", "scenario", "share",
    "situation", "talk",   "think",    "time",     "walk",       "way",
};
static_assert(std::is_sorted(std::begin(kFramingWords), std::end(kFramingWords)));

// Words that join two things being compared, anywhere in a query.
constexpr std::string_view kConnectors[] = {"versus", "vs", "vs."};

bool in(std::string_view word, const auto& sorted) {
    return std::binary_search(std::begin(sorted), std::end(sorted), word);
}

std::vector<std::string_view> split_words(std::string_view words) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < words.size()) {
        const std::size_t end = std::min(words.find(' ', i), words.size());
        if (end > i) out.push_back(words.substr(i, end - i));
        i = end + 1;
    }
    return out;
}

void append(std::string& to, std::string_view word) {
    if (!to.empty()) to += ' ';
    to += word;
}

}  // namespace

FramedWords split_frame(std::string_view words) {
    const std::vector<std::string_view> tokens = split_words(words);
    std::size_t opening = 0;
    if (!tokens.empty() && in(tokens[0], kOpeners)) {
        while (opening < tokens.size() &&
               (is_stop_word(tokens[opening]) || in(tokens[opening], kFramingWords) ||
                in(tokens[opening], kOpeners))) {
            ++opening;
        }
        // A framing word is frame only before a stop word ("a time when you", "deal with"):
        // in "how do you handle time zones" the question is about handling time zones.
        while (opening > 0 && !is_stop_word(tokens[opening - 1])) --opening;
    }
    FramedWords out;
    bool asks_something = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const bool framing =
            i < opening || std::find(std::begin(kConnectors), std::end(kConnectors), tokens[i]) !=
                               std::end(kConnectors);
        append(framing ? out.frame : out.asked, tokens[i]);
        if (!framing && !is_stop_word(tokens[i])) asks_something = true;
    }
    if (!asks_something) return {std::string(words), {}};
    return out;
}

}  // namespace tpm
