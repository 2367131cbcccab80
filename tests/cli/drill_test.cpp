// tpmsearch drill end to end, on a pseudo-terminal a test types into: the session
// (good, again, easy, q) and the next one the same day, a state that survives tpmindex and a
// SIGKILL, two sessions at once, a vanished note's card retired, and the scripts' --due --json.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_fixture.h"
#include "support/pty_session.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::PtySession;

class Drill : public ::testing::Test {
  protected:
    Drill() {
        f_.set_env("XDG_STATE_HOME", (f_.root() / "state").string());
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        f_.set_env("NO_COLOR", "1");
        // The shipped index is built before two sessions may start at once.
        EXPECT_EQ(f_.index({}).status, 0);
    }

    std::unique_ptr<PtySession> start(std::vector<std::string> args) const {
        args.insert(args.begin(), "drill");
        args.insert(args.begin(), f_.program("tpmsearch").string());
        return std::make_unique<PtySession>(args, f_.environment());
    }

    // Shows the card that comes and answers it with `key`; the card's id.
    static std::string answer(PtySession& s, char key) {
        EXPECT_TRUE(s.wait_for("space: show the answer")) << s.output();
        const std::string out = s.output();
        const std::size_t card = out.rfind("Card ");
        const std::size_t id = out.find('\n', card) + 1;
        std::string shown = out.substr(id, out.find(' ', id) - id);
        s.send(" ");
        EXPECT_TRUE(s.wait_for("1 again")) << s.output();
        s.send(std::string(1, key));
        return shown;
    }

    nlohmann::json state() const { return nlohmann::json::parse(test::read_file(state_file())); }
    // A STAR story in `notes`/failure.md, id failure.md#my-biggest-failure.
    static void write_story(const fs::path& notes) {
        test::write_file(notes / "failure.md",
                         "# My biggest failure\n\nSituation: a launch slipped.\n\nTask: recover "
                         "it.\n\nAction: I re-planned.\n\nResult: shipped a week late.\n");
    }

    fs::path state_file() const { return f_.root() / "state" / "tpmsearch" / "drill.json"; }

    test::CliFixture f_;
};

TEST_F(Drill, GoodAgainEasyThenTheSameDayOnlyTheAgainCardComesBack) {
    auto s = start({});
    const std::string good = answer(*s, '3');
    const std::string again = answer(*s, '1');
    const std::string easy = answer(*s, '4');
    EXPECT_EQ((std::vector<std::string>{good, again, easy}),
              (std::vector<std::string>{"Q1", "Q2", "Q3"}));
    // The "again" card comes back before the session ends; q quits and keeps the answers.
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    EXPECT_NE(s->output().rfind("Card 4 of 4"), std::string::npos) << s->output();
    s->send("q");
    EXPECT_EQ(s->wait_exit(), 0);
    EXPECT_NE(s->output().find("Done: 3 cards (1 again, 1 good, 1 easy)"), std::string::npos)
        << s->output();
    EXPECT_EQ(state().at("cards").size(), 3u);
    EXPECT_EQ(state().at("cards").at("Q2").at("interval"), 0);

    auto next = start({});
    EXPECT_EQ(answer(*next, 'g'), "Q2");
    EXPECT_EQ(next->wait_exit(), 0);
    EXPECT_EQ(next->output().find("Q1  "), std::string::npos) << next->output();
    EXPECT_EQ(next->output().find("Q3  "), std::string::npos);
    EXPECT_NE(next->output().find("Done: 1 card (1 good)"), std::string::npos);
    // Nothing is due now: status 1 and when the next one is.
    auto none = start({});
    EXPECT_EQ(none->wait_exit(), 1);
    EXPECT_NE(none->output().find("nothing to drill: no card is due (the next on "),
              std::string::npos)
        << none->output();
}

TEST_F(Drill, KeysThatSendEscapeSequencesGradeNothing) {
    auto s = start({});
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    s->send(" ");
    ASSERT_TRUE(s->wait_for("1 again"));
    // Delete, Insert, F5 and an arrow: their digits are not answers.
    s->send("\x1b[3~\x1b[2~\x1b[15~\x1b[A\x1bOP");
    s->send("4");  // easy
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    s->send("q");
    EXPECT_EQ(s->wait_exit(), 0);
    const nlohmann::json j = state();
    ASSERT_EQ(j.at("cards").size(), 1u) << j.dump();
    EXPECT_EQ(j.at("cards").at("Q1").at("interval"), 4);  // easy, not good/hard/again
    EXPECT_EQ(j.at("cards").at("Q1").at("reviews"), 1);
}

TEST_F(Drill, ExportDueMakesASheetOfTheCardsDueToday) {
    EXPECT_EQ(f_.search({"export", "--due"}).status, 1);  // nothing answered yet
    auto s = start({});
    answer(*s, 'g');
    answer(*s, 'a');
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    s->send("q");
    EXPECT_EQ(s->wait_exit(), 0);
    const auto sheet = f_.search({"export", "--due"});
    ASSERT_EQ(sheet.status, 0) << sheet.err;
    EXPECT_NE(sheet.out.find("## Q2"), std::string::npos) << sheet.out;
    EXPECT_EQ(sheet.out.find("## Q1"), std::string::npos) << sheet.out;
    EXPECT_EQ(sheet.out.find("## Q3"), std::string::npos) << sheet.out;
}

