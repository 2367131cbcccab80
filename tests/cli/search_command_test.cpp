// The tpmsearch program end to end: text and JSON output against golden files, exit statuses
// 0/1/2, how the index is found, the first search building the default index by itself, and
// what it takes from its environment (variables, a terminal).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "output/json_printer.h"
#include "support/cli_fixture.h"

namespace tpm {
namespace {

using test::CliFixture;
using test::expect_golden;

class TpmSearch : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(f_.index({"-q"}).status, 0); }
    CliFixture f_;
};

TEST_F(TpmSearch, TextOutputMatchesGolden) {
    const auto r = f_.search({"canary", "rollback"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    expect_golden("search_canary_rollback.txt", r.out);
}

TEST_F(TpmSearch, ColourOutputMatchesGolden) {
    const auto r = f_.search({"--color", "always", "stakeholders"});
    EXPECT_EQ(r.status, 0) << r.err;
    expect_golden("search_stakeholders_color.txt", r.out);
}

TEST_F(TpmSearch, JsonOutputMatchesGoldenAndParses) {
    const auto r = f_.search({"--json", "canary", "rollback"});
    EXPECT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("schema"), kJsonSchema);
    EXPECT_EQ(j.at("query"), "canary rollback");
    ASSERT_FALSE(j.at("hits").empty());
    EXPECT_EQ(j["hits"][0]["id"], "Q1");
    double previous = 1e300;
    for (const auto& hit : j["hits"]) {
        EXPECT_LE(hit["score"].get<double>(), previous);
        previous = hit["score"].get<double>();
    }
    // Scores are BM25 weights; the golden copy fixes everything but their digits.
    expect_golden("search_canary_rollback.json",
                  std::regex_replace(r.out, std::regex("\"score\":[-0-9.e+]+"), "\"score\":S"));
}

TEST_F(TpmSearch, ShowPrintsTheWholeQuestion) {
    const auto r = f_.search({"show", "q1"});
    EXPECT_EQ(r.status, 0) << r.err;
    expect_golden("show_q1.txt", r.out);
    const auto j = f_.search({"show", "Q1", "--json"});
    EXPECT_EQ(j.status, 0) << j.err;
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["document"]["points"].size(), 3u);
    EXPECT_EQ(doc["source_info"]["title"], "Sample TPM questions");
}

