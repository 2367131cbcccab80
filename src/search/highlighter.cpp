#include "search/highlighter.h"

#include <algorithm>
#include <set>

#include "store/schema.h"
#include "store/stemmer.h"
#include "text/ascii.h"
#include "text/normalize.h"
#include "text/words.h"

namespace tpm {

namespace {

// A labelled point says in one line what the answer does about the query: prefer it.
constexpr double kPointBonus = 1.5;
constexpr double kLabelMatchBonus = 1.0;

struct Passage {
    std::string label;
    std::string text;
    double bonus = 1.0;
    std::size_t order = 0;
    std::vector<Highlighter::Match> matches;
    double score = 0.0;
    bool cut_start = false, cut_end = false;  // `text` is a part of a longer passage
};

std::string point_text(const Point& p) {
    std::string text = p.text;
    for (const std::string& item : p.items) text += (text.empty() ? "" : " ") + item + ";";
    if (!p.items.empty()) text.pop_back();
    return text;
}

std::vector<Passage> passages_of(const Document& doc) {
    std::vector<Passage> out;
    auto add = [&out](std::string label, std::string text, double bonus) {
        if (!text.empty())
            out.push_back({std::move(label), std::move(text), bonus, out.size(), {}, 0.0});
    };
    add("answer", doc.answer, 1.0);
    for (const Point& p : doc.points) add(p.label, point_text(p), kPointBonus);
    add("example", doc.example, 1.0);
    add("why", doc.why, 1.0);
    return out;
}

// The weight of the distinct query terms in a passage's label and text: a passage holding
// both rare words of "canary rollback" beats one that repeats one of them.
double score_matches(const std::vector<Highlighter::Match>& matches,
                     const std::vector<Highlighter::Match>& label_matches, const Highlighter& h) {
    std::set<std::string> keys;
    double score = 0.0;
    for (const auto* list : {&matches, &label_matches}) {
        for (const auto& m : *list) {
            if (keys.insert(m.key).second) score += h.weight(m.key);
        }
    }
    return score;
}

// `i`, or the start of the UTF-8 character whose later byte it is.
std::size_t char_start(std::string_view text, std::size_t i) {
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
}

// Cuts `p` to about `target` bytes: whole sentences from the one that matches best, or, when a
// sentence alone is too long, words around its first match.
Excerpt window(const Passage& p, std::size_t target) {
    Excerpt e{p.label, p.text, {}, false, false};
    for (const auto& m : p.matches) e.highlights.push_back(m.span);
    if (p.text.size() <= target + target / 4) return e;

    std::vector<std::size_t> starts = text::sentence_starts(p.text);
    starts.push_back(p.text.size());
    // The matches are in text order: one sweep counts each sentence's (a table of many
    // matching rows made counting them sentence by sentence quadratic).
    std::size_t best = 0, best_count = 0;
    std::size_t next = 0;  // the first match not yet counted
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
        while (next < p.matches.size() && p.matches[next].span.start < starts[i]) ++next;
        std::size_t count = 0;
        for (; next < p.matches.size() && p.matches[next].span.start < starts[i + 1]; ++next) {
            ++count;
        }
        if (count > best_count) best = i, best_count = count;
    }
    std::size_t begin = starts[best], end = starts[best + 1];
    for (std::size_t j = best + 1; j + 1 < starts.size() && starts[j + 1] - begin <= target; ++j) {
        end = starts[j + 1];
    }
    if (end - begin > target + target / 4) {
        // One long sentence: keep whole words from shortly before its first match.
        std::size_t first = begin;
        for (const auto& m : p.matches) {
            if (m.span.start >= begin) {
                first = m.span.start;
                break;
            }
        }
        std::size_t from = first > begin + target / 3 ? first - target / 3 : begin;
        std::size_t to = std::min(end, from + target);
        const auto words = text::word_spans(p.text.substr(0, end));
        const auto after = std::find_if(words.begin(), words.end(),
                                        [&](const auto& w) { return w.start >= from; });
        if (after != words.end()) from = after->start;
        const auto before =
            std::find_if(words.rbegin(), words.rend(), [&](const auto& w) { return w.end <= to; });
        if (before != words.rend()) to = before->end;
        // Without a word to cut at (a run of symbols or emoji), the cut falls between bytes:
        // never inside a character, or the excerpt is not UTF-8.
        begin = char_start(p.text, from), end = char_start(p.text, to);
    }
    while (end > begin && (p.text[end - 1] == ' ' || p.text[end - 1] == '\n')) --end;
    e.text = p.text.substr(begin, end - begin);
    e.truncated_start = begin > 0;
    e.truncated_end = end < p.text.size();
    e.highlights.clear();
    for (const auto& m : p.matches) {
        if (m.span.start >= begin && m.span.end <= end) {
            e.highlights.push_back({m.span.start - begin, m.span.end - begin});
        }
    }
    return e;
}

}  // namespace

