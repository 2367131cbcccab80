// What both programs do as command-line tools, whatever the index holds: --version, and a
// suggestion for a mistyped option.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

using test::CliFixture;

TEST(Conventions, VersionNamesTheProgramAndItsLibraries) {
    const CliFixture f;
    for (const std::string program : {"tpmsearch", "tpmindex"}) {
        for (const std::string flag : {"--version", "-V"}) {
            const auto r = program == "tpmsearch" ? f.search({flag}) : f.index({flag});
            EXPECT_EQ(r.status, 0) << program << " " << flag << ": " << r.err;
            EXPECT_TRUE(std::regex_match(
                r.out,
                std::regex(program + R"( \d+\.\d+\.\d+ \(Xapian 1\.4\.\d+, ICU \d+\.\d+.*\)\n)")))
                << r.out;
            EXPECT_EQ(r.err, "");
        }
    }
}

TEST(Conventions, MistypedOptionGetsTheClosestOne) {
    const CliFixture f;
    auto r = f.search({"--limt", "3", "canary"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--limt; did you mean --limit?"), std::string::npos) << r.err;
    // An option of a subcommand is suggested too, wherever it is typed.
    r = f.index({"--lst"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("did you mean --list?"), std::string::npos) << r.err;
    // Nothing near: no suggestion, the usual advice.
    r = f.search({"--frobnicate", "canary"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--help for usage"), std::string::npos) << r.err;
}

TEST(Conventions, AQueryThatReadsLikeAMistypedCommandSaysWhichCommand) {
    const CliFixture f;
    struct Case {
        std::vector<std::string> args;
        std::string meant;  // empty: no notice
    };
    const Case cases[] = {
        {{"shw", "Q1"}, "tpmsearch show Q1"},
        {{"similiar", "Q2"}, "tpmsearch similar Q2"},
        {{"opne", "stories/x.md#story"}, "tpmsearch open stories/x.md#story"},
        {{"topic"}, "tpmsearch topics"},
        {{"topic", "release"}, ""},     // a topic query, not a command
        {{"shw", "canary"}, ""},        // the second word names no document
        {{"release", "Q1"}, ""},        // nothing like a command
        {{"--json", "shw", "Q1"}, ""},  // JSON readers get only JSON
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args.front() + " " + c.args.back());
        const auto r = f.search(c.args);
        EXPECT_NE(r.status, 2) << r.err;  // still searched, whatever it finds
        const std::size_t at = r.err.find("; for the command, type: ");
        if (c.meant.empty()) {
            EXPECT_EQ(at, std::string::npos) << r.err;
        } else {
            EXPECT_NE(r.err.find("for the command, type: " + c.meant + "\n"), std::string::npos)
                << r.err;
        }
    }
}

TEST(Conventions, HelpCommandPrintsTheProgramsOrACommandsHelp) {
    const CliFixture f;
    auto r = f.search({"help"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, f.search({"--help"}).out);
    r = f.search({"help", "show"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Usage: show"), std::string::npos) << r.out;
    r = f.index({"help"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, f.index({"--help"}).out);
    // No such command: an error that says how to search for the word instead.
    r = f.search({"help", "canary"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("tpmsearch -- help"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace tpm
