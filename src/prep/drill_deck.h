// prep/drill_deck.h: which cards a drill session shows, in which order: the shipped questions,
// the user's own questions and their stories (or those of a query, topics, origin and kind),
// due ones first (the longest overdue first), then new ones in document order; and the saved
// cards whose document is gone from the index, to retire, and retired ones back in it. May include
// model/ and search/.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "model/review.h"
#include "search/searcher.h"

namespace tpm {

struct DeckRequest {
    std::string query;                // words, as a search takes them; empty: every card
    std::vector<std::string> topics;  // ids or aliases, OR'ed
    std::optional<Origin> origin;
    std::optional<DocKind> kind;  // question or story; none: both
    bool all = false;             // also the cards not due yet
    std::size_t limit = 20;       // at most this many cards
    Day today = 0;
    // Whether saved cards missing from the index are retired: only when it is the index the
    // cards come from (the shipped one with the notes), not one named by --index, which may
    // hold no notes at all.
    bool retire = true;
};

struct Deck {
    std::vector<Document> cards;       // to show, in order
    std::vector<ReviewCard> retired;   // saved cards whose document is gone, now retired
    std::vector<std::string> revived;  // retired cards whose document is in the index again
    std::size_t not_due = 0;           // cards of the request that are not due today
    std::optional<Day> next_due;       // the soonest day one of those is due
};

// Throws what Searcher::search throws (a bad query, an unknown topic).
Deck build_deck(const Searcher& searcher, const std::map<std::string, ReviewCard>& saved,
                const DeckRequest& request);

}  // namespace tpm
