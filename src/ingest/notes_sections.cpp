// Blocks -> Documents: sections by heading, their heading paths, and the questions and stories
// inside them. Shared by the markdown and plain-text readers.
#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/notes_blocks.h"
#include "model/document.h"
#include "text/ascii.h"

namespace tpm::detail {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

bool reads_as_question(std::string_view title) { return trim_space(title).ends_with('?'); }

// A <summary> that only hides the answer of the question around it ("Answer", "Show
// solution") rather than naming a question or topic of its own.
bool reveals_answer(std::string_view summary) {
    std::string s = text::ascii_lower(trim_space(summary));
    while (!s.empty() && (s.back() == ':' || s.back() == '.' || s.back() == '!')) s.pop_back();
    static constexpr std::string_view kReveal[] = {
        "",
        "answer",
        "answers",
        "solution",
        "solutions",
        "show answer",
        "show solution",
        "see answer",
        "reveal answer",
        "click to expand",
        "click to show",
        "click here",
        "expand",
        "hint",
        "explanation",
    };
    for (std::string_view r : kReveal) {
        if (s == r) return true;
    }
    // A summary without a letter or digit ("...") names nothing either.
    for (char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

struct Draft {
    Document doc;
    SectionText content;
    bool asked = false;  // a "Q:" question, which should have an answer
};

struct Section {
    std::size_t heading = kNone;  // its heading block; kNone for the text before any heading
    int level = 0;
    std::string heading_text;
    std::string path;
    std::size_t begin = 0, end = 0;                       // its own blocks, up to the next heading
    std::size_t blocks_end = 0;                           // the end of its subtree in blocks
    std::size_t sections_end = 0;                         // the end of its subtree in sections
    bool consumed = false;                                // a part of a story told elsewhere
    std::vector<std::pair<int, std::size_t>> star_parts;  // STAR part -> section
};

class SectionBuilder {
  public:
    SectionBuilder(const std::vector<Block>& blocks, const NoteContext& context,
                   IngestResult& result)
        : blocks_(blocks), context_(context), result_(result) {}

    void run() {
        if (context_.kind == FileKind::story) {
            whole_file_story();
        } else {
            find_sections();
            find_stories();
            for (std::size_t s = 0; s < sections_.size(); ++s) {
                if (!sections_[s].consumed) emit_section(s);
            }
        }
        int ordinal = 0;
        for (Draft& draft : drafts_) {
            Document& doc = draft.doc;
            draft.content.finish(doc);
            if (draft.asked && doc.title.empty()) {
                // A "Q:" with nothing after it: no question to search for.
                result_.diagnostics.push_back(
                    {context_.source, doc.line, "empty question; skipped"});
                continue;
            }
            if (draft.asked && doc.answer.empty() && doc.points.empty() && doc.example.empty()) {
                result_.diagnostics.push_back(
                    {context_.source, doc.line, "question has no answer"});
            }
            ++ordinal;
            doc.order = ordinal;
            doc.origin = Origin::notes;
            doc.source = context_.source;
            result_.docs.push_back(std::move(doc));
        }
    }

  private:
    Draft& new_draft(DocKind kind, std::string title, int line, bool story = false) {
        drafts_.push_back({Document{}, SectionText(story), false});
        Draft& draft = drafts_.back();
        draft.doc.kind = kind;
        draft.doc.title = std::move(title);
        draft.doc.line = line;
        return draft;
    }

    std::string first_h1() const {
        for (const Block& block : blocks_) {
            if (block.type == BlockType::heading && block.level == 1) return block.text;
        }
        return {};
    }

    // The whole file is one story ("kind: story"): STAR headings and labels pick its parts.
    void whole_file_story() {
        if (blocks_.empty()) return;
        std::string title = context_.front_title;
        if (title.empty()) title = collapse_space(first_h1());
        if (title.empty()) title = context_.fallback_title;
        Draft& draft = new_draft(DocKind::story, std::move(title), blocks_.front().line, true);
        int part_level = 0;
        for (const Block& block : blocks_) {
            if (block.type != BlockType::heading) {
                draft.content.add(block);
                continue;
            }
            const int part = star_index(star_heading(block.text));
            if (part >= 0) {
                draft.content.set_part(part, block.line);
                part_level = block.level;
            } else if (block.level <= part_level) {
                draft.content.set_part(-1, block.line);
                part_level = 0;
            }
        }
    }

    void find_sections() {
        std::string top = collapse_space(first_h1());
        if (top.empty()) top = context_.front_title;
        if (top.empty()) top = context_.fallback_title;
        std::vector<std::pair<int, std::string>> path = {{1, top}};
        std::size_t i = 0;
        while (i < blocks_.size() && blocks_[i].type != BlockType::heading) ++i;
        if (i > 0) {
            Section before;
            before.heading_text = top;
            before.path = top;
            before.end = before.blocks_end = i;
            before.sections_end = 1;
            sections_.push_back(std::move(before));
        }
        for (; i < blocks_.size(); ++i) {
            const Block& block = blocks_[i];
            if (block.type != BlockType::heading) continue;
            std::string text = collapse_space(block.text);
            while (!path.empty() && path.back().first >= block.level) path.pop_back();
            // An empty level-1 heading ("#", or only an image) leaves the file title on top.
            path.emplace_back(block.level, text.empty() && block.level == 1 ? top : text);
            std::vector<std::string> names;
            for (const auto& entry : path) names.push_back(entry.second);
            if (join_nonempty(names, kHeadingSeparator).empty()) names = {top};
            std::size_t end = i + 1;
            while (end < blocks_.size() && blocks_[end].type != BlockType::heading) ++end;
            Section section;
            section.heading = i;
            section.level = block.level;
            section.heading_text = std::move(text);
            section.path = join_nonempty(names, kHeadingSeparator);
            section.begin = i + 1;
            section.end = end;
            sections_.push_back(std::move(section));
        }
        // A subtree ends at the next heading of the same or a higher level.
        std::vector<std::size_t> open;
        for (std::size_t s = 0; s <= sections_.size(); ++s) {
            const bool last = s == sections_.size();
            while (!open.empty() && (last || sections_[open.back()].level >= sections_[s].level)) {
                Section& done = sections_[open.back()];
                done.sections_end = s;
                done.blocks_end = last ? blocks_.size() : sections_[s].heading;
                open.pop_back();
            }
            if (!last && sections_[s].heading != kNone) open.push_back(s);
        }
    }

    int star_of(std::size_t s) const {
        return sections_[s].heading == kNone ? -1
                                             : star_index(star_heading(sections_[s].heading_text));
    }

    // Collects the STAR sections among `candidates`; true (with the parts set on `owner`) if
    // enough of the four are there (kStoryMinParts).
    bool take_parts(std::size_t owner, const std::vector<std::size_t>& candidates) {
        std::array<std::size_t, 4> found;
        found.fill(kNone);
        for (std::size_t c : candidates) {
            const int part = star_of(c);
            if (part >= 0 && found[static_cast<std::size_t>(part)] == kNone &&
                !sections_[c].consumed) {
                found[static_cast<std::size_t>(part)] = c;
            }
        }
        int parts = 0;
        for (std::size_t c : found) parts += c != kNone ? 1 : 0;
        if (parts < kStoryMinParts) return false;
        for (std::size_t c : candidates) {
            const int part = star_of(c);
            if (part < 0 || found[static_cast<std::size_t>(part)] != c) continue;
            sections_[owner].star_parts.emplace_back(part, c);
            for (std::size_t d = c; d < sections_[c].sections_end; ++d) {
                sections_[d].consumed = true;
            }
        }
        return true;
    }

    // A story told in four sections named Situation, Task, Action and Result: siblings right
    // after a section (the tech-interview-handbook's "#### Example" then "#### Situation"...),
    // or the subsections of one. Siblings are looked at first, as they are the closer match.
    void find_stories() {
        for (std::size_t s = 0; s < sections_.size(); ++s) {
            if (sections_[s].consumed || sections_[s].heading == kNone || star_of(s) >= 0) continue;
            std::vector<std::size_t> siblings;
            std::size_t next = sections_[s].sections_end;
            while (siblings.size() < 4 && next < sections_.size() &&
                   sections_[next].level == sections_[s].level && star_of(next) >= 0) {
                siblings.push_back(next);
                next = sections_[next].sections_end;
            }
            if (siblings.size() >= static_cast<std::size_t>(kStoryMinParts)) {
                take_parts(s, siblings);
            }
        }
        for (std::size_t s = 0; s < sections_.size(); ++s) {
            if (sections_[s].consumed || sections_[s].heading == kNone ||
                !sections_[s].star_parts.empty()) {
                continue;
            }
            std::vector<std::size_t> children;
            for (std::size_t c = s + 1; c < sections_[s].sections_end;
                 c = sections_[c].sections_end) {
                children.push_back(c);
            }
            take_parts(s, children);
        }
    }

    // True if the section's own paragraphs and items carry enough STAR labels (kStoryMinParts).
    bool has_star_labels(const Section& section) const {
        std::array<bool, 4> seen{};
        for (std::size_t i = section.begin; i < section.end; ++i) {
            const Block& block = blocks_[i];
            if (block.type != BlockType::paragraph &&
                !(block.type == BlockType::item && block.level == 1)) {
                continue;
            }
            std::string_view rest;
            const int part = story_part(block, rest);
            if (part >= 0) seen[static_cast<std::size_t>(part)] = true;
        }
        int parts = 0;
        for (bool part : seen) parts += part ? 1 : 0;
        return parts >= kStoryMinParts;
    }

    void emit_section(std::size_t s) {
        const Section& section = sections_[s];
        const int line = section.heading != kNone      ? blocks_[section.heading].line
                         : section.begin < section.end ? blocks_[section.begin].line
                                                       : 0;
        if (!section.star_parts.empty() || has_star_labels(section)) {
            emit_story(section, line);
            return;
        }
        const bool question = context_.kind == FileKind::question ||
                              (section.heading != kNone && reads_as_question(section.heading_text));
        const std::size_t first = drafts_.size();
        new_draft(question ? DocKind::question : DocKind::note,
                  question ? section.heading_text : section.path, line);
        add_content(section, first);
        // An empty section is kept only when it is a heading with nothing under it at all.
        const bool leaf = section.heading != kNone && section.sections_end == s + 1;
        const bool alone = drafts_.size() == first + 1;
        if (drafts_[first].content.empty() && !(leaf && alone)) {
            drafts_.erase(drafts_.begin() + static_cast<std::ptrdiff_t>(first));
        }
    }

    void emit_story(const Section& section, int line) {
        Draft& draft = new_draft(DocKind::story, section.path, line, true);
        for (std::size_t i = section.begin; i < section.end; ++i) draft.content.add(blocks_[i]);
        for (const auto& [part, s] : section.star_parts) {
            const Section& source = sections_[s];
            draft.content.set_part(part, blocks_[source.heading].line);
            for (std::size_t i = source.begin; i < source.blocks_end; ++i) {
                if (blocks_[i].type != BlockType::heading) draft.content.add(blocks_[i]);
            }
        }
    }

    // Routes the section's blocks: to its own draft, to a question opened by "Q:" (which runs
    // until the next one), or to a <details> block's document.
    void add_content(const Section& section, std::size_t own) {
        std::size_t current = own;
        struct Open {
            std::size_t draft;
            bool own;
        };
        std::vector<Open> details;
        for (std::size_t i = section.begin; i < section.end; ++i) {
            const Block& block = blocks_[i];
            const std::size_t target = details.empty() ? current : details.back().draft;
            if (block.type == BlockType::details_open) {
                if (!details.empty() || reveals_answer(block.text)) {
                    details.push_back({target, false});
                } else {
                    details.push_back({open_details(section, block), true});
                }
                continue;
            }
            if (block.type == BlockType::details_close) {
                if (!details.empty()) details.pop_back();
                continue;
            }
            std::string_view rest;
            const Marker marker =
                block.type == BlockType::paragraph ? marker_of(block, rest) : Marker::none;
            if (marker == Marker::question && details.empty()) {
                Draft& draft = new_draft(DocKind::question, collapse_space(rest), block.line);
                draft.asked = true;
                current = drafts_.size() - 1;
                continue;
            }
            Draft& draft = drafts_[target];
            if (draft.asked && draft.doc.title.empty()) {
                draft.doc.title = collapse_space(block.text);  // "Q:" alone, the question below
                continue;
            }
            if (marker == Marker::answer && draft.doc.kind == DocKind::question &&
                draft.content.empty()) {
                draft.content.add(block, rest);
            } else {
                draft.content.add(block);
            }
        }
    }

    // A <details> block with a summary of its own: a question if the summary asks one, else a
    // section of the note under the summary's name.
    std::size_t open_details(const Section& section, const Block& block) {
        std::string summary = block.text;
        Block probe;
        probe.text = summary;
        std::string_view rest;
        if (marker_of(probe, rest) == Marker::question) summary = collapse_space(rest);
        if (reads_as_question(summary)) {
            new_draft(DocKind::question, std::move(summary), block.line);
        } else {
            std::string_view name = trim_space(summary);
            if (name.ends_with(':')) name.remove_suffix(1);
            // "### C++" then "<summary>C++</summary>" names one thing once.
            std::string title = section.path;
            if (name != section.heading_text) {
                title.append(kHeadingSeparator);
                title.append(name);
            }
            new_draft(DocKind::note, std::move(title), block.line);
        }
        return drafts_.size() - 1;
    }

    const std::vector<Block>& blocks_;
    const NoteContext& context_;
    IngestResult& result_;
    std::vector<Section> sections_;
    std::vector<Draft> drafts_;
};

}  // namespace

void build_documents(const std::vector<Block>& blocks, const NoteContext& context,
                     IngestResult& result) {
    const std::vector<Block> split = split_at_markers(blocks);
    SectionBuilder(split, context, result).run();
}

}  // namespace tpm::detail
