// search/similar.h: "more like this" (tpmsearch similar Q26): the documents whose vocabulary is
// closest to one document of the index, by relevance feedback with that document as the only
// relevant one (Xapian's ESet, as Omega's "similar" links do). Returns plain model/ data.
// May include model/, text/, topics/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string_view>

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

}  // namespace tpm
