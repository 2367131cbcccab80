// model/cheat_sheet.h: a printable cheat sheet (tpmsearch export): the questions of a topic or
// a query, each cut down to one line a point, with the user's own notes for it. prep/ builds
// it from the index; output/ renders it as Markdown or HTML. Standard library only.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace tpm {

// One line of a question's answer: a point's label ("Canary Releases", or empty for an
// unlabelled list item) and the first sentence of its text.
struct CheatSheetLine {
    std::string label;
    std::string text;

    bool operator==(const CheatSheetLine&) const = default;
};

// One of the user's note sections related to a question, as `show` lists it under "Your notes".
struct CheatSheetNote {
    std::string id;     // "notes:canary.md#rollback" or "work:stories/x.md#slug"
    std::string title;  // its heading path
    std::string source;
    int line = 0;

    bool operator==(const CheatSheetNote&) const = default;
};

struct CheatSheetQuestion {
    std::string id;  // "Q26", or a note question's id
    std::string title;
    Origin origin = Origin::corpus;
    std::string source;
    int line = 0;
    // One line a point; a question whose answer has no points gets its answer's first
    // sentence as a single unlabelled line, so that no question is printed bare.
    std::vector<CheatSheetLine> lines;
    std::vector<CheatSheetNote> notes;

    bool operator==(const CheatSheetQuestion&) const = default;
};

struct CheatSheet {
    // What the sheet is of, for its heading: "Release engineering", "Release engineering,
    // Security", or the query as typed ("canary rollback").
    std::string title;
    // How it was selected, in words for its subtitle: "topic release-engineering" or
    // "query: canary rollback".
    std::string selection;
    std::vector<CheatSheetQuestion> questions;  // document order for topics, rank order for a
                                                // query

    bool operator==(const CheatSheet&) const = default;
};

}  // namespace tpm
