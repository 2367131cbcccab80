// ingest/note_ids.h: the readable ids of a note file's sections, as a person refers to them:
// the file (its path relative to the registered folder, ingest/notes.h NoteFile::id_base) and
// the section's heading as GitHub anchors it ("stories/failure.md#biggest-failure").
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/notes_blocks.h"
#include "model/document.h"

namespace tpm {

// GitHub's anchor of a heading: lower case (ASCII letters; other letters are kept as written),
// spaces to '-', punctuation dropped (ASCII punctuation but '-' and '_', and the General
// Punctuation block: dashes, curly quotes, ellipsis). "Biggest failure (2023)!" ->
// "biggest-failure-2023". Empty when nothing is left.
std::string heading_slug(std::string_view heading);

namespace detail {

// Gives each of `docs` (the sections of one file, made from `blocks`, in file order) its id:
// `base` + "#" + the slug of its heading, a repeated slug numbered -1, -2 in heading order as
// GitHub does; a section that does not start at a heading is `base` alone when it is the first,
// else `base` + "#line-N". Ids are unique within the file.
void assign_section_ids(const std::vector<Block>& blocks, const std::string& base,
                        std::vector<Document>& docs);

}  // namespace detail
}  // namespace tpm
