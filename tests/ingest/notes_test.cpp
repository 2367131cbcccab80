#include "ingest/notes.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace tpm {
namespace {

// A fixture of tests/data/notes/, shown as "notes/<name>" with ids "<prefix>/N".
IngestResult parse_fixture(const std::string& name, const std::string& prefix = "f") {
    NoteFile file;
    file.text = test::read_file(std::string(TPM_TEST_DATA_DIR) + "/notes/" + name);
    file.source = "notes/" + name;
    file.id_base = prefix;
    file.markdown = !name.ends_with(".txt");
    return parse_note(file);
}

IngestResult parse_text(const std::string& text, const std::string& source = "dir/my-notes.md") {
    return parse_note({text, source, "n", !source.ends_with(".txt")});
}

// The parts of a Document most tests look at, to compare a file's documents in one table.
struct Summary {
    std::string id;
    DocKind kind;
    std::string title;
    int line;

    bool operator==(const Summary&) const = default;
};

void PrintTo(const Summary& s, std::ostream* os) {
    *os << "{" << s.id << ", " << to_string(s.kind) << ", \"" << s.title << "\", L" << s.line
        << "}";
}

}  // namespace

// Found by argument-dependent lookup, so gtest prints points readably.
static void PrintTo(const Point& p, std::ostream* os) {
    *os << "{\"" << p.label << "\", \"" << p.text << "\", " << ::testing::PrintToString(p.items)
        << ", L" << p.line << "}";
}

namespace {

std::vector<Summary> summaries(const IngestResult& r) {
    std::vector<Summary> out;
    for (const Document& d : r.docs) out.push_back({d.id, d.kind, d.title, d.line});
    return out;
}

std::vector<std::string> titles(const IngestResult& r) {
    std::vector<std::string> out;
    for (const Document& d : r.docs) out.push_back(d.title);
    return out;
}

std::vector<std::string> messages(const IngestResult& r) {
    std::vector<std::string> out;
    for (const Diagnostic& d : r.diagnostics) out.push_back(format_diagnostic(d));
    return out;
}

Point point(std::string label, std::string text, int line, std::vector<std::string> items = {}) {
    return {std::move(label), std::move(text), std::move(items), line};
}

TEST(Notes, MarkdownSectionsAreTitledByTheirHeadingPath) {
    const IngestResult r = parse_fixture("companies/acme/onsite.md", "acme");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    // "## System design" has only subsections, so it gives no document of its own.
    const std::vector<Summary> expected = {
        {"acme", DocKind::note, "Acme onsite", 8},
        {"acme#caching", DocKind::note, "Acme onsite > System design > Caching", 12},
        {"acme#sharding", DocKind::note, "Acme onsite > System design > Sharding", 26},
        {"acme#hiring-manager", DocKind::note, "Acme onsite > Hiring manager", 30},
    };
    EXPECT_EQ(summaries(r), expected);
    for (std::size_t i = 0; i < r.docs.size(); ++i) {
        EXPECT_EQ(r.docs[i].order, static_cast<int>(i) + 1);
        EXPECT_EQ(r.docs[i].origin, Origin::notes);
        EXPECT_EQ(r.docs[i].source, "notes/companies/acme/onsite.md");
        EXPECT_TRUE(r.docs[i].tags.empty());
    }
    ASSERT_EQ(r.docs.size(), 4u);
    EXPECT_EQ(r.docs[0].answer, "Four rounds on one day; the hiring manager was Dana.");
    EXPECT_EQ(r.docs[2].answer, "Shard by tenant id; rebalance with consistent hashing.");
    // Link text stays, the URL goes.
    EXPECT_EQ(r.docs[3].answer, "Asked about roadmaps and saying no to stakeholders.");
}

TEST(Notes, ListItemsBecomePointsAndCodeBecomesExample) {
    const IngestResult r = parse_fixture("companies/acme/onsite.md");
    ASSERT_GE(r.docs.size(), 2u);
    const Document& caching = r.docs[1];
    EXPECT_EQ(caching.answer, "The prompt was a read-heavy product catalogue.");
    const std::vector<Point> expected = {
        point("TTL", "expire entries after five minutes", 16),
        point("Write-through", "update the cache and the database together", 17,
              {"simple to reason about", "slower writes"}),
        point("", "Measure the hit rate first", 20),
    };
    EXPECT_EQ(caching.points, expected);
    EXPECT_EQ(caching.example, "GET /products/42 -> cache hit");
}

// The notes and the Q&A parser share one label rule (ingest/ingest_text.h). Before, the notes
// refused a label with any '/' or '(' and the Q&A parser took both; these items, which the two
// read differently, are read so now in both readers: '/' and an abbreviation in parentheses
// belong to a label, other parentheses to a sentence.
TEST(Notes, ItemLabelsMayHoldSlashesAndAbbreviationsInParentheses) {
    struct Case {
        const char* item;
        const char* label;  // "" when the item has no label
    };
    const Case cases[] = {
        {"A/B Testing: split traffic evenly", "A/B Testing"},
        {"Service Level Objectives (SLOs): agree targets", "Service Level Objectives (SLOs)"},
        {"Continuous Integration/Continuous Deployment (CI/CD): automate",
         "Continuous Integration/Continuous Deployment (CI/CD)"},
        {"Internationalization (i18n): plan it early", "Internationalization (i18n)"},
        {"Maintainer(s): Help Wanted", ""},
        {"UC Berkeley 61B (Fall 2006): Data Structures", ""},
        {"Acceptable (but prefer Go): Ruby, PHP", ""},
    };
    for (const Case& c : cases) {
        for (const char* source : {"dir/n.md", "dir/n.txt"}) {
            SCOPED_TRACE(std::string(c.item) + " in " + source);
            const IngestResult r = parse_text(std::string("Intro\n\n- ") + c.item + "\n", source);
            ASSERT_EQ(r.docs.size(), 1u);
            ASSERT_EQ(r.docs[0].points.size(), 1u);
            const Point& p = r.docs[0].points[0];
            EXPECT_EQ(p.label, c.label);
            if (*c.label == '\0') {
                EXPECT_EQ(p.text, c.item);
            }
        }
    }
}

TEST(Notes, FrontMatterBecomesOneSourceInfo) {
    const IngestResult r = parse_fixture("companies/acme/onsite.md");
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0], (SourceInfo{"notes/companies/acme/onsite.md",
                                        "Acme onsite",
                                        "2024-05-02",
                                        "",
                                        {"system-design", "caching", "stakeholder-management"}}));
    // No front matter, no SourceInfo.
    EXPECT_TRUE(parse_fixture("stories/outage.md").sources.empty());
}

