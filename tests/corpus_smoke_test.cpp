// The shipped corpus parses cleanly: every question and tip is found, nothing is reported, and
// a few known parts land where the document puts them. Exact content of the corpus may change
// with care; these checks name what a change must keep.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/corpus.h"
#include "model/diagnostic.h"

namespace tpm {
namespace {

const std::string kSource = "corpus/netflix-tpm-interview-questions.txt";

class ShippedCorpus : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        result_ = new IngestResult(ingest_corpus(TPM_CORPUS_DIR, "corpus"));
    }
    static void TearDownTestSuite() {
        delete result_;
        result_ = nullptr;
    }

    static const Document& doc(const std::string& id) {
        for (const Document& d : result_->docs) {
            if (d.id == id) return d;
        }
        ADD_FAILURE() << "no document " << id;
        static const Document kEmpty;
        return kEmpty;
    }

    static IngestResult* result_;
};

IngestResult* ShippedCorpus::result_ = nullptr;

TEST_F(ShippedCorpus, IngestsWithoutDiagnostics) {
    std::vector<std::string> messages;
    for (const Diagnostic& d : result_->diagnostics) messages.push_back(format_diagnostic(d));
    EXPECT_TRUE(messages.empty()) << ::testing::PrintToString(messages);
}

TEST_F(ShippedCorpus, HasTenTipsThenFiftyQuestionsInOrder) {
    std::vector<std::string> expected;
    for (int k = 1; k <= 10; ++k) expected.push_back("tips/" + std::to_string(k));
    for (int n = 1; n <= 50; ++n) expected.push_back("Q" + std::to_string(n));
    std::vector<std::string> ids;
    for (const Document& d : result_->docs) ids.push_back(d.id);
    ASSERT_EQ(ids, expected);
    for (std::size_t i = 0; i < result_->docs.size(); ++i) {
        const Document& d = result_->docs[i];
        SCOPED_TRACE(d.id);
        EXPECT_EQ(d.order, static_cast<int>(i) + 1);
        EXPECT_EQ(d.source, kSource);
        EXPECT_EQ(d.kind, i < 10 ? DocKind::tip : DocKind::question);
        EXPECT_FALSE(d.title.empty());
        EXPECT_FALSE(d.answer.empty());
    }
}

TEST_F(ShippedCorpus, SourceTitleComesFromFrontMatter) {
    ASSERT_EQ(result_->sources.size(), 1u);
    EXPECT_EQ(result_->sources[0].path, kSource);
    EXPECT_EQ(result_->sources[0].title, "Netflix TPM Interview Questions - Claude Sonnet 3.5");
    EXPECT_EQ(result_->sources[0].date, "September 23, 2024");
}

TEST_F(ShippedCorpus, TipsAreTitledByTheirLabels) {
    EXPECT_EQ(doc("tips/1").title, "Study Netflix's culture and values");
    EXPECT_EQ(doc("tips/1").line, 8);
    EXPECT_EQ(doc("tips/10").title, "Practice mock interviews");
}

TEST_F(ShippedCorpus, EveryQuestionHasAnswerPointsAndWhy) {
    for (int n = 1; n <= 50; ++n) {
        const Document& d = doc("Q" + std::to_string(n));
        SCOPED_TRACE(d.id);
        EXPECT_FALSE(d.why.empty());
        EXPECT_GE(d.points.size(), 5u);
        EXPECT_EQ(d.why.find("Why this is important"), std::string::npos);
        EXPECT_EQ(d.answer.find("Answer:"), std::string::npos);
        // Q1 ends with a list and has no worked example; every other answer has one, told as
        // "In a previous role, ..." except Q3's "The migration was successful, ...".
        if (n == 1) {
            EXPECT_EQ(d.example, "");
        } else if (n == 3) {
            EXPECT_TRUE(d.example.starts_with("The migration was successful")) << d.example;
        } else {
            EXPECT_TRUE(d.example.starts_with("In ")) << d.example;
        }
    }
}

TEST_F(ShippedCorpus, Question26HasCanaryReleases) {
    const Document& q26 = doc("Q26");
    EXPECT_EQ(q26.line, 800);
    EXPECT_EQ(q26.title,
              "How do you approach the challenge of maintaining system reliability during rapid "
              "feature development?");
    bool found = false;
    for (const Point& p : q26.points) found = found || p.label == "Canary Releases";
    EXPECT_TRUE(found);
}

TEST_F(ShippedCorpus, Question7RecoveryPlanKeepsItsItems) {
    const Document& q7 = doc("Q7");
    const Point* plan = nullptr;
    for (const Point& p : q7.points) {
        if (p.label == "Develop a Recovery Plan") plan = &p;
    }
    ASSERT_NE(plan, nullptr);
    EXPECT_EQ(plan->items,
              (std::vector<std::string>{"Reallocating resources", "Adjusting timelines",
                                        "Implementing overtime (if appropriate)",
                                        "Bringing in additional resources"}));
    EXPECT_EQ(q7.points.back().label, "Motivate the Team");
}

TEST_F(ShippedCorpus, Question1ListsUnlabelledPoints) {
    const Document& q1 = doc("Q1");
    ASSERT_EQ(q1.points.size(), 5u);
    for (const Point& p : q1.points) EXPECT_EQ(p.label, "");
    EXPECT_EQ(q1.points[0].text, "Establishing a clear governance structure");
    EXPECT_EQ(q1.points[4].text, "Setting up KPIs to measure progress and success");
    EXPECT_TRUE(q1.answer.ends_with("Key aspects of my approach included:"));
}

TEST_F(ShippedCorpus, Question8ColonInsideTextIsNotALabel) {
    const Document& q8 = doc("Q8");
    ASSERT_FALSE(q8.points.empty());
    EXPECT_EQ(q8.points[0].label, "Establish Clear Channels");
    EXPECT_NE(q8.points[0].text.find("(e.g., Slack for quick updates"), std::string::npos);
}

}  // namespace
}  // namespace tpm
