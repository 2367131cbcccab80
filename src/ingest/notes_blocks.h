// ingest/notes_blocks.h: internals of the notes reader (ingest/notes.h). A note file is first
// flattened into Blocks (headings, paragraphs, list items, code, <details> bounds) by the
// markdown or the plain-text reader; one section builder then turns the blocks into Documents,
// so both formats share the rules for sections, questions and stories.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest_text.h"
#include "model/diagnostic.h"

namespace tpm::detail {

enum class BlockType {
    heading,        // level 1-6, text is the heading's plain text
    paragraph,      // text's lines are separated by '\n' (a table's rows when keep_lines)
    item,           // a list item; level is its nesting depth, 1 for a top-level item
    code,           // a code block, verbatim
    details_open,   // <details>; text is its <summary>, filled in when the summary is read
    details_close,  // </details>
};

struct Block {
    BlockType type = BlockType::paragraph;
    int level = 0;
    int line = 0;  // 1-based line in the whole file
    std::string text;
    std::size_t bold_end = 0;  // length of a bold span that opens the text ("**Label:** ..."), or 0
    bool keep_lines = false;   // a table: its rows stay on separate lines
};

// What a paragraph or item starts with, as a person writes questions and stories.
enum class Marker { none, question, answer, situation, task, action, result };

// The marker at the start of `block` ("Q:", "Answer 2:", "**Situation** -", "Result:"), and in
// `rest` the text after it. A STAR word is also a marker when it is the whole text ("Task").
Marker marker_of(const Block& block, std::string_view& rest);

// 0-3 for situation, task, action, result; -1 for other markers.
int star_index(Marker marker);

// The STAR part (0-3, or -1) a paragraph or item of a story opens: its marker, with "A:" read
// as the Action (in "S:/T:/A:/R:" notes), and in `rest` the text after it.
int story_part(const Block& block, std::string_view& rest);

// A section is a story when it has at least this many of the four STAR parts: a story still
// being written (no Result yet) is a story, and `show` names the part that is missing. Two
// parts ("Task:" and "Result:" in a to-do list) are not enough.
inline constexpr int kStoryMinParts = 3;

// The STAR marker a heading's text names ("Situation", "Result:"), or Marker::none.
Marker star_heading(std::string_view heading);

// Splits every paragraph at the lines that start with a marker ("Q: ...\nA: ..." is two), so
// each marker opens its own block. Linear in the text.
std::vector<Block> split_at_markers(std::vector<Block> blocks);

// Blocks of a markdown body, parsed with md4c. `first_line` is the file line `body` starts at.
// Returns false (and leaves `blocks` unspecified) if md4c fails.
bool markdown_blocks(std::string_view body, int first_line, std::vector<Block>& blocks);

// Blocks of a plain-text body (see parse_note). When the text has no heading, its first line
// gives the title: a short first line becomes a level-1 heading, else `title` is set to the
// start of that line.
std::vector<Block> text_blocks(std::string_view body, int first_line, std::string& title);

// The text of one Document as blocks are added to it: paragraphs to answer, list items to
// points (nested items to the items of the point above), code to example. A story sorts its
// text into the four STAR parts instead, which become its points.
class SectionText {
  public:
    explicit SectionText(bool story) : story_(story) {}

    // Makes the blocks that follow part `part` (0-3, or -1 for none) of a story; `line` is
    // where the part starts, kept from its first mention.
    void set_part(int part, int line);

    void add(const Block& block) { add(block, block.text); }

    // Adds `block`, whose text after any "A:" marker is `text`. In a story, a paragraph or
    // item that starts with a STAR label opens that part.
    void add(const Block& block, std::string_view text);

    bool empty() const;

    // Moves the text into doc.answer, doc.points and doc.example.
    void finish(Document& doc);

  private:
    struct Part {
        std::vector<std::string> paras;
        std::vector<std::string> items;
        int line = 0;
        bool seen = false;
    };

    Part* part();
    void add_paragraph(std::string text);
    void add_item(const Block& block, std::string_view raw);

    bool story_;
    int part_ = -1;
    std::array<Part, 4> parts_;
    std::vector<std::string> answer_, example_;
    std::vector<Point> points_;
};

// How a whole file reads, from its front matter "kind:".
enum class FileKind { notes, question, story };

struct NoteContext {
    std::string source;
    std::string front_title;     // the front matter's title, or empty
    std::string fallback_title;  // the file name without extension (or a text's first line)
    FileKind kind = FileKind::notes;
};

// Turns the blocks of one file into Documents appended to result.docs (order and origin set;
// parse_note() gives the ids), and Diagnostics for questions without an answer.
void build_documents(const std::vector<Block>& blocks, const NoteContext& context,
                     IngestResult& result);

}  // namespace tpm::detail
