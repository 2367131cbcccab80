// The notes read the way people write them, end to end (issue 17 items 5 and 6): every STAR
// style is found by kind:story, show names a story's missing part, and `similar` on a note
// honours the search options and is not led by month names or the STAR scaffolding.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

class NotesReading : public ::testing::Test {
  protected:
    NotesReading() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        write("headings.md",
              "# Outage\n\n## Situation\n\nNov 3: the canary rollout failed.\n\n## Task\n\n"
              "Restore.\n\n## Action\n\nRolled back the release.\n\n## Result\n\nBack in Dec.\n");
        write("bold.md",
              "# Launch\n\n**Situation:** late in Nov\n\n**Task:** ship\n\n**Action:** cut "
              "scope\n\n**Result:** shipped\n");
        write("letters.md", "# Hiring\n\nS: no recruiter\nT: two roles\nA: ran loops\nR: hired\n");
        write("dashes.txt",
              "Budget cut\n\nSituation - budget cut in Nov\nTask - keep the roadmap\n"
              "Action - reprioritised\nResult - kept two launches\n");
        write("colons.md",
              "# Conflict\n\nSituation: two leads disagreed\nTask: decide\nAction: a doc\n"
              "Result: agreed\n");
        write("numbered.md",
              "# Migration\n\n1. Situation: old cluster\n2. Task: move it\n3. Action: scripted\n");
        write("plain.md", "# Reading list\n\nBooks for Dec.\n");
    }

    void write(const std::string& name, const std::string& text) {
        test::write_file(notes_ / name, text);
    }

    test::CliFixture f_;
    fs::path notes_ = f_.root() / "prep";
};

TEST_F(NotesReading, EveryStarStyleIsAStoryAndShowNamesTheMissingPart) {
    const auto indexed = f_.index({notes_.string()});
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    const auto stories = f_.search({"--json", "-n", "50", "kind:story"});
    ASSERT_EQ(stories.status, 0) << stories.err;
    for (const char* file :
         {"headings.md", "bold.md", "letters.md", "dashes.txt", "colons.md", "numbered.md"}) {
        EXPECT_NE(stories.out.find(std::string("prep/") + file), std::string::npos)
            << file << " is not a story:\n"
            << stories.out;
    }
    EXPECT_EQ(stories.out.find("prep/plain.md"), std::string::npos) << stories.out;

    // The numbered story has no Result yet: still a story, and show says so.
    const auto json = f_.search({"--json", "--source", "notes", "cluster"});
    const std::size_t id_at = json.out.find("\"id\":\"");
    ASSERT_NE(id_at, std::string::npos) << json.out;
    const std::string id = json.out.substr(id_at + 6, json.out.find('"', id_at + 6) - id_at - 6);
    const auto shown = f_.search({"show", id});
    ASSERT_EQ(shown.status, 0) << shown.err;
    EXPECT_NE(shown.out.find("missing: Result"), std::string::npos) << shown.out;
    const auto shown_json = f_.search({"--json", "show", id});
    EXPECT_NE(shown_json.out.find("\"missing_parts\":[\"Result\"]"), std::string::npos)
        << shown_json.out;
}

TEST_F(NotesReading, SimilarOnAStoryHonoursTheOptionsAndSkipsMonthsAndScaffolding) {
    ASSERT_EQ(f_.index({notes_.string()}).status, 0);
    const auto json = f_.search({"--json", "--source", "notes", "canary"});
    const std::size_t id_at = json.out.find("\"id\":\"");
    ASSERT_NE(id_at, std::string::npos) << json.out;
    const std::string id = json.out.substr(id_at + 6, json.out.find('"', id_at + 6) - id_at - 6);

    const auto corpus = f_.search({"--json", "--source", "corpus", "-n", "3", "similar", id});
    ASSERT_EQ(corpus.status, 0) << corpus.err << corpus.out;
    EXPECT_EQ(count(corpus.out, "\"origin\":\"notes\""), 0u) << corpus.out;
    EXPECT_GE(count(corpus.out, "\"origin\":\"corpus\""), 1u) << corpus.out;
    EXPECT_LE(count(corpus.out, "\"rank\":"), 3u) << corpus.out;

    const auto explained = f_.search({"--explain", "--source", "corpus", "similar", id});
    ASSERT_EQ(explained.status, 0) << explained.err;
    const std::size_t terms = explained.out.find("similar terms:");
    ASSERT_NE(terms, std::string::npos) << explained.out;
    const std::string used = explained.out.substr(terms, explained.out.find('\n', terms) - terms);
    EXPECT_NE(used.find("canari"), std::string::npos) << used;
    for (const char* noise : {" nov", " dec", " situat", " result", " task", " action"}) {
        EXPECT_EQ(used.find(noise), std::string::npos) << noise << " in " << used;
    }

    const auto bare = f_.search({"--no-excerpts", "--source", "corpus", "similar", id});
    const auto full = f_.search({"--source", "corpus", "similar", id});
    ASSERT_EQ(bare.status, 0);
    EXPECT_LT(bare.out.size(), full.out.size()) << bare.out;
}

TEST_F(NotesReading, TableRowsStayLinesAndAStrayByteIsReplacedWithAWarning) {
    write("design.md",
          "# Design\n\n| Option | Cost |\n|---|---|\n| Redis | low |\n| Memcached | lower |\n");
    write("mixed.md", "# Plan \xE2\x80\x94 caf\xC3\xA9\n\nna\xEFve zanzibar idea\n");
    const auto indexed = f_.index({notes_.string()});
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    EXPECT_NE(indexed.err.find("prep/mixed.md:3: not UTF-8"), std::string::npos) << indexed.err;

    const auto table = f_.search({"--source", "notes", "memcached"});
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("Option | Cost\n"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("Redis | low\n"), std::string::npos) << table.out;

    const auto mixed = f_.search({"--source", "notes", "zanzibar"});
    ASSERT_EQ(mixed.status, 0) << mixed.err;
    EXPECT_NE(mixed.out.find("Plan \u2014 caf\u00E9"), std::string::npos) << mixed.out;
    EXPECT_NE(mixed.out.find("na\uFFFDve"), std::string::npos) << mixed.out;
}

}  // namespace
}  // namespace tpm
