// model/story_map.h: which of the user's STAR stories answer which behavioural questions
// (tpmsearch stories, and "Your stories" under `show`), as prep/story_map.h computes it.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace tpm {

struct StoryMatch {
    Document story;           // the story (or, in StoryEntry, the question)
    double similarity = 0.0;  // Hit::similarity of the story to the question
};

struct QuestionStories {
    Document question;
    std::vector<StoryMatch> stories;  // best first; empty: no story answers it
};

struct StoryEntry {
    Document story;
    std::vector<std::string> missing;   // STAR parts it does not tell (missing_star_parts)
    std::vector<StoryMatch> questions;  // the behavioural questions it answers, best first
};

struct StoryMap {
    std::vector<QuestionStories> questions;  // every behavioural question, shipped then yours
    std::vector<StoryEntry> stories;         // every story, in document order
    double threshold = 0.0;
};

}  // namespace tpm
