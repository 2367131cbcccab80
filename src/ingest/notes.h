// ingest/notes.h: one of the user's note files -> Documents, one per section, so a search shows
// the right part of the right note. Markdown is parsed with md4c; plain text by lines.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string>

#include "model/diagnostic.h"

namespace tpm {

struct NoteFile {
    std::string text;       // the whole file, UTF-8 (already decoded), LF line ends
    std::string source;     // Document::source and Diagnostic::path: the file's path as shown
    std::string id_prefix;  // each section's id is id_prefix + "/" + its ordinal (1-based)
    bool markdown = true;   // else plain text
};

// Sections of `file`, in order, each with kind, title (the heading path), line, origin notes,
// and its text in answer/points/example; plus the file's front matter as one SourceInfo (when
// present) and Diagnostics for what could not be read (bad front matter). An empty file gives
// no documents and no diagnostic. Never throws on bad input.
//
// Markdown: YAML front matter (title, tags/topics, date, kind) is honoured. One document per
// section, titled by its heading path ("Acme onsite > System design > Caching", the front
// matter title or the file name standing for the top when there is no level-1 heading), with
// the line of its heading. Text before the first heading is a section titled by the file title.
// Paragraphs go to `answer`, list items to `points` ("Label: text" items keep their label), code
// blocks to `example`.
// Plain text: one section per block under a line that looks like a heading (a short line
// followed by a blank line, or underlined with === / ---, or numbered "1. Heading"), else one
// per file, titled by its first line.
// Questions, as a person writes them, become kind question with the question as title and what
// follows as answer: "Q:"/"A:" and "Question:"/"Answer:" pairs (one document per pair), a
// heading that ends in "?", and <details><summary>question</summary> answer </details>.
// Stories: front matter "kind: story", or a section whose subsections (or bold/labelled
// paragraphs) are Situation, Task, Action and Result, become kind story (one document for the
// story, the four parts as labelled points).
IngestResult parse_note(const NoteFile& file);

}  // namespace tpm
