#include "topics/tagger.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

namespace tpm {
namespace {

// A small taxonomy whose topics share no signal, so each test's right answer is obvious.
Taxonomy sample() {
    return Taxonomy({
        {"release-engineering",
         "Release engineering",
         "",
         {"releases"},
         {"canary", "feature flag", "rollback", "CI/CD"},
         1},
        {"reliability", "Reliability", "", {"resilience"}, {"chaos engineering", "failover"}, 2},
        {"stakeholder-management", "Stakeholders", "", {}, {"stakeholder", "negotiation"}, 3},
        {"observability", "Observability", "", {}, {"tracing", "alerting"}, 4},
        {"data-and-ml", "Data", "", {}, {"data", "machine learning"}, 5},
        {"privacy-and-compliance", "Privacy", "", {"privacy"}, {"data privacy", "GDPR"}, 6},
        {"behavioural", "Behavioural", "", {"behavioral"}, {"STAR method"}, 7},
    });
}

Stemmer english() {
    // Xapian::Stem is reference-counted; the copy in the lambda keeps it alive.
    return [stem = Xapian::Stem("english")](const std::string& word) { return stem(word); };
}

Document doc(std::string title, std::string answer = "", std::string why = "") {
    Document d;
    d.id = "Q1";
    d.title = std::move(title);
    d.answer = std::move(answer);
    d.why = std::move(why);
    return d;
}

class TaggerTest : public ::testing::Test {
  protected:
    double score(const Document& d, const std::string& id) const {
        const std::vector<double> s = tagger_.scores(d);
        for (std::size_t i = 0; i < taxonomy_.topics().size(); ++i) {
            if (taxonomy_.topics()[i].id == id) return s[i];
        }
        ADD_FAILURE() << "no topic " << id;
        return 0.0;
    }
    std::vector<std::string> topics(const Document& d) const { return tagger_.tag(d).topics; }

