// search/searcher.h: runs queries against an open index and returns plain model/ data (hits
// with their stored documents and excerpts); no Xapian type leaves search/ except through the
// constructor (ripgrep crates/searcher: printers get results, not matcher internals).
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/hit.h"
#include "search/highlighter.h"
#include "search/synonyms.h"
#include "search/word_list.h"
#include "topics/taxonomy.h"

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
};

class Searcher {
  public:
    // Searches `db` (already opened and schema-checked by store/open_index()). `dictionary`, a
    // word list file such as /usr/share/dict/words, turns on spelling correction of words
    // that are neither in the index nor in it (QueryBuilder).
    // `extra_vocabulary` (the user's own pack, read from the file `vocabulary_source`) is
    // searched with the index's own; what its caps leave out is in SearchResults::warnings.
    explicit Searcher(Xapian::Database db,
                      std::optional<std::filesystem::path> dictionary = std::nullopt,
                      std::vector<SynonymEntry> extra_vocabulary = {},
                      std::string vocabulary_source = {});

    // The ranked hits for `request`, with the topic counts of the whole match set. When the
    // query as written matches nothing, it is read more loosely (SearchResults::rescue). Throws
    // tpm::Error(bad_query) for a malformed query or an unknown topic, and
    // tpm::Error(index_corrupt) when the index cannot be read.
    SearchResults search(const SearchRequest& request) const;

    // The taxonomy the index was tagged with (empty for an index built without one).
    const Taxonomy& taxonomy() const;

    // Every topic of the taxonomy with how many questions, tips and notes carry it.
    std::vector<TopicCount> topic_counts() const;

    // The document with `id` ("Q26", "q26", "tips/1"), or nothing. Throws
    // tpm::Error(index_corrupt) when the index cannot be read.
    std::optional<Document> find(std::string_view id) const;

    // The front matter recorded for the source file `path` (Document::source), or nothing.
    std::optional<SourceInfo> source_info(const std::string& path) const;

    // Every document id in the index, in source order.
    std::vector<std::string> ids() const;

  private:
    // Runs one reading of a query (`built`), filtered by `request_filter` (the request's topics
    // and origin; empty: none); a
    // listing is sorted in document order.
    SearchResults run(const BuiltQuery& built, const Xapian::Query& request_filter,
                      const SearchRequest& request, bool listing) const;

    // Appends a hit for each document of `mset` to `results`, numbered after those there;
    // `matching` holds each one's matched terms (--explain) and `related` marks them.
    void add_hits(const Xapian::MSet& mset, const std::vector<std::vector<std::string>>& matching,
                  const Highlighter& highlighter, const SearchRequest& request, bool related,
                  SearchResults& results) const;
    Document stored_document(const Xapian::Document& doc) const;

    mutable Xapian::Database db_;
    std::optional<WordList> dictionary_;
    // The vocabulary pack the index was built with, read when first needed.
    const SynonymExpander& synonyms() const;

    mutable std::optional<Taxonomy> taxonomy_;  // read from the index when first needed
    std::vector<SynonymEntry> extra_vocabulary_;
    std::string vocabulary_source_;
    mutable std::optional<SynonymExpander> synonyms_;
};

}  // namespace tpm
