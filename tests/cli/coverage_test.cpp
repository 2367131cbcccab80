// tpmsearch coverage end to end on the shipped corpus and a notes folder in a temporary root:
// a note that says it answers Q7, a note about canary releases and, later, one about incident
// post-mortems; what they cover, what stays a gap, and in which order topics come.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/cli_fixture.h"
#include "text/width.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

class Coverage : public ::testing::Test {
  protected:
    Coverage() {
        f_.use_shipped_corpus();
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
    }

    void write_note(const std::string& name, const std::string& text) const {
        test::write_file(notes_ / name, text);
    }

    nlohmann::json report() const {
        const auto r = f_.search({"coverage", "--json"});
        EXPECT_EQ(r.status, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    static std::set<std::string> covered(const nlohmann::json& j) {
        std::set<std::string> ids;
        for (const auto& q : j.at("questions")) {
            if (q.at("covered").get<bool>()) ids.insert(q.at("id").get<std::string>());
        }
        return ids;
    }

    test::CliFixture f_;
    const fs::path notes_ = f_.root() / "notes";
};

TEST_F(Coverage, LinkedAndSimilarNotesCoverTheirQuestionsAndTheRestAreGaps) {
    write_note("behind.md",
               "---\nanswers: Q7\n---\n# When a project slips\n\nI re-plan with the team.\n");
    write_note("canary.md",
               "# Canary releases\n\nHow I ship risky changes: a canary release to 1% of users, "
               "watch error rates and latency on the dashboards, then widen to 10% and 100%. "
               "If the canary's metrics degrade we roll back automatically. Feature flags let "
               "us turn a feature off without a deploy, and blue-green deployments make the "
               "rollback instant.\n");
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    nlohmann::json j = report();
    EXPECT_EQ(covered(j), (std::set<std::string>{"Q7", "Q26", "Q40"})) << j.dump(1);
    EXPECT_EQ(j.at("covered"), 3);
    EXPECT_EQ(j.at("total"), 50);
    // Q7 is covered because the note says so; Q26 by the canary note's words.
    for (const auto& q : j.at("questions")) {
        if (q.at("id") == "Q7") {
            EXPECT_EQ(q.at("notes").at(0).at("id"), "behind.md#when-a-project-slips");
            EXPECT_TRUE(q.at("notes").at(0).at("linked").get<bool>());
        }
        if (q.at("id") == "Q26") {
            EXPECT_EQ(q.at("notes").at(0).at("id"), "canary.md#canary-releases");
            EXPECT_FALSE(q.at("notes").at(0).at("linked").get<bool>());
            EXPECT_GE(q.at("notes").at(0).at("similarity").get<double>(), j.at("threshold"));
        }
    }
    // The other questions of their topics are gaps; topics come weakest first.
    std::set<std::string> release_gaps;
    double previous = -1.0;
    for (const auto& t : j.at("topics")) {
        const double share = t.at("covered").get<double>() / t.at("questions").get<double>();
        EXPECT_GE(share, previous) << t.dump();
        previous = share;
        if (t.at("id") == "release-engineering") {
            for (const auto& id : t.at("gaps")) release_gaps.insert(id.get<std::string>());
            EXPECT_EQ(t.at("covered"), 2);
        }
    }
    EXPECT_TRUE(release_gaps.count("Q17")) << j.dump(1);
    EXPECT_TRUE(release_gaps.count("Q34"));
    EXPECT_FALSE(release_gaps.count("Q26"));
    EXPECT_FALSE(covered(j).count("Q44"));

    // A note about incident post-mortems, picked up by the next command's refresh.
    write_note("incidents.md",
               "# Incident post-mortems\n\nAfter every incident we hold a blameless "
               "post-mortem within two days: a timeline of the incident, the root cause, what "
               "detection and incident response missed, and action items with owners. The "
               "incident commander runs the review and we track the action items to closure "
               "so the incident does not happen again.\n");
    j = report();
    EXPECT_TRUE(covered(j).count("Q44")) << j.dump(1);
    // The answers: field is a query filter too.
    const auto linked = f_.search({"--lines", "answers:q7"});
    EXPECT_EQ(linked.status, 0) << linked.err;
    EXPECT_NE(linked.out.find("behind.md#when-a-project-slips"), std::string::npos);
}

TEST_F(Coverage, TheReportFitsTheTerminalAndSaysWhatIsNotCovered) {
    write_note("canary.md",
               "# Canary releases\n\nA canary release to 1% of users with automatic rollback "
               "when error rates rise; feature flags and blue-green deployments.\n");
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    f_.set_terminal(80);
    const auto r = f_.search({"coverage", "--color", "never"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("Your notes cover ", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("\nNot covered, weakest topic first:\n"), std::string::npos);
    EXPECT_NE(r.out.find("\nCovered:\n"), std::string::npos);
    EXPECT_NE(r.out.find("canary.md#canary-releases (similar "), std::string::npos) << r.out;
    std::size_t at = 0;
    for (std::size_t nl; (nl = r.out.find('\n', at)) != std::string::npos; at = nl + 1) {
        EXPECT_LE(text::display_width(r.out.substr(at, nl - at)), 80u) << r.out.substr(at, nl - at);
    }
}

TEST_F(Coverage, WithoutNotesEveryQuestionIsAGapAndTheStatusIsStillZero) {
    const nlohmann::json j = report();
    EXPECT_EQ(j.at("covered"), 0);
    EXPECT_EQ(j.at("notes"), 0);
    EXPECT_EQ(j.at("questions").size(), 50u);
    const auto words = f_.search({"coverage", "canary"});
    EXPECT_EQ(words.status, 2);
    EXPECT_NE(words.err.find("coverage takes no words"), std::string::npos) << words.err;
}

}  // namespace
}  // namespace tpm
