// The filters of a notes search end to end, with the real programs on real note files in a
// temporary folder: tag: from front matter and from #hashtags (not in code, not a heading),
// title: on headings, file: with a folder (relative to the registered folder or absolute) or a
// relative file, and an unknown field as an error naming the known ones; and `topics`, which
// counts the shipped questions apart from the user's questions, stories and other notes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

class NotesFilters : public ::testing::Test {
  protected:
    NotesFilters() {
        f_.set_env("XDG_DATA_HOME", (f_.root() / "data").string());
        test::write_file(notes_ / "stories" / "keeper.md",
                         "---\ntags: [conflict, Team Health]\n---\n# Keeper migration\n\n"
                         "The keeper team disagreed about the wombat plan.\n\n## Outcome\n\n"
                         "We shipped the quokka service.\n");
        test::write_file(notes_ / "scratch.md",
                         "# Scratch\n\nTalked about the #Roadmap with C#people.\n\n```\n"
                         "#incode\n```\n\n## Later\n\nNot `#inline` but #follow-up here.\n");
        test::write_file(notes_ / "other" / "plain.txt",
                         "Plain notes\n\nA #txt-tag about the narwhal.\n");
        const auto r = f_.index({notes_.string()});
        EXPECT_EQ(r.status, 0) << r.err;
    }

    test::CliResult search(const std::string& query) const {
        return f_.search({"--source", "notes", "--no-excerpts", "-n", "50", query});
    }

    // The "path:line" of each hit of `query` (paths relative to the notes folder), without the
    // related hits that may follow the matches.
    std::vector<std::string> places(const std::string& query) const {
        test::CliResult r = search(query);
        EXPECT_EQ(r.status, 0) << query << "\n" << r.err;
        r.out = r.out.substr(0, r.out.find("Related, not matching"));
        std::vector<std::string> out;
        const std::string folder = "ROOT/prep/";
        for (std::size_t at = r.out.find(folder); at != std::string::npos;
             at = r.out.find(folder, at + 1)) {
            const std::size_t end = r.out.find_first_of(" \n", at);
            out.push_back(r.out.substr(at + folder.size(), end - at - folder.size()));
        }
        return out;
    }

    test::CliFixture f_;
    fs::path notes_ = f_.root() / "prep";
};

using Places = std::vector<std::string>;

TEST_F(NotesFilters, FrontMatterTagsTagEverySectionOfTheirFile) {
    EXPECT_EQ(places("tag:conflict"), (Places{"stories/keeper.md:4", "stories/keeper.md:8"}));
    // Any case; spaces in a tag are '-'.
    EXPECT_EQ(places("tag:Team-Health"), (Places{"stories/keeper.md:4", "stories/keeper.md:8"}));
    EXPECT_EQ(places("tag:conflict wombat"), (Places{"stories/keeper.md:4"}));
}

TEST_F(NotesFilters, HashtagsTagTheirSectionOutsideCode) {
    EXPECT_EQ(places("tag:roadmap"), (Places{"scratch.md:1"}));
    EXPECT_EQ(places("tag:follow-up"), (Places{"scratch.md:9"}));
    EXPECT_EQ(places("tag:txt-tag"), (Places{"other/plain.txt:1"}));
    for (const char* none : {"tag:incode", "tag:inline", "tag:people", "tag:scratch"}) {
        const auto r = search(none);
        EXPECT_EQ(r.status, 1) << none << "\n" << r.out;
    }
    // The word stays searchable as a word.
    EXPECT_EQ(places("roadmap"), (Places{"scratch.md:1"}));
}

TEST_F(NotesFilters, TitleSearchesHeadings) {
    const Places keeper = places("title:keeper");
    ASSERT_FALSE(keeper.empty());
    EXPECT_EQ(keeper.front(), "stories/keeper.md:4");
    // quokka is in the text, not a heading: title: finds nothing, and the search says it falls
    // back to the words.
    const auto text_only = search("title:quokka");
    EXPECT_NE(text_only.err.find("nothing matched the query as written"), std::string::npos)
        << text_only.err;
    EXPECT_EQ(places("title:outcome").front(), "stories/keeper.md:8");
}

