#include "output/coverage_printer.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "output/styled_text.h"
#include "text/width.h"

namespace tpm {

namespace {

using detail::Styled;
using detail::Tone;
using detail::two_decimals;
using detail::write_paragraph;
using detail::write_wrapped;

void write_summary(std::ostream& out, const CoverageReport& report, const TextStyle& style) {
    Styled line("Your notes cover " + std::to_string(report.covered) + " of " +
                    std::to_string(report.questions.size()) + " shipped questions",
                Tone::bold);
    line.add(" (" + std::to_string(report.notes) +
                 " note sections; a note covers a question it links or is about: similarity " +
                 two_decimals(report.threshold) + " or more)",
             Tone::dim);
    write_paragraph(out, 0, line, style);
}

void write_topics(std::ostream& out, const CoverageReport& report, const TextStyle& style) {
    std::size_t id_width = 0;
    for (const TopicCoverage& t : report.topics) id_width = std::max(id_width, t.id.size());
    write_paragraph(out, 0, Styled("Topics, weakest first:", Tone::bold), style);
    for (const TopicCoverage& t : report.topics) {
        Styled row(t.id + std::string(id_width + 2 - t.id.size(), ' '), Tone::label);
        row.add(std::to_string(t.covered) + " of " + std::to_string(t.questions) + " covered",
                Tone::plain);
        write_paragraph(out, 2, row, style);
    }
}

// "  Q26  How do you ...?" with the title wrapped under itself, and a dim note after it.
void write_question(std::ostream& out, const QuestionCoverage& q, const Styled& note,
                    const TextStyle& style) {
    Styled prefix("  ", Tone::plain);
    prefix.add(q.id, Tone::bold);
    prefix.add("  ", Tone::plain);
    Styled title(q.title, Tone::plain);
    write_wrapped(out, prefix, title, text::display_width(prefix.text()), style);
    if (!note.text().empty()) write_paragraph(out, 6, note, style);
}

// The questions no note covers, each once, under the weakest of its topics.
void write_gaps(std::ostream& out, const CoverageReport& report, const TextStyle& style) {
    if (report.covered == report.questions.size()) return;
    out << '\n';
    write_paragraph(out, 0, Styled("Not covered, weakest topic first:", Tone::bold), style);
    std::set<std::string> listed;
    for (const TopicCoverage& t : report.topics) {
        bool heading = false;
        for (const std::string& id : t.gaps) {
            if (!listed.insert(id).second) continue;
            if (!heading) write_paragraph(out, 0, Styled(t.id, Tone::label), style);
            heading = true;
            const auto q = std::find_if(report.questions.begin(), report.questions.end(),
                                        [&](const QuestionCoverage& c) { return c.id == id; });
            if (q == report.questions.end()) continue;
            Styled note;
            if (q->nearest > 0) note.add("nearest note " + two_decimals(q->nearest), Tone::dim);
            write_question(out, *q, note, style);
        }
    }
}

void write_covered(std::ostream& out, const CoverageReport& report, const TextStyle& style) {
    if (report.covered == 0) return;
    out << '\n';
    write_paragraph(out, 0, Styled("Covered:", Tone::bold), style);
    for (const QuestionCoverage& q : report.questions) {
        if (!q.covered()) continue;
        Styled note("by ", Tone::dim);
        for (std::size_t i = 0; i < q.notes.size(); ++i) {
            const CoveringNote& n = q.notes[i];
            if (i > 0) note.add(", ", Tone::dim);
            note.add(n.id, Tone::path);
            note.add(n.linked ? " (links it)" : " (similar " + two_decimals(n.similarity) + ")",
                     Tone::dim);
        }
        write_question(out, q, note, style);
    }
}

}  // namespace

void print_coverage(std::ostream& out, const CoverageReport& report, const TextStyle& style) {
    write_summary(out, report, style);
    out << '\n';
    write_topics(out, report, style);
    write_gaps(out, report, style);
    write_covered(out, report, style);
}

}  // namespace tpm
