// ingest/front_matter.h: the YAML front matter block ("---" ... "---") at the top of a markdown
// or text file. May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

struct FrontMatter {
    bool present = false;                       // the file starts with a front matter block
    std::map<std::string, std::string> fields;  // scalar fields, e.g. title, date, excerpt
    std::map<std::string, std::vector<std::string>> lists;  // sequence fields, e.g. tags
    int body_line = 1;  // 1-based line where the text after the block starts
};

// Reads the front matter at the start of `text` (already passed through text::clean_input).
// A block that never closes adds a Diagnostic naming `path` and line 1 and is treated as
// absent (body_line 1). A closed block that is not valid YAML, or not a mapping, adds a
// Diagnostic with its line and yields no fields (present false), but body_line still points
// past the block. Never throws on bad input.
FrontMatter parse_front_matter(std::string_view text, const std::string& path,
                               std::vector<Diagnostic>& diagnostics);

// The scalar field `key` ("title", "date"), or "" when the front matter has none.
std::string front_matter_field(const FrontMatter& fm, const std::string& key);

// The front matter's `tags:` and `topics:`, in that order, trimmed and without repeats; each a
// YAML list or, as many blog engines write it, one line of comma-separated names.
std::vector<std::string> front_matter_tags(const FrontMatter& fm);

// The names of the front matter's `keys`, in that order, as front_matter_tags() reads tags:
// ("answers: [Q7, Q19]" or "answers: Q7, Q19").
std::vector<std::string> front_matter_list(const FrontMatter& fm,
                                           std::initializer_list<const char*> keys);

}  // namespace tpm
