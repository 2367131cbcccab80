// The programs at a user's terminal: every line fits the terminal's width (a real pty), --width
// also when piped, the topic footer, the pager and the configured defaults.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_fixture.h"
#include "text/width.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::CliFixture;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string without_sgr(const std::string& s) {
    return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), "");
}

// The widest line of `out` in terminal columns, colour codes left out.
std::size_t widest(const std::string& out) {
    std::size_t most = 0;
    for (const std::string& line : lines_of(without_sgr(out))) {
        most = std::max(most, text::display_width(line));
    }
    return most;
}

// The shipped corpus and a notes folder whose file names, headings and table are longer than
// a line.
class AtTheTerminal : public ::testing::Test {
  protected:
    AtTheTerminal() {
        f_.use_shipped_corpus();
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        const fs::path notes = f_.root() / "notes";
        test::write_file(
            notes / "stories" / "the-time-our-canary-release-rollback-saved-the-launch.md",
            "# How a canary release and an automatic rollback saved the payments launch\n\n"
            "Situation: the release went to 1% of users; error rates climbed within minutes "
            "at https://dashboards.example.com/payments/canary-release-error-rate-by-region\n\n"
            "Action: rolled back automatically.\n\n"
            "| Stage | Share of users | Rollback criteria for the canary release |\n"
            "| --- | --- | --- |\n"
            "| canary | 1% | error rate above 0.5% over five minutes |\n");
        EXPECT_EQ(f_.index({notes.string()}).status, 0);
    }

    CliFixture f_;
};

TEST_F(AtTheTerminal, NoLineIsWiderThanAnEightyColumnTerminal) {
    f_.set_terminal(80);
    const std::vector<std::vector<std::string>> commands = {
        {"canary rollback"},
        {"how do you handle a failed release with rollback"},
        {"stakeholder conflict", "-n", "20"},
        {"--explain", "canary release"},
        {"show", "Q34"},
        {"show", "stories/the-time-our-canary-release-rollback-saved-the-launch.md"},
        {"similar", "Q26"},
        {"topics"},
        {"--topic", "release-engineering"}};
    for (const std::vector<std::string>& args : commands) {
        SCOPED_TRACE(args.front());
        const auto r = f_.search(args);
        EXPECT_EQ(r.status, 0) << r.err;
        EXPECT_GT(lines_of(r.out).size(), 2u) << r.out;
        EXPECT_LE(widest(r.out), 80u) << r.out;
        EXPECT_NE(r.out.find("\x1b["), std::string::npos);  // a terminal: coloured
    }
    // The note's story is among the results, its long id, path and table included.
    EXPECT_NE(f_.search({"canary rollback", "--source", "notes"}).out.find("the-time-our-canary"),
              std::string::npos);
}

TEST_F(AtTheTerminal, WidthAppliesWhenPipedAndZeroDoesNotWrap) {
    const auto piped = f_.search({"how do you handle a failed release with rollback"});
    ASSERT_EQ(piped.status, 0);
    EXPECT_GT(widest(piped.out), 100u);  // not a terminal: not wrapped
    const auto narrow = f_.search(
        {"--width", "50", "--color", "always", "how do you handle a failed release with rollback"});
    EXPECT_LE(widest(narrow.out), 50u) << narrow.out;
    EXPECT_NE(narrow.out.find("\x1b["), std::string::npos);
    // Every word of the results is still there, in order (the topic footer after them is
    // fitted to the width, so it may list fewer).
    auto words = [](const std::string& s) {
        const std::string plain = without_sgr(s);
        std::istringstream in(plain.substr(0, plain.rfind("\ntopics: ")));
        std::string all, w;
        while (in >> w) all += w;
        return all;
    };
    EXPECT_EQ(words(narrow.out).size(), words(piped.out).size());
    f_.set_terminal(80);
    EXPECT_GT(widest(f_.search({"--width", "0", "how do you handle a failed release"}).out), 100u);
    const auto bad = f_.search({"--width", "5", "canary"});
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("width 5 is neither 0 (do not wrap) nor 20 to 10000 columns"),
              std::string::npos)
        << bad.err;
}

