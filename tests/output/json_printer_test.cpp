#include "output/json_printer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace tpm {
namespace {

using nlohmann::json;

SearchResults results_with(Excerpt excerpt) {
    Hit hit;
    hit.rank = 1;
    hit.score = 2.75;
    hit.doc.id = "Q26";
    hit.doc.kind = DocKind::question;
    hit.doc.title = "How do you keep systems reliable?";
    hit.doc.source = "corpus/netflix.txt";
    hit.doc.line = 800;
    hit.excerpts.push_back(std::move(excerpt));
    SearchResults r;
    r.query = "canary";
    r.estimated_total = 7;
    r.hits.push_back(std::move(hit));
    return r;
}

Excerpt canary_excerpt() {
    Excerpt e;
    e.label = "Canary Releases";
    e.text = "I use canary releases.";
    e.highlights = {{6, 12}};
    e.truncated_end = true;
    return e;
}

std::string results_output(const SearchResults& r) {
    std::ostringstream out;
    print_results_json(out, r);
    return out.str();
}

std::string document_output(const Document& d) {
    std::ostringstream out;
    print_document_json(out, d);
    return out.str();
}

// The substring of an excerpt's text that a [start, end] highlight pair names.
std::string highlighted(const json& excerpt, std::size_t n) {
    const auto& span = excerpt.at("highlights").at(n);
    const std::string text = excerpt.at("text").get<std::string>();
    const auto start = span.at(0).get<std::size_t>();
    const auto end = span.at(1).get<std::size_t>();
    return text.substr(start, end - start);
}

TEST(JsonPrinter, ResultsAreOneLineWithSchemaFirst) {
    const std::string out = results_output(results_with(canary_excerpt()));
    EXPECT_EQ(out.rfind("{\"schema\":9,\"query\":\"canary\",", 0), 0u) << out;
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back(), '\n');
    EXPECT_EQ(out.find('\n'), out.size() - 1);
}

TEST(JsonPrinter, ResultsCarryEveryField) {
    const json j = json::parse(results_output(results_with(canary_excerpt())));
    EXPECT_EQ(j.at("schema"), kJsonSchema);
    EXPECT_EQ(j.at("total_estimate"), 7);
    ASSERT_EQ(j.at("hits").size(), 1u);
    const json& hit = j.at("hits").at(0);
    EXPECT_EQ(hit.at("rank"), 1);
    EXPECT_EQ(hit.at("id"), "Q26");
    EXPECT_EQ(hit.at("kind"), "question");
    EXPECT_TRUE(hit.at("score").is_number_float());
    EXPECT_DOUBLE_EQ(hit.at("score").get<double>(), 2.75);
    EXPECT_EQ(hit.at("question"), "How do you keep systems reliable?");
    EXPECT_EQ(hit.at("source"), "corpus/netflix.txt");
    EXPECT_TRUE(hit.at("line").is_number_integer());
    EXPECT_EQ(hit.at("line"), 800);
    EXPECT_EQ(hit.at("related"), false);
    const json& excerpt = hit.at("excerpts").at(0);
    EXPECT_EQ(excerpt.at("label"), "Canary Releases");
    EXPECT_EQ(excerpt.at("text"), "I use canary releases.");
    EXPECT_EQ(excerpt.at("highlights"), json::parse("[[6,12]]"));
    EXPECT_EQ(highlighted(excerpt, 0), "canary");
    EXPECT_EQ(excerpt.at("truncated_start"), false);
    EXPECT_EQ(excerpt.at("truncated_end"), true);
}

TEST(JsonPrinter, RelatedHitsAreMarked) {
    SearchResults results = results_with(canary_excerpt());
    results.hits.push_back(results.hits.front());
    results.hits.back().rank = 2;
    results.hits.back().related = true;
    const json j = json::parse(results_output(results));
    EXPECT_EQ(j.at("hits").at(0).at("related"), false);
    EXPECT_EQ(j.at("hits").at(1).at("related"), true);
}

// With --explain, each part's weight and crowding's factor; without, neither key.
TEST(JsonPrinter, ExplainedHitsCarryWhatEachPartAdded) {
    SearchResults results = results_with(canary_excerpt());
    const json plain = json::parse(results_output(results));
    EXPECT_FALSE(plain.at("hits").at(0).contains("contributions"));
    results.hits.front().contributions = {{"words", 2.0}, {"heading", 0.75}};
    results.hits.front().crowding = 0.9;
    const json j = json::parse(results_output(results));
    const json& hit = j.at("hits").at(0);
    EXPECT_EQ(hit.at("contributions"), json::parse(R"({"words":2.0,"heading":0.75})"));
    EXPECT_DOUBLE_EQ(hit.at("crowding").get<double>(), 0.9);
}

TEST(JsonPrinter, EmptyResultsHaveEmptyHits) {
    const json j = json::parse(results_output(SearchResults{}));
    EXPECT_EQ(j.at("hits"), json::array());
    EXPECT_EQ(j.at("query"), "");
}

