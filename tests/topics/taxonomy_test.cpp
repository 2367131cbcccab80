#include "topics/taxonomy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tpm {
namespace {

struct Parsed {
    std::vector<std::string> ids;
    std::vector<std::string> messages;  // "path:line: message"
};

Parsed parse(const std::string& yaml) {
    std::vector<Diagnostic> diagnostics;
    const Taxonomy t = parse_taxonomy(yaml, "topics.yaml", diagnostics);
    Parsed p;
    for (const Topic& topic : t.topics()) p.ids.push_back(topic.id);
    for (const Diagnostic& d : diagnostics) p.messages.push_back(format_diagnostic(d));
    return p;
}

// One well-formed entry, starting with "  - id: <id>".
std::string entry(const std::string& id) {
    return "  - id: " + id + "\n    name: " + id + "\n    signals: [" + id + " signal]\n";
}

TEST(Taxonomy, ParsesEveryFieldAndTheEntryLine) {
    const std::string yaml =
        "# comment\n"
        "topics:\n"
        "  - id: behavioural\n"
        "    name: Behavioural questions\n"
        "    description: Stories about your own experience.\n"
        "    aliases: [behavioral, behaviour]\n"
        "    signals:\n"
        "      - tell me about a time\n"
        "      - STAR method\n" +
        entry("reliability");
    std::vector<Diagnostic> diagnostics;
    const Taxonomy t = parse_taxonomy(yaml, "topics.yaml", diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(t.topics().size(), 2u);
    const Topic expected{"behavioural",
                         "Behavioural questions",
                         "Stories about your own experience.",
                         {"behavioral", "behaviour"},
                         {"tell me about a time", "STAR method"},
                         3};
    EXPECT_EQ(t.topics()[0], expected);
    EXPECT_EQ(t.topics()[1].id, "reliability");
    EXPECT_EQ(t.topics()[1].line, 10);
    EXPECT_TRUE(t.topics()[1].description.empty());
    EXPECT_TRUE(t.topics()[1].aliases.empty());
}

TEST(Taxonomy, ReportsEachProblemWithItsLineAndKeepsTheGoodEntries) {
    struct Case {
        const char* what;
        std::string yaml;
        std::vector<std::string> ids;
        std::vector<std::string> messages;
    };
    const std::vector<Case> cases = {
        {"broken YAML",
         "topics:\n  - id: a\n    name: [unclosed\n",
         {},
         {"topics.yaml:4: invalid YAML in topic taxonomy: end of sequence flow not found"}},
        {"empty file", "", {}, {"topics.yaml:1: topic taxonomy has no top-level 'topics:' list"}},
        {"no topics key",
         "subjects:\n" + entry("a"),
         {},
         {"topics.yaml:1: topic taxonomy has no top-level 'topics:' list"}},
        {"topics not a list",
         "\ntopics: everything\n",
         {},
         {"topics.yaml:2: topic taxonomy has no top-level 'topics:' list"}},
        {"unknown key",
         "topics:\n" + entry("a") + "    colour: red\n" + entry("b"),
         {"b"},
         {"topics.yaml:5: unknown key 'colour' in topic entry (allowed: id, name, description, "
          "aliases, signals)"}},
        {"key given twice",
         "topics:\n" + entry("a") + "    name: again\n",
         {},
         {"topics.yaml:5: key 'name' given twice in one topic entry (first at line 3)"}},
        {"missing fields",
         "topics:\n  - description: nothing else\n" + entry("b"),
         {"b"},
         {"topics.yaml:2: topic entry has no id; left out",
          "topics.yaml:2: topic entry has no name; left out",
          "topics.yaml:2: topic entry has no signals; left out"}},
        {"empty signals",
         "topics:\n  - id: a\n    name: A\n    signals: []\n",
         {},
         {"topics.yaml:2: topic entry has no signals; left out"}},
        {"signals not a list",
         "topics:\n  - id: a\n    name: A\n    signals: canary\n",
         {},
         {"topics.yaml:4: 'signals' must be a list of words and phrases"}},
        {"name not text",
         "topics:\n  - id: a\n    name: [A]\n    signals: [x]\n",
         {},
         {"topics.yaml:3: 'name' must be a single line of text"}},
        {"entry not a map",
         "topics:\n  - just-a-string\n" + entry("b"),
         {"b"},
         {"topics.yaml:2: topic entry is not a map of id, name, description, aliases, signals"}},
        {"bad ids",
         "topics:\n" + entry("Release_Eng") + entry("a--b") + entry("-a") + entry("ok-2"),
         {"ok-2"},
         {"topics.yaml:2: topic id 'Release_Eng' is not lower-case words joined by hyphens (like "
          "release-engineering)",
          "topics.yaml:5: topic id 'a--b' is not lower-case words joined by hyphens (like "
          "release-engineering)",
          "topics.yaml:8: topic id '-a' is not lower-case words joined by hyphens (like "
          "release-engineering)"}},
        {"duplicate id",
         "topics:\n" + entry("a") + entry("b") + entry("a"),
         {"a", "b"},
         {"topics.yaml:8: duplicate id 'a' (first at line 2); topic left out"}},
        {"alias naming another id",
         "topics:\n" + entry("a") + entry("b") + "    aliases: [A]\n",
         {"a"},
         {"topics.yaml:5: duplicate alias 'A' (first at line 2); topic left out"}},
        {"alias repeating its own id",
         "topics:\n" + entry("a") + "    aliases: [a]\n",
         {},
         {"topics.yaml:2: duplicate alias 'a' (first at line 2); topic left out"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const Parsed p = parse(c.yaml);
        EXPECT_EQ(p.ids, c.ids);
        EXPECT_EQ(p.messages, c.messages);
    }
}

TEST(Taxonomy, NeverThrowsOnOddInput) {
    for (const char* yaml : {"topics:\n  - [1, 2]\n", "topics:\n  - id: {a: b}\n", "[[[", "\t",
                             "topics:\n  - ? [complex]\n    : key\n", "topics: !!binary abc\n",
                             "topics:\n  - id:\n    name:\n    signals:\n"}) {
        SCOPED_TRACE(yaml);
        std::vector<Diagnostic> diagnostics;
        EXPECT_NO_THROW(parse_taxonomy(yaml, "t.yaml", diagnostics));
        EXPECT_FALSE(diagnostics.empty());
    }
}

Taxonomy sample() {
    return Taxonomy({
        {"reliability", "Reliability", "", {"resilience", "SRE"}, {"failover"}, 1},
        {"release-engineering", "Release engineering", "", {}, {"canary"}, 2},
        {"behavioural", "Behavioural", "", {"behavioral"}, {"STAR method"}, 3},
        {"security", "Security", "", {}, {"encryption"}, 4},
    });
}

TEST(Taxonomy, FindsByIdOrAliasIgnoringCase) {
    const Taxonomy t = sample();
    struct Case {
        const char* name;
        const char* id;  // nullptr: no topic
    };
    const Case cases[] = {
        {"reliability", "reliability"}, {"RELIABILITY", "reliability"},
        {"sre", "reliability"},         {"Resilience", "reliability"},
        {"Behavioral", "behavioural"},  {"release-engineering", "release-engineering"},
        {"release", nullptr},           {"", nullptr},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const Topic* topic = t.find(c.name);
        if (c.id == nullptr) {
            EXPECT_EQ(topic, nullptr);
        } else {
            ASSERT_NE(topic, nullptr);
            EXPECT_EQ(topic->id, c.id);
        }
    }
    EXPECT_EQ(Taxonomy().find("reliability"), nullptr);
}

TEST(Taxonomy, NearestOrdersByEditDistanceThenSharedPrefix) {
    const Taxonomy t = sample();
    EXPECT_EQ(t.nearest("relability").front(), "reliability");
    EXPECT_EQ(t.nearest("Relability", 1), std::vector<std::string>{"reliability"});
    // An alias counts as the topic's name: "behaviorl" is one edit from "behavioral".
    EXPECT_EQ(t.nearest("behaviorl").front(), "behavioural");
    EXPECT_EQ(t.nearest("secrity", 1), std::vector<std::string>{"security"});
    // At equal distance (2 edits each), the longer shared prefix wins over taxonomy order.
    const Taxonomy tie({{"beta", "Beta", "", {}, {"b"}, 1}, {"data", "Data", "", {}, {"d"}, 2}});
    EXPECT_EQ(tie.nearest("dela"), (std::vector<std::string>{"data", "beta"}));
    EXPECT_EQ(tie.nearest("zeta"), (std::vector<std::string>{"beta", "data"}));
    EXPECT_EQ(t.nearest("x", 10).size(), 4u);
    EXPECT_TRUE(t.nearest("x", 0).empty());
    EXPECT_TRUE(Taxonomy().nearest("reliability").empty());
}

}  // namespace
}  // namespace tpm
