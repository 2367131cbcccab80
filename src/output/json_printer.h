// output/json_printer.h: results and documents as one JSON document for programs. The layout
// is versioned by kJsonSchema and documented in README.md; bump it on any change.
// May include model/ and text/.
#pragma once

#include <ostream>

#include "model/hit.h"

namespace tpm {

inline constexpr int kJsonSchema = 1;

// {"schema":1,"query":...,"corrected_query":null or the query searched after spelling fixes,
// "total_estimate":N,"hits":[{"rank","id","kind","score","question","question_highlights",
// "source","line","excerpts":[{"label","text","highlights":[[start,end],...],
// "truncated_start","truncated_end"}]}]} followed by a newline. Offsets are UTF-8 bytes.
void print_results_json(std::ostream& out, const SearchResults& results);

// {"schema":1,"document":{"id","kind","question","source","line","answer","points":[{"label",
// "text","items","line"}],"example","why"},"source_info":{"title","date","excerpt"} or null}
// followed by a newline.
void print_document_json(std::ostream& out, const Document& doc,
                         const SourceInfo* source = nullptr);

}  // namespace tpm