TEST_F(NotesFilters, FileTakesAFolderRelativeOrAbsoluteOrARelativeFile) {
    const Places keeper{"stories/keeper.md:4", "stories/keeper.md:8"};
    EXPECT_EQ(places("file:stories"), keeper);
    EXPECT_EQ(places("file:stories/"), keeper);
    EXPECT_EQ(places("file:" + (notes_ / "stories").string()), keeper);
    EXPECT_EQ(places("file:stories/keeper.md"), keeper);
    EXPECT_EQ(places("file:" + (notes_ / "stories" / "keeper.md").string()), keeper);
    EXPECT_EQ(places("file:other"), (Places{"other/plain.txt:1"}));
    EXPECT_EQ(places("file:" + notes_.string()).size(), 5u);
    const auto none = search("file:nowhere");
    EXPECT_EQ(none.status, 1) << none.out;
    EXPECT_EQ(search("file:stor").status, 1) << "a folder is matched whole, not by prefix";
}

TEST_F(NotesFilters, AnUnknownFieldIsAnErrorNamingTheKnownOnes) {
    const auto r = search("typo:x");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("unknown field \"typo\""), std::string::npos) << r.err;
    for (const char* field : {"question", "title", "file", "topic", "tag", "kind", "source"}) {
        EXPECT_NE(r.err.find(field), std::string::npos) << field << " not in " << r.err;
    }
    const std::string error = r.err.substr(r.err.find("tpmsearch: error:"));
    EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << r.err;
}

TEST_F(NotesFilters, TopicsCountsYourQuestionsStoriesAndNotesApart) {
    test::write_file(notes_ / "capacity.md",
                     "---\ntopics: [capacity-planning]\n---\n# Capacity\n\nQ: How big?\n"
                     "A: Big enough.\n\nQ: How fast?\nA: Fast enough.\n\n## Story\n\n"
                     "Situation: the cluster was full.\n\nTask: grow it.\n\nAction: I "
                     "planned.\n\nResult: it fit.\n\n## Notes\n\nHeadroom thoughts.\n");
    ASSERT_EQ(f_.index({}).status, 0);
    const auto text = f_.search({"topics"});
    ASSERT_EQ(text.status, 0) << text.err;
    const std::size_t at = text.out.find("capacity-planning");
    ASSERT_NE(at, std::string::npos) << text.out;
    const std::string line = text.out.substr(at, text.out.find('\n', at) - at);
    // The row's last three columns: your questions, stories, other notes.
    std::istringstream cells(line);
    std::vector<std::string> row{std::istream_iterator<std::string>(cells), {}};
    ASSERT_EQ(row.size(), 6u) << line;
    EXPECT_EQ(std::vector<std::string>(row.begin() + 3, row.end()),
              (std::vector<std::string>{"2", "1", "1"}))
        << line;

    const auto shipped =
        f_.search({"--json", "-n", "100", "kind:question source:corpus topic:capacity-planning"});
    ASSERT_EQ(shipped.status, 0) << shipped.err;
    const std::size_t shipped_questions = nlohmann::json::parse(shipped.out)["hits"].size();
    EXPECT_GT(shipped_questions, 0u);

    const auto json = f_.search({"--json", "topics"});
    ASSERT_EQ(json.status, 0) << json.err;
    const auto j = nlohmann::json::parse(json.out);
    EXPECT_EQ(j["schema"], 9);
    bool found = false;
    for (const auto& t : j["topics"]) {
        if (t["id"] != "capacity-planning") continue;
        found = true;
        EXPECT_EQ(t["your_questions"], 2) << t;
        EXPECT_EQ(t["stories"], 1) << t;
        EXPECT_EQ(t["notes"], 1) << t;
        // The shipped questions of the topic are counted apart.
        EXPECT_EQ(t["questions"], shipped_questions) << t;
    }
    EXPECT_TRUE(found) << json.out;
}

}  // namespace
}  // namespace tpm