TEST_F(TpmSearch, SimilarListsOtherDocumentsOrSaysTheIdIsUnknown) {
    const auto r = f_.search({"similar", "Q1"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out.rfind("1. Q", 0), 0u) << r.out;  // ranked hits, as a search prints them
    EXPECT_EQ(r.out.find("Q1 "), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(f_.search({"--json", "similar", "q1", "-n", "2"}).out);
    ASSERT_FALSE(j.at("hits").empty());
    EXPECT_LE(j["hits"].size(), 2u);
    for (const auto& hit : j["hits"]) EXPECT_NE(hit["id"], "Q1");
    const auto missing = f_.search({"similar", "Q99"});
    EXPECT_EQ(missing.status, 1);
    EXPECT_EQ(missing.out, "");
    EXPECT_EQ(missing.err,
              "tpmsearch: no document \"Q99\" in the index (name one as Q26, tips/1, "
              "stories/x.md#slug, PATH or PATH:LINE)\n");
}

TEST_F(TpmSearch, ExitStatusSaysWhatHappened) {
    struct Case {
        std::vector<std::string> args;
        int status;
        const char* err;
    };
    const Case cases[] = {
        {{"capacity"}, 0, ""},
        {{"xylophone"}, 1, "tpmsearch: no results for: xylophone\n"},
        {{"show", "Q99"}, 1, "no document \"Q99\""},
        {{"AND", "AND"}, 2, "tpmsearch: error: AND needs a word on each side in query: AND AND\n"},
        {{"\"canary rollback"}, 2, "unbalanced quote"},
        {{}, 2, "no query given"},
        {{"--limit", "0", "canary"}, 2, "--limit"},
        {{"--color", "purple", "canary"}, 2, "--color"},
        {{"--index", "/nonexistent/tpm-index", "canary"}, 2, "no index in /nonexistent/tpm-index"},
        // A usage error is one line, with the command that explains the options.
        {{"--bogus", "canary"},
         2,
         "tpmsearch: error: The following argument was not expected: --bogus; run tpmsearch "
         "--help for usage\n"},
        // Words a subcommand cannot take are an error, not silently dropped.
        {{"show", "Q1", "Q2"},
         2,
         "tpmsearch: error: show takes one id, not also: Q2; run tpmsearch --help for usage\n"},
        {{"similar", "Q1", "Q2", "--json"}, 2, "similar takes one id, not also: Q2"},
        {{"topics", "foo"}, 2, "topics takes no words, not also: foo"},
        {{"canary", "show", "Q1"}, 2, "show takes one id, not also: canary"},
        {{"kind:TIP"}, 0, ""},
        {{"kind:foo"}, 2, "tpmsearch: error: unknown kind \"foo\"; it is one of question, tip"},
        {{"foo:bar"}, 2, "tpmsearch: error: unknown field \"foo\" in foo:bar"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args.empty() ? "(none)" : c.args.front());
        const auto r = f_.search(c.args);
        EXPECT_EQ(r.status, c.status) << r.err;
        EXPECT_NE(r.err.find(c.err), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), c.status == 0 ? 0 : 1) << r.err;
        if (c.status == 2) {
            EXPECT_EQ(r.out, "");
        }
    }
}

TEST_F(TpmSearch, UnknownWordsAreCorrectedAndKnownOnesLeftAlone) {
    // "site" is an English word the index lacks: a dictionary keeps it from becoming "size".
    test::write_file(f_.root() / "words", "site\nstakeholder\n");
    f_.set_env("TPMSEARCH_DICTIONARY", (f_.root() / "words").string());
    const auto r = f_.search({"stakholders", "site"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err,
              "tpmsearch: searched for: stakeholders site (spelling corrected; words of the word "
              "list are never changed)\n");
    const auto j = nlohmann::json::parse(f_.search({"--json", "stakholders"}).out);
    EXPECT_EQ(j["corrected_query"], "stakeholders");
    EXPECT_EQ(j["hits"][0]["id"], "Q2");
    // Without a dictionary the normal reading corrects nothing; the word finds nothing as
    // written, and the last rung of the rescue ladder corrects it and says so.
    f_.set_env("TPMSEARCH_DICTIONARY", "/dev/null");
    const auto rescued = f_.search({"stakholders"});
    EXPECT_EQ(rescued.status, 0);
    EXPECT_EQ(rescued.err,
              "tpmsearch: nothing matched; showing results for: stakeholders (spelling "
              "corrected)\n");
    const auto j2 = nlohmann::json::parse(f_.search({"--json", "stakholders"}).out);
    EXPECT_EQ(j2["rescue"],
              "nothing matched; showing results for: stakeholders (spelling corrected)");
}

TEST_F(TpmSearch, ATopicWithoutAQueryListsItsQuestionsInOrder) {
    const auto r = f_.search({"--topic", "release-engineering"});
    EXPECT_EQ(r.status, 0) << r.err;
    expect_golden("topic_release_engineering.txt", r.out);
}

TEST_F(TpmSearch, TopicsCommandListsEveryTopicWithCounts) {
    const auto r = f_.search({"topics"});
    EXPECT_EQ(r.status, 0) << r.err;
    expect_golden("topics.txt", r.out);
    const auto j = nlohmann::json::parse(f_.search({"topics", "--json"}).out);
    EXPECT_EQ(j["topics"].size(), 3u);
    EXPECT_EQ(j["topics"][0]["id"], "release-engineering");
    EXPECT_EQ(j["topics"][0]["questions"], 1);
}

TEST_F(TpmSearch, TopicFiltersAndFacetsInJson) {
    const auto j = nlohmann::json::parse(f_.search({"--json", "how", "OR", "canary"}).out);
    ASSERT_FALSE(j["facets"]["topics"].empty());
    std::size_t total = 0;
    for (const auto& f : j["facets"]["topics"]) total += f["count"].get<std::size_t>();
    EXPECT_GE(total, j["hits"].size());
    const auto filtered =
        nlohmann::json::parse(f_.search({"--json", "--topic", "stakeholders", "how"}).out);
    ASSERT_EQ(filtered["hits"].size(), 1u);
    EXPECT_EQ(filtered["hits"][0]["id"], "Q2");
    EXPECT_EQ(filtered["hits"][0]["topics"][0], "stakeholder-management");
}

TEST_F(TpmSearch, UnknownTopicsAndEmptyFiltersSaySo) {
    const auto unknown = f_.search({"--topic", "stakeholder", "canary"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("tpmsearch: error: unknown topic \"stakeholder\" (did you mean: "
                               "stakeholder-management"),
              std::string::npos)
        << unknown.err;
    const auto none = f_.search({"--topic", "capacity-planning", "canary"});
    EXPECT_EQ(none.status, 1);
    EXPECT_EQ(none.err, "tpmsearch: no results for: canary --topic capacity-planning\n");
}

TEST_F(TpmSearch, ExplainShowsTheReadingAndTheMatchedFields) {
    const auto r = f_.search({"--explain", "canary"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("query: Query(", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("   matched: canari (point, example)\n"), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(f_.search({"--json", "--explain", "canary"}).out);
    EXPECT_NE(j["explain"]["query"].get<std::string>().find("Zcanari"), std::string::npos);
    EXPECT_EQ(j["hits"][0]["matched"][0]["term"], "canari");
    // Without --explain neither appears.
    const auto plain = nlohmann::json::parse(f_.search({"--json", "canary"}).out);
    EXPECT_FALSE(plain.contains("explain"));
    EXPECT_FALSE(plain["hits"][0].contains("matched"));
}

TEST_F(TpmSearch, TheUsersOwnVocabularyIsSearchedWithTheShippedOne) {
    EXPECT_EQ(f_.search({"birdie"}).status, 1);
    test::write_file(f_.root() / "config" / "tpmsearch" / "synonyms.txt",
                     "# mine\nbirdie => canary\nthis line has no arrow or comma\n");
    f_.set_env("XDG_CONFIG_HOME", (f_.root() / "config").string());
    const auto r = f_.search({"birdie"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("1. Q1 "), std::string::npos) << r.out;
    // A bad line is a warning naming the file and line, and the rest still works.
    EXPECT_NE(r.err.find("tpmsearch: warning: ROOT/config/tpmsearch/synonyms.txt:3:"),
              std::string::npos)
        << r.err;
}

TEST_F(TpmSearch, LimitCapsTheResults) {
    const auto r = f_.search({"--json", "-n", "1", "how OR release OR stakeholders OR capacity"});
    EXPECT_EQ(nlohmann::json::parse(r.out)["hits"].size(), 1u);
}

TEST_F(TpmSearch, NoExcerptsPrintsTitlesAndLocationsOnly) {
    const auto full = nlohmann::json::parse(f_.search({"--json", "canary", "rollback"}).out);
    const auto r = f_.search({"--json", "--no-excerpts", "canary", "rollback"});
    EXPECT_EQ(r.status, 0) << r.err;
    const auto brief = nlohmann::json::parse(r.out);
    ASSERT_EQ(brief["hits"].size(), full["hits"].size());
    ASSERT_FALSE(full["hits"][0]["excerpts"].empty());
    for (std::size_t i = 0; i < brief["hits"].size(); ++i) {
        EXPECT_EQ(brief["hits"][i]["id"], full["hits"][i]["id"]);  // the same ranking
        EXPECT_TRUE(brief["hits"][i]["excerpts"].empty());
    }
    const auto text = f_.search({"--no-excerpts", "canary", "rollback"});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_EQ(text.out.find("Canary"), std::string::npos) << text.out;  // only in passages
}

TEST_F(TpmSearch, EscapeSequencesInTheQueryNeverReachTheTerminal) {
    const auto r = f_.search({"\x1b[31mred"});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
}

TEST(TpmSearchIndexChoice, FirstSearchBuildsTheDefaultIndexOnceWithANotice) {
    CliFixture f;
    const auto first = f.search({"canary"});
    EXPECT_EQ(first.status, 0) << first.err;
    EXPECT_EQ(first.err,
              "tpmsearch: building the index in index/ from corpus/ (once, after each "
              "change to corpus/ or to tpmsearch)\n");
    const auto second = f.search({"canary"});
    EXPECT_EQ(second.err, "");
    EXPECT_EQ(second.out, first.out);
}

TEST(TpmSearchIndexChoice, AChangedCorpusIsReindexedBeforeSearching) {
    CliFixture f;
    ASSERT_EQ(f.search({"canary"}).status, 0);
    const auto file = f.root() / "corpus" / "sample.txt";
    test::write_file(file, test::read_file(file) +
                               "\nQuestion 4: How do you pick a xylophone?\n\n"
                               "Answer: By ear.\n");
    const auto r = f.search({"xylophone"});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.err.find("building the index"), std::string::npos);
}

TEST(TpmSearchIndexChoice, OptionBeatsEnvironmentBeatsDefault) {
    CliFixture f;
    test::TempDir other;
    ASSERT_EQ(f.index({"--index", other.path().string(), "-q"}).status, 0);
    // $TPMSEARCH_INDEX is used and the default index is neither built nor touched.
    f.set_env("TPMSEARCH_INDEX", other.path().string());
    EXPECT_EQ(f.search({"canary"}).status, 0);
    EXPECT_FALSE(std::filesystem::exists(f.root() / "index" / "iamglass"));
    // --index wins over $TPMSEARCH_INDEX.
    f.set_env("TPMSEARCH_INDEX", (f.root() / "nowhere").string());
    EXPECT_EQ(f.search({"--index", other.path().string(), "canary"}).status, 0);
    EXPECT_EQ(f.search({"canary"}).status, 2);
}

TEST(TpmSearchIndexChoice, ColourOnlyOnATerminalWithoutNoColor) {
    CliFixture f;
    f.set_terminal(60);
    EXPECT_NE(f.search({"canary"}).out.find("\x1b["), std::string::npos);
    f.set_env("NO_COLOR", "1");
    EXPECT_EQ(f.search({"canary"}).out.find("\x1b["), std::string::npos);
    f.set_terminal(0);
    f.set_env("NO_COLOR", "");
    EXPECT_EQ(f.search({"canary"}).out.find("\x1b["), std::string::npos);
}

TEST(TpmSearchIndexChoice, NoColourForADumbTerminalUnlessAskedFor) {
    CliFixture f;
    f.set_terminal(60);
    f.set_env("TERM", "dumb");
    EXPECT_EQ(f.search({"canary"}).out.find("\x1b["), std::string::npos);
    EXPECT_NE(f.search({"--color", "always", "canary"}).out.find("\x1b["), std::string::npos);
}

TEST_F(TpmSearch, JsonShowAndSimilarOfAnUnknownIdPrintAnErrorDocument) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--json", "show", "Q99"},
          std::vector<std::string>{"similar", "Q99", "--json"}}) {
        SCOPED_TRACE(args[1]);
        const auto r = f_.search(args);
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.err,
                  "tpmsearch: no document \"Q99\" in the index (name one as Q26, tips/1, "
                  "stories/x.md#slug, PATH or PATH:LINE)\n");
        const auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j.at("schema"), kJsonSchema);
        EXPECT_EQ(j.at("error").at("code"), "not_found");
        EXPECT_EQ(j.at("error").at("message"),
                  "no document \"Q99\" in the index (name one as Q26, tips/1, stories/x.md#slug, "
                  "PATH or PATH:LINE)");
    }
}

TEST(TpmSearchEnvironment, TermDumbOrUnsetIsADumbTerminal) {
    CliFixture f;
    f.set_terminal(60);
    f.set_env("TERM", "dumb");
    EXPECT_EQ(f.search({"canary"}).out.find("\x1b["), std::string::npos);
    f.set_env("TERM", "");
    EXPECT_EQ(f.search({"canary"}).out.find("\x1b["), std::string::npos);
    f.set_env("TERM", "xterm-256color");
    EXPECT_NE(f.search({"canary"}).out.find("\x1b["), std::string::npos);
}

// Text on a terminal wraps to its width (TIOCGWINSZ), all but the location lines; piped text
// is not wrapped.
TEST(TpmSearchEnvironment, TextWrapsToTheTerminalWidth) {
    CliFixture f;
    const auto longest_wrapped_line = [](const std::string& out) {
        std::size_t longest = 0;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);) {
            if (line.find("corpus/") != std::string::npos) continue;
            // Columns, not bytes: the corpus is English, with "…" its one wide character.
            const auto columns = std::count_if(line.begin(), line.end(), [](char c) {
                return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            });
            longest = std::max(longest, static_cast<std::size_t>(columns));
        }
        return longest;
    };
    const auto piped = f.search({"canary"});
    ASSERT_EQ(piped.status, 0) << piped.err;
    EXPECT_GT(longest_wrapped_line(piped.out), 40u) << piped.out;
    f.set_terminal(40);
    const auto shown = f.search({"--color", "never", "canary"});
    ASSERT_EQ(shown.status, 0) << shown.err;
    EXPECT_LE(longest_wrapped_line(shown.out), 40u) << shown.out;
}

