// The index's stemmer (store/morphology.h): the word families people use interchangeably meet,
// words that mean different things stay apart, and both spellings of a word meet.
#include "store/morphology.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/stemmer.h"

namespace tpm {
namespace {

class MorphologyTest : public ::testing::Test {
  protected:
    std::string stem(const std::string& word) const { return stemmer_(word); }

    void expect_meet(const std::vector<std::string>& words) const {
        for (const std::string& w : words) EXPECT_EQ(stem(w), stem(words[0])) << w;
    }

    void expect_apart(const std::string& a, const std::string& b) const {
        EXPECT_NE(stem(a), stem(b)) << a << " / " << b;
    }

    Xapian::Stem stemmer_ = index_stemmer();
};

TEST_F(MorphologyTest, DerivationsPeopleUseForTheSameThingMeet) {
    expect_meet({"fail", "failed", "failing", "failure", "failures"});
    expect_meet({"decide", "decided", "decision", "decisions"});
    expect_meet(
        {"prioritise", "prioritize", "prioritization", "prioritisation", "priority", "priorities"});
    expect_meet({"analyse", "analyze", "analysis", "analyzing"});
    expect_meet({"deliver", "delivery", "delivered"});
    expect_meet({"comply", "compliance", "compliant"});
}

TEST_F(MorphologyTest, WordsOfAnotherMeaningStayApart) {
    expect_apart("accessibility", "access");
    expect_apart("accessible", "access");
    expect_apart("organ", "organisation");
    expect_apart("organ", "organization");
    expect_apart("author", "authorize");
    expect_apart("product", "production");
    expect_apart("execution", "executive");
    expect_apart("available", "availability");
    expect_apart("contain", "container");
}

TEST_F(MorphologyTest, BritishAndAmericanSpellingsMeet) {
    expect_meet({"organisation", "organization", "organise", "organize", "organized"});
    expect_meet({"behaviour", "behavior", "behavioural", "behavioral"});
    expect_meet({"optimise", "optimize", "optimization"});
    expect_meet({"judgement", "judgment"});
    expect_meet({"centre", "center"});
    expect_meet({"licence", "license"});
}

TEST_F(MorphologyTest, AShortWordKeepsItsZ) {
    EXPECT_EQ(stem("size"), "size");
    EXPECT_EQ(stem("prize"), "prize");
    EXPECT_EQ(stem("seize"), "seiz");
}

TEST_F(MorphologyTest, OtherWordsStemAsSnowballDoes) {
    const Xapian::Stem english("english");
    for (const std::string w : {"canary", "rollbacks", "stakeholders", "running", "quickly"}) {
        EXPECT_EQ(stem(w), english(w)) << w;
    }
}

}  // namespace
}  // namespace tpm
