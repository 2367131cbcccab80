#include "output/text_printer.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "output/styled_text.h"
#include "text/width.h"

namespace tpm {
namespace {

using detail::emit;
using detail::Styled;
using detail::Tone;
using detail::two_decimals;
using detail::write_paragraph;
using detail::write_wrapped;

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
constexpr std::string_view kBullet = "\xE2\x80\xA2";    // U+2022
constexpr std::string_view kDash = "\xE2\x80\x93";      // U+2013

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "source:line  topics: a, b" (just "source" when line is 0) at `indent` columns, wrapped
// under itself; nothing without a source.
void write_location(std::ostream& out, std::size_t indent, const Document& doc,
                    const TextStyle& style) {
    if (doc.source.empty()) return;
    Styled loc(doc.source, Tone::path);
    if (doc.line > 0) {
        loc.add(":", Tone::plain);
        loc.add(std::to_string(doc.line), Tone::line_no);
    }
    for (std::size_t i = 0; i < doc.topics.size(); ++i) {
        loc.add(i == 0 ? "  topics: " : ", ", Tone::plain);
        loc.add(doc.topics[i], Tone::label);
    }
    write_wrapped(out, Styled(std::string(indent, ' '), Tone::plain), loc, indent + 2, style);
}

// The topic footer with the first `shown` of `topics`, and how many more there are.
Styled facet_line(const std::vector<FacetCount>& topics, std::size_t shown, bool estimated) {
    Styled line(estimated ? "topics (estimated):" : "topics:", Tone::bold);
    for (std::size_t i = 0; i < shown; ++i) {
        line.add(i == 0 ? " " : " \xC2\xB7 ", Tone::plain);  // U+00B7 middle dot
        line.add(topics[i].id, Tone::label);
        line.add((estimated ? " ~" : " ") + std::to_string(topics[i].count), Tone::plain);
    }
    if (shown < topics.size()) {
        line.add(shown == 0 ? " " : " \xC2\xB7 ", Tone::plain);
        line.add("+" + std::to_string(topics.size() - shown) + " more (--facets)", Tone::dim);
    }
    return line;
}

// Lines the topic footer may take, so the results stay on the screen above it.
constexpr std::size_t kFacetLines = 2;
// The width the footer is fitted to when output is not wrapped (piped).
constexpr std::size_t kUnwrappedFacetWidth = 80;

// "topics: reliability 7 · release-engineering 4 · ..." for the whole match set, largest
// first; "topics (estimated): reliability ~530 · ..." when the counts are scaled from a sample.
// As many as fit kFacetLines lines, then "+N more (--facets)", unless style.all_topics.
void write_facets(std::ostream& out, const std::vector<FacetCount>& topics, bool estimated,
                  const TextStyle& style) {
    if (topics.empty()) return;
    std::size_t shown = topics.size();
    if (!style.all_topics) {
        TextStyle fitted = style;
        if (fitted.width == 0) fitted.width = kUnwrappedFacetWidth;
        const Styled none;
        while (shown > 0 && detail::wrapped_line_count(none, facet_line(topics, shown, estimated),
                                                       0, fitted) > kFacetLines) {
            --shown;
        }
    }
    write_paragraph(out, 0, facet_line(topics, shown, estimated), style);
}

// "Q26  <title>" as a header line: the title wraps under its own first character.
// `lead` is the rank ("1.") in results, empty for a document; `marks` are matched words of the
// title.
void write_heading(std::ostream& out, std::size_t indent, std::string_view lead,
                   const Document& doc, const std::vector<Span>& marks, const TextStyle& style) {
    Styled prefix(std::string(indent, ' '), Tone::plain);
    prefix.add(lead, Tone::bold);
    if (!lead.empty()) prefix.add(" ", Tone::plain);
    const std::size_t id_column = text::display_width(prefix.text());
    Styled title;
    title.add_spans(doc.title, marks, Tone::bold, Tone::highlight);
    // An id too long to leave the title room (a note's path and heading) gets a line of its
    // own, the title wrapped under it.
    if (style.width > 0 && 2 * (id_column + text::display_width(doc.id) + 2) > style.width) {
        write_wrapped(out, prefix, Styled(doc.id, Tone::bold), id_column, style);
        write_paragraph(out, id_column, title, style);
        return;
    }
    prefix.add(doc.id, Tone::bold);
    prefix.add("  ", Tone::plain);
    write_wrapped(out, prefix, title, text::display_width(prefix.text()), style);
}

// The excerpt's label as shown. The searcher names non-point parts by lowercase part names;
// those print capitalised ("Answer: ", "Example: ", "Why: ") so the reader can tell a match in
// the answer's introduction from one in a point labelled "Answer".
std::string display_label(const std::string& label) {
    if (label == "answer") return "Answer";
    if (label == "example") return "Example";
    if (label == "why") return "Why";
    return label;
}

// Appends "Label: " (no second colon when the label already ends in one) to `body`.
void add_label(Styled& body, const std::string& label, Tone tone) {
    if (label.empty()) return;
    body.add(label, tone);
    if (label.back() != ':') body.add(":", tone);
    body.add(" ", Tone::plain);
}

// The highlights of `spans` inside bytes [begin, end), counted from `begin`.
std::vector<Span> spans_within(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
    std::vector<Span> out;
    for (const Span& span : spans) {
        if (span.end <= begin || span.start >= end) continue;
        out.push_back({std::max(span.start, begin) - begin, std::min(span.end, end) - begin});
    }
    return out;
}

// The next lone '\n' from `from` next to a table row ("Redis | low", as the notes reader
// writes a row), or npos. Other line breaks and "\n\n" between paragraphs run on in an
// excerpt, as they always have.
std::size_t row_break(std::string_view text, std::size_t from) {
    for (std::size_t nl = text.find('\n', from); nl != std::string_view::npos;
         nl = text.find('\n', nl + 1)) {
        const bool after_break = nl > 0 && text[nl - 1] == '\n';
        const bool before_break = nl + 1 < text.size() && text[nl + 1] == '\n';
        const std::size_t prev = nl == 0 ? std::string_view::npos : text.rfind('\n', nl - 1);
        const std::size_t row_begin = prev == std::string_view::npos ? 0 : prev + 1;
        const std::string_view row = text.substr(row_begin, nl - row_begin);
        const std::string_view next = text.substr(nl + 1, text.find('\n', nl + 1) - nl - 1);
        const bool table =
            row.find(" | ") != std::string_view::npos || next.find(" | ") != std::string_view::npos;
        if (!after_break && !before_break && table) return nl;
    }
    return std::string_view::npos;
}

// A note section's own text is not an "Answer": only questions get that label. A passage
// with lines of its own (a table's rows, "Option | Cost") keeps one row a line.
void write_excerpt(std::ostream& out, std::size_t indent, const Excerpt& excerpt, DocKind kind,
                   const TextStyle& style) {
    if (is_blank(excerpt.text)) return;
    Styled body;
    const bool own_text = excerpt.label == "answer" && kind != DocKind::question;
    if (!own_text) add_label(body, display_label(excerpt.label), Tone::label);
    if (excerpt.truncated_start) body.add(kEllipsis, Tone::dim);
    const std::string_view text = excerpt.text;
    std::size_t begin = 0;
    for (std::size_t nl = row_break(text, 0); nl != std::string_view::npos;
         nl = row_break(text, begin)) {
        body.add_spans(text.substr(begin, nl - begin), spans_within(excerpt.highlights, begin, nl),
                       Tone::plain, Tone::highlight);
        if (!body.text().empty()) write_paragraph(out, indent, body, style);
        body = Styled();
        begin = nl + 1;
    }
    body.add_spans(text.substr(begin), spans_within(excerpt.highlights, begin, text.size()),
                   Tone::plain, Tone::highlight);
    if (excerpt.truncated_end) body.add(kEllipsis, Tone::dim);
    write_paragraph(out, indent, body, style);
}

std::size_t digits(int n) { return std::to_string(n).size(); }

// With --explain: how the query was read, above the results.
void write_explanation(std::ostream& out, const Explanation& e, const TextStyle& style) {
    Styled query("query: ", Tone::bold);
    query.add(e.query, Tone::plain);
    write_paragraph(out, 0, query, style);
    for (const std::string& line : e.expansions) {
        Styled expansion("vocabulary: ", Tone::bold);
        expansion.add(line, Tone::plain);
        write_paragraph(out, 0, expansion, style);
    }
    out << '\n';
}

// With --explain: "matched: canari (point, example) · rollback (point)".
void write_matched(std::ostream& out, std::size_t indent, const std::vector<TermMatch>& matched,
                   const TextStyle& style) {
    if (matched.empty()) return;
    Styled line("matched:", Tone::dim);
    for (std::size_t i = 0; i < matched.size(); ++i) {
        line.add(i == 0 ? " " : " \xC2\xB7 ", Tone::dim);
        line.add(matched[i].term, Tone::label);
        std::string fields;
        for (const std::string& f : matched[i].fields) fields += (fields.empty() ? "" : ", ") + f;
        line.add(" (" + (fields.empty() ? std::string("-") : fields) + ")", Tone::dim);
    }
    write_paragraph(out, indent, line, style);
}

// With --explain: "score 9.41 = words 5.02 + heading 3.10 + feedback 1.29", and "x 0.81
// crowded" when crowding lowered the hit's place.
void write_contributions(std::ostream& out, std::size_t indent, const Hit& hit,
                         const TextStyle& style) {
    if (hit.contributions.empty()) return;
    Styled line("score ", Tone::dim);
    line.add(two_decimals(hit.score), Tone::label);
    for (std::size_t i = 0; i < hit.contributions.size(); ++i) {
        line.add(i == 0 ? " = " : " + ", Tone::dim);
        line.add(hit.contributions[i].part + " " + two_decimals(hit.contributions[i].weight),
                 Tone::plain);
    }
    if (hit.crowding < 1.0) {
        line.add(" \xC3\x97 " + two_decimals(hit.crowding) + " crowded", Tone::dim);
    }
    write_paragraph(out, indent, line, style);
}

}  // namespace

// Layout (rank right-aligned to the widest rank; everything under it indented past "N. "):
//    1. Q26  How do you approach ...?
//       corpus/netflix-tpm-interview-questions.txt:800
//       Canary Releases: I use canary releases to ...
// with a blank line between hits (not after the last, so cli/ decides what follows).
void print_results(std::ostream& out, const SearchResults& results, const TextStyle& style) {
    if (results.explanation) write_explanation(out, *results.explanation, style);
    std::size_t rank_width = 0;
    for (const Hit& hit : results.hits) rank_width = std::max(rank_width, digits(hit.rank));
    bool first = true;
    bool related = false;
    for (const Hit& hit : results.hits) {
        if (!first) out << '\n';
        first = false;
        if (hit.related && !related) {
            related = true;
            write_paragraph(out, 0, Styled("Related, not matching the query:", Tone::bold), style);
        }
        const std::string rank = std::to_string(hit.rank) + ".";
        write_heading(out, rank_width + 1 - rank.size(), rank, hit.doc, hit.title_highlights,
                      style);
        const std::size_t indent = rank_width + 2;
        write_location(out, indent, hit.doc, style);
        write_matched(out, indent, hit.matched, style);
        write_contributions(out, indent, hit, style);
        for (const Excerpt& excerpt : hit.excerpts) {
            write_excerpt(out, indent, excerpt, hit.doc.kind, style);
        }
    }
    if (!results.hits.empty() && !results.topics.empty()) {
        out << '\n';
        write_facets(out, results.topics, results.topics_estimated, style);
    }
}

// Layout: a table under a header, the id padded to the longest, each count right-aligned
// under its column; under each row the topic's name and description, indented:
//   topic                questions  tips  your questions  stories  notes
//   release-engineering          6     1               2        1      0
//       Release engineering – Shipping changes safely: canary and blue-green releases, ...
void print_topics(std::ostream& out, const std::vector<TopicCount>& topics,
                  const TextStyle& style) {
    constexpr std::string_view kTopic = "topic";
    constexpr std::string_view kColumns[] = {"questions", "tips", "your questions", "stories",
                                             "notes"};
    std::size_t id_width = kTopic.size();
    for (const TopicCount& c : topics) id_width = std::max(id_width, c.topic.id.size());
    auto padded = [](std::string_view s, std::size_t width) {
        return std::string(s) + std::string(width > s.size() ? width - s.size() : 0, ' ');
    };
    if (topics.empty()) return;
    Styled header(padded(kTopic, id_width), Tone::bold);
    for (const std::string_view column : kColumns)
        header.add("  " + std::string(column), Tone::bold);
    write_paragraph(out, 0, header, style);
    for (const TopicCount& c : topics) {
        Styled row(padded(c.topic.id, id_width), Tone::bold);
        const std::size_t counts[] = {c.questions, c.tips, c.your_questions, c.stories, c.notes};
        for (std::size_t i = 0; i < std::size(counts); ++i) {
            const std::string n = std::to_string(counts[i]);
            row.add(
                std::string(2 + kColumns[i].size() - std::min(n.size(), kColumns[i].size()), ' ') +
                    n,
                Tone::plain);
        }
        write_paragraph(out, 0, row, style);
        Styled about(c.topic.name, Tone::label);
        if (!is_blank(c.topic.description)) {
            about.add(" " + std::string(kDash) + " ", Tone::plain);
            about.add(c.topic.description, Tone::plain);
        }
        write_paragraph(out, 4, about, style);
    }
}

namespace {

constexpr std::size_t kBodyIndent = 2;

// Paragraphs of a multi-paragraph field: runs of lines split at blank lines. Line breaks inside
// a paragraph stay in the text; the terminal sanitising turns them into spaces.
std::vector<std::string_view> paragraphs(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t para_begin = std::string_view::npos;
    std::size_t para_end = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        if (is_blank(text.substr(pos, nl - pos))) {
            if (para_begin != std::string_view::npos) {
                out.push_back(text.substr(para_begin, para_end - para_begin));
            }
            para_begin = std::string_view::npos;
        } else {
            if (para_begin == std::string_view::npos) para_begin = pos;
            para_end = nl;
        }
        pos = nl + 1;
    }
    if (para_begin != std::string_view::npos) {
        out.push_back(text.substr(para_begin, para_end - para_begin));
    }
    return out;
}

// Writes blocks separated by one blank line; a block right under a section heading gets none.
class BlockWriter {
  public:
    BlockWriter(std::ostream& out, const TextStyle& style) : out_(out), style_(style) {}