TEST_F(AtTheTerminal, TheTopicFooterFitsTwoLinesUnlessAskedForAll) {
    f_.set_terminal(80);
    const std::string query = "how do you handle a failed release with rollback";
    const auto r = f_.search({query});
    const std::string footer = without_sgr(r.out.substr(r.out.rfind("\n\n") + 2));
    EXPECT_EQ(footer.rfind("topics: ", 0), 0u) << footer;
    EXPECT_LE(lines_of(footer).size(), 2u) << footer;
    EXPECT_NE(footer.find(" more (--facets)"), std::string::npos) << footer;
    const auto all = f_.search({"--facets", query});
    const std::string all_footer = without_sgr(all.out.substr(all.out.rfind("\n\n") + 2));
    EXPECT_GT(lines_of(all_footer).size(), 2u) << all_footer;
    EXPECT_EQ(all_footer.find("more (--facets)"), std::string::npos) << all_footer;
}

// A pager that records what it was given and passes it on, as `tee` does.
class Paging : public ::testing::Test {
  protected:
    Paging() {
        f_.set_terminal(80);
        f_.set_env("PAGER", "tee '" + paged().string() + "'");
    }
    fs::path paged() const { return f_.root() / "paged"; }

    CliFixture f_;
};

TEST_F(Paging, OutputOnATerminalGoesThroughThePager) {
    const auto r = f_.search({"canary"});
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_TRUE(fs::exists(paged()));
    EXPECT_NE(without_sgr(test::read_file(paged())).find("1. "), std::string::npos);
    EXPECT_EQ(test::read_file(paged()), r.out);
    // show and topics too; the pager gets the colours.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"show", "Q1"}, std::vector<std::string>{"topics"}}) {
        fs::remove(paged());
        EXPECT_EQ(f_.search(args).status, 0);
        EXPECT_NE(test::read_file(paged()).find("\x1b["), std::string::npos) << args[0];
    }
}

TEST_F(Paging, NoPagerWhenAskedNotToWhenPipedOrWhenNothingIsFound) {
    EXPECT_EQ(f_.search({"--no-pager", "canary"}).status, 0);
    EXPECT_FALSE(fs::exists(paged()));
    const auto none = f_.search({"zzqqxx"});
    EXPECT_EQ(none.status, 1);
    EXPECT_FALSE(fs::exists(paged()));
    f_.set_env("PAGER", "cat");
    EXPECT_EQ(f_.search({"canary"}).status, 0);
    f_.set_env("PAGER", "tee '" + paged().string() + "'");
    f_.set_terminal(0);
    EXPECT_EQ(f_.search({"canary"}).status, 0);
    EXPECT_FALSE(fs::exists(paged()));
    // The configured --no-pager is undone by --pager on the command line.
    f_.set_terminal(80);
    f_.set_env("TPMSEARCH_OPTS", "--no-pager");
    EXPECT_EQ(f_.search({"canary"}).status, 0);
    EXPECT_FALSE(fs::exists(paged()));
    EXPECT_EQ(f_.search({"--pager", "canary"}).status, 0);
    EXPECT_TRUE(fs::exists(paged()));
}

TEST_F(Paging, TheDefaultIsLessToldToQuitOnAShortPageAndKeepColour) {
    // A `less` of the test's own first on PATH, recording the LESS it was given.
    const fs::path bin = f_.root() / "fake-bin";
    test::write_file(bin / "less", "#!/bin/sh\nprintf '%s\\n' \"$LESS\" > '" +
                                       (f_.root() / "less-env").string() + "'\nexec cat\n");
    fs::permissions(bin / "less", fs::perms::owner_all);
    f_.set_env("PAGER", "");
    f_.set_env("PATH", bin.string() + ":" + std::getenv("PATH"));
    const auto r = f_.search({"canary"});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(without_sgr(r.out).find("1. "), std::string::npos);
    EXPECT_EQ(test::read_file(f_.root() / "less-env"), "FRX\n");
    // The user's own LESS is theirs; TPMSEARCH_PAGER comes before PAGER.
    f_.set_env("LESS", "-R");
    EXPECT_EQ(f_.search({"canary"}).status, 0);
    EXPECT_EQ(test::read_file(f_.root() / "less-env"), "-R\n");
    f_.set_env("PAGER", "tee '" + paged().string() + "'");
    f_.set_env("TPMSEARCH_PAGER", "less");
    EXPECT_EQ(f_.search({"canary"}).status, 0);
    EXPECT_FALSE(fs::exists(paged()));
}