namespace {

// Snowball's English stemmer only rewrites a word's ending, and adds at most two bytes of its
// own: "ability" -> "abil", "dying" -> "die", "relational" -> "relat". So every word that stems
// to `stem` starts with the stem less its last two bytes (at least its first byte).
std::string stem_anchor(const std::string& stem) {
    return stem.substr(0, std::max<std::size_t>(1, stem.size() > 2 ? stem.size() - 2 : 1));
}

// Whether `text` at `at` starts with `anchor` (folded, so ASCII case does not count).
bool anchor_at(std::string_view text, std::size_t at, const std::string& anchor) {
    if (anchor.size() > text.size() - at) return false;
    for (std::size_t k = 0; k < anchor.size(); ++k) {
        const char c = text[at + k];
        if (text::ascii_lower(c) != anchor[k]) {
            return false;
        }
    }
    return true;
}

}  // namespace

Highlighter::Highlighter(QueryTerms terms, std::map<std::string, double> weights)
    : terms_(std::move(terms)), weights_(std::move(weights)), stemmer_(caching_stemmer()) {
    std::sort(terms_.words.begin(), terms_.words.end());
    std::sort(terms_.stems.begin(), terms_.stems.end());
    for (const std::string& stem : terms_.stems) {
        if (stem.empty()) continue;
        stem_initials_[static_cast<unsigned char>(stem.front())] = true;
        anchors_.push_back(stem_anchor(stem));
    }
    for (const std::string& word : terms_.words) anchors_.push_back(word);
    for (const std::string& prefix : terms_.prefixes) anchors_.push_back(prefix);
    std::erase_if(anchors_, [](const std::string& a) { return a.empty(); });
    for (std::size_t b = 0x80; b < byte_classes_.size(); ++b)
        byte_classes_[b] = ByteClass::non_ascii;
    for (const std::string& a : anchors_) {
        const auto first = static_cast<unsigned char>(a.front());
        if (first >= 0x80) continue;  // never in ASCII text
        byte_classes_[first] = ByteClass::anchor_start;
        if (first >= 'a' && first <= 'z')
            byte_classes_[first - 'a' + 'A'] = ByteClass::anchor_start;
    }
}

// The words of `text` that match, as spans of the text `text` starts `offset` bytes into.
void Highlighter::match_words(std::string_view text, std::size_t offset,
                              std::vector<Match>& out) const {
    for (const text::WordSpan& w : text::word_spans(text)) {
        const std::string folded = text::fold(text.substr(w.start, w.end - w.start));
        // A "word" of default-ignorable letters (U+3164 HANGUL FILLER) folds to nothing.
        if (folded.empty()) continue;
        std::string key;
        if (std::binary_search(terms_.words.begin(), terms_.words.end(), folded)) {
            key = folded;
        } else if (std::string stem; stem_initials_[static_cast<unsigned char>(folded.front())] &&
                                     std::binary_search(terms_.stems.begin(), terms_.stems.end(),
                                                        stem = stemmer_(folded))) {
            key = std::move(stem);
        } else {
            for (const std::string& prefix : terms_.prefixes) {
                if (folded.starts_with(prefix)) key = prefix;
            }
        }
        if (!key.empty()) out.push_back({{w.start + offset, w.end + offset}, std::move(key)});
    }
}

std::vector<Highlighter::Match> Highlighter::matches(std::string_view text) const {
    std::vector<Match> out;
    if (anchors_.empty()) return out;
    // ASCII text (most of it) is split into words only around the places where a word starts
    // with an anchor: from the whitespace before to the whitespace after, which are always word
    // boundaries. The matches are exactly those of splitting the whole text, at a fraction of
    // the cost (ICU's word rules take over 100 instructions a byte). One pass looks for the
    // anchors, only where a word starts with the first byte of one, and for non-ASCII bytes:
    // text with any is split whole.
    std::vector<std::pair<std::size_t, std::size_t>> windows;
    const std::size_t n = text.size();
    for (std::size_t at = 0; at < n; ++at) {
        const ByteClass kind = byte_classes_[static_cast<unsigned char>(text[at])];
        if (kind == ByteClass::other) continue;
        if (kind == ByteClass::non_ascii) {
            match_words(text, 0, out);
            return out;
        }
        if (at > 0 && text::is_ascii_alnum(text[at - 1])) continue;  // not where a word starts
        for (const std::string& anchor : anchors_) {
            if (!anchor_at(text, at, anchor)) continue;
            std::size_t begin = at, end = at + anchor.size();
            while (begin > 0 && !text::is_ascii_space(text[begin - 1])) --begin;
            while (end < n && !text::is_ascii_space(text[end])) ++end;
            windows.emplace_back(begin, end);
        }
    }
    std::sort(windows.begin(), windows.end());
    for (std::size_t i = 0; i < windows.size();) {
        auto [begin, end] = windows[i];
        for (++i; i < windows.size() && windows[i].first <= end; ++i) {
            end = std::max(end, windows[i].second);
        }
        match_words(text.substr(begin, end - begin), begin, out);
    }
    return out;
}

