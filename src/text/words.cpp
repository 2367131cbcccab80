#include "text/words.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "model/error.h"
#include "text/icu_status.h"

namespace tpm::text {
namespace {

using Factory = icu::BreakIterator* (*)(const icu::Locale&, UErrorCode&);

std::unique_ptr<icu::BreakIterator> create(Factory factory, const icu::Locale& locale,
                                           const char* what) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(factory(locale, status));
    detail::check_icu(status, what);
    if (!it) throw Error(ErrorCode::internal, std::string("ICU returned no ") + what);
    return it;
}

// Creating a BreakIterator loads and builds its rules (about a millisecond), far more than the
// texts it is used on, so each kind is created once and each thread clones its own copy: a
// BreakIterator holds iteration state and is not thread-safe. ICU promises nothing about
// cloning one object from several threads at once, so the clones are serialised; that happens
// once per thread.
std::unique_ptr<icu::BreakIterator> clone_of(const icu::BreakIterator& prototype,
                                             const char* what) {
    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    std::unique_ptr<icu::BreakIterator> it(prototype.clone());
    if (!it) throw Error(ErrorCode::internal, std::string("ICU could not clone ") + what);
    return it;
}

icu::BreakIterator& word_iterator() {
    static const std::unique_ptr<icu::BreakIterator> prototype =
        create(&icu::BreakIterator::createWordInstance, icu::Locale::getRoot(),
               "creating a word break iterator");
    thread_local const std::unique_ptr<icu::BreakIterator> it =
        clone_of(*prototype, "the word break iterator");
    return *it;
}

// English abbreviations after which a full stop does not end a sentence, so excerpts are not
// cut after "Mr.". CLDR has such a list ("en@ss=standard"), but loading it costs 2.3 million
// instructions per process, more than a whole search, and ICU's FilteredBreakIteratorBuilder
// with this shorter list still costs 0.3 million to build its tries; a suffix test on the few
// breaks that follow a full stop costs next to nothing. Unlike ICU's filter, "e.g." before a
// capital ("e.g. Kafka") does not end a sentence either.
constexpr std::string_view kAbbreviations[] = {
    "Mr.",  "Mrs.", "Ms.",  "Dr.",   "Prof.", "Sr.",  "Jr.",   "St.",  "etc.", "Etc.",
    "e.g.", "E.g.", "i.e.", "I.e.",  "vs.",   "Vs.",  "cf.",   "Cf.",  "al.",  "approx.",
    "Inc.", "Ltd.", "Co.",  "Corp.", "No.",   "Fig.", "Dept.", "est.", "Jan.", "Feb.",
    "Mar.", "Apr.", "Jun.", "Jul.",  "Aug.",  "Sep.", "Sept.", "Oct.", "Nov.", "Dec."};

// Whether the sentence break at `at` follows one of kAbbreviations: spaces and tabs back from
// `at`, then the abbreviation, standing as a word of its own ("DMr." is no "Mr."). A break
// after a line end stays: the line ends the sentence whatever the word before it.
bool follows_abbreviation(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    if (end == 0 || text[end - 1] != '.') return false;
    const std::string_view before = text.substr(0, end);
    for (const std::string_view abbreviation : kAbbreviations) {
        if (!before.ends_with(abbreviation)) continue;
        const std::size_t start = end - abbreviation.size();
        const char c = start > 0 ? text[start - 1] : ' ';
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            static_cast<unsigned char>(c) >= 0x80;
        if (!letter) return true;
    }
    return false;
}

icu::BreakIterator& sentence_iterator() {
    static const std::unique_ptr<icu::BreakIterator> prototype =
        create(&icu::BreakIterator::createSentenceInstance, icu::Locale::getRoot(),
               "creating a sentence break iterator");
    thread_local const std::unique_ptr<icu::BreakIterator> it =
        clone_of(*prototype, "the sentence break iterator");
    return *it;
}

// Points `it` at `utf8`. A UTF-8 UText's native indexes are byte offsets into `utf8`, so the
// boundaries need no mapping, and ICU reads ill-formed sequences as U+FFFD. setText() makes its
// own shallow clone of the UText, which reads `utf8` until the iterator is given another text:
// the thread's iterator keeps pointing at `utf8` after the caller returns but is never used
// before the next call resets it.
void set_text(icu::BreakIterator& it, std::string_view utf8) {
    // Boundaries are int32_t.
    if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
        throw Error(ErrorCode::internal, "cannot find boundaries in text of more than 2 GiB");
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUTextPointer text(
        utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status));
    detail::check_icu(status, "opening UTF-8 text");
    it.setText(text.getAlias(), status);
    detail::check_icu(status, "setting the text of a break iterator");
}

