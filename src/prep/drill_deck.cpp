#include "prep/drill_deck.h"

#include <algorithm>

#include "prep/review_schedule.h"

namespace tpm {

namespace {

bool drillable(const Document& doc, const DeckRequest& request) {
    if (doc.kind != DocKind::question && doc.kind != DocKind::story) return false;
    if (request.kind && doc.kind != *request.kind) return false;
    return !request.origin || doc.origin == *request.origin;
}

// The documents of the request, in the order a search or a listing gives them.
std::vector<Document> candidates(const Searcher& searcher, const DeckRequest& request) {
    std::vector<Document> out;
    if (request.query.empty() && request.topics.empty()) {
        for (const std::string& id : searcher.ids()) {
            std::optional<Document> doc = searcher.find(id);
            if (doc && drillable(*doc, request)) out.push_back(std::move(*doc));
        }
        return out;
    }
    SearchRequest search;
    search.query = request.query;
    search.topics = request.topics;
    search.origin = request.origin;
    search.limit = 100000;
    search.excerpts.max_excerpts = 0;
    for (Hit& hit : searcher.search(search).hits) {
        if (!hit.related && drillable(hit.doc, request)) out.push_back(std::move(hit.doc));
    }
    return out;
}

}  // namespace

Deck build_deck(const Searcher& searcher, const std::map<std::string, ReviewCard>& saved,
                const DeckRequest& request) {
    Deck deck;
    for (const auto& [id, card] : saved) {
        const bool found = searcher.find(id).has_value();
        if (card.retired && found) {
            deck.revived.push_back(id);  // its note is back (or was only out of this index)
        } else if (!card.retired && !found && request.retire) {
            ReviewCard retired = card;
            retired.retired = true;
            deck.retired.push_back(retired);
        }
    }
    std::vector<std::pair<Day, Document>> due;
    std::vector<Document> fresh;
    for (Document& doc : candidates(searcher, request)) {
        const auto found = saved.find(doc.id);
        if (found == saved.end()) {
            fresh.push_back(std::move(doc));
            continue;
        }
        ReviewCard card = found->second;
        card.retired = false;  // it is in the index, so revived if it was retired
        if (request.all || is_due(card, request.today)) {
            due.emplace_back(card.due, std::move(doc));
        } else {
            ++deck.not_due;
            if (!deck.next_due || card.due < *deck.next_due) deck.next_due = card.due;
        }
    }
    std::stable_sort(due.begin(), due.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [day, doc] : due) deck.cards.push_back(std::move(doc));
    for (Document& doc : fresh) deck.cards.push_back(std::move(doc));
    if (deck.cards.size() > request.limit) deck.cards.resize(request.limit);
    return deck;
}

}  // namespace tpm