    void start_block() {
        if (need_blank_) out_ << '\n';
        need_blank_ = true;
    }

    void heading(std::string_view title) {
        start_block();
        const Styled styled(title, Tone::bold);
        emit(out_, styled, 0, styled.text().size(), style_.color);
        out_ << '\n';
        need_blank_ = false;
    }

    void text(std::string_view field) {
        for (const std::string_view para : paragraphs(field)) {
            start_block();
            write_paragraph(out_, kBodyIndent, Styled(para, Tone::plain), style_);
        }
    }

    // "  • Label: text" with its items as "      – item", all as one block.
    void points(const std::vector<Point>& points) {
        if (points.empty()) return;
        start_block();
        const std::string bullet = std::string(kBodyIndent, ' ') + std::string(kBullet) + " ";
        const std::string dash = std::string(kBodyIndent + 4, ' ') + std::string(kDash) + " ";
        for (const Point& point : points) {
            Styled body;
            add_label(body, point.label, Tone::bold);
            body.add(point.text, Tone::plain);
            write_wrapped(out_, Styled(bullet, Tone::plain), body, kBodyIndent + 2, style_);
            for (const std::string& item : point.items) {
                if (is_blank(item)) continue;
                write_wrapped(out_, Styled(dash, Tone::plain), Styled(item, Tone::plain),
                              kBodyIndent + 6, style_);
            }
        }
    }

