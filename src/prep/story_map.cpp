#include "prep/story_map.h"

#include <algorithm>
#include <string_view>

#include "search/similar.h"
#include "text/normalize.h"

namespace tpm {

bool is_behavioural(const Document& question) {
    if (question.kind != DocKind::question) return false;
    if (std::find(question.topics.begin(), question.topics.end(), "behavioural") !=
        question.topics.end()) {
        return true;
    }
    static constexpr std::string_view kPrompts[] = {
        "tell me about a time", "tell me about a situation", "describe a time",
        "describe a situation", "give an example of a time", "give me an example of a time",
        "have you ever",        "walk me through a time",    "share an example of a time"};
    const std::string title = text::fold(question.title);
    return std::any_of(std::begin(kPrompts), std::end(kPrompts),
                       [&](std::string_view prompt) { return title.starts_with(prompt); });
}

std::vector<StoryMatch> stories_for(const Xapian::Database& db, const Document& question,
                                    std::size_t limit) {
    SimilarRequest request;
    request.id = question.id;
    request.limit = limit;
    request.origin = Origin::notes;
    request.kinds = {DocKind::story};
    request.excerpts = false;
    std::vector<StoryMatch> out;
    for (Hit& hit : find_similar(db, request).hits) {
        if (hit.similarity >= kStoryThreshold) out.push_back({std::move(hit.doc), hit.similarity});
    }
    std::stable_sort(out.begin(), out.end(), [](const StoryMatch& a, const StoryMatch& b) {
        return a.similarity > b.similarity;
    });
    return out;
}

StoryMap story_map(const Xapian::Database& db, const Searcher& searcher) {
    StoryMap map;
    map.threshold = kStoryThreshold;
    std::vector<Document> questions;
    for (const std::string& id : searcher.ids()) {
        std::optional<Document> doc = searcher.find(id);
        if (!doc) continue;
        if (doc->kind == DocKind::story) {
            map.stories.push_back({*doc, missing_star_parts(*doc), {}});
        } else if (is_behavioural(*doc)) {
            questions.push_back(std::move(*doc));
        }
    }
    // Shipped questions first, then the user's, each in document order.
    std::stable_sort(questions.begin(), questions.end(), [](const Document& a, const Document& b) {
        return a.origin == Origin::corpus && b.origin != Origin::corpus;
    });
    for (Document& question : questions) {
        QuestionStories entry{std::move(question), {}};
        entry.stories = stories_for(db, entry.question, map.stories.size());
        for (const StoryMatch& match : entry.stories) {
            for (StoryEntry& story : map.stories) {
                if (story.story.id == match.story.id) {
                    story.questions.push_back({entry.question, match.similarity});
                }
            }
        }
        map.questions.push_back(std::move(entry));
    }
    for (StoryEntry& story : map.stories) {
        std::stable_sort(
            story.questions.begin(), story.questions.end(),
            [](const StoryMatch& a, const StoryMatch& b) { return a.similarity > b.similarity; });
    }
    return map;
}

}  // namespace tpm