std::size_t Highlighter::locate(std::string_view text) const {
    const std::size_t n = text.size();
    for (std::size_t at = 0; at < n; ++at) {
        if (byte_classes_[static_cast<unsigned char>(text[at])] != ByteClass::anchor_start)
            continue;
        if (at > 0 && text::is_ascii_alnum(text[at - 1])) continue;  // not where a word starts
        for (const std::string& anchor : anchors_) {
            if (anchor_at(text, at, anchor)) return at;
        }
    }
    return std::string_view::npos;
}

double Highlighter::weight(const std::string& key) const {
    const auto it = weights_.find(key);
    return it == weights_.end() ? 1.0 : it->second;
}

namespace {

bool is_break(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// `p` cut to at most kPassageScanBytes of whole words: from a quarter of that before the first
// place a match may start, or from its start. What the excerpt shows is the same as long as
// the passage's best sentence is near its first match.
void bound(Passage& p, const Highlighter& highlighter) {
    const std::size_t size = p.text.size();
    if (size <= kPassageScanBytes) return;
    const std::size_t found =
        highlighter.locate(std::string_view(p.text).substr(0, std::min(size, kLocateBytes)));
    const std::size_t lead = kPassageScanBytes / 4;
    std::size_t begin = found == std::string::npos || found < lead ? 0 : found - lead;
    begin = std::min(begin, size - kPassageScanBytes);
    std::size_t end = begin + kPassageScanBytes;
    if (begin > 0) {
        // Start after a space before the match: a word cut in two could match what it is not.
        const std::size_t space = p.text.find_first_of(" \n\t", begin);
        begin = space != std::string::npos && space < std::min(found, end)
                    ? space + 1
                    : char_start(p.text, begin);
    }
    if (end < size) {
        std::size_t space = end;
        while (space > begin && !is_break(p.text[space])) --space;
        end = space > begin ? space : char_start(p.text, end);
    }
    p.cut_start = begin > 0;
    p.cut_end = end < size;
    p.text = p.text.substr(begin, end - begin);
}

}  // namespace

std::vector<Excerpt> make_excerpts(const Document& doc, const Highlighter& highlighter,
                                   const ExcerptOptions& options) {
    std::vector<Passage> passages = passages_of(doc);
    if (passages.empty() || options.max_excerpts == 0) return {};
    for (Passage& p : passages) {
        bound(p, highlighter);
        p.matches = highlighter.matches(p.text);
        const auto label_matches = highlighter.matches(p.label);
        p.score = score_matches(p.matches, label_matches, highlighter) * p.bonus;
        if (!label_matches.empty()) p.score += kLabelMatchBonus;
    }
    std::vector<Passage*> ranked;
    for (Passage& p : passages) {
        if (p.score > 0) ranked.push_back(&p);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Passage* a, const Passage* b) { return a->score > b->score; });
    if (ranked.size() > options.max_excerpts) ranked.resize(options.max_excerpts);
    if (ranked.empty()) ranked.push_back(&passages.front());
    std::vector<Excerpt> out;
    for (const Passage* p : ranked) {
        Excerpt e = window(*p, options.target_bytes);
        e.truncated_start = e.truncated_start || p->cut_start;
        e.truncated_end = e.truncated_end || p->cut_end;
        out.push_back(std::move(e));
    }
    return out;
}

Hit highlighted_hit(Document doc, double score, const Highlighter& highlighter,
                    const ExcerptOptions& options) {
    Hit hit;
    hit.score = score;
    hit.doc = std::move(doc);
    for (const auto& m : highlighter.matches(hit.doc.title)) hit.title_highlights.push_back(m.span);
    hit.excerpts = make_excerpts(hit.doc, highlighter, options);
    return hit;
}

}  // namespace tpm
