// ingest/qa_markdown.h: parses the shipped Q&A document: YAML front matter, preparation tips,
// then "Question N: ..." blocks with "Answer:", labelled points, an example paragraph and
// "Why this is important:". Line-based, because that is the document's structure.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string>
#include <string_view>

#include "model/diagnostic.h"

namespace tpm {

// Parses one Q&A document. `text` is the file content after text::clean_input; `source` is the
// path as the user should see it, copied into every Document, SourceInfo and Diagnostic.
// Returns one Document per question (id "Q<N>", kind question) and one per preparation tip
// before the "Top N Questions and Answers" line (ids "tips/1", "tips/2", ..., kind tip), in
// document order (Document::order counts from 1), plus one SourceInfo from the front matter.
// Anything it cannot place becomes a Diagnostic with its line and parsing goes on: a question
// without "Answer:" (skipped), a repeated question number (the later one skipped), text it
// cannot attach. Never throws on bad input.
IngestResult parse_qa_markdown(std::string_view text, const std::string& source);

}  // namespace tpm