TEST(Notes, StoryFileIsOneStoryWithItsFourParts) {
    const IngestResult r = parse_fixture("stories/launch.md", "launch");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    EXPECT_EQ(summaries(r),
              (std::vector<Summary>{{"launch", DocKind::story, "Launching the payments API", 6}}));
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].answer, "Told this at Acme and Globex; about three minutes.");
    const std::vector<Point> expected = {
        point("Situation", "The payments API had slipped two quarters.", 8),
        point("Task", "I owned getting it to general availability by June.", 10),
        point("Action", "I cut scope to three endpoints.", 12,
              {"weekly risk review", "canary releases to 5% of traffic"}),
        point("Result", "We launched on 28 May with no sev-1 incidents.", 17),
    };
    EXPECT_EQ(r.docs[0].points, expected);
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0].tags, (std::vector<std::string>{"launch"}));
}

TEST(Notes, StarSubsectionsMakeOneStoryAndNoDocumentsOfTheirOwn) {
    const IngestResult r = parse_fixture("stories/outage.md", "outage");
    const std::vector<Summary> expected = {
        {"outage#the-checkout-outage", DocKind::story, "The checkout outage", 1},
        {"outage#lessons", DocKind::note, "The checkout outage > Lessons", 22},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[0].answer, "Tell me about a time you handled a crisis.");
    const std::vector<Point> parts = {
        point("Situation", "Black Friday, and the checkout error rate went to 30%.", 5),
        point("Task", "As incident commander I had to restore checkout.", 9),
        point("Action", "", 13, {"Rolled back the last deploy", "Paged the database team"}),
        point("Result", "Checkout recovered in 40 minutes; we added a deploy freeze.", 18),
    };
    EXPECT_EQ(r.docs[0].points, parts);
}