TEST(JsonPrinter, SpansFollowTheTextThroughInvalidUtf8) {
    struct Case {
        const char* name;
        std::string text;
        std::string expected_text;
    };
    const Case cases[] = {
        {"stray continuation", "caf\x80 canary", "caf\xEF\xBF\xBD canary"},
        {"cut sequence", "caf\xC3 canary", "caf\xEF\xBF\xBD canary"},
        {"two bad bytes", "\xFF\xFE canary", "\xEF\xBF\xBD\xEF\xBF\xBD canary"},
        {"overlong", "\xC0\xAF canary", "\xEF\xBF\xBD\xEF\xBF\xBD canary"},
        {"valid", "caf\xC3\xA9 canary", "caf\xC3\xA9 canary"},
        {"controls are escaped, not replaced", "a\x1b\x07 canary", "a\x1b\x07 canary"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        Excerpt e;
        e.text = c.text;
        const std::size_t start = c.text.find("canary");
        e.highlights = {{start, start + 6}};
        std::string out;
        ASSERT_NO_THROW(out = results_output(results_with(e)));
        const json j = json::parse(out);
        const json& excerpt = j.at("hits").at(0).at("excerpts").at(0);
        EXPECT_EQ(excerpt.at("text"), c.expected_text);
        EXPECT_EQ(highlighted(excerpt, 0), "canary");
    }
}

TEST(JsonPrinter, InvalidUtf8ElsewhereDoesNotThrow) {
    SearchResults r = results_with(canary_excerpt());
    r.query = "bad\xFF";
    r.hits[0].doc.title = "t\xC3";
    r.hits[0].excerpts[0].label = "\xE2\x82";
    std::string out;
    ASSERT_NO_THROW(out = results_output(r));
    const json j = json::parse(out);
    EXPECT_EQ(j.at("query"), "bad\xEF\xBF\xBD");
}

TEST(JsonPrinter, BadSpansAreClampedOrDropped) {
    Excerpt e;
    e.text = "abc";
    e.highlights = {{1, 99}, {5, 9}, {2, 2}};
    const json j = json::parse(results_output(results_with(e)));
    EXPECT_EQ(j.at("hits").at(0).at("excerpts").at(0).at("highlights"), json::parse("[[1,3]]"));
}

TEST(JsonPrinter, DocumentCarriesEveryFieldInOrder) {
    Document d;
    d.id = "Q26";
    d.title = "How?";
    d.source = "corpus/netflix.txt";
    d.line = 800;
    d.answer = "Intro.";
    d.points = {{"Canary Releases", "Small subset.", {"one", "two"}, 804}, {"", "Plain.", {}, 806}};
    d.example = "Once.";
    d.why = "Because.";
    const std::string out = document_output(d);
    EXPECT_EQ(out.rfind("{\"schema\":9,\"document\":{\"id\":\"Q26\",\"kind\":\"question\","
                        "\"origin\":\"corpus\",\"question\":\"How?\",\"source\":\"corpus/"
                        "netflix.txt\",\"line\":800,"
                        "\"answer\":\"Intro.\",\"points\":[{\"label\":\"Canary Releases\","
                        "\"text\":\"Small subset.\",\"items\":[\"one\",\"two\"],\"line\":804},",
                        0),
              0u)
        << out;
    const json j = json::parse(out);
    const json& doc = j.at("document");
    EXPECT_EQ(doc.at("points").size(), 2u);
    EXPECT_EQ(doc.at("points").at(1).at("items"), json::array());
    EXPECT_EQ(doc.at("example"), "Once.");
    EXPECT_EQ(doc.at("why"), "Because.");
    EXPECT_EQ(doc.at("topics"), json::array());
    EXPECT_EQ(j.at("your_notes"), json::array());
    EXPECT_EQ(out.back(), '\n');
}

TEST(JsonPrinter, TipDocumentWithInvalidUtf8) {
    Document d;
    d.id = "tips/1";
    d.kind = DocKind::tip;
    d.answer = "bad \xFF\xFE";
    std::string out;
    ASSERT_NO_THROW(out = document_output(d));
    const json doc = json::parse(out).at("document");
    EXPECT_EQ(doc.at("kind"), "tip");
    EXPECT_EQ(doc.at("points"), json::array());
    EXPECT_EQ(doc.at("answer").get<std::string>().find('\xFF'), std::string::npos);
}

}  // namespace
}  // namespace tpm

namespace tpm {
namespace {

TEST(JsonPrinter, HitsCarryTopicsAndTheResultsCarryFacets) {
    SearchResults r;
    r.query = "canary";
    Hit hit;
    hit.rank = 1;
    hit.doc.id = "Q26";
    hit.doc.topics = {"release-engineering", "reliability"};
    hit.doc.tags = {"favourite"};
    r.hits.push_back(hit);
    r.topics = {{"release-engineering", 5}, {"reliability", 2}};
    std::ostringstream out;
    print_results_json(out, r);
    const auto j = nlohmann::json::parse(out.str());
    EXPECT_EQ(j["hits"][0]["topics"], (nlohmann::json{"release-engineering", "reliability"}));
    EXPECT_EQ(j["hits"][0]["tags"], (nlohmann::json{"favourite"}));
    EXPECT_EQ(j["facets"]["topics"][0]["id"], "release-engineering");
    EXPECT_EQ(j["facets"]["topics"][0]["count"], 5);
    EXPECT_EQ(j["facets"]["topics"][1]["count"], 2);
}

TEST(JsonPrinter, TopicsListCarriesCountsAndDescriptions) {
    Topic topic;
    topic.id = "behavioural";
    topic.name = "Behavioural";
    topic.description = "Stories about you.";
    topic.aliases = {"behavioral"};
    std::ostringstream out;
    print_topics_json(out, {TopicCount{topic, 2, 4, 3, 5, 1}});
    const auto j = nlohmann::json::parse(out.str());
    EXPECT_EQ(j["schema"], kJsonSchema);
    EXPECT_EQ(j["topics"][0]["aliases"][0], "behavioral");
    EXPECT_EQ(j["topics"][0]["questions"], 2);
    EXPECT_EQ(j["topics"][0]["tips"], 4);
    EXPECT_EQ(j["topics"][0]["your_questions"], 3);
    EXPECT_EQ(j["topics"][0]["stories"], 5);
    EXPECT_EQ(j["topics"][0]["notes"], 1);
}

}  // namespace
}  // namespace tpm
