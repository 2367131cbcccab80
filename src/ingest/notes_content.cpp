// The text of one note Document: where each block's text goes (see SectionText in notes_blocks.h).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/notes_blocks.h"

namespace tpm::detail {
namespace {

constexpr std::array<const char*, 4> kStarLabels = {"Situation", "Task", "Action", "Result"};

// A table keeps one row per line; other text is one line.
std::string clean_text(const Block& block, std::string_view text) {
    if (!block.keep_lines) return collapse_space(text);
    std::vector<std::string> rows;
    for (std::string_view row : split_lines(text)) rows.push_back(collapse_space(row));
    return join_nonempty(rows, "\n");
}

}  // namespace

void SectionText::set_part(int part, int line) {
    part_ = part;
    if (part < 0) return;
    Part& p = parts_[static_cast<std::size_t>(part)];
    if (!p.seen) {
        p.seen = true;
        p.line = line;
    }
}

void SectionText::add(const Block& block, std::string_view text) {
    if (story_ && (block.type == BlockType::paragraph ||
                   (block.type == BlockType::item && block.level == 1))) {
        std::string_view rest;
        const int part = story_part(block, rest);
        if (part >= 0) {
            // A labelled paragraph or item opens its part with its text.
            set_part(part, block.line);
            add_paragraph(collapse_space(rest));
            return;
        }
    }
    switch (block.type) {
        case BlockType::paragraph:
            add_paragraph(clean_text(block, text));
            break;
        case BlockType::item:
            add_item(block, text);
            break;
        case BlockType::code:
            if (!trim_space(text).empty()) example_.emplace_back(text);
            break;
        default:
            break;
    }
}

bool SectionText::empty() const {
    if (!answer_.empty() || !points_.empty() || !example_.empty()) return false;
    for (const Part& part : parts_) {
        if (part.seen) return false;
    }
    return true;
}

void SectionText::finish(Document& doc) {
    doc.answer = join_nonempty(answer_, "\n\n");
    doc.example = join_nonempty(example_, "\n\n");
    doc.points = std::move(points_);
    if (!story_) return;
    for (std::size_t p = 0; p < parts_.size(); ++p) {
        Part& part = parts_[p];
        if (!part.seen) continue;
        doc.points.push_back(
            {kStarLabels[p], join_nonempty(part.paras, "\n\n"), std::move(part.items), part.line});
    }
}

SectionText::Part* SectionText::part() {
    return story_ && part_ >= 0 ? &parts_[static_cast<std::size_t>(part_)] : nullptr;
}

void SectionText::add_paragraph(std::string text) {
    if (text.empty()) return;
    if (Part* p = part()) {
        // After the part's items, a paragraph is kept after them, in the file's order ("Result:",
        // its bullets, then "Follow-ups they may ask ...").
        (p->items.empty() ? p->paras : p->items).push_back(std::move(text));
    } else {
        answer_.push_back(std::move(text));
    }
}

void SectionText::add_item(const Block& block, std::string_view raw) {
    std::string text = collapse_space(raw);
    if (text.empty()) return;
    if (Part* p = part()) {
        p->items.push_back(std::move(text));
    } else if (story_) {
        answer_.push_back(std::move(text));
    } else if (block.level > 1 && !points_.empty()) {
        points_.back().items.push_back(std::move(text));
    } else {
        Point point;
        point.line = block.line;
        // The bold label's offset counts from the start of the block's own text.
        const auto labelled = raw.data() == block.text.data() ? split_label(raw, block.bold_end)
                                                              : std::optional<Labelled>();
        if (labelled) {
            point.label = collapse_space(labelled->label);
            point.text = collapse_space(labelled->text);
        } else {
            point.text = std::move(text);
        }
        points_.push_back(std::move(point));
    }
}

}  // namespace tpm::detail
