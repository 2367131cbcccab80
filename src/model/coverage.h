// model/coverage.h: how far the user's notes cover the shipped questions (tpmsearch coverage),
// as prep/coverage.h computes it and output/ prints it. Plain data.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tpm {

// A note section that covers a question, and how.
struct CoveringNote {
    std::string id;      // the note section's id
    std::string title;   // its heading path
    std::string source;  // its file
    int line = 0;
    bool linked = false;      // it says so (answers: or [[Q7]]); else it is about the question
    double similarity = 0.0;  // Hit::similarity of the note to the question
};

struct QuestionCoverage {
    std::string id;  // "Q26"
    std::string title;
    std::vector<std::string> topics;
    std::string source;
    int line = 0;
    // The notes that cover it: those that link it, then the most similar one when it is over
    // the threshold. Empty: a gap.
    std::vector<CoveringNote> notes;
    // The most similar note's similarity, over the threshold or not (how near the nearest is).
    double nearest = 0.0;
    bool covered() const { return !notes.empty(); }
};

struct TopicCoverage {
    std::string id;
    std::string name;
    std::size_t questions = 0;  // shipped questions of the topic
    std::size_t covered = 0;
    std::vector<std::string> gaps;  // ids of its questions no note covers, in document order
};

struct CoverageReport {
    std::vector<QuestionCoverage> questions;  // every shipped question, in document order
    std::vector<TopicCoverage> topics;        // weakest first (see prep/coverage.h)
    std::size_t covered = 0;                  // questions covered
    double threshold = 0.0;                   // the similarity that counts as covering
    std::size_t notes = 0;                    // note sections in the index
};

}  // namespace tpm
