// The shipped taxonomy (corpus/topics.yaml) on the shipped corpus: it parses cleanly, every
// question gets a topic, no topic is empty, and hand-checked questions carry the topic a
// reader would give them. The expectations name one topic each, not the full list or its
// order, so that refining signals does not break them unless a tag becomes wrong.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ingest/corpus.h"
#include "topics/tagger.h"

namespace tpm {
namespace {

struct Shipped {
    std::vector<Diagnostic> diagnostics;  // from reading the taxonomy
    Taxonomy taxonomy;
    IngestResult corpus;  // each Document's topics set by the tagger, as tpmindex does
};

Shipped load() {
    Shipped s;
    s.taxonomy = read_taxonomy(std::string(TPM_CORPUS_DIR) + "/" + kTaxonomyFileName,
                               "corpus/topics.yaml", s.diagnostics);
    const Xapian::Stem stem("english");
    const Tagger tagger(s.taxonomy, [stem](const std::string& w) { return stem(w); });
    s.corpus = ingest_corpus(TPM_CORPUS_DIR, "corpus");
    for (Document& doc : s.corpus.docs) doc.topics = tagger.tag(doc).topics;
    return s;
}

// Read and tagged once for all tests of this file.
const Shipped& shipped() {
    static const Shipped s = load();
    return s;
}

const Document* find(const std::string& id) {
    for (const Document& d : shipped().corpus.docs) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

TEST(ShippedTopics, TaxonomyAndCorpusReadWithoutDiagnostics) {
    std::vector<std::string> messages;
    for (const Diagnostic& d : shipped().diagnostics) messages.push_back(format_diagnostic(d));
    for (const Diagnostic& d : shipped().corpus.diagnostics) {
        messages.push_back(format_diagnostic(d));
    }
    EXPECT_TRUE(messages.empty()) << ::testing::PrintToString(messages);
}

TEST(ShippedTopics, TaxonomyHasTheDocumentedShape) {
    const std::vector<Topic>& topics = shipped().taxonomy.topics();
    EXPECT_GE(topics.size(), 18u);
    EXPECT_LE(topics.size(), 24u);
    for (const Topic& t : topics) {
        SCOPED_TRACE(t.id);
        EXPECT_FALSE(t.name.empty());
        EXPECT_FALSE(t.description.empty());
        EXPECT_GE(t.signals.size(), 10u);
        EXPECT_LE(t.signals.size(), 30u);
    }
    // Other layers and the README name these ids.
    for (const char* id : {"program-execution",
                           "stakeholder-management",
                           "communication",
                           "risk-management",
                           "cross-team-collaboration",
                           "release-engineering",
                           "quality-assurance",
                           "reliability",
                           "incident-management",
                           "observability",
                           "security",
                           "privacy-and-compliance",
                           "scalability-and-performance",
                           "architecture",
                           "cloud-and-migration",
                           "data-and-ml",
                           "experimentation",
                           "cost-management",
                           "technical-debt",
                           "culture-and-leadership",
                           "streaming-and-content-delivery",
                           "accessibility-and-i18n",
                           "behavioural"}) {
        const Topic* t = shipped().taxonomy.find(id);
        ASSERT_NE(t, nullptr) << id;
        EXPECT_EQ(t->id, id);
    }
    // Common misspellings and short forms reach the right topic through aliases.
    EXPECT_EQ(shipped().taxonomy.nearest("relability").front(), "reliability");
    EXPECT_EQ(shipped().taxonomy.nearest("release").front(), "release-engineering");
    EXPECT_EQ(shipped().taxonomy.nearest("observabilty").front(), "observability");
    ASSERT_NE(shipped().taxonomy.find("behavioral"), nullptr);
    EXPECT_EQ(shipped().taxonomy.find("behavioral")->id, "behavioural");
}

TEST(ShippedTopics, EveryQuestionHasBetweenOneAndThreeTopics) {
    std::size_t questions = 0;
    for (const Document& d : shipped().corpus.docs) {
        SCOPED_TRACE(d.id + ": " + d.title);
        EXPECT_LE(d.topics.size(), Tagger::kMaxTopics);
        if (d.kind != DocKind::question) continue;
        ++questions;
        EXPECT_FALSE(d.topics.empty());
    }
    EXPECT_EQ(questions, 50u);
}

TEST(ShippedTopics, EveryTopicIsCarriedBySomeDocument) {
    std::map<std::string, int> count;
    for (const Document& d : shipped().corpus.docs) {
        for (const std::string& t : d.topics) ++count[t];
    }
    for (const Topic& t : shipped().taxonomy.topics()) EXPECT_GT(count[t.id], 0) << t.id;
}

TEST(ShippedTopics, HandCheckedQuestionsCarryTheirTopic) {
    struct Case {
        const char* id;
        const char* topic;
    };
    // Each read against the question and its answer; only clear cases are listed.
    const Case cases[] = {
        {"Q1", "program-execution"},
        {"Q1", "behavioural"},
        {"Q2", "stakeholder-management"},
        {"Q3", "behavioural"},
        {"Q4", "program-execution"},
        {"Q5", "technical-debt"},
        {"Q6", "culture-and-leadership"},
        {"Q7", "program-execution"},
        {"Q8", "communication"},
        {"Q10", "security"},
        {"Q10", "privacy-and-compliance"},
        {"Q11", "scalability-and-performance"},
        {"Q12", "technical-debt"},
        {"Q13", "experimentation"},
        {"Q14", "cross-team-collaboration"},
        {"Q16", "reliability"},
        {"Q17", "release-engineering"},
        {"Q19", "stakeholder-management"},
        {"Q20", "accessibility-and-i18n"},
        {"Q21", "technical-debt"},
        {"Q22", "scalability-and-performance"},
        {"Q23", "security"},
        {"Q24", "data-and-ml"},
        {"Q26", "release-engineering"},
        {"Q26", "reliability"},
        {"Q27", "streaming-and-content-delivery"},
        {"Q29", "streaming-and-content-delivery"},
        {"Q30", "streaming-and-content-delivery"},
        {"Q31", "architecture"},
        {"Q32", "reliability"},
        {"Q35", "accessibility-and-i18n"},
        {"Q36", "technical-debt"},
        {"Q37", "cross-team-collaboration"},
        {"Q38", "privacy-and-compliance"},
        {"Q39", "data-and-ml"},
        {"Q40", "release-engineering"},
        {"Q40", "risk-management"},
        {"Q41", "quality-assurance"},
        {"Q42", "cost-management"},
        {"Q42", "cloud-and-migration"},
        {"Q43", "culture-and-leadership"},
        {"Q44", "incident-management"},
        {"Q45", "observability"},
        {"Q47", "security"},
        {"Q48", "data-and-ml"},
        {"Q49", "architecture"},
        {"Q50", "reliability"},
        {"tips/4", "behavioural"},
        {"tips/7", "communication"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.id) + " " + c.topic);
        const Document* d = find(c.id);
        ASSERT_NE(d, nullptr);
        EXPECT_NE(std::find(d->topics.begin(), d->topics.end(), c.topic), d->topics.end())
            << d->title << "\n  has: " << ::testing::PrintToString(d->topics);
    }
}

}  // namespace
}  // namespace tpm