class Configured : public ::testing::Test {
  protected:
    Configured() { f_.set_env("XDG_CONFIG_HOME", (f_.root() / "config").string()); }
    void configure(const std::string& text) const {
        test::write_file(f_.root() / "config" / "tpmsearch" / "config", text);
    }
    std::size_t hits(const std::vector<std::string>& args) const {
        const auto r = f_.search(args);
        EXPECT_EQ(r.status, 0) << r.err;
        std::size_t n = 0;
        for (const std::string& line : lines_of(r.out)) n += std::regex_search(line, rank_);
        return n;
    }

    CliFixture f_;
    const std::regex rank_{"^ ?[0-9]+\\. "};
};

TEST_F(Configured, DefaultsComeFromTheFileThenTheVariableThenTheCommandLine) {
    // The three questions of the test corpus.
    const std::string all = "release OR stakeholders OR capacity";
    ASSERT_EQ(hits({all}), 3u);
    ASSERT_NE(f_.search({all}).out.find("Canary"), std::string::npos);
    configure("# my defaults\n\n-n 1\n  --no-excerpts  \n--color=never\n");
    EXPECT_EQ(hits({all}), 1u);
    EXPECT_EQ(f_.search({all}).out.find("Canary"), std::string::npos);
    EXPECT_EQ(hits({all, "-n", "2"}), 2u);
    f_.set_env("TPMSEARCH_OPTS", "--limit 2");
    EXPECT_EQ(hits({all}), 2u);
    EXPECT_EQ(hits({all, "--limit=3"}), 3u);
    // TPMSEARCH_CONFIG names another file (/dev/null for none).
    f_.set_env("TPMSEARCH_OPTS", "");
    test::write_file(f_.root() / "other", "--limit 2\n");
    f_.set_env("TPMSEARCH_CONFIG", (f_.root() / "other").string());
    EXPECT_EQ(hits({all}), 2u);
    f_.set_env("TPMSEARCH_CONFIG", "/dev/null");
    EXPECT_EQ(hits({all}), 3u);
}

TEST_F(Configured, ABadDefaultIsAnErrorNamingTheFileAndLine) {
    const std::string file = "ROOT/config/tpmsearch/config";  // as sanitised
    struct Case {
        std::string text;
        std::string message;
    };
    const Case cases[] = {
        {"-n 1\n--limt 3\n", file + ":2: The following argument was not expected: --limt"},
        {"# x\ncanary\n", file + ":2: \"canary\" is not an option"},
        {"--color sometimes\n", file + ":1: --color: sometimes not in {auto,always,never}"},
        {"--help\n", file + ":1: --help only prints, it cannot be a default"},
        {"--\n", file + ":1: \"--\" cannot be a default"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        configure(c.text);
        const auto r = f_.search({"release"});
        EXPECT_EQ(r.status, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("tpmsearch: error: " + c.message, 0), 0u) << r.err;
    }
    configure("");
    f_.set_env("TPMSEARCH_OPTS", "-n 2 topics");
    const auto r = f_.search({"release"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("TPMSEARCH_OPTS: "), std::string::npos) << r.err;
    // `help` still answers, whatever the defaults.
    EXPECT_EQ(f_.search({"help"}).status, 0);
    // A folder where the file should be is an error too, not silence.
    const fs::path path = f_.root() / "config" / "tpmsearch" / "config";
    fs::remove(path);
    fs::create_directories(path);
    EXPECT_EQ(f_.search({"release"}).status, 2);
}

}  // namespace
}  // namespace tpm
