#include "ingest/qa_markdown.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "text/normalize.h"

namespace tpm {
namespace {

IngestResult parse_fixture(const std::string& name) {
    const std::string bytes = test::read_file(std::string(TPM_TEST_DATA_DIR) + "/qa/" + name);
    return parse_qa_markdown(text::clean_input(bytes), "qa/" + name);
}

const Document* find(const IngestResult& r, const std::string& id) {
    for (const Document& d : r.docs) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

std::vector<std::string> ids(const IngestResult& r) {
    std::vector<std::string> out;
    for (const Document& d : r.docs) out.push_back(d.id);
    return out;
}

std::vector<std::string> messages(const IngestResult& r) {
    std::vector<std::string> out;
    for (const Diagnostic& d : r.diagnostics) out.push_back(format_diagnostic(d));
    return out;
}

// One question whose answer is "Answer: Intro." followed by `body`.
IngestResult parse_answer(const std::string& body) {
    return parse_qa_markdown("Question 1: Why?\n\nAnswer: Intro.\n\n" + body, "t.md");
}

TEST(QaMarkdown, ParsesGoodFixtureInDocumentOrder) {
    const IngestResult r = parse_fixture("good.md");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    const std::vector<std::string> expected = {"tips/1", "tips/2", "tips/3", "Q1", "Q2", "Q3", "Q4",
                                               "Q5",     "Q6",     "Q7",     "Q8", "Q9", "Q10"};
    EXPECT_EQ(ids(r), expected);
    for (std::size_t i = 0; i < r.docs.size(); ++i) {
        EXPECT_EQ(r.docs[i].order, static_cast<int>(i) + 1);
        EXPECT_EQ(r.docs[i].source, "qa/good.md");
        EXPECT_EQ(r.docs[i].kind, i < 3 ? DocKind::tip : DocKind::question);
    }
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0], (SourceInfo{"qa/good.md",
                                        "Sample TPM Questions",
                                        "January 5, 2025",
                                        "Ten questions with one obvious topic each",
                                        {"tpm", "practice"}}));
}

TEST(QaMarkdown, SplitsAnswerIntoIntroPointsExampleAndWhy) {
    const IngestResult r = parse_fixture("good.md");
    const Document* q1 = find(r, "Q1");
    ASSERT_NE(q1, nullptr);
    EXPECT_EQ(q1->title, "How do you roll out a risky release safely?");
    EXPECT_EQ(q1->line, 18);
    EXPECT_EQ(q1->answer,
              "I never ship a risky release to everyone at once. My rollout approach includes:");
    ASSERT_EQ(q1->points.size(), 3u);
    // The wrapped point is joined with a space.
    EXPECT_EQ(q1->points[0],
              (Point{"Canary Releases",
                     "I send the new version to one percent of traffic first and watch the error "
                     "rate before going wider.",
                     {},
                     22}));
    EXPECT_EQ(q1->points[2].label, "Rollback Plan");
    EXPECT_EQ(q1->example,
              "In a past project, a canary caught a memory leak at one percent of traffic and we "
              "rolled back within five minutes.");
    EXPECT_EQ(q1->why, "Release safety protects users from bad deploys.");
}

TEST(QaMarkdown, LeadInListBecomesUnlabelledPoints) {
    const IngestResult r = parse_fixture("good.md");
    const Document* q2 = find(r, "Q2");
    ASSERT_NE(q2, nullptr);
    EXPECT_EQ(q2->answer,
              "Stakeholder conflict is normal when priorities compete.\n\n"
              "I start by meeting each stakeholder alone to hear their goals.\n\n"
              "Key steps in my approach include:");
    ASSERT_EQ(q2->points.size(), 3u);
    EXPECT_EQ(q2->points[0], (Point{"", "Listening to both stakeholders separately", {}, 42}));
    EXPECT_EQ(q2->points[2].text, "Agreeing on a decision owner");
    EXPECT_EQ(q2->example, "");
}

TEST(QaMarkdown, PointEndingInColonTakesFollowingItems) {
    const IngestResult r = parse_fixture("good.md");
    const Document* q3 = find(r, "Q3");
    ASSERT_NE(q3, nullptr);
    ASSERT_EQ(q3->points.size(), 3u);
    EXPECT_EQ(q3->points[2].label, "Action Items");
    EXPECT_EQ(
        q3->points[2].items,
        (std::vector<std::string>{"Adding an alert for the failing dependency",
                                  "Updating the on-call runbook", "Writing a regression test"}));
    EXPECT_EQ(q3->example,
              "In my last role, postmortem action items cut repeat outages by half within a year.");
}

TEST(QaMarkdown, TipsUseLabelAsTitleOrTheFirstSentence) {
    const IngestResult r = parse_fixture("good.md");
    ASSERT_GE(r.docs.size(), 3u);
    EXPECT_EQ(r.docs[0].title, "Know the product");
    EXPECT_EQ(r.docs[0].answer, "Use the product every day for a week before the interview.");
    EXPECT_EQ(r.docs[0].line, 10);
    EXPECT_EQ(r.docs[2].title, "Sleep well before the interview and arrive early.");
    EXPECT_EQ(r.docs[2].answer,
              "Sleep well before the interview and arrive early. Nothing else on this line is a "
              "label.");
}

TEST(QaMarkdown, LongUnlabelledTipIsTitledByItsFirstWords) {
    const IngestResult r = parse_qa_markdown(
        "Spend an hour on each of the company's engineering blog posts about streaming and "
        "encoding, then summarise them\n",
        "t.md");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].title, "Spend an hour on each of the company's engineering blog...");
}

