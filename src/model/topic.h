// model/topic.h: one topic of the TPM taxonomy (corpus/topics.yaml) and a facet count.
// Standard library only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tpm {

struct Topic {
    std::string id;                    // stable, lower-case, hyphenated: "release-engineering"
    std::string name;                  // for display: "Release engineering"
    std::string description;           // one line
    std::vector<std::string> aliases;  // other ids that name it: "behavioral" for "behavioural"
    std::vector<std::string> signals;  // words and phrases that signal it: "canary", "feature flag"
    int line = 0;                      // 1-based line of its entry in the taxonomy file

    bool operator==(const Topic&) const = default;
};

// How many documents of a result set carry a topic.
struct FacetCount {
    std::string id;
    std::size_t count = 0;

    bool operator==(const FacetCount&) const = default;
};

// How many documents of each kind in an index carry a topic (tpmsearch topics): the shipped
// questions and tips, then the user's own questions (Q:/A: sections), stories and other notes.
struct TopicCount {
    Topic topic;
    std::size_t questions = 0;  // shipped questions
    std::size_t tips = 0;
    std::size_t your_questions = 0;
    std::size_t stories = 0;
    std::size_t notes = 0;  // note sections that are neither a question nor a story
};

}  // namespace tpm
