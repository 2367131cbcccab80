// output/drill_printer.h: the screens of `tpmsearch drill`: a card's question side, the keys,
// and the session's last line. The answer side is print_document_body(). Renders only.
// May include model/ and text/.
#pragma once

#include <cstddef>
#include <ostream>
#include <string_view>

#include "model/document.h"
#include "model/review.h"
#include "output/text_printer.h"

namespace tpm {

// "Card 2 of 5 · new · release-engineering, reliability" and the card's id and title.
void print_card_front(std::ostream& out, const Document& card, std::size_t number,
                      std::size_t total, bool is_new, const TextStyle& style);

// The keys that work now, as one dim line: "space: show the answer   q: quit".
void print_keys(std::ostream& out, std::string_view keys, const TextStyle& style);

// "Done: 3 cards (1 again, 1 good, 1 easy) · due tomorrow: 1 · release-engineering 2 ·
// reliability 1".
void print_drill_summary(std::ostream& out, const DrillSummary& summary, const TextStyle& style);

}  // namespace tpm