// A tip is titled by the same first-sentence rule as a note without a heading: spaces
// collapsed, no ',', ';' or ':' left before the "...", and text without spaces cut back to a
// whole character within the limit (the Q&A parser used to keep all three as written).
TEST(QaMarkdown, TipTitlesAreCutAsNoteTitles) {
    struct Case {
        std::string tip;
        std::string title;
    };
    const std::string cjk = "\xE8\xA8\xAD";  // one 3-byte character
    std::string cjk_run;
    for (int i = 0; i < 30; ++i) cjk_run += cjk;
    std::string cjk_title = "a";
    for (int i = 0; i < 19; ++i) cjk_title += cjk;
    const Case cases[] = {
        {"Spend an hour on each of the company's engineering blogs, posts about streaming",
         "Spend an hour on each of the company's engineering blogs..."},
        {"Know  the   product. Use it daily.", "Know the product."},
        {"a" + cjk_run, cjk_title + "..."},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.tip);
        const IngestResult r = parse_qa_markdown(c.tip + "\n", "t.md");
        ASSERT_EQ(r.docs.size(), 1u);
        EXPECT_EQ(r.docs[0].title, c.title);
        EXPECT_EQ(r.docs[0].answer, c.tip);
    }
}

// Lines are trimmed as the notes trim them: a line of no-break spaces is blank and a
// zero-width space before "Question" hides nothing (the Q&A parser used to trim only spaces
// and tabs).
TEST(QaMarkdown, InvisibleSpacesAroundALineAreSpace) {
    const IngestResult blank =
        parse_qa_markdown("Arrive early.\n\xC2\xA0\xC2\xA0\nSleep well.\n", "t.md");
    EXPECT_EQ(ids(blank), (std::vector<std::string>{"tips/1", "tips/2"}));
    const IngestResult question =
        parse_qa_markdown("\xE2\x80\x8BQuestion 1: Why?\n\nAnswer: Because.\n", "t.md");
    EXPECT_EQ(ids(question), (std::vector<std::string>{"Q1"}));
    EXPECT_TRUE(question.diagnostics.empty());
}

struct LabelCase {
    const char* paragraph;
    const char* label;  // "" when the paragraph must not become a labelled point
};

