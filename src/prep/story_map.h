// prep/story_map.h: the user's STAR stories against the behavioural questions, shipped and
// their own. A question is behavioural when it carries the topic `behavioural` or asks for a
// past experience as such questions do ("Tell me about a time", "Describe a situation", "Give
// an example of a time", "Have you ever"): the tagger files "Tell me about a time you missed a
// deadline" under program-execution, and it is still a behavioural question. A story answers a
// question when it holds at least kStoryThreshold of the question's characteristic vocabulary
// (search/similar.h, Hit::similarity): on four stories written in four STAR styles and their
// four questions (tests/cli/stories_test.cpp) each story's own question gave it 0.32 to 1.0 and
// no other story reached 0.2. May include model/, search/ and Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "model/story_map.h"
#include "search/searcher.h"

namespace tpm {

inline constexpr double kStoryThreshold = 0.2;

// Whether `question` is a behavioural question (see above).
bool is_behavioural(const Document& question);

// The stories that answer `question` best, at most `limit`, over the threshold.
std::vector<StoryMatch> stories_for(const Xapian::Database& db, const Document& question,
                                    std::size_t limit = 3);

// Every behavioural question with its stories and every story with its questions. Throws
// tpm::Error(index_corrupt) when the index cannot be read.
StoryMap story_map(const Xapian::Database& db, const Searcher& searcher);

}  // namespace tpm
