// model/hit.h: what a search returns, handed to the printers. No Xapian type appears here.
// Standard library only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/document.h"
#include "model/topic.h"

namespace tpm {

// A highlighted range of an excerpt, in UTF-8 byte offsets [start, end).
struct Span {
    std::size_t start = 0;
    std::size_t end = 0;

    bool operator==(const Span&) const = default;
};

// One passage of an answer that matches the query. `label` is the point's label when the
// passage is a labelled point ("Canary Releases"), else the part's name ("answer", "example",
// "why"). `text` may be a window of a longer passage; `truncated_start`/`truncated_end` say
// whether text was cut there (printers show an ellipsis).
struct Excerpt {
    std::string label;
    std::string text;
    std::vector<Span> highlights;
    bool truncated_start = false;
    bool truncated_end = false;

    bool operator==(const Excerpt&) const = default;
};

// With --explain: a query term a hit matched (its stem or word) and the fields that hold it.
struct TermMatch {
    std::string term;
    std::vector<std::string> fields;  // "question", "answer", "point", "example", "why"; "body"
                                      // for the text of a note under its heading

    bool operator==(const TermMatch&) const = default;
};

// With --explain: how much one part of the query ("words", "heading", "paraphrase",
// "vocabulary", "topic", "feedback") adds to a hit's score.
struct Contribution {
    std::string part;
    double weight = 0.0;

    bool operator==(const Contribution&) const = default;
};

// With --explain: how the query was read.
struct Explanation {
    std::string query;                    // the final Xapian query, as Xapian describes it
    std::vector<std::string> expansions;  // what the vocabulary pack added, one line each
};

struct Hit {
    int rank = 0;        // 1-based
    double score = 0.0;  // the ranking weight (BM25); comparable only within one result set
    Document doc;        // the whole stored document (show needs it all; printers pick)
    std::vector<Span> title_highlights;  // matched words in doc.title
    std::vector<Excerpt> excerpts;
    std::vector<TermMatch> matched;  // with --explain only
    // With --explain: what each part of the query gave the score; they add up to `score`.
    std::vector<Contribution> contributions;
    // The factor a crowded heading's later sections are ranked by (search/crowding.h): the
    // hit's place comes from score x crowding; 1 for every other hit.
    double crowding = 1.0;
    // Not a match of the query: a document like the few matches, shown after them
    // (search/searcher.h). Its highlights mark the terms it shares with them.
    bool related = false;
    // From `similar` only: how much of the other document's characteristic vocabulary this hit
    // uses, as the share of those terms' weight it holds (0 to 1); comparable across documents,
    // unlike `score` (prep/coverage.h calls a question covered by a note from it).
    double similarity = 0.0;
};

struct SearchResults {
    std::string query;            // the query as the user gave it
    std::string corrected_query;  // the query searched after spelling fixes, or empty
    // When nothing matched the query as written: one line saying how it was read instead
    // ("showing results for any of its words: ..."); else empty.
    std::string rescue;
    std::size_t estimated_total = 0;  // matches in the whole index (estimate)
    std::vector<Hit> hits;            // the requested page, best first
    std::vector<FacetCount> topics;   // topics over the whole match set, most frequent first
    // The counts were scaled up from the first matches Xapian looked at, not counted over all
    // (SearchRequest::facet_sample).
    bool topics_estimated = false;
    std::optional<Explanation> explanation;  // with --explain
    // What the search had to leave out, for the user to hear once: the vocabulary's caps
    // (search/synonyms.h), naming the entry's file and line.
    std::vector<Diagnostic> warnings;
};

}  // namespace tpm
