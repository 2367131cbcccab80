// output/text_printer.h: results and documents for a person at a terminal. Renders only: it
// adds colour, wrapping and layout to data it is given, and neutralises control characters so
// a document cannot drive the user's terminal. May include model/ and text/.
#pragma once

#include <cstddef>
#include <ostream>
#include <vector>

#include "model/hit.h"
#include "model/topic.h"

namespace tpm {

struct TextStyle {
    bool color = false;     // ANSI colour and bold highlights (cli/ decides: tty, NO_COLOR)
    std::size_t width = 0;  // wrap to this many columns; 0 = do not wrap (piped output)
    // The topic footer under results lists every topic of the match set (--facets), not only
    // the largest that fit two lines.
    bool all_topics = false;
};

// The ranked hits: for each, rank, id, the question, source:line with its topics, and its
// excerpts with matched words highlighted (bold red with colour, unmarked without). Under them,
// the topic counts of the whole match set: "topics: reliability 7 · release-engineering 4".
// Hits are separated by one blank line. Prints nothing for an empty result set; cli/ reports
// "no results".
void print_results(std::ostream& out, const SearchResults& results, const TextStyle& style);

// One whole document laid out for reading (tpmsearch show Q26): id and title, source:line and,
// when `source` is given, its title and date; the answer, each point as "Label: text" with its
// items, the example and "Why this is important"; then, under "Your notes", the user's note
// sections most related to it (`your_notes`), each with its title and path:line.
// Under a behavioural question, "Your stories" lists `your_stories`, the STAR stories that
// answer it (prep/story_map.h).
void print_document(std::ostream& out, const Document& doc, const TextStyle& style,
                    const SourceInfo* source = nullptr,
                    const std::vector<Document>& your_notes = {},
                    const std::vector<Document>& your_stories = {});

// print_document() without its header and location: the answer, points, example, why and
// "Your notes", for the drill's answer side.
void print_document_body(std::ostream& out, const Document& doc, const TextStyle& style,
                         const std::vector<Document>& your_notes = {});

// Every topic as a table: id, how many shipped questions and tips and how many of the user's
// questions, stories and other notes carry it; under each row its name and description.
void print_topics(std::ostream& out, const std::vector<TopicCount>& topics, const TextStyle& style);

}  // namespace tpm
