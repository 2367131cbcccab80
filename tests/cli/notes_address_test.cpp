// Naming a note section the way people do, end to end with the real programs on real files in
// a temporary folder: the readable id (path in the registered folder and heading slug) in
// every output and accepted by show and similar, PATH and PATH:LINE, `open` starting the
// user's editor at the line, and the one-line outputs (--files, --lines) that scripts and fzf
// read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

class NotesAddress : public ::testing::Test {
  protected:
    NotesAddress() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        test::write_file(
            notes_ / "stories" / "failure.md",
            "# Failures\n\n## Biggest failure\n\nWe shipped the wombat launch late.\n\n"
            "## Canary notes\n\nThe quokka canary caught the regression.\n");
        const auto r = f_.index({notes_.string()});
        EXPECT_EQ(r.status, 0) << r.err;
    }

    std::string file() const { return fs::canonical(notes_ / "stories" / "failure.md").string(); }

    // An editor that writes the arguments it was started with, one a line, to `record`.
    std::string recording_editor(const std::string& name) const {
        const fs::path script = f_.root() / name;
        test::write_file(script, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " +
                                     (f_.root() / (name + ".args")).string() + "\n");
        fs::permissions(script, fs::perms::owner_all);
        return script.string();
    }

    std::string recorded(const std::string& name) const {
        std::ifstream in(f_.root() / (name + ".args"));
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    test::CliFixture f_;
    const fs::path notes_ = f_.root() / "prep";
};

TEST_F(NotesAddress, SectionsHaveReadableIdsInTextAndJson) {
    auto r = f_.search({"--source", "notes", "--no-excerpts", "quokka"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("1. stories/failure.md#canary-notes  Failures > Canary notes"),
              std::string::npos)
        << r.out;
    r = f_.search({"--json", "--source", "notes", "wombat"});
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_FALSE(j.at("hits").empty());
    EXPECT_EQ(j["hits"][0]["id"], "stories/failure.md#biggest-failure");
}

TEST_F(NotesAddress, IdsStayTheSameWhenTheFileIsIndexedAgain) {
    test::write_file(notes_ / "stories" / "failure.md",
                     "# Failures\n\nAn added line at the top.\n\n## Biggest failure\n\nWe shipped "
                     "the wombat launch late.\n\n## Canary notes\n\nThe quokka canary.\n");
    ASSERT_EQ(f_.index({"-q"}).status, 0);
    const auto r = f_.search({"show", "stories/failure.md#canary-notes"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("The quokka canary."), std::string::npos) << r.out;
}

TEST_F(NotesAddress, ShowAndSimilarTakeTheIdOrAPlace) {
    const std::vector<std::string> names = {"stories/failure.md#canary-notes", file() + ":8",
                                            "stories/failure.md:9"};
    for (const std::string& name : names) {
        const auto r = f_.search({"show", name});
        EXPECT_EQ(r.status, 0) << name << ": " << r.err;
        EXPECT_EQ(r.out.rfind("stories/failure.md#canary-notes  Failures > Canary notes", 0), 0u)
            << name << ": " << r.out;
    }
    // A file alone: its first section.
    auto r = f_.search({"show", file()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.find("stories/failure.md#canary-notes"), std::string::npos) << r.out;
    r = f_.search({"--json", "similar", "stories/failure.md#canary-notes"});
    EXPECT_EQ(r.status, 0) << r.err;
    const auto similar = nlohmann::json::parse(r.out);
    for (const auto& hit : similar.at("hits")) {
        EXPECT_NE(hit["id"], "stories/failure.md#canary-notes");
    }
    r = f_.search({"show", "stories/nothing.md:3"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("PATH:LINE"), std::string::npos) << r.err;
}

TEST_F(NotesAddress, LinesAndFilesPrintOneLineEach) {
    // The fixture writes the temporary folder as ROOT in what the programs print.
    auto r = f_.search({"--lines", "--source", "notes", "quokka", "wombat"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("ROOT/prep/stories/failure.md:7: stories/failure.md#canary-notes  "
                         "Failures > Canary notes\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ROOT/prep/stories/failure.md:3: stories/failure.md#biggest-failure  "
                         "Failures > Biggest failure\n"),
              std::string::npos)
        << r.out;
    // What --lines prints before ": " is a place show accepts (the fzf preview).
    const std::string place =
        fs::canonical(f_.root()).string() + r.out.substr(4, r.out.find(": ") - 4);
    EXPECT_EQ(f_.search({"show", place}).status, 0) << place;
    r = f_.search({"--files", "--source", "notes", "quokka", "wombat"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "ROOT/prep/stories/failure.md\n");
    r = f_.search({"--files", "--lines", "quokka"});
    EXPECT_EQ(r.status, 2);
}

TEST_F(NotesAddress, OpenStartsTheEditorAtTheLine) {
    f_.set_env("EDITOR", recording_editor("editor") + " --wait");
    auto r = f_.search({"open", "stories/failure.md#canary-notes"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(recorded("editor"), "--wait\n+7\n" + file() + "\n");
    // $VISUAL first, as git has it; a shipped question opens the corpus file at its line.
    f_.set_env("VISUAL", recording_editor("visual"));
    r = f_.search({"open", "Q1"});
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string args = recorded("visual");
    EXPECT_EQ(args.rfind("+", 0), 0u) << args;
    EXPECT_NE(args.find(fs::canonical(f_.root()).string() + "/corpus/"), std::string::npos) << args;
    // An editor that is not installed: status 2 and a line saying what to set.
    f_.set_env("VISUAL", "no-such-editor-here");
    r = f_.search({"open", "Q1"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("cannot start the editor \"no-such-editor-here\""), std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace tpm
