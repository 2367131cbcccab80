// search/similar.h: "more like this" (tpmsearch similar Q26): the documents whose vocabulary is
// closest to one document of the index, by relevance feedback with that document as the only
// relevant one (Xapian's ESet, as Omega's "similar" links do). Returns plain model/ data.
// May include model/, text/, topics/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/hit.h"

namespace tpm {

// The `limit` documents most like the one with `id` ("Q26", "q26", "tips/1"), best first, never
// that document itself; questions, tips and notes alike. Each hit's excerpts and title mark the
// characteristic terms of `id` it shares; `query` is "similar ID" and there are no topic counts.
// With `origin`, only documents from there (the user's notes under a shipped question).
// Throws tpm::Error(not_found) when the index has no document `id`, and
// tpm::Error(index_corrupt) when the index cannot be read.
SearchResults find_similar(const Xapian::Database& db, std::string_view id, std::size_t limit,
                           std::optional<Origin> origin = std::nullopt);

// `similar` with the options of a search: where from, which topics (ids, OR'ed, as --topic),
// how many, excerpts or not, and with `explain` the terms it used (in results.explanation).
struct SimilarRequest {
    std::string id;
    std::size_t limit = 10;
    std::optional<Origin> origin;
    std::vector<std::string> topics;
    std::vector<DocKind> kinds;  // only documents of these kinds (none: every kind)
    bool excerpts = true;
    bool explain = false;
};

SearchResults find_similar(const Xapian::Database& db, const SimilarRequest& request);

// True if `stem` is a word `similar` never picks: a month name (full or short), a number or a
// word with a digit, or a word of a story's scaffolding ("situation", "result", "STAR",
// "follow-ups"): a story matched on those is like every other story in the index.
bool is_similar_noise(std::string_view stem);

}  // namespace tpm
