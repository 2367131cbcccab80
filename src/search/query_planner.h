// search/query_planner.h: turns a search request into the plan the searcher executes: the
// query to rank with, the filters that restrict it, whether feedback re-ranks it, when related
// documents complete a short page, and how each rung of the rescue ladder reads it. The
// searcher decides nothing about the query; it runs plans and assembles hits.
// May include model/, text/, topics/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/document.h"
#include "search/highlighter.h"
#include "search/query_builder.h"

namespace tpm {

struct SearchRequest {
    std::string query;  // may be empty when `topics` is not: then every document of the
                        // topics is listed in document order
    std::size_t offset = 0;
    std::size_t limit = 10;
    ExcerptOptions excerpts;
    std::vector<std::string> topics;  // keep only documents with one of these topics (ids or
                                      // aliases); filtering does not change the ranking
    bool explain = false;             // fill SearchResults::explanation and Hit::matched
    // Keep only documents from the corpus or from the user's notes (none: both). Like topics,
    // it filters without changing the ranking.
    std::optional<Origin> origin = std::nullopt;
    // Topic facets count at least this many matches (and never fewer than the page needs).
    // A query that matches more, such as "error handling" over years of notes, stops there:
    // the counts are scaled up to Xapian's estimate of the total and marked as estimates
    // (SearchResults::topics_estimated). Counting every match would weigh every match: on
    // 21,000 notes that was two thirds of a query's time (bench/README.md).
    std::size_t facet_sample = 1000;
    // Quoted phrases match their words only as typed (QueryContext::exact_phrases).
    bool exact_phrases = false;
    // Whether a word the index lacks may be replaced by the index's spelling suggestion (as
    // written, and in the respelled rescue reading). Off while the user's notes are known to
    // be newer than the index: the word may be in an edit not yet indexed.
    bool correct_spelling = true;
};

// The readings the rescue ladder tries, in order, while a search still has no hits.
inline constexpr std::array kRescueReadings{Reading::any_word, Reading::any_word_respelled};

// When a page of matches is completed with related documents (searcher.h): only a first page
// of a query with words that matches fewer than `fewer_than` documents, with at most `at_most`.
struct RelatedRule {
    std::size_t at_most = 0;  // 0: never
    std::size_t fewer_than = 0;
};

struct QueryPlan {
    Reading reading = Reading::as_written;
    // What ranks the documents: the query's words, weighted up in the question field. Nothing
    // here filters, so feedback and related documents are taken from the unfiltered ranking.
    Xapian::Query ranked;
    // Applied in order with OP_FILTER after ranking (filtered()): the query's own filters
    // (topic:, kind:, ...), then the request's topics and origin. They add no weight, so the
    // hits that remain keep their order.
    std::vector<Xapian::Query> filters;
    // No words, only filters: every document they keep, in document order.
    bool listing = false;
    // Re-rank with the best terms of the top hits (pseudo-relevance feedback).
    bool feedback = false;
    RelatedRule related;
    QueryTerms terms;                     // to highlight
    std::string corrected;                // SearchResults::corrected_query
    std::string parsed_text;              // the query as this reading parsed it
    std::vector<std::string> expansions;  // what the vocabulary added (--explain)
    std::vector<QueryPart> parts;         // `ranked` in its named parts (--explain)
    std::vector<Diagnostic> warnings;     // what the vocabulary's caps left out
    // For a rescue reading: the line that tells the user how the query was read instead.
    std::string rescue_note;

    // `query` restricted by every filter, in order.
    Xapian::Query filtered(Xapian::Query query) const;
};

class QueryPlanner {
  public:
    // `db` and everything `context` points to must outlive the planner.
    QueryPlanner(const Xapian::Database& db, QueryContext context);

    // The plan for reading `request` as written. Throws tpm::Error(bad_query) for a malformed
    // query or an unknown topic.
    QueryPlan plan(const SearchRequest& request) const;

    // The plan for a rescue reading of `request`, or nothing when that reading leaves nothing
    // to search for ("-word" alone). Throws like plan() for anything but that, so a damaged
    // index met while respelling is reported as it would be outside the ladder.
    std::optional<QueryPlan> rescue(const SearchRequest& request, Reading reading) const;

  private:
    QueryPlan plan_reading(const SearchRequest& request, Reading reading) const;
    // The request's topics and origin as one filter; empty when it has neither.
    Xapian::Query request_filter(const SearchRequest& request) const;

    const Xapian::Database& db_;
    QueryContext context_;
};

}  // namespace tpm