    const Taxonomy taxonomy_ = sample();
    const Tagger tagger_{taxonomy_, english()};
};

TEST_F(TaggerTest, GivesObviousTopics) {
    struct Case {
        Document doc;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {doc("How do you run canary releases?", "With feature flags and a rollback plan."),
         {"release-engineering"}},
        {doc("How do you practise chaos engineering?", "We test failover every week."),
         {"reliability"}},
        {doc("How do you handle a difficult stakeholder?", "Negotiation, then more negotiation."),
         {"stakeholder-management"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.doc.title);
        EXPECT_EQ(topics(c.doc), c.expected);
    }
}

TEST_F(TaggerTest, MatchesPhrasesAcrossCaseAndPluralForms) {
    EXPECT_GT(score(doc("", "FEATURE FLAGS everywhere"), "release-engineering"), 0.0);
    EXPECT_GT(score(doc("", "Chaos-Engineering game days"), "reliability"), 0.0);
    // CI/CD is two words, whatever joins them.
    EXPECT_GT(score(doc("", "our ci-cd pipelines"), "release-engineering"), 0.0);
    EXPECT_GT(score(doc("", "CI/CD"), "release-engineering"), 0.0);
    // A phrase matches only as consecutive words in its order.
    EXPECT_EQ(score(doc("", "flags for every feature"), "release-engineering"), 0.0);
    EXPECT_EQ(score(doc("", "chaos in engineering"), "reliability"), 0.0);
    // Words are whole: "canaryish" is not "canary".
    EXPECT_EQ(score(doc("", "a canaryish colour"), "release-engineering"), 0.0);
}

TEST_F(TaggerTest, WeighsQuestionAboveAnswerAboveWhy) {
    const double in_title = score(doc("Canary?"), "release-engineering");
    const double in_answer = score(doc("", "Canary."), "release-engineering");
    const double in_why = score(doc("", "", "Canary."), "release-engineering");
    EXPECT_GT(in_title, in_answer);
    EXPECT_GT(in_answer, in_why);
    EXPECT_GT(in_why, 0.0);

    Document labelled = doc("");
    labelled.points.push_back({"Canary", "", {}, 1});
    EXPECT_GT(score(labelled, "release-engineering"), in_answer);
    EXPECT_LT(score(labelled, "release-engineering"), in_title);

    // The answer mentions releases twice, but the question is about reliability.
    const Document d = doc("How do you plan failover?", "Canary first, then a rollback drill.");
    EXPECT_EQ(topics(d).front(), "reliability");
}

TEST_F(TaggerTest, RepeatsOfOneSignalCountLessAndLess) {
    const double once = score(doc("", "canary"), "release-engineering");
    const double four = score(doc("", "canary canary canary canary"), "release-engineering");
    const double distinct =
        score(doc("", "canary, feature flag, rollback, CI/CD"), "release-engineering");
    EXPECT_GT(four, once);
    EXPECT_LT(four, 3 * once);
    EXPECT_GT(distinct, four);
}

TEST_F(TaggerTest, LongestMatchWins) {
    // "data privacy" is evidence for privacy only, not also for "data".
    const Document d = doc("", "data privacy");
    EXPECT_GT(score(d, "privacy-and-compliance"), 0.0);
    EXPECT_EQ(score(d, "data-and-ml"), 0.0);
    EXPECT_GT(score(doc("", "data pipelines"), "data-and-ml"), 0.0);
}

TEST_F(TaggerTest, KeepsAtMostThreeTopics) {
    const Document d = doc("Canary, failover, stakeholder, tracing, GDPR and STAR method?",
                           "Rollback, chaos engineering, negotiation, alerting, data privacy.");
    const std::vector<std::string> t = topics(d);
    EXPECT_EQ(t.size(), Tagger::kMaxTopics);
}

TEST_F(TaggerTest, SideRemarkDoesNotTagAFocusedDocument) {
    const Document d =
        doc("How do you run canary releases?",
            "Canary analysis, feature flags, automated rollback and CI/CD gates. We also "
            "watch the alerting.");
    EXPECT_EQ(topics(d), std::vector<std::string>{"release-engineering"});
}

TEST_F(TaggerTest, WeakEvidenceStillGivesTheBestTopic) {
    // One mention in the question is below the minimum score, but it is all there is.
    EXPECT_EQ(topics(doc("Any thoughts on tracing?", "Maybe.")),
              std::vector<std::string>{"observability"});
}

// One everyday word in the body is not what a note is about (kMinFallbackScore).
TEST_F(TaggerTest, OneMentionInTheBodyAloneGivesNoTopic) {
    EXPECT_TRUE(topics(doc("Things to bring", "Laptop, charger, maybe tracing paper.")).empty());
}

// A kind the taxonomy names is a tag: every STAR story is behavioural, whatever it says.
TEST_F(TaggerTest, AKindTheTaxonomyNamesIsATag) {
    const Taxonomy taxonomy({{"behavioural", "Behavioural", "", {"story"}, {"STAR method"}, 1}});
    const Tagger tagger(taxonomy, english());
    Document story = doc("Launch slipped", "I replanned the launch with the team.");
    story.kind = DocKind::story;
    EXPECT_EQ(tagger.tag(story).topics, std::vector<std::string>{"behavioural"});
    EXPECT_TRUE(tagger.tag(story).unknown.empty());
    Document question = story;
    question.kind = DocKind::question;
    EXPECT_TRUE(tagger.tag(question).topics.empty());
    EXPECT_TRUE(tagger.tag(question).unknown.empty());
}

TEST_F(TaggerTest, DocumentWithoutSignalsGetsNoTopics) {
    const TagResult r = tagger_.tag(doc("What is your favourite colour?", "Blue, no, yellow."));
    EXPECT_TRUE(r.topics.empty());
    EXPECT_TRUE(r.unknown.empty());
    EXPECT_TRUE(tagger_.tag(Document()).topics.empty());
}

TEST_F(TaggerTest, ExplicitTagsComeFirstAndUnknownOnesAreReported) {
    const Document d = doc("How do you run canary releases?", "Feature flags and rollbacks.");
    const TagResult r = tagger_.tag(d, {"Resilience", "behavioral", "made-up", "reliability",
                                        "made-up", "Release-Engineering"});
    EXPECT_EQ(r.topics,
              (std::vector<std::string>{"reliability", "behavioural", "release-engineering"}));
    EXPECT_EQ(r.unknown, std::vector<std::string>{"made-up"});

    // Explicit tags take their places first; automatic topics fill the rest.
    const TagResult one = tagger_.tag(d, {"privacy"});
    EXPECT_EQ(one.topics,
              (std::vector<std::string>{"privacy-and-compliance", "release-engineering"}));

    // Only unknown tags: the automatic topics stand.
    const TagResult unknown = tagger_.tag(d, {"#rollouts"});
    EXPECT_EQ(unknown.topics, std::vector<std::string>{"release-engineering"});
    EXPECT_EQ(unknown.unknown, std::vector<std::string>{"#rollouts"});
}

TEST(Tagger, UsesTheStemmerItIsGiven) {
    const Taxonomy t = sample();
    // A stemmer that keeps words as they are: "rollbacks" no longer matches "rollback".
    const Tagger exact(t, [](const std::string& w) { return w; });
    EXPECT_EQ(exact.scores(doc("", "rollbacks"))[0], 0.0);
    EXPECT_GT(exact.scores(doc("", "rollback"))[0], 0.0);
    const Tagger stemmed(t, english());
    EXPECT_GT(stemmed.scores(doc("", "rollbacks"))[0], 0.0);
}

TEST(Tagger, EmptyTaxonomyTagsNothing) {
    const Taxonomy empty;
    const Tagger tagger(empty, english());
    const TagResult r = tagger.tag(doc("Canary?"), {"reliability"});
    EXPECT_TRUE(r.topics.empty());
    EXPECT_EQ(r.unknown, std::vector<std::string>{"reliability"});
    EXPECT_TRUE(tagger.scores(doc("Canary?")).empty());
}

}  // namespace
}  // namespace tpm
