// prep/cheat_sheet.h: chooses what a cheat sheet holds (tpmsearch export): the questions of
// some topics or of a query, each answer cut to one line a point, and under each shipped
// question the user's notes most like it, as `show` lists them. output/cheat_sheet.h renders
// the result. May include model/, text/, topics/, search/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/cheat_sheet.h"
#include "model/diagnostic.h"
#include "search/searcher.h"

namespace tpm {

struct CheatSheetRequest {
    // Topic ids or aliases (OR'ed). Without a query: every question of them, in document order.
    std::vector<std::string> topics;
    // Words, as a search takes them: the questions that match best, in rank order.
    std::string query;
    // At most this many questions; 0: every question of the topics, or 10 for a query (as a
    // search shows).
    std::size_t limit = 0;
    std::optional<Origin> origin;        // only shipped questions or only the user's own
    bool correct_spelling = true;        // SearchRequest::correct_spelling
    bool exact_phrases = false;          // SearchRequest::exact_phrases
    std::size_t notes_per_question = 3;  // as `show` lists under "Your notes"
    // These questions, in this order (the drill's due cards, export --due); the topics, query
    // and origin then only name the selection.
    std::optional<std::vector<std::string>> ids;
};

// What build() found, with what the search has to tell the user (as a search prints them).
struct CheatSheetResult {
    CheatSheet sheet;
    std::string rescue;           // SearchResults::rescue
    std::string corrected_query;  // SearchResults::corrected_query
    std::vector<Diagnostic> warnings;
};

class CheatSheetBuilder {
  public:
    // Reads `db` through `searcher` (which must search the same database); both must outlive
    // the builder.
    CheatSheetBuilder(const Xapian::Database& db, const Searcher& searcher);

    // The sheet for `request`: only questions (shipped ones and the user's Q:/A: sections),
    // never tips, stories, other notes or related documents. An empty sheet when nothing
    // matches. Throws tpm::Error(bad_query) for a malformed query or an unknown topic, and
    // tpm::Error(index_corrupt) when the index cannot be read.
    CheatSheetResult build(const CheatSheetRequest& request) const;

  private:
    CheatSheetQuestion question(const Document& doc, const CheatSheetRequest& request) const;
    // The sheet of request.ids.
    CheatSheetResult listed(const CheatSheetRequest& request) const;
    std::string title(const CheatSheetRequest& request) const;

    const Xapian::Database& db_;
    const Searcher& searcher_;
};

// The first sentence of `text` (ICU sentence rules) with its runs of white space made one
// space, so that it fits one line of a sheet; `text` itself when it is one sentence.
std::string first_sentence(std::string_view text);

// A point as one line: its label and the first sentence of its text; a point that only leads
// into its items ("which might include:") gets them after it, joined by "; ".
CheatSheetLine point_line(const Point& point);

}  // namespace tpm
