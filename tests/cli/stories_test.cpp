// tpmsearch stories and "Your stories" under show, end to end on real notes: four STAR stories
// in four styles and the candidate's own behavioural questions for them.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "model/document.h"
#include "prep/story_map.h"
#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

class Stories : public ::testing::Test {
  protected:
    Stories() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        f_.set_env("NO_COLOR", "1");
    }

    void write_fixture() const {
        test::write_file(notes_ / "questions.md",
                         "# My behavioural questions\n\nQ: Tell me about a time you failed.\n"
                         "A: See my failure story.\n\nQ: Tell me about a time you disagreed "
                         "with your manager.\nA: The roadmap conflict.\n\nQ: Tell me about a "
                         "time you influenced a team you had no authority over.\nA: The "
                         "platform migration.\n\nQ: Tell me about a time you missed a "
                         "deadline.\nA: The payments launch.\n\nQ: Tell me about a time you "
                         "mentored a new hire.\nA: Not written yet.\n");
        test::write_file(notes_ / "failure.md",
                         "# The launch I failed\n\n## Situation\nOur mobile release crashed for "
                         "5% of users because I skipped the staged rollout.\n\n## Task\nI owned "
                         "the release and had to recover it.\n\n## Action\nI rolled back, wrote "
                         "the post-mortem and owned the failure in front of the team.\n\n"
                         "## Result\nNo crash-causing release since.\n");
        test::write_file(notes_ / "manager.md",
                         "# Disagreeing with my manager about the roadmap\n\n**Situation:** My "
                         "manager wanted to cut the reliability work from the roadmap.\n"
                         "**Task:** I disagreed and had to make the case.\n**Action:** I met my "
                         "manager one to one with incident data and proposed a smaller scope."
                         "\n**Result:** My manager agreed to keep half of it.\n");
        test::write_file(notes_ / "influence.md",
                         "# Influencing the platform team without authority\n\nS: The platform "
                         "team owned the build system.\nT: I needed them to adopt the build "
                         "cache with no authority over them.\nA: I built a prototype and found "
                         "a champion on their team.\nR: They adopted it within a month.\n");
        test::write_file(notes_ / "deadline.md",
                         "# The deadline we missed\n\nSituation: The payments launch deadline "
                         "was fixed by a partner contract.\nTask: Deliver the integration by the "
                         "deadline.\nAction: When a vendor slipped I told stakeholders early and "
                         "cut scope.\n");
        ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    }

    test::CliFixture f_;
    const fs::path notes_ = f_.root() / "notes";
};

TEST_F(Stories, EachStoryComesFirstUnderItsQuestionAndTheGapsAreFlagged) {
    write_fixture();
    const auto r = f_.search({"stories", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const std::map<std::string, std::string> expected = {
        {"Tell me about a time you failed.", "failure.md#the-launch-i-failed"},
        {"Tell me about a time you disagreed with your manager.",
         "manager.md#disagreeing-with-my-manager-about-the-roadmap"},
        {"Tell me about a time you influenced a team you had no authority over.",
         "influence.md#influencing-the-platform-team-without-authority"},
        {"Tell me about a time you missed a deadline.", "deadline.md#the-deadline-we-missed"}};
    std::size_t checked = 0;
    for (const auto& q : j.at("questions")) {
        const std::string title = q.at("question");
        if (const auto want = expected.find(title); want != expected.end()) {
            ASSERT_FALSE(q.at("stories").empty()) << title;
            EXPECT_EQ(q.at("stories").at(0).at("id"), want->second) << title;
            ++checked;
        }
        if (title == "Tell me about a time you mentored a new hire.") {
            EXPECT_TRUE(q.at("stories").empty()) << q.dump();
        }
    }
    EXPECT_EQ(checked, 4u);
    for (const auto& s : j.at("stories")) {
        if (s.at("id") == "deadline.md#the-deadline-we-missed") {
            EXPECT_EQ(s.at("missing"), nlohmann::json::array({"Result"}));
        } else {
            EXPECT_TRUE(s.at("missing").empty()) << s.dump();
        }
    }
    f_.set_terminal(80);
    const auto text = f_.search({"stories"});
    EXPECT_NE(text.out.find("no story yet"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Stories missing a part:"), std::string::npos);
    EXPECT_NE(text.out.find("missing: Result"), std::string::npos);
}

TEST_F(Stories, ShowOfABehaviouralQuestionListsItsStories) {
    write_fixture();
    const auto text = f_.search({"show", "questions.md#line-6"});
    ASSERT_EQ(text.status, 0) << text.err;
    const std::size_t at = text.out.find("\nYour stories\n");
    ASSERT_NE(at, std::string::npos) << text.out;
    EXPECT_NE(text.out.find("manager.md#disagreeing-with-my-manager-about-the-roadmap", at),
              std::string::npos);
    const nlohmann::json j =
        nlohmann::json::parse(f_.search({"show", "questions.md#line-6", "--json"}).out);
    EXPECT_EQ(j.at("your_stories").at(0).at("id"),
              "manager.md#disagreeing-with-my-manager-about-the-roadmap");
    // A question that is not behavioural has none.
    EXPECT_EQ(f_.search({"show", "Q1"}).out.find("Your stories"), std::string::npos);
}

TEST_F(Stories, WithoutStoriesTheStatusIsOneAndAHintSaysHowToWriteOne) {
    const auto r = f_.search({"stories"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("no stories in your notes"), std::string::npos) << r.err;
}

TEST(BehaviouralQuestions, TheTopicOrAPromptForAPastExperience) {
    Document q;
    q.kind = DocKind::question;
    q.title = "How do you plan capacity?";
    EXPECT_FALSE(is_behavioural(q));
    q.topics = {"behavioural"};
    EXPECT_TRUE(is_behavioural(q));
    q.topics.clear();
    for (const char* title :
         {"Tell me about a time you missed a deadline.",
          "Describe a situation where you disagreed.", "Have you ever had to fire someone?"}) {
        q.title = title;
        EXPECT_TRUE(is_behavioural(q)) << title;
    }
    q.kind = DocKind::story;
    EXPECT_FALSE(is_behavioural(q));
}

}  // namespace
}  // namespace tpm
