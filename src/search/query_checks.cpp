#include "search/query_checks.h"

#include <algorithm>
#include <vector>

#include "model/document.h"
#include "model/error.h"
#include "store/schema.h"
#include "text/ascii.h"
#include "text/normalize.h"
#include "text/printable.h"

namespace tpm::detail {

[[noreturn]] void bad_query(std::string_view text, const std::string& reason) {
    throw Error(ErrorCode::bad_query, reason + " in query: " + text::clipped(text, 200));
}

// Bounds on what one query may ask, so that no query, pasted or generated, takes unbounded time
// or memory: every word is stemmed, spell-checked and looked up, and the question-field copy
// repeats them (10,000 words took 10 s, 150,000 ran out of a gigabyte); each wildcard expands
// to up to 200 terms (kMaxWildcardTerms, query_builder.cpp), and 10,000 of them took three
// minutes in Xapian. A
// question pasted whole is a few dozen words.
constexpr std::size_t kMaxQueryWords = 1000;
constexpr std::size_t kMaxQueryWildcards = 100;

void check_size(std::string_view text) {
    std::size_t words = 0, wildcards = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool space = text[i] == ' ' || text[i] == '\t' || text[i] == '\n';
        if (!space && !in_word) ++words;
        in_word = !space;
        if (text[i] == '*') ++wildcards;
    }
    if (words > kMaxQueryWords) {
        bad_query(text, "too long: " + std::to_string(words) + " words, at most " +
                            std::to_string(kMaxQueryWords));
    }
    if (wildcards > kMaxQueryWildcards) {
        bad_query(text, "too many wildcards: " + std::to_string(wildcards) + ", at most " +
                            std::to_string(kMaxQueryWildcards));
    }
}

// Xapian accepts unbalanced quotes and brackets silently and searches for something else than
// the user meant; say so instead.
void check_balance(std::string_view text) {
    std::size_t quotes = 0;
    int depth = 0;
    bool in_phrase = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // U+201C and U+201D, the curly quotes Xapian also treats as phrase delimiters.
        const bool curly =
            text.compare(i, 3, "\xE2\x80\x9C") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0;
        if (c == '"' || curly) {
            ++quotes;
            in_phrase = !in_phrase;
        } else if (!in_phrase && c == '(') {
            ++depth;
        } else if (!in_phrase && c == ')') {
            if (--depth < 0) bad_query(text, "unbalanced parenthesis: ')' without '('");
        }
    }
    if (quotes % 2 != 0) bad_query(text, "unbalanced quote: a phrase is opened but not closed");
    if (depth > 0) bad_query(text, "unbalanced parenthesis: '(' without ')'");
}

// The kind a kind:VALUE filter names, in the index's spelling ("TIP" is "tip"). Throws
// tpm::Error(bad_query) listing the kinds for one there is none of: it would match nothing.
std::string kind_value(std::string_view value) {
    const std::string kind = text::fold(value);
    std::string kinds;
    for (const DocKind k : {DocKind::question, DocKind::tip, DocKind::note, DocKind::story}) {
        if (kind == to_string(k)) return kind;
        kinds += std::string(kinds.empty() ? "" : ", ") + to_string(k);
    }
    throw Error(ErrorCode::bad_query,
                "unknown kind \"" + std::string(value) + "\"; it is one of " + kinds);
}

namespace {

// The field names a query may use, each once, in the order of store/schema.h.
std::string field_names() {
    std::vector<std::string_view> names;
    for (const auto& f : schema::kTextFields) names.push_back(f.name);
    for (const auto& f : schema::kBooleanFields) names.push_back(f.name);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
            names.begin() + static_cast<std::ptrdiff_t>(i)) {
            continue;
        }
        out += (out.empty() ? "" : ", ") + std::string(names[i]);
    }
    return out;
}

bool is_field_name(std::string_view name) {
    for (const auto& f : schema::kTextFields) {
        if (name == f.name) return true;
    }
    for (const auto& f : schema::kBooleanFields) {
        if (name == f.name) return true;
    }
    return false;
}

}  // namespace

// Xapian reads "foo:bar" with a foo that is no field as the phrase "foo bar", so a mistyped
// field (quesion:canary, type:tip) quietly searches for something else and finds nothing. A
// word of ASCII letters right before a colon and a value is read as a field name, and one that
// is no field (in any case: Question: is question:) is an error naming the fields; a value
// that starts with '/', '\\' or ':' (http://x, C:\\dir, std::vector), a word with other
// characters before the colon (10:30, C++:, e.g.:), a colon then a space ("note: text") and
// whatever is inside a phrase are text, as before. kind:VALUE in any case of the name is
// checked as boolean_filter() checks it.
void check_fields(std::string_view text) {
    bool in_phrase = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \t\n", i), text.size());
        const std::string_view token = text.substr(i, end - i);
        i = end + 1;
        const bool token_in_phrase = in_phrase;
        for (std::size_t k = 0; k < token.size(); ++k) {
            if (token[k] == '"' || token.compare(k, 3, "\xE2\x80\x9C") == 0 ||
                token.compare(k, 3, "\xE2\x80\x9D") == 0) {
                in_phrase = !in_phrase;
            }
        }
        if (token_in_phrase) continue;
        const std::size_t start = std::min(token.find_first_not_of("(-+"), token.size());
        const std::size_t colon = token.find(':', start);
        if (colon == std::string_view::npos || colon == start || colon + 1 == token.size()) {
            continue;
        }
        const std::string_view name = token.substr(start, colon - start);
        if (!std::all_of(name.begin(), name.end(), [](char c) {
                return text::is_ascii_lower(c) || text::is_ascii_upper(c);
            })) {
            continue;
        }
        std::string_view value = token.substr(colon + 1);
        if (std::string_view("/\\:").find(value.front()) != std::string_view::npos) continue;
        const std::string lower = text::ascii_lower(name);
        if (lower == "kind") {
            while (!value.empty() && value.back() == ')') value.remove_suffix(1);
            if (!value.empty()) kind_value(value);
            continue;
        }
        if (is_field_name(lower)) continue;
        throw Error(ErrorCode::bad_query, "unknown field \"" + text::clipped(name, 100) + "\" in " +
                                              text::clipped(token.substr(start), 200) +
                                              "; the fields are " + field_names() +
                                              " (to search for it as words, quote it: \"" +
                                              text::clipped(token.substr(start), 200) + "\")");
    }
}

}  // namespace tpm::detail
