// search/index_reader.h: internal to search/. What every reader of the index does the same way:
// retry when another process commits under it, translate Xapian's errors, and rank with one
// BM25 setting. May include model/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include "model/error.h"

namespace tpm::detail {

// BM25's textbook parameters (Robertson and Zaragoza) instead of Xapian's b = 0.5: answers
// vary a lot in length, and the longer ones should not win only by saying more. Every ranking
// of the index uses them (searches, "more like this"). Measured in bench/RELEVANCE.md.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// An Enquire over `db` for `query`, ranked with the BM25 setting above.
inline Xapian::Enquire make_enquire(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
    return enquire;
}

// Another process may commit while we read; Xapian then asks the reader to reopen. A few
// retries cover an indexer committing in a loop.
inline constexpr int kReopenRetries = 3;

// Runs `f` (which reads `db`), reopening and retrying when the index changed under it. Throws
// tpm::Error(index_corrupt) for any other Xapian error, or when the index keeps changing.
template <typename F>
auto with_reopen(Xapian::Database& db, F&& f) {
    for (int attempt = 0;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kReopenRetries) {
                throw Error(ErrorCode::index_corrupt,
                            "the index kept changing while it was read; try again");
            }
            db.reopen();
        } catch (const Xapian::DatabaseCorruptError& e) {
            // A writer that committed twice under us may have reused blocks we were reading:
            // a race, not damage, when a newer revision is there to read.
            if (attempt < kReopenRetries && db.reopen()) continue;
            throw Error(ErrorCode::index_corrupt,
                        "the index is damaged: " + e.get_msg() + " (rebuild it with: tpmindex)");
        } catch (const Xapian::Error& e) {
            throw Error(ErrorCode::index_corrupt, "cannot read the index: " + e.get_description());
        }
    }
}

}  // namespace tpm::detail