TEST(Notes, QuestionPairsAndQuestionHeadingsBecomeQuestions) {
    const IngestResult r = parse_fixture("qa/behavioural.md", "qa");
    const std::vector<Summary> expected = {
        {"qa#behavioural-questions", DocKind::note, "Behavioural questions", 1},
        {"qa#line-5", DocKind::question, "Why do you want to leave your current job?", 5},
        {"qa#line-10", DocKind::question, "What is your biggest weakness?", 10},
        {"qa#line-14", DocKind::question, "How do you handle conflict?", 14},
        {"qa#line-19", DocKind::question, "What would you ask us?", 19},
        {"qa#what-motivates-you", DocKind::question, "What motivates you?", 21},
        {"qa#other", DocKind::note, "Behavioural questions > Other", 25},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 7u);
    EXPECT_EQ(r.docs[0].answer, "Practice these out loud.");
    // An answer runs over paragraphs up to the next question.
    EXPECT_EQ(r.docs[1].answer,
              "I have shipped the platform I was hired to build.\n\nI want a larger scope.");
    EXPECT_EQ(r.docs[2].answer, "I over-prepare for reviews.");
    EXPECT_EQ(r.docs[3].answer, "I start from shared goals.");
    EXPECT_EQ(r.docs[3].points,
              (std::vector<Point>{point("", "listen first", 16), point("", "agree on data", 17)}));
    EXPECT_EQ(r.docs[4].answer, "");
    EXPECT_EQ(r.docs[5].answer, "Seeing a launch land with customers.");
    EXPECT_EQ(messages(r),
              (std::vector<std::string>{"notes/qa/behavioural.md:19: question has no answer"}));
}

TEST(Notes, QuestionMarkerAloneTakesTheNextParagraphAsItsQuestion) {
    const IngestResult r = parse_text(
        "**Q:**\nWhat is CAP?\n\n**A:** pick two.\n\nQ:\n\nWhy Raft?\n\nanswer: simpler than "
        "Paxos.\n\nQ:\n\n# Next\n\nText.\n");
    const std::vector<Summary> expected = {
        {"n", DocKind::question, "What is CAP?", 1},
        {"n#line-6", DocKind::question, "Why Raft?", 6},
        {"n#next", DocKind::note, "Next", 14},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 3u);
    EXPECT_EQ(r.docs[0].answer, "pick two.");
    EXPECT_EQ(r.docs[1].answer, "simpler than Paxos.");
    EXPECT_EQ(messages(r),
              (std::vector<std::string>{"dir/my-notes.md:12: empty question; skipped"}));
}

TEST(Notes, DetailsBlocksBecomeQuestionsOrHideAnAnswer) {
    const IngestResult r = parse_fixture("qa/details.md", "d");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    // The "# Frontend FAQ" section has no text of its own: its details are documents.
    const std::vector<Summary> expected = {
        {"d", DocKind::question, "What is the event loop?", 3},
        {"d#line-13", DocKind::question, "Why use a virtual DOM?", 13},
        {"d#1-what-does-this-print", DocKind::question, "1. What does this print?", 15},
        {"d#line-28", DocKind::note, "Frontend FAQ > 1. What does this print? > Further reading",
         28},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 4u);
    EXPECT_EQ(r.docs[0].answer, "The loop that runs queued callbacks once the stack is empty.");
    EXPECT_EQ(r.docs[0].points, (std::vector<Point>{point("", "microtasks first", 8),
                                                    point("", "then one macrotask", 9)}));
    EXPECT_EQ(r.docs[1].answer, "It batches updates & diffs them.");
    // <summary>Answer</summary> only hides the answer of the heading's question.
    EXPECT_EQ(r.docs[2].answer, "0.30000000000000004, because of floating point.");
    EXPECT_EQ(r.docs[2].example, "console.log(0.1 + 0.2);");
    EXPECT_EQ(r.docs[3].answer, "MDN has a good guide.");
}

TEST(Notes, PlainTextSectionsFollowHeadingLikeLines) {
    const IngestResult r = parse_fixture("plain/mock-interview.txt", "mock");
    EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    const std::vector<Summary> expected = {
        {"mock#mock-interview-with-sam", DocKind::note, "Mock interview with Sam", 1},
        {"mock#feedback", DocKind::note, "Mock interview with Sam > Feedback", 5},
        {"mock#1-system-design", DocKind::note, "Mock interview with Sam > 1. System design", 12},
        {"mock#questions-to-ask", DocKind::note, "Mock interview with Sam > Questions to ask", 16},
        {"mock#line-21", DocKind::question, "How would you scale the redirect service?", 21},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 5u);
    EXPECT_EQ(r.docs[0].answer, "Notes from the practice session on Tuesday.");
    EXPECT_EQ(r.docs[1].answer, "Good structure, but answers ran long.");
    EXPECT_EQ(r.docs[1].points, (std::vector<Point>{point("", "keep answers to two minutes", 9),
                                                    point("", "lead with the result", 10)}));
    EXPECT_EQ(r.docs[2].answer, "Designed a URL shortener; forgot rate limiting.");
    EXPECT_EQ(r.docs[3].answer, "What does the on-call rotation look like? How big is the team?");
    EXPECT_EQ(r.docs[4].answer, "Cache hot keys at the edge.");
}

