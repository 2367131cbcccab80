// output/styled_text.h: text for a terminal with a tone (colour) per byte, and writing it
// wrapped to the terminal's width. Internal to output/: the text printer's building blocks.
// May include model/ and text/.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/hit.h"
#include "output/text_printer.h"

namespace tpm::detail {

// How a byte is shown with colour. Without colour every tone prints as plain text.
enum class Tone : unsigned char { plain, bold, label, highlight, path, line_no, dim };

// Text ready for the terminal with one tone per byte. Every string from a document goes
// through add(), which neutralises control characters and ill-formed UTF-8, so nothing a
// document contains can reach the terminal as a control sequence. Tones are assigned per code
// point, so colour changes never fall inside a UTF-8 sequence.
class Styled {
  public:
    Styled() = default;
    Styled(std::string_view s, Tone tone) { add(s, tone); }

    void add(std::string_view s, Tone tone) { add_spans(s, {}, tone, tone); }

    // Adds `s` in `base`, with the byte ranges `spans` of `s` in `marked`. Spans are moved
    // through the neutralisation so they still cover the same characters.
    void add_spans(std::string_view s, const std::vector<Span>& spans, Tone base, Tone marked);

    const std::string& text() const { return text_; }
    Tone tone(std::size_t i) const { return tones_[i]; }

  private:
    std::string text_;
    std::vector<Tone> tones_;
};

// Writes bytes [begin, end) of `s`, with colour codes around each run of one tone.
void emit(std::ostream& out, const Styled& s, std::size_t begin, std::size_t end, bool color);

// Writes `prefix` then `body` wrapped to style.width, continuation lines indented by `hang`
// columns, each line ending in '\n'. The prefix is never broken. With an empty body only the
// prefix is written, without trailing spaces.
void write_wrapped(std::ostream& out, const Styled& prefix, const Styled& body, std::size_t hang,
                   const TextStyle& style);

// How many lines write_wrapped() would write (at least one).
std::size_t wrapped_line_count(const Styled& prefix, const Styled& body, std::size_t hang,
                               const TextStyle& style);

// `x` with two decimals ("0.30", "9.41"), as scores and similarities are shown.
std::string two_decimals(double x);

// One paragraph at `indent` columns with a hanging indent of the same width.
void write_paragraph(std::ostream& out, std::size_t indent, const Styled& body,
                     const TextStyle& style);

}  // namespace tpm::detail
