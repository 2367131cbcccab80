// What frames a question and what it asks about (search/question_frames.h).
#include "search/question_frames.h"

#include <gtest/gtest.h>

namespace tpm {
namespace {

void expect_split(std::string_view words, std::string_view asked, std::string_view frame) {
    const FramedWords split = split_frame(words);
    EXPECT_EQ(split.asked, asked) << words;
    EXPECT_EQ(split.frame, frame) << words;
}

TEST(QuestionFramesTest, InterviewTemplatesAreFrame) {
    expect_split("tell me about a time you failed", "failed", "tell me about a time you");
    expect_split("give me an example of a conflict with your manager", "conflict with your manager",
                 "give me an example of a");
    expect_split("walk me through a time when you led without authority", "led without authority",
                 "walk me through a time when you");
    expect_split("what is your approach to stakeholder management", "stakeholder management",
                 "what is your approach to");
    expect_split("how do you deal with ambiguity", "ambiguity", "how do you deal with");
}

TEST(QuestionFramesTest, HelpForumTemplatesAreFrame) {
    expect_split("is there a way to export my contacts", "export my contacts", "is there a way to");
    expect_split("is it possible to undo a sent message", "undo a sent message",
                 "is it possible to");
}

TEST(QuestionFramesTest, ComparisonConnectorsAreFrameAnywhere) {
    expect_split("canary vs blue green", "canary blue green", "vs");
    expect_split("kanban versus scrum", "kanban scrum", "versus");
}

// A framing word that is not followed by a stop word is what the question is about.
TEST(QuestionFramesTest, AFramingWordBeforeWhatItQualifiesIsAsked) {
    expect_split("how do you handle time zones", "handle time zones", "how do you");
    expect_split("explain time complexity", "time complexity", "explain");
}

// The words keep their place only at the start, after a word that opens a question.
TEST(QuestionFramesTest, NoOpeningNoFrame) {
    expect_split("time to market", "time to market", "");
    expect_split("best way to run a retro", "best way to run a retro", "");
}

// When the frame would be everything, everything is asked about.
TEST(QuestionFramesTest, AQueryOfFrameAloneIsAskedAsTyped) {
    expect_split("is there a way to", "is there a way to", "");
    // The last word is asked about: nothing stands after it for it to frame.
    expect_split("tell me about a time", "time", "tell me about a");
    expect_split("vs", "vs", "");
    expect_split("", "", "");
}

}  // namespace
}  // namespace tpm