TEST(Notes, PlainTextWithoutHeadingsIsOneDocumentTitledByItsFirstLine) {
    const IngestResult r = parse_fixture("plain/single.txt", "s");
    EXPECT_EQ(
        summaries(r),
        (std::vector<Summary>{{"s#salary-negotiation", DocKind::note, "Salary negotiation", 1}}));
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].answer,
              "Never name the first number; ask for the band instead. Get a competing offer "
              "before the final round.");

    // A first line that is a sentence titles the document by its start and stays in its text.
    const std::string sentence =
        "We spent most of the hour on the design of a rate limiter for the public API, and "
        "then some minutes on questions.";
    const IngestResult long_line = parse_text(sentence + "\nIt went well.\n", "n.txt");
    ASSERT_EQ(long_line.docs.size(), 1u);
    EXPECT_EQ(long_line.docs[0].title,
              "We spent most of the hour on the design of a rate limiter for the public API...");
    EXPECT_EQ(long_line.docs[0].answer, sentence + " It went well.");
}

TEST(Notes, EmptyOrBlankFileGivesNothing) {
    for (const IngestResult& r : {parse_fixture("empty.md"), parse_text(""),
                                  parse_text(" \n\n\t \n"), parse_text("\n \n", "blank.txt")}) {
        EXPECT_TRUE(r.docs.empty());
        EXPECT_TRUE(r.diagnostics.empty());
        EXPECT_TRUE(r.sources.empty());
    }
}

TEST(Notes, MarkdownWithoutHeadingIsTitledByTheFileName) {
    const IngestResult r = parse_fixture("no-heading.md", "x");
    EXPECT_EQ(summaries(r), (std::vector<Summary>{{"x", DocKind::note, "no-heading", 1}}));
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].answer, "Remember to ask about the on-call rotation.");
    EXPECT_EQ(r.docs[0].points,
              (std::vector<Point>{point("", "team size", 3), point("", "release cadence", 4)}));
}

TEST(Notes, BrokenFrontMatterIsReportedAndTheBodyStillRead) {
    const IngestResult r = parse_fixture("broken/front-matter.md", "b");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].path, "notes/broken/front-matter.md");
    EXPECT_EQ(r.diagnostics[0].line, 2);
    EXPECT_NE(r.diagnostics[0].message.find("invalid YAML in front matter"), std::string::npos);
    EXPECT_TRUE(r.sources.empty());
    // The block is skipped, so its title cannot name the file; lines still count from line 1.
    EXPECT_EQ(summaries(r), (std::vector<Summary>{{"b#phone-screen", DocKind::note,
                                                   "front-matter > Phone screen", 5}}));

    const IngestResult unclosed = parse_text("---\ntitle: x\n\n## Notes\n\nText.\n");
    EXPECT_EQ(
        messages(unclosed),
        (std::vector<std::string>{"dir/my-notes.md:1: front matter never closes; read as text"}));
    EXPECT_EQ(titles(unclosed).back(), "my-notes > Notes");
}

struct TitleCase {
    const char* name;
    std::string text;
    std::string source;
    std::vector<std::string> titles;
};