// A relative XDG_DATA_HOME or XDG_CONFIG_HOME is ignored for the folders under HOME (so the
// notes index never lands wherever the user happens to run tpmindex); absolute ones are used.
TEST(TpmSearchEnvironment, ARelativeXdgDirectoryIsIgnored) {
    namespace fs = std::filesystem;
    CliFixture f;
    const fs::path notes = f.root() / "prep";
    test::write_file(notes / "review.md",
                     "# Payment outage\n\nI led the wombat incident review.\n");
    const fs::path home_vocabulary = f.root() / "home" / ".config" / "tpmsearch" / "synonyms.txt";
    test::write_file(home_vocabulary, "birdie => canary\n");
    f.set_env("HOME", (f.root() / "home").string());
    f.set_env("XDG_DATA_HOME", "relative/data");
    f.set_env("XDG_CONFIG_HOME", "config");
    ASSERT_EQ(f.index({notes.string()}).status, 0);
    EXPECT_TRUE(fs::exists(f.root() / "home" / ".local" / "share" / "tpmsearch" / "iamglass"));
    EXPECT_FALSE(fs::exists(fs::current_path() / "relative"));
    EXPECT_EQ(f.search({"wombat", "--source", "notes"}).status, 0);
    EXPECT_EQ(f.search({"birdie"}).status, 0);

    fs::remove(home_vocabulary);
    test::write_file(f.root() / "xdg" / "config" / "tpmsearch" / "synonyms.txt",
                     "birdie => canary\n");
    f.set_env("XDG_DATA_HOME", (f.root() / "xdg" / "data").string());
    f.set_env("XDG_CONFIG_HOME", (f.root() / "xdg" / "config").string());
    ASSERT_EQ(f.index({notes.string()}).status, 0);
    EXPECT_TRUE(fs::exists(f.root() / "xdg" / "data" / "tpmsearch" / "iamglass"));
    EXPECT_EQ(f.search({"wombat", "--source", "notes"}).status, 0);
    EXPECT_EQ(f.search({"birdie"}).status, 0);
}

}  // namespace
}  // namespace tpm

namespace tpm {
namespace {

// Two first searches at once on an install whose index was never built: both answer (the
// second waits for the first's build and finds it current), neither reports a failed swap.
TEST(TpmSearchFirstUse, TwoFirstSearchesAtOnceBothAnswer) {
    for (int round = 0; round < 3; ++round) {
        test::CliFixture f;
        test::CliResult results[2];
        std::thread other([&] { results[1] = f.search({"canary"}); });
        results[0] = f.search({"canary"});
        other.join();
        for (const test::CliResult& r : results) {
            EXPECT_EQ(r.status, 0) << r.err;
            EXPECT_EQ(r.err.find("cannot"), std::string::npos) << r.err;
        }
        EXPECT_TRUE(std::filesystem::exists(f.root() / "index" / "iamglass"));
    }
}

}  // namespace
}  // namespace tpm