TEST_F(Drill, CtrlCQuitsKeepingTheAnswersAndTheStateSurvivesTpmindex) {
    auto s = start({});
    answer(*s, 'g');
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    s->send("\x03");
    EXPECT_EQ(s->wait_exit(), 0);
    const std::string before = test::read_file(state_file());
    ASSERT_EQ(state().at("cards").size(), 1u);
    ASSERT_EQ(f_.index({}).status, 0);
    EXPECT_EQ(test::read_file(state_file()), before);
    EXPECT_EQ(f_.search({"drill", "--due", "--json"}).status, 0);
    EXPECT_EQ(test::read_file(state_file()), before);
}

TEST_F(Drill, ASigkillMidSessionKeepsTheLastCompletedAnswer) {
    auto s = start({});
    answer(*s, 'e');
    answer(*s, 'h');
    ASSERT_TRUE(s->wait_for("space: show the answer"));
    s->send(" ");
    ASSERT_TRUE(s->wait_for("1 again"));
    s->kill_with(SIGKILL);
    const nlohmann::json j = state();  // parses
    EXPECT_EQ(j.at("cards").size(), 2u);
    EXPECT_EQ(j.at("cards").at("Q1").at("interval"), 4);
    EXPECT_EQ(j.at("cards").at("Q2").at("interval"), 1);
    for (const auto& entry : fs::directory_iterator(state_file().parent_path())) {
        EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
    }
}

TEST_F(Drill, TwoSessionsAtOnceBothKeepTheirAnswers) {
    auto one = start({"-n", "1"});
    auto two = start({"--all", "-n", "3"});
    EXPECT_EQ(answer(*one, 'g'), "Q1");
    EXPECT_EQ(answer(*two, 'e'), "Q1");
    EXPECT_EQ(answer(*two, 'g'), "Q2");
    EXPECT_EQ(one->wait_exit(), 0);
    two->send("q");
    EXPECT_EQ(two->wait_exit(), 0);
    const nlohmann::json j = state();
    EXPECT_EQ(j.at("cards").size(), 2u);
    EXPECT_EQ(j.at("cards").at("Q1").at("reviews"), 2);
}

TEST_F(Drill, AStoryWhoseNoteIsGoneIsRetiredNotLost) {
    const fs::path notes = f_.root() / "notes";
    write_story(notes);
    ASSERT_EQ(f_.index({notes.string()}).status, 0);
    auto s = start({"--kind", "story"});
    EXPECT_EQ(answer(*s, 'g'), "failure.md#my-biggest-failure");
    EXPECT_EQ(s->wait_exit(), 0);
    fs::remove(notes / "failure.md");
    const auto r = f_.search({"drill", "--due", "--json"});
    EXPECT_NE(r.err.find("1 card is retired"), std::string::npos) << r.err;
    const nlohmann::json card = state().at("cards").at("failure.md#my-biggest-failure");
    EXPECT_TRUE(card.at("retired").get<bool>());
    EXPECT_EQ(card.at("reviews"), 1);
    // The note is back: so is its card, with its history.
    write_story(notes);
    ASSERT_EQ(f_.search({"drill", "--due", "--json", "--all"}).status, 0);
    const nlohmann::json back = state().at("cards").at("failure.md#my-biggest-failure");
    EXPECT_FALSE(back.at("retired").get<bool>());
    EXPECT_EQ(back.at("reviews"), 1);
}

TEST_F(Drill, AnIndexWithoutTheNotesRetiresNoCard) {
    const fs::path notes = f_.root() / "notes";
    write_story(notes);
    ASSERT_EQ(f_.index({notes.string()}).status, 0);
    auto s = start({"--kind", "story"});
    answer(*s, 'g');
    EXPECT_EQ(s->wait_exit(), 0);
    // The shipped index alone, named by --index or TPMSEARCH_INDEX, holds no notes.
    const std::string shipped = (f_.root() / "index").string();
    EXPECT_EQ(f_.search({"drill", "--due", "--json", "--all", "--index", shipped}).err, "");
    f_.set_env("TPMSEARCH_INDEX", shipped);
    EXPECT_EQ(f_.search({"drill", "--due", "--json", "--all"}).err, "");
    EXPECT_FALSE(state().at("cards").at("failure.md#my-biggest-failure").at("retired").get<bool>());
}

TEST_F(Drill, NotATerminalIsAnErrorAndDueJsonIsForScripts) {
    const auto r = f_.search({"drill"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("drill needs a terminal"), std::string::npos) << r.err;
    const auto due = f_.search({"drill", "--due", "--json", "--topic", "release-engineering"});
    ASSERT_EQ(due.status, 0) << due.err;
    const nlohmann::json j = nlohmann::json::parse(due.out);
    ASSERT_EQ(j.at("due").size(), 1u);
    EXPECT_EQ(j.at("due").at(0).at("id"), "Q1");
    EXPECT_TRUE(j.at("due").at(0).at("new").get<bool>());
    EXPECT_FALSE(fs::exists(state_file()));  // listing writes nothing
}

}  // namespace
}  // namespace tpm
