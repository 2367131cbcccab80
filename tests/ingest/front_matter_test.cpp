#include "ingest/front_matter.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace tpm {
namespace {

struct Case {
    const char* name;
    std::string text;
    bool present;
    int body_line;
    std::map<std::string, std::string> fields;
};

TEST(FrontMatter, ReadsWellFormedBlocks) {
    const Case cases[] = {
        {"no block", "Question 1: Why?\n", false, 1, {}},
        {"empty text", "", false, 1, {}},
        {"dashes not on line 1", "\n---\ntitle: x\n---\n", false, 1, {}},
        {"scalars",
         "---\ntitle: 'A title'\ndate: 2024-09-23\n---\nbody\n",
         true,
         5,
         {{"title", "A title"}, {"date", "2024-09-23"}}},
        {"closed by dots", "---\ntitle: Dots\n...\nbody\n", true, 4, {{"title", "Dots"}}},
        {"trailing spaces on delimiters", "---  \ntitle: T\n--- \n", true, 4, {{"title", "T"}}},
        {"empty block", "---\n---\nbody\n", true, 3, {}},
        {"null value", "---\ntitle:\n---\n", true, 4, {{"title", ""}}},
        {"nested map left out", "---\ntitle: T\nmeta:\n  a: 1\n---\n", true, 6, {{"title", "T"}}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        std::vector<Diagnostic> diags;
        const FrontMatter fm = parse_front_matter(c.text, "f.md", diags);
        EXPECT_TRUE(diags.empty());
        EXPECT_EQ(fm.present, c.present);
        EXPECT_EQ(fm.body_line, c.body_line);
        EXPECT_EQ(fm.fields, c.fields);
    }
}

TEST(FrontMatter, ReadsSequencesIntoLists) {
    std::vector<Diagnostic> diags;
    const FrontMatter fm =
        parse_front_matter("---\ntags:\n  - tpm\n  - practice\nalso: [a, b]\n---\n", "f", diags);
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(fm.lists.at("tags"), (std::vector<std::string>{"tpm", "practice"}));
    EXPECT_EQ(fm.lists.at("also"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(fm.fields.empty());
}

// The delimiters and tags are trimmed as every ingest parser trims (ingest/ingest_text.h):
// before, a delimiter lost only trailing spaces, tabs and CRs, and a tag only spaces and tabs,
// so this block was not closed and a block scalar's last tag kept its line end.
TEST(FrontMatter, DelimitersAndTagsAreTrimmedOfAnySpace) {
    std::vector<Diagnostic> diags;
    const FrontMatter fm = parse_front_matter(
        "---\ntags: |\n  kafka,\xC2\xA0redis\n---\xC2\xA0\nbody\n", "f.md", diags);
    EXPECT_TRUE(diags.empty());
    EXPECT_TRUE(fm.present);
    EXPECT_EQ(fm.body_line, 5);
    EXPECT_EQ(front_matter_tags(fm), (std::vector<std::string>{"kafka", "redis"}));
}

TEST(FrontMatter, UnclosedBlockIsReportedAndTreatedAsAbsent) {
    std::vector<Diagnostic> diags;
    const FrontMatter fm = parse_front_matter("---\ntitle: x\n\nQuestion 1: Why?\n", "f.md", diags);
    EXPECT_FALSE(fm.present);
    EXPECT_EQ(fm.body_line, 1);
    EXPECT_TRUE(fm.fields.empty());
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].path, "f.md");
    EXPECT_EQ(diags[0].line, 1);
    EXPECT_NE(diags[0].message.find("never closes"), std::string::npos);
}

TEST(FrontMatter, InvalidYamlIsReportedWithFileLineAndSkipped) {
    std::vector<Diagnostic> diags;
    // The unclosed flow sequence is on file line 3, the block's second line.
    const FrontMatter fm =
        parse_front_matter("---\ntitle: ok\ndate: [unclosed\n---\nbody\n", "f.md", diags);
    EXPECT_FALSE(fm.present);
    EXPECT_TRUE(fm.fields.empty());
    EXPECT_EQ(fm.body_line, 5);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_GE(diags[0].line, 3);
    EXPECT_LE(diags[0].line, 4);
    EXPECT_EQ(diags[0].message.rfind("invalid YAML in front matter: ", 0), 0u);
}

TEST(FrontMatter, NonMappingBlockIsReported) {
    std::vector<Diagnostic> diags;
    const FrontMatter fm = parse_front_matter("---\n- a\n- b\n---\nbody\n", "f.md", diags);
    EXPECT_FALSE(fm.present);
    EXPECT_EQ(fm.body_line, 5);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("not a YAML mapping"), std::string::npos);
}

}  // namespace
}  // namespace tpm
