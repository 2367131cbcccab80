#include "output/drill_printer.h"

#include <string>

#include "output/styled_text.h"
#include "text/width.h"

namespace tpm {

namespace {

using detail::Styled;
using detail::Tone;
using detail::write_paragraph;
using detail::write_wrapped;

constexpr std::string_view kDot = " \xC2\xB7 ";  // U+00B7

}  // namespace

void print_card_front(std::ostream& out, const Document& card, std::size_t number,
                      std::size_t total, bool is_new, const TextStyle& style) {
    Styled about("Card " + std::to_string(number) + " of " + std::to_string(total), Tone::dim);
    if (is_new) about.add(std::string(kDot) + "new", Tone::dim);
    about.add(std::string(kDot) + to_string(card.kind), Tone::dim);
    for (std::size_t i = 0; i < card.topics.size(); ++i) {
        about.add(i == 0 ? std::string(kDot) : std::string(", "), Tone::dim);
        about.add(card.topics[i], Tone::label);
    }
    write_paragraph(out, 0, about, style);
    Styled prefix(card.id, Tone::bold);
    prefix.add("  ", Tone::plain);
    write_wrapped(out, prefix, Styled(card.title, Tone::bold), text::display_width(prefix.text()),
                  style);
}

void print_keys(std::ostream& out, std::string_view keys, const TextStyle& style) {
    write_paragraph(out, 2, Styled(keys, Tone::dim), style);
}

void print_drill_summary(std::ostream& out, const DrillSummary& summary, const TextStyle& style) {
    static constexpr const char* kAnswers[] = {"again", "hard", "good", "easy"};
    Styled line("Done: " + std::to_string(summary.done) + (summary.done == 1 ? " card" : " cards"),
                Tone::bold);
    std::string counts;
    for (std::size_t i = 0; i < 4; ++i) {
        if (summary.answers[i] == 0) continue;
        counts +=
            (counts.empty() ? "" : ", ") + std::to_string(summary.answers[i]) + " " + kAnswers[i];
    }
    if (!counts.empty()) line.add(" (" + counts + ")", Tone::plain);
    line.add(std::string(kDot) + "due tomorrow: " + std::to_string(summary.due_tomorrow),
             Tone::plain);
    for (const auto& [topic, n] : summary.topics) {
        line.add(std::string(kDot), Tone::plain);
        line.add(topic, Tone::label);
        line.add(" " + std::to_string(n), Tone::plain);
    }
    write_paragraph(out, 0, line, style);
}

}  // namespace tpm
