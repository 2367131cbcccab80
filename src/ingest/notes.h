// ingest/notes.h: one of the user's note files -> Documents, one per section, so a search shows
// the right part of the right note. Markdown is parsed with md4c; plain text by lines.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string>

#include "model/diagnostic.h"

namespace tpm {

struct NoteFile {
    std::string text;    // the whole file, UTF-8 (already decoded), LF line ends
    std::string source;  // Document::source and Diagnostic::path: the file's path as shown
    // The file as ids name it: its path relative to the registered folder (ingest/note_ids.h)
    std::string id_base;
    bool markdown = true;  // else plain text
};

// Sections of `file`, in order, each with kind, title (the heading path), line, origin notes,
// and its text in answer/points/example; plus the file's front matter as one SourceInfo (when
// present) and Diagnostics for what could not be read. Every Document gets origin notes, source
// file.source, an id made of file.id_base and its heading (detail::assign_section_ids:
// "stories/failure.md#biggest-failure"), order its ordinal (1-based, in file order), and line the
// 1-based line (in the whole file) of its heading or first text. An empty or whitespace-only file
// gives no documents and no diagnostic. Never throws on bad input.
//
// Front matter (see parse_front_matter, whose diagnostics are passed on): title, date and the
// tags:/topics: lists go into the SourceInfo (the indexer tags the documents from it, so
// Document::tags stays empty); "kind: story" makes the whole file one story (titled by the front
// matter title, else the first level-1 heading, else the file name), "kind: question"
// makes every section a question; another kind is reported and read as notes.
//
// Markdown: one document per section (a heading and its text up to the next heading of any
// level), titled by its heading path ("Acme onsite > System design > Caching"). The top of the
// path is the current level-1 heading, or when the file has none, the front matter title, else
// the file name without extension; text before the first heading is a section titled by that
// top. A section without text is skipped when it has subsections (or its text all went to
// questions), and kept with its title alone otherwise. Paragraphs go to `answer` (joined with a
// blank line; a table's rows stay on separate lines), list items to `points` with their line
// ("Label: text", "**Label**: text", "**Label:** text" and "**Label** - text" keep the label;
// deeper items are the items of the point above), code blocks to `example`. Inline markup is
// dropped: link text stays, URLs and image descriptions go; so are HTML tags (their text
// stays) and MDX "import ... from" lines. Should md4c fail, that is reported (line 0) and the
// file is read as plain text.
//
// Plain text: a heading is a line after a blank line (or at the top) and shorter than 80
// characters that is underlined with === or ---, or a numbered "1. Heading" (or "2.3 Heading")
// before a blank line and text that is not another numbered line, or any such short line not
// ending in '.', ',', ';' or '!' and followed by a blank line and text that is not itself a
// heading (a run of short lines is a list, not headings). A heading on the first line is the
// title (level 1); below it, === and plain headings are level 2, --- level 3, "1." level 2 and
// "1.2" level 3. A trailing ':' is dropped from the title. A file without any heading is one
// document titled by its first line (which is left out of its text when it is short). "- ",
// "* ", "• " and "1. " lines are list items; indented ones are nested.
//
// Questions, as a person writes them, become kind question with the question as title and what
// follows as answer:
//  - "Q:"/"A:" and "Question:"/"Answer:" pairs (any case, "Q1:", possibly bold as "**Q:**"):
//    the question runs to the next "Q:" or heading; one without any answer is kept and reported,
//    a "Q:" with no question at all is reported and skipped;
//  - a heading that ends in "?": its section, titled by the heading alone;
//  - <details><summary>Question?</summary> answer </details>. A summary that is not a question
//    makes a note titled "path > summary"; a summary that only hides an answer ("Answer",
//    "Show solution", "...") leaves its content to the text around it.
// Stories: one document of kind story, titled by the heading path, whose points are the parts
// found of Situation, Task, Action and Result, in that order, labelled so (text around them
// goes to answer). A section is a story when its subsections are named Situation, Task, Action
// and Result (any case, with or without ':'), when four sibling sections so named follow it, or
// when its paragraphs or items start with the four labels ("Situation: ...", "**Task:** ...",
// "**Action** - ..."). The four sections then give no documents of their own.
IngestResult parse_note(const NoteFile& file);

}  // namespace tpm
