// ingest/answer_links.h: which shipped questions a note says it answers, as the user writes it:
// `answers: [Q7, Q19]` in a file's front matter (every section of the file) and `[[Q7]]`
// wiki-style links in a section's text (that section), for `tpmsearch coverage`.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/document.h"

namespace tpm {

// Sets Document::answers of `docs` (the sections of one file, from parse_note()) from
// `file_answers` (the front matter's answers:, for every section) and the `[[Q7]]` links on
// each section's lines of `text` (the whole file; a link's line belongs to the last section
// starting at or before it). Ids are canonical ("q7" is Q7) and kept once per section. A
// front matter answer that is not a question id ("answers: canary") adds a Diagnostic naming
// `source` and the front matter's line 1; a `[[...]]` link that is no question id is ordinary
// text (a wiki link to another note).
void add_answer_links(std::string_view text, const std::vector<std::string>& file_answers,
                      const std::string& source, std::vector<Document>& docs,
                      std::vector<Diagnostic>& diagnostics);

// The canonical question id of `name` ("q7", "Q07" -> "Q7"), or "" when it is none.
std::string question_id(std::string_view name);

}  // namespace tpm