// Parses each paragraph after an answer's introduction: it becomes the answer's one point,
// with the case's label, or stays in the introduction when the case has none.
void expect_labels(std::initializer_list<LabelCase> cases) {
    for (const LabelCase& c : cases) {
        SCOPED_TRACE(c.paragraph);
        const IngestResult r = parse_answer(std::string(c.paragraph) + "\n");
        ASSERT_EQ(r.docs.size(), 1u);
        const Document& d = r.docs[0];
        if (*c.label != '\0') {
            ASSERT_EQ(d.points.size(), 1u);
            EXPECT_EQ(d.points[0].label, c.label);
        } else {
            EXPECT_TRUE(d.points.empty());
            EXPECT_EQ(d.answer, std::string("Intro.\n\n") + c.paragraph);
        }
    }
}

TEST(QaMarkdown, TellsLabelsFromSentencesWithColons) {
    expect_labels({
        {"Canary Releases: I use canary releases.", "Canary Releases"},
        {"Service Level Objectives (SLOs): I set SLOs.", "Service Level Objectives (SLOs)"},
        {"Continuous Integration/Continuous Deployment (CI/CD): I automate.",
         "Continuous Integration/Continuous Deployment (CI/CD)"},
        {"Recovery Time Objective (RTO) and Recovery Point Objective (RPO): I agree targets.",
         "Recovery Time Objective (RTO) and Recovery Point Objective (RPO)"},
        {"Establish Clear Channels: I use channels (e.g. Slack for quick updates: chat).",
         "Establish Clear Channels"},
        {"2024 Goals: Ship the new player.", "2024 Goals"},
        {"In a past project, we learned one thing: test early.", ""},
        {"We shipped it. The result: fewer incidents.", ""},
        {"the lowercase start: is a sentence.", ""},
        {"This is a far too long prefix to be a label of any point at all: text.", ""},
        {"Is this a label? No: it asks.", ""},
        {"Ends with a colon:", ""},
        {"Ratio 3:1 is not a label split.", ""},
    });
}

// The Q&A parser and the notes share one label rule (ingest/ingest_text.h). These labels the
// Q&A parser took before and the notes refused: a parenthesis now holds only an
// abbreviation, as every parenthesised label of the corpus does.
TEST(QaMarkdown, ParenthesesInALabelHoldOnlyAnAbbreviation) {
    expect_labels({
        {"Internationalization (i18n): I plan it early.", "Internationalization (i18n)"},
        {"Content Delivery Networks (CDNs): I cache at the edge.",
         "Content Delivery Networks (CDNs)"},
        {"Maintainer(s): Help wanted.", ""},
        {"UC Berkeley 61B (Fall 2006): Data structures.", ""},
        // An unclosed parenthesis: the colon is inside it.
        {"Process needs (memory: code, stack): all three.", ""},
    });
}

// The label rule trims as the notes do: the no-break and zero-width spaces an editor leaves
// before the colon are not part of the label (the Q&A parser used to keep them).
TEST(QaMarkdown, LabelIsTrimmedOfInvisibleSpaces) {
    expect_labels({
        {"Canary Releases\u00a0: I use canaries.", "Canary Releases"},
        {"Canary Releases\u200b: I use canaries.", "Canary Releases"},
    });
}

// The label rule looks for the colon only within a label's length (80 bytes), as the notes
// did; the Q&A parser used to look further and trim the spaces before it.
TEST(QaMarkdown, LabelColonMustFallWithinALabelsLength) {
    const std::string far = "Canary Releases" + std::string(70, ' ') + ": I use canaries.";
    const std::string near = "Canary Releases" + std::string(60, ' ') + ": I use canaries.";
    expect_labels({{far.c_str(), ""}, {near.c_str(), "Canary Releases"}});
}

TEST(QaMarkdown, ParagraphsAfterPointsFormTheExample) {
    const IngestResult r = parse_answer(
        "First Point: one.\n\nIn a past project, we did it.\n\nIt worked: twice.\n\n"
        "Why this is important: It shows\nexperience.\n\nA second why paragraph.\n");
    ASSERT_EQ(r.docs.size(), 1u);
    const Document& d = r.docs[0];
    ASSERT_EQ(d.points.size(), 1u);
    EXPECT_EQ(d.example, "In a past project, we did it.\n\nIt worked: twice.");
    EXPECT_EQ(d.why, "It shows experience.\n\nA second why paragraph.");
}

