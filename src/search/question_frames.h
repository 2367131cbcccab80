// search/question_frames.h: tells the words that frame a question ("tell me about a time you",
// "how would you approach", "is there a way to", "vs") from the words it asks about, so that
// the frame does not decide the ranking: a note that says "time" twice must not beat the one
// about the failure the question asks for.
// May include search/stopwords.h; no Xapian query building.
#pragma once

#include <string>
#include <string_view>

namespace tpm {

// The words of a plain query split in two, each space-separated and in the query's order.
struct FramedWords {
    std::string asked;  // what the question is about: ranked as usual
    std::string frame;  // how it is asked: kept at a low weight (kFrameWeight), or empty
};

// The weight of the frame's words beside the words asked about. Not zero: between two answers
// that match the words asked about equally, the one that also says "a time when" is the story
// the question asks for.
inline constexpr double kFrameWeight = 0.25;

// Splits `words` (folded, space-separated, as split_plain leaves them): the frame is a run at the
// start that opens like a question ("tell", "how", "what", "is", "give", "walk", ...) and holds
// only stop words and framing words ("time", "example", "situation", "approach", "way",
// "possible", "deal with", ...) and ends with a stop word, plus "vs" and "versus" anywhere. When
// nothing would be left to ask about, everything is asked about and the frame is empty.
FramedWords split_frame(std::string_view words);

}  // namespace tpm