// The word rules ICU applies (UAX #29 as tailored by CLDR's root), reduced to the ASCII most
// text is, so that the common case needs no break iterator: a word is a run of letters (ICU
// counts '@' as one), digits, and the marks that join them when they stand between two of a
// kind: '.' and '\'' between letters or between digits ("e.g", "don't", "3.5"), ',' and ';'
// between digits ("1,000"). ':' joins nothing in root. Any other byte outside this model
// ('_', controls other than tab and line ends, non-ASCII) returns false and ICU decides;
// tests/text/words_test.cpp compares the two on every string of a small alphabet.
bool ascii_word_spans(std::string_view s, std::vector<WordSpan>& spans) {
    auto letter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@';
    };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    auto joins = [&](char before, char mid, char after) {
        if (mid == '.' || mid == '\'') {
            return (letter(before) && letter(after)) || (digit(before) && digit(after));
        }
        return (mid == ',' || mid == ';') && digit(before) && digit(after);
    };
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x7F || c == '_' || (u < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            return false;
        }
    }
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        if (!letter(s[i]) && !digit(s[i])) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n) {
            if (letter(s[j]) || digit(s[j])) {
                ++j;
            } else if (j + 1 < n && joins(s[j - 1], s[j], s[j + 1])) {
                j += 2;
            } else {
                break;
            }
        }
        spans.push_back({i, j});
        i = j;
    }
    return true;
}

// The character classes of the sentence rules (UAX #29), for ASCII.
namespace sentence_class {
bool para_sep(char c) { return c == '\r' || c == '\n'; }
bool sp(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool sa_term(char c) { return c == '.' || c == '!' || c == '?'; }
bool close(char c) {
    return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
           c == '}';
}
bool s_continue(char c) { return c == ',' || c == '-' || c == ':'; }
}  // namespace sentence_class

// What the terminator s[i] ('.', '!' or '?') does: where the scan goes on, and whether a
// sentence starts there.
struct AfterTerminator {
    std::size_t next;
    bool sentence_starts;
};

AfterTerminator after_terminator(std::string_view s, std::size_t i) {
    using namespace sentence_class;
    const std::size_t n = s.size();
    const char c = s[i];
    if (c == '.' && i + 1 < n) {
        const char next = s[i + 1];
        if (next >= '0' && next <= '9') return {i + 1, false};  // SB6: "3.5"
        if (i > 0 && (lower(s[i - 1]) || upper(s[i - 1])) && upper(next)) {
            return {i + 1, false};  // SB7: "U.S"
        }
    }
    std::size_t k = i + 1;
    while (k < n && close(s[k])) ++k;  // SB9
    while (k < n && sp(s[k])) ++k;     // SB10
    // The separator ends the sentence (SB4, SB11).
    if (k >= n || para_sep(s[k])) return {k, false};
    if (c == '.') {
        // SB8: no break when the next letter-or-terminator ahead is a lower-case letter.
        std::size_t j = k;
        while (j < n && !lower(s[j]) && !upper(s[j]) && !para_sep(s[j]) && !sa_term(s[j])) ++j;
        if (j < n && lower(s[j])) return {i + 1, false};
    }
    if (s_continue(s[k]) || sa_term(s[k])) return {k, false};  // SB8a
    return {k, true};                                          // SB11
}

// The sentence rules ICU applies (UAX #29 SB1-SB11; CLDR's root adds no tailoring), reduced
// to ASCII as word spans are above. Classes: CR, LF (ParaSep), Sp (tab, VT, FF, space), Lower,
// Upper, Numeric, ATerm '.', STerm '!' '?', Close (quotes and brackets), SContinue (',' '-'
// ':'); everything else is Other. Returns false for any non-ASCII byte, and ICU decides.
// tests/text/words_test.cpp compares the two on every string of a small alphabet.
bool ascii_sentence_starts(std::string_view s, std::vector<std::size_t>& starts) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    const std::size_t n = s.size();
    starts.push_back(0);
    std::size_t i = 0;
    while (i < n) {
        const char c = s[i];
        if (sentence_class::para_sep(c)) {
            // SB3, SB4: CR LF is one separator, and a sentence ends after it.
            i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2U : 1U;
            if (i < n) starts.push_back(i);
        } else if (sentence_class::sa_term(c)) {
            const AfterTerminator after = after_terminator(s, i);
            if (after.sentence_starts) starts.push_back(after.next);
            i = after.next;
        } else {
            ++i;
        }
    }
    return true;
}

}  // namespace

std::vector<WordSpan> word_spans(std::string_view utf8) {
    std::vector<WordSpan> spans;
    if (utf8.empty() || ascii_word_spans(utf8, spans)) return spans;
    icu::BreakIterator& it = word_iterator();
    set_text(it, utf8);
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
        // Statuses below UBRK_WORD_NONE_LIMIT mark spaces, punctuation and symbols; above it
        // are numbers, letters, kana and ideographs.
        if (it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
            spans.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
        }
    }
    return spans;
}

std::vector<std::size_t> sentence_starts(std::string_view utf8) {
    std::vector<std::size_t> starts;
    if (utf8.empty()) return starts;
    if (ascii_sentence_starts(utf8, starts)) {
        std::erase_if(starts,
                      [&](std::size_t b) { return b > 0 && follows_abbreviation(utf8, b); });
        return starts;
    }
    icu::BreakIterator& it = sentence_iterator();
    set_text(it, utf8);
    const auto end = static_cast<int32_t>(utf8.size());
    for (int32_t b = it.first(); b != icu::BreakIterator::DONE && b < end; b = it.next()) {
        if (b > 0 && follows_abbreviation(utf8, static_cast<std::size_t>(b))) continue;
        starts.push_back(static_cast<std::size_t>(b));
    }
    return starts;
}

}  // namespace tpm::text