TEST(QaMarkdown, ExampleLabelIsNotAPoint) {
    const IngestResult r = parse_answer("First Point: one.\n\nExample: we shipped it.\n");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].points.size(), 1u);
    EXPECT_EQ(r.docs[0].example, "we shipped it.");
}

TEST(QaMarkdown, ReadsMarkdownBulletsAsItems) {
    const IngestResult r = parse_answer(
        "My steps are:\n- Measure the load.\n- Add servers\n\nPlan: I plan, including:\n"
        "* Budget review\n* Vendor calls.\n");
    ASSERT_EQ(r.docs.size(), 1u);
    const Document& d = r.docs[0];
    EXPECT_EQ(d.answer, "Intro.\n\nMy steps are:");
    ASSERT_EQ(d.points.size(), 3u);
    EXPECT_EQ(d.points[0], (Point{"", "Measure the load.", {}, 6}));
    EXPECT_EQ(d.points[1], (Point{"", "Add servers", {}, 7}));
    EXPECT_EQ(d.points[2].label, "Plan");
    EXPECT_EQ(d.points[2].items, (std::vector<std::string>{"Budget review", "Vendor calls."}));
}

// "• " and "– " open list items as in the notes' plain-text reader (the Q&A parser used to
// read them as wrapped lines of the paragraph above).
TEST(QaMarkdown, ReadsBulletAndDashLinesAsItems) {
    const IngestResult r =
        parse_answer("My steps are:\n\xE2\x80\xA2 Measure the load\n\xE2\x80\x93 Add servers\n");
    ASSERT_EQ(r.docs.size(), 1u);
    const Document& d = r.docs[0];
    EXPECT_EQ(d.answer, "Intro.\n\nMy steps are:");
    ASSERT_EQ(d.points.size(), 2u);
    EXPECT_EQ(d.points[0], (Point{"", "Measure the load", {}, 6}));
    EXPECT_EQ(d.points[1], (Point{"", "Add servers", {}, 7}));
}

TEST(QaMarkdown, AnswerMarkerOnItsOwnLine) {
    const IngestResult r = parse_qa_markdown(
        "Question 4: How do you\nplan a sprint?\nAnswer:\nI start from the goal.\n\nScope: "
        "small.\n",
        "t.md");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].title, "How do you plan a sprint?");
    EXPECT_EQ(r.docs[0].answer, "I start from the goal.");
    ASSERT_EQ(r.docs[0].points.size(), 1u);
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST(QaMarkdown, TipsEndAtFirstQuestionWithoutTopLine) {
    const IngestResult r = parse_qa_markdown(
        "Be early: Arrive ten minutes early.\n\nQuestion 7: Why?\n\nAnswer: Because.\n", "t.md");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"tips/1", "Q7"}));
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST(QaMarkdown, AcceptsQuestionNumbersOutOfSequence) {
    const IngestResult r = parse_qa_markdown(
        "Question 3: A?\n\nAnswer: a.\n\nQuestion 1: B?\n\nAnswer: b.\n\nQuestion 9: C?\n\n"
        "Answer: c.\n",
        "t.md");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"Q3", "Q1", "Q9"}));
    EXPECT_TRUE(r.diagnostics.empty());
}

TEST(QaMarkdown, SkipsQuestionWithoutAnswer) {
    const IngestResult r = parse_fixture("no_answer.md");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"Q1", "Q3"}));
    EXPECT_EQ(
        messages(r),
        (std::vector<std::string>{"qa/no_answer.md:7: question 2 has no \"Answer:\"; skipped"}));
}

TEST(QaMarkdown, SkipsDuplicateQuestionNumber) {
    const IngestResult r = parse_fixture("duplicate_number.md");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"Q1", "Q2", "Q3"}));
    EXPECT_EQ(find(r, "Q2")->answer, "I keep a risk register reviewed every week.");
    EXPECT_EQ(messages(r),
              (std::vector<std::string>{"qa/duplicate_number.md:11: duplicate question number 2 "
                                        "(first at line 7); skipped"}));
}