    // "  missing: Result" under a story that does not tell every STAR part.
    void missing_parts(const std::vector<std::string>& parts) {
        if (parts.empty()) return;
        std::string names;
        for (const std::string& part : parts) names += (names.empty() ? "" : ", ") + part;
        start_block();
        write_paragraph(out_, kBodyIndent, Styled("missing: " + names, Tone::dim), style_);
    }

  private:
    std::ostream& out_;
    const TextStyle& style_;
    bool need_blank_ = false;
};

// The body of print_document(); `after_header`: a blank line first, as under the header.
void print_body(std::ostream& out, const Document& doc, const TextStyle& style,
                const std::vector<Document>& your_notes, bool after_header) {
    BlockWriter blocks(out, style);
    if (after_header) blocks.start_block();  // the header is the first block
    const bool has_body = !is_blank(doc.answer) || !doc.points.empty();
    if (has_body && doc.kind == DocKind::question) blocks.heading("Answer");
    blocks.text(doc.answer);
    blocks.points(doc.points);
    blocks.missing_parts(missing_star_parts(doc));
    if (!is_blank(doc.example)) {
        if (doc.kind == DocKind::question) blocks.heading("Example");
        blocks.text(doc.example);
    }
    if (!is_blank(doc.why)) {
        blocks.heading("Why this is important");
        blocks.text(doc.why);
    }
    if (your_notes.empty()) return;
    blocks.heading("Your notes");
    for (const Document& note : your_notes) {
        write_heading(out, 2, {}, note, {}, style);
        write_location(out, 4, note, style);
    }
}

}  // namespace

