// Notes as people write them (issue 17): every common layout of a STAR story's four parts is
// read as a story, a story missing one part still is one, a part keeps the file's order, and a
// plain-text heading needs no blank line under it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/notes.h"
#include "model/document.h"

namespace tpm {
namespace {

IngestResult parse(const std::string& text, const std::string& source = "prep/story.md") {
    return parse_note({text, source, "n", !source.ends_with(".txt")});
}

std::vector<std::string> labels(const Document& doc) {
    std::vector<std::string> out;
    for (const Point& p : doc.points) out.push_back(p.label + "=" + p.text);
    return out;
}

const std::vector<std::string> kFourParts = {"Situation=old cluster", "Task=move it",
                                             "Action=scripted it", "Result=no downtime"};

struct Style {
    const char* name;
    const char* text;
};

TEST(NotesStory, EveryCommonStarStyleIsAStory) {
    const Style styles[] = {
        {"headings",
         "# Migration\n\n## Situation\n\nold cluster\n\n## Task\n\nmove it\n\n## Action\n\n"
         "scripted it\n\n## Result\n\nno downtime\n"},
        {"bold labels",
         "# Migration\n\n**Situation:** old cluster\n\n**Task:** move it\n\n"
         "**Action:** scripted it\n\n**Result:** no downtime\n"},
        {"letters", "# Migration\n\nS: old cluster\nT: move it\nA: scripted it\nR: no downtime\n"},
        {"dashes",
         "# Migration\n\nSituation - old cluster\nTask - move it\nAction - scripted it\n"
         "Result - no downtime\n"},
        {"colon lines",
         "# Migration\n\nSituation: old cluster\nTask: move it\nAction: scripted it\n"
         "Result: no downtime\n"},
        {"numbered",
         "# Migration\n\n1. Situation: old cluster\n2. Task: move it\n3. Action: scripted it\n"
         "4. Result: no downtime\n"},
        {"numbered headings",
         "# Migration\n\n## 1. Situation\n\nold cluster\n\n## 2. Task\n\nmove it\n\n"
         "## 3. Action\n\nscripted it\n\n## 4. Result\n\nno downtime\n"},
    };
    for (const Style& style : styles) {
        for (const char* source : {"prep/story.md", "prep/story.txt"}) {
            const std::string name = style.name;
            const bool markup = name.find("heading") != std::string::npos || name == "bold labels";
            if (markup && std::string(source).ends_with(".txt")) {
                continue;  // "##" and "**" are markdown, not plain text
            }
            SCOPED_TRACE(std::string(style.name) + " in " + source);
            const IngestResult r = parse(style.text, source);
            ASSERT_EQ(r.docs.size(), 1u);
            EXPECT_EQ(r.docs[0].kind, DocKind::story);
            EXPECT_EQ(labels(r.docs[0]), kFourParts);
            EXPECT_TRUE(missing_star_parts(r.docs[0]).empty());
        }
    }
}

TEST(NotesStory, ThreePartsAreAStoryThatSaysWhichPartIsMissing) {
    const IngestResult r =
        parse("# Hiring\n\nS: no recruiter\nT: fill two roles\nA: ran the loop myself\n");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].kind, DocKind::story);
    EXPECT_EQ(missing_star_parts(r.docs[0]), std::vector<std::string>{"Result"});

    const IngestResult headings = parse(
        "# Hiring\n\n## Situation\n\nno recruiter\n\n## Action\n\nran it\n\n## Result\n\nhired\n");
    ASSERT_EQ(headings.docs.size(), 1u);
    EXPECT_EQ(headings.docs[0].kind, DocKind::story);
    EXPECT_EQ(missing_star_parts(headings.docs[0]), std::vector<std::string>{"Task"});

    // Two parts are a to-do list, not a story; and "Answer:" is no Action.
    const IngestResult todo = parse("## Todo\n\nTask: book the room.\n\nResult: pending.\n");
    ASSERT_EQ(todo.docs.size(), 1u);
    EXPECT_EQ(todo.docs[0].kind, DocKind::note);
    EXPECT_TRUE(missing_star_parts(todo.docs[0]).empty());
    const IngestResult qa = parse("## Prep\n\nS: x\n\nAnswer: y\n\nR: z\n");
    ASSERT_FALSE(qa.docs.empty());
    EXPECT_NE(qa.docs[0].kind, DocKind::story);
}

TEST(NotesStory, APartKeepsTheFilesOrder) {
    const IngestResult r = parse(
        "# Launch\n\n**Situation:** late\n\n**Task:** ship\n\n**Action:** cut scope\n\n"
        "**Result:**\n\n- shipped on time\n- two bugs\n\nFollow-ups they may ask: what did you "
        "cut?\n");
    ASSERT_EQ(r.docs.size(), 1u);
    ASSERT_EQ(r.docs[0].points.size(), 4u);
    const Point& result = r.docs[0].points[3];
    EXPECT_EQ(result.label, "Result");
    EXPECT_EQ(result.text, "");
    EXPECT_EQ(result.items,
              (std::vector<std::string>{"shipped on time", "two bugs",
                                        "Follow-ups they may ask: what did you cut?"}));
}

TEST(NotesStory, LabelLookalikesAreNotParts) {
    // "Action-items", "Sales:", "Tasks:" are words of a note, not STAR labels.
    const IngestResult r =
        parse("## Week\n\nAction-items: none\n\nSales: flat\n\nTasks: three\n\nResults: good\n");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].kind, DocKind::note);
}

TEST(NotesStory, PlainTextHeadingsNeedNoBlankLineUnderThem) {
    const IngestResult r = parse(
        "Prep notes\n\nMentoring\nCoached a junior PM for six months.\n\nJohn Smith\n"
        "Main Street\n",
        "prep/notes.txt");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].title, "Prep notes > Mentoring");
    // Two short lines without a sentence (an address) stay text of the section above.
    EXPECT_EQ(r.docs[0].answer, "Coached a junior PM for six months.\n\nJohn Smith Main Street");
}

}  // namespace
}  // namespace tpm