TEST(Notes, TitlesFollowTheHeadingStructure) {
    const TitleCase cases[] = {
        {"no level-1 heading: the file name is the top",
         "## Design\n\ntext\n\n### Cache\n\ntext\n",
         "dir/my-notes.md",
         {"my-notes > Design", "my-notes > Design > Cache"}},
        {"front matter title is the top when there is no level-1 heading",
         "---\ntitle: Globex\n---\n## Design\n\ntext\n",
         "g.md",
         {"Globex > Design"}},
        {"a level-1 heading wins over the front matter title",
         "---\ntitle: Globex\n---\n# Globex loop\n\n## Design\n\ntext\n",
         "g.md",
         {"Globex loop > Design"}},
        {"text before the first heading is titled by the file title",
         "Intro.\n\n# Top\n\n## A\n\ntext\n",
         "t.md",
         {"Top", "Top > A"}},
        {"every level-1 heading starts a new path",
         "# One\n\n## A\n\nx\n\n# Two\n\n## B\n\ny\n",
         "t.md",
         {"One > A", "Two > B"}},
        {"skipped levels and setext headings",
         "Top\n===\n\n#### Deep\n\nx\n\nMid\n---\n\ny\n",
         "t.md",
         {"Top > Deep", "Top > Mid"}},
        {"an empty section without subsections keeps its title",
         "# T\n\n## Empty\n\n## Full\n\nx\n",
         "t.md",
         {"T > Empty", "T > Full"}},
        {"inline markup and invisible spaces are dropped from headings",
         "# **Bold** [link](http://x) `code`\xE2\x80\x8B\n\ntext\n",
         "t.md",
         {"Bold link code"}},
        {"a heading made only of an image is left out of the path",
         "# T\n\n## ![logo](logo.png)\n\ntext\n",
         "t.md",
         {"T"}},
        {"plain text: underlined headings under a first-line title",
         "Loop notes\n\nIntro text here.\n\nDesign\n------\n\nA cache.\n",
         "t.txt",
         {"Loop notes", "Loop notes > Design"}},
        {"plain text: a run of short lines is a list, not headings",
         "Companies\n\nAcme\n\nGlobex\n\nInitech\n\nAll three said no.\n",
         "t.txt",
         {"Companies", "Companies > Initech"}},
    };
    for (const TitleCase& c : cases) {
        SCOPED_TRACE(c.name);
        const IngestResult r = parse_text(c.text, c.source);
        EXPECT_EQ(titles(r), c.titles);
        EXPECT_TRUE(r.diagnostics.empty()) << ::testing::PrintToString(messages(r));
    }
}

TEST(Notes, StarSiblingsAfterASectionAreItsStory) {
    // The tech-interview-handbook writes "#### Example" and then "#### Situation" beside it.
    const IngestResult r = parse_text(
        "# STAR\n\n## Format\n\n### Example\n\nConflict with a designer.\n\n### Situation\n\nS."
        "\n\n### Task\n\nT.\n\n### Action\n\nA.\n\n### Result\n\nR.\n\n## Next\n\nN.\n");
    const std::vector<Summary> expected = {
        {"n#example", DocKind::story, "STAR > Format > Example", 5},
        {"n#next", DocKind::note, "STAR > Next", 25},
    };
    EXPECT_EQ(summaries(r), expected);
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[0].answer, "Conflict with a designer.");
    EXPECT_EQ(r.docs[0].points,
              (std::vector<Point>{point("Situation", "S.", 9), point("Task", "T.", 13),
                                  point("Action", "A.", 17), point("Result", "R.", 21)}));
}

TEST(Notes, StarLabelsMakeASectionAStory) {
    const IngestResult md = parse_text(
        "## Migration story\n\n- **Situation** - old cluster\n- **Task:** move it\n"
        "- Action: scripted it\n- Result: no downtime\n");
    ASSERT_EQ(md.docs.size(), 1u);
    EXPECT_EQ(md.docs[0].kind, DocKind::story);
    EXPECT_EQ(md.docs[0].title, "my-notes > Migration story");
    EXPECT_EQ(
        md.docs[0].points,
        (std::vector<Point>{point("Situation", "old cluster", 3), point("Task", "move it", 4),
                            point("Action", "scripted it", 5), point("Result", "no downtime", 6)}));

    // In plain text, one line per part; the parts come out in STAR order.
    const IngestResult text = parse_text(
        "Hiring story\nResult: two hires in a month.\nSituation: no recruiter.\n"
        "Task: fill two roles.\nAction: ran the loop myself.\n",
        "story.txt");
    ASSERT_EQ(text.docs.size(), 1u);
    EXPECT_EQ(text.docs[0].kind, DocKind::story);
    EXPECT_EQ(text.docs[0].title, "Hiring story");
    EXPECT_EQ(text.docs[0].points,
              (std::vector<Point>{point("Situation", "no recruiter.", 3),
                                  point("Task", "fill two roles.", 4),
                                  point("Action", "ran the loop myself.", 5),
                                  point("Result", "two hires in a month.", 2)}));

    // Two of the four labels are not a story (three are: notes_story_test.cpp).
    const IngestResult partial =
        parse_text("## Todo\n\nTask: book the room.\n\nResult: pending.\n");
    ASSERT_EQ(partial.docs.size(), 1u);
    EXPECT_EQ(partial.docs[0].kind, DocKind::note);
}

