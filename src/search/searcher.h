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
#include "search/query_planner.h"
#include "search/synonyms.h"
#include "search/word_list.h"
#include "topics/taxonomy.h"

namespace tpm {

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

    // The document `ref` names, or nothing: an id ("Q26", "tips/1",
    // "stories/failure.md#biggest-failure"), or a file and line, "PATH:LINE", meaning the
    // section holding that line (the last starting at or before it), or "PATH" alone, its
    // first section. PATH is tried as written (absolute, or as results show it:
    // "corpus/x.txt"), then relative to `cwd`, then relative to a registered folder (the end
    // of an indexed file's path). Throws tpm::Error(not_found) when that last matches files in
    // several folders, and tpm::Error(index_corrupt) when the index cannot be read.
    std::optional<Document> lookup(std::string_view ref, const std::filesystem::path& cwd) const;

    // The front matter recorded for the source file `path` (Document::source), or nothing.
    std::optional<SourceInfo> source_info(const std::string& path) const;

    // Every document id in the index, in source order.
    std::vector<std::string> ids() const;

  private:
    // Runs `plan`: the page of hits `request` asks for, the topic counts of all its matches,
    // and related documents when the plan's rule says so.
    SearchResults run(const QueryPlan& plan, const SearchRequest& request) const;

    // Completes `results` with up to `room` documents related to `matches`, the hits of
    // `ranked` (the plan's query before its filters).
    void add_related(const QueryPlan& plan, const Xapian::Query& ranked,
                     const Xapian::MSet& matches, std::size_t room, const SearchRequest& request,
                     SearchResults& results) const;

    // Appends a hit for each document of `mset` to `results`, numbered after those there;
    // `matching` holds each one's matched terms (--explain) and `related` marks them.
    void add_hits(const std::vector<Xapian::MSetIterator>& hits,
                  const std::vector<std::vector<std::string>>& matching,
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
