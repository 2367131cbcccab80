// ingest/hashtags.h: the #hashtags a person writes in a note ("led the #conflict talk"), as
// tags of the section that holds them, so tag:conflict finds it as front matter tags: do.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <string_view>
#include <vector>

#include "model/document.h"

namespace tpm {

// Appends to the tags of each of `docs` (the sections of one file as parse_note() made them
// from `text`, the whole file) the #hashtags written on its lines: those from its line to the
// line before the next section's (text before the first section counts for the first). A
// hashtag is '#' at the start of a line or after a space or tab, then letters, digits, '-'
// and '_' with at least one letter; it is case-folded and kept once per section. A markdown
// heading ("# Title": a space after the '#'), front matter, fenced code blocks and `inline
// code` (in markdown) hold none. The words stay in the text, searchable as words.
void add_hashtags(std::string_view text, bool markdown, std::vector<Document>& docs);

// The sections of one file, to find the one a line of the file belongs to: the last starting
// at or before it (the first, for text above every section). `docs` must outlive it and not be
// resized.
class SectionsByLine {
  public:
    explicit SectionsByLine(std::vector<Document>& docs);
    Document& holding(int line);

  private:
    std::vector<Document>& docs_;
    std::vector<std::size_t> by_line_;  // indexes of docs_ ordered by line
};

}  // namespace tpm