// Layout: the header and location (with the source's title and date when known), then (for
// questions) an "Answer" section holding the introduction and the points, an "Example" section
// and "Why this is important". A tip or note has no "Answer" heading: its text is the body.
// Empty fields and sections are left out.
void print_document(std::ostream& out, const Document& doc, const TextStyle& style,
                    const SourceInfo* source, const std::vector<Document>& your_notes,
                    const std::vector<Document>& your_stories) {
    write_heading(out, 0, {}, doc, {}, style);
    write_location(out, 0, doc, style);
    if (source && !is_blank(source->title)) {
        Styled from("from ", Tone::dim);
        from.add(source->title, Tone::dim);
        if (!is_blank(source->date)) from.add(", " + source->date, Tone::dim);
        write_paragraph(out, 0, from, style);
    }
    print_body(out, doc, style, your_notes, true);
    if (your_stories.empty()) return;
    out << '\n';
    write_paragraph(out, 0, Styled("Your stories", Tone::bold), style);
    for (const Document& story : your_stories) {
        write_heading(out, 2, {}, story, {}, style);
        write_location(out, 4, story, style);
    }
}

void print_document_body(std::ostream& out, const Document& doc, const TextStyle& style,
                         const std::vector<Document>& your_notes) {
    print_body(out, doc, style, your_notes, false);
}

}  // namespace tpm