TEST(QaMarkdown, ReportsTextItCannotPlace) {
    const IngestResult r = parse_fixture("unplaceable.md");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"Q1", "Q2"}));
    EXPECT_EQ(find(r, "Q1")->answer, "I pair every new engineer with a buddy for the first month.");
    EXPECT_EQ(messages(r),
              (std::vector<std::string>{
                  "qa/unplaceable.md:3: text outside any question; ignored",
                  "qa/unplaceable.md:7: text between question 1 and its \"Answer:\"; ignored"}));
}

TEST(QaMarkdown, UnclosedFrontMatterIsReportedAndQuestionsStillParse) {
    const IngestResult r = parse_fixture("unclosed_front_matter.md");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].line, 1);
    EXPECT_NE(r.diagnostics[0].message.find("never closes"), std::string::npos);
    ASSERT_NE(find(r, "Q1"), nullptr);
    EXPECT_EQ(find(r, "Q1")->answer, "I work backwards from the launch date.");
    EXPECT_EQ(r.sources[0].title, "");
}

TEST(QaMarkdown, InvalidYamlIsReportedAndBodyStillParses) {
    const IngestResult r = parse_fixture("invalid_yaml.md");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    // An unquoted ": " inside the title on line 2.
    EXPECT_EQ(r.diagnostics[0].line, 2);
    EXPECT_NE(r.diagnostics[0].message.find("invalid YAML"), std::string::npos);
    // The broken block is skipped, not read as tips.
    EXPECT_EQ(ids(r), (std::vector<std::string>{"Q1"}));
}

TEST(QaMarkdown, ReadsCrlfFileWithByteOrderMark) {
    const IngestResult r = parse_fixture("crlf_bom.txt");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    EXPECT_EQ(r.sources[0].title, "Windows Line Ends");
    EXPECT_EQ(ids(r), (std::vector<std::string>{"tips/1", "Q1"}));
    const Document* q1 = find(r, "Q1");
    ASSERT_NE(q1, nullptr);
    EXPECT_EQ(q1->line, 9);
    EXPECT_EQ(q1->answer, "I send the agenda a day ahead.");
    ASSERT_EQ(q1->points.size(), 1u);
    EXPECT_EQ(q1->points[0].text, "I give every agenda item a fixed number of minutes.");
    EXPECT_EQ(q1->why, "Remote meetings drift without structure.");
}

TEST(QaMarkdown, FrontMatterTagsAndTopicsBecomeSourceTags) {
    struct Case {
        const char* front_matter;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {"tags: [reliability, SRE]\ntopics:\n  - security\n  - reliability\n",
         {"reliability", "SRE", "security"}},
        {"topics: release-engineering\n", {"release-engineering"}},
        {"tags: 'canary, rollback , '\n", {"canary", "rollback"}},
        {"title: none\n", {}},
        {"tags:\n", {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.front_matter);
        const IngestResult r = parse_qa_markdown(
            std::string("---\n") + c.front_matter + "---\nQuestion 1: Why?\n\nAnswer: So.\n",
            "t.md");
        EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
        ASSERT_EQ(r.sources.size(), 1u);
        EXPECT_EQ(r.sources[0].tags, c.expected);
    }
}

TEST(QaMarkdown, EmptyInputYieldsOnlyTheSource) {
    const IngestResult r = parse_qa_markdown("", "e.md");
    EXPECT_TRUE(r.docs.empty());
    EXPECT_TRUE(r.diagnostics.empty());
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0].path, "e.md");
}

TEST(QaMarkdown, OddInputNeverThrows) {
    const std::string inputs[] = {
        "---",
        "---\n",
        "Question",
        "Question 1:",
        "Question 1:\nAnswer:",
        "Question 99999999999999: overflow?\nAnswer: x",
        "Answer: stray\n\nWhy this is important: stray",
        "Top 5 Questions and Answers",
        ": :\n\n- \n\n*\n\n: x",
        std::string("A\0B: c\n", 7),
    };
    for (const std::string& input : inputs) {
        SCOPED_TRACE(input);
        EXPECT_NO_THROW(parse_qa_markdown(input, "odd.md"));
    }
}

}  // namespace
}  // namespace tpm