TEST(Notes, FrontMatterKindQuestionMakesSectionsQuestions) {
    const IngestResult r = parse_text(
        "---\nkind: question\n---\n## Tell me about yourself\n\nTwo minutes, three parts.\n");
    EXPECT_EQ(summaries(r), (std::vector<Summary>{{"n#tell-me-about-yourself", DocKind::question,
                                                   "Tell me about yourself", 4}}));

    const IngestResult unknown = parse_text("---\ntitle: T\nkind: diary\n---\nText.\n");
    EXPECT_EQ(messages(unknown),
              (std::vector<std::string>{"dir/my-notes.md:3: unknown kind \"diary\" (expected "
                                        "note, question or story); read as notes"}));
    EXPECT_EQ(summaries(unknown), (std::vector<Summary>{{"n", DocKind::note, "T", 5}}));
}

TEST(Notes, MarkupIsDroppedAndTablesKeepTheirRows) {
    const IngestResult r = parse_text(
        "# T\n\nSee ![diagram](d.png) the *fine* [docs](http://x) &amp; `grep -r` &#x2014; "
        "ok<br>done.\n\n| Option | Cost |\n|---|---|\n| Redis | low |\n\n<p align=\"center\">"
        "<img src=\"x.png\"></p>\n\nimport Ad from './Ad';\n\n<!-- hidden -->\n");
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].answer,
              "See the fine docs & grep -r \xE2\x80\x94 ok done.\n\nOption | Cost\nRedis | low");
}

TEST(Notes, HugeSingleLineIsReadInLinearTime) {
    // 50 MB without a newline, in both readers; a quadratic step would not finish.
    const std::string text(50u * 1024u * 1024u, 'a');
    const IngestResult md = parse_text(text, "dir/big.md");
    ASSERT_EQ(md.docs.size(), 1u);
    EXPECT_EQ(md.docs[0].answer.size(), text.size());
    EXPECT_EQ(md.docs[0].title, "big");
    const IngestResult plain = parse_text(text, "dir/big.txt");
    ASSERT_EQ(plain.docs.size(), 1u);
    EXPECT_EQ(plain.docs[0].answer.size(), text.size());
    EXPECT_EQ(plain.docs[0].title, std::string(80, 'a') + "...");
}

TEST(Notes, DeepNestingIsReadWithoutRecursion) {
    std::string list;
    for (int i = 0; i < 5000; ++i)
        list += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
    const IngestResult lists = parse_text(list);
    ASSERT_EQ(lists.docs.size(), 1u);
    ASSERT_EQ(lists.docs[0].points.size(), 1u);
    EXPECT_EQ(lists.docs[0].points[0].items.size(), 4999u);

    const IngestResult quotes = parse_text(std::string(1000000, '>') + " deep\n");
    ASSERT_EQ(quotes.docs.size(), 1u);
    EXPECT_EQ(quotes.docs[0].answer, "deep");

    const IngestResult bullets =
        parse_text(std::string(200000, '-') + "\n" + std::string(100000, '*'));
    EXPECT_TRUE(bullets.diagnostics.empty());
}

TEST(Notes, OddInputNeverThrowsAndIdsStayInOrder) {
    const std::string cases[] = {
        std::string("a\0b\n", 4),
        "<details>\n",
        "</details>\n\ntext\n",
        "<details><summary>Q?</summary>",
        "<summary>lonely</summary>\n",
        "<!-- never closed\n\n# H\n",
        "Q:\n",
        "Q: only a question",
        "A: an answer without a question\n",
        "#\n\n##\n\n###\n",
        "[[[[[[[[[[\n",
        "---\n",
        "---\n---\n",
        "- \n  - \n    - \n",
        "**Situation**\n\n**Task**\n\n**Action**\n\n**Result**\n",
        "| a |\n|---|\n",
        "```\nunclosed code\n",
        "&#0; &#xD800; &#99999999; &bogus;\n",
        "Situation:\nTask:\nAction:\nResult:\n",
    };
    for (const std::string& text : cases) {
        for (const char* source : {"odd.md", "odd.txt"}) {
            SCOPED_TRACE(text + " in " + source);
            IngestResult r;
            EXPECT_NO_THROW(r = parse_text(text, source));
            std::set<std::string> ids;
            for (std::size_t i = 0; i < r.docs.size(); ++i) {
                EXPECT_TRUE(r.docs[i].id.starts_with("n")) << r.docs[i].id;
                EXPECT_TRUE(ids.insert(r.docs[i].id).second) << r.docs[i].id;
                EXPECT_EQ(r.docs[i].order, static_cast<int>(i) + 1);
                EXPECT_GE(r.docs[i].line, 1);
            }
        }
    }
}

}  // namespace
}  // namespace tpm
