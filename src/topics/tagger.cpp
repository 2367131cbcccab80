#include "topics/tagger.h"

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/normalize.h"
#include "text/words.h"

namespace tpm {
namespace {

// Where a word sits says how much it tells about the document. The question is what the
// document is about; a point label names one part of the answer; the answer body is evidence;
// the "Why this is important" paragraphs are mostly the same boilerplate on every question
// ("shows your ability to ... at Netflix"), so they count for little.
constexpr double kTitleWeight = 3.0;
constexpr double kLabelWeight = 2.0;
constexpr double kBodyWeight = 1.0;
constexpr double kWhyWeight = 0.5;

// A topic qualifies when its score reaches kMinScore (a match in the question text backed by
// one more, or a few in the answer) and either kRelativeScore of the best topic's score or a
// match in the question text. The relative bar keeps a side remark in a long answer ("we set
// up monitoring") from tagging it. The question-text exception exists because a long answer
// piles up evidence for its main topic, which would otherwise push out a second subject the
// question itself names ("balance speed, quality, and risk"); for the same reason topics the
// question names are ranked first.
constexpr double kMinScore = 4.0;
constexpr double kRelativeScore = 0.5;

// When no topic qualifies, the best one is kept if it has at least the evidence of one match in
// the question text: a single everyday word in a note ("video" in a packing list, "performance"
// in a salary note) is not what the note is about. Measured on labelled note sections with
// bench/tagger (bench/tagger/README.md).
constexpr double kMinFallbackScore = kTitleWeight;

struct Scores {
    std::vector<double> total;  // per topic, in taxonomy order
    std::vector<bool> named;    // per topic: a signal of it is in the question text
};

struct Signal {
    std::size_t topic = 0;           // index in the taxonomy
    std::vector<std::string> stems;  // the signal's words, folded and stemmed
};

struct Field {
    const std::string* text;
    double weight;
};

// Every field but the title, which Impl::score() matches first on its own.
std::vector<Field> body_fields(const Document& doc) {
    std::vector<Field> fields = {{&doc.answer, kBodyWeight}};
    for (const Point& p : doc.points) {
        fields.push_back({&p.label, kLabelWeight});
        fields.push_back({&p.text, kBodyWeight});
        for (const std::string& item : p.items) fields.push_back({&item, kBodyWeight});
    }
    fields.push_back({&doc.example, kBodyWeight});
    fields.push_back({&doc.why, kWhyWeight});
    return fields;
}

// The topics that qualify (see kMinScore), best first: those the question text names, then the
// others, each by score; ties keep taxonomy order so tagging is deterministic. When none
// qualifies, the best one alone if it reaches kMinFallbackScore, so every document with real
// evidence can be found by topic.
std::vector<std::size_t> ranked_topics(const Scores& scores) {
    const std::vector<double>& total = scores.total;
    std::vector<std::size_t> order(total.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&total](std::size_t a, std::size_t b) { return total[a] > total[b]; });
    if (order.empty() || total[order.front()] < kMinFallbackScore) return {};

    const double relative_bar = kRelativeScore * total[order.front()];
    std::vector<std::size_t> kept;
    for (std::size_t t : order) {
        if (total[t] >= kMinScore && (total[t] >= relative_bar || scores.named[t])) {
            kept.push_back(t);
        }
    }
    if (kept.empty()) return {order.front()};
    std::stable_partition(kept.begin(), kept.end(),
                          [&scores](std::size_t t) { return scores.named[t]; });
    return kept;
}

}  // namespace

struct Tagger::Impl {
    const Taxonomy* taxonomy = nullptr;
    Stemmer stem;
    std::vector<Signal> signals;
    // First stem -> the signals starting with it, so matching looks at each word once.
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_stem;

    // Adds, for each signal, the weight of every place it matches in `stems`. At each place
    // only the longest matching signals count (leftmost-longest, as a phrase dictionary is
    // usually applied): "data privacy" is evidence for privacy, not also for "data" on its
    // own. Signals of the same length from different topics all count.
    void match(const std::vector<std::string>& stems, double weight,
               std::vector<std::vector<double>>& hits) const {
        std::vector<std::size_t> found;  // the longest signals matching at i
        std::size_t i = 0;
        while (i < stems.size()) {
            const auto it = by_first_stem.find(stems[i]);
            std::size_t longest = 0;
            found.clear();
            if (it != by_first_stem.end()) {
                for (std::size_t s : it->second) {
                    const std::vector<std::string>& sig = signals[s].stems;
                    if (sig.size() < longest || sig.size() > stems.size() - i) continue;
                    if (!std::equal(sig.begin(), sig.end(), stems.begin() + static_cast<long>(i))) {
                        continue;
                    }
                    if (sig.size() > longest) found.clear();
                    longest = sig.size();
                    found.push_back(s);
                }
            }
            for (std::size_t s : found) hits[s].push_back(weight);
            i += std::max<std::size_t>(longest, 1);
        }
    }

    // A signal's weights are summed with diminishing returns: the heaviest place counts in
    // full, the next half, the third a third, and so on (about the logarithm of the count),
    // so one word repeated through an answer cannot outweigh several different signals.
    Scores score(const Document& doc) const {
        const std::size_t n = taxonomy->topics().size();
        Scores out{std::vector<double>(n, 0.0), std::vector<bool>(n, false)};
        std::vector<std::vector<double>> hits(signals.size());
        match(text::folded_stems(doc.title, stem), kTitleWeight, hits);
        for (std::size_t s = 0; s < signals.size(); ++s) {
            if (!hits[s].empty()) out.named[signals[s].topic] = true;
        }
        for (const Field& f : body_fields(doc)) {
            if (!f.text->empty()) match(text::folded_stems(*f.text, stem), f.weight, hits);
        }
        for (std::size_t s = 0; s < signals.size(); ++s) {
            std::vector<double>& w = hits[s];
            std::sort(w.begin(), w.end(), std::greater<>());
            for (std::size_t k = 0; k < w.size(); ++k) {
                out.total[signals[s].topic] += w[k] / static_cast<double>(k + 1);
            }
        }
        return out;
    }
};

Tagger::Tagger(const Taxonomy& taxonomy, Stemmer stem) {
    auto impl = std::make_shared<Impl>();
    impl->taxonomy = &taxonomy;
    impl->stem = std::move(stem);
    const std::vector<Topic>& topics = taxonomy.topics();
    for (std::size_t t = 0; t < topics.size(); ++t) {
        // "monitor" and "monitoring" share a stem; counting both would double the evidence
        // of one word, so a topic keeps each stemmed signal once.
        std::set<std::vector<std::string>> seen;
        for (const std::string& signal : topics[t].signals) {
            std::vector<std::string> stems = text::folded_stems(signal, impl->stem);
            if (stems.empty() || !seen.insert(stems).second) continue;
            impl->by_first_stem[stems.front()].push_back(impl->signals.size());
            impl->signals.push_back({t, std::move(stems)});
        }
    }
    impl_ = std::move(impl);
}

std::vector<double> Tagger::scores(const Document& doc) const { return impl_->score(doc).total; }

TagResult Tagger::tag(const Document& doc, const std::vector<std::string>& explicit_tags) const {
    TagResult result;
    const auto has = [&result](const std::string& id) {
        return std::find(result.topics.begin(), result.topics.end(), id) != result.topics.end();
    };
    // A kind the taxonomy names (a "story" is behavioural) is as good as a tag; other kinds
    // ("question") are not tags at all.
    std::vector<std::string> tags;
    if (impl_->taxonomy->find(to_string(doc.kind))) tags.emplace_back(to_string(doc.kind));
    tags.insert(tags.end(), explicit_tags.begin(), explicit_tags.end());
    for (const std::string& tag : tags) {
        if (const Topic* topic = impl_->taxonomy->find(tag)) {
            if (!has(topic->id) && result.topics.size() < kMaxTopics) {
                result.topics.push_back(topic->id);
            }
        } else if (std::find(result.unknown.begin(), result.unknown.end(), tag) ==
                   result.unknown.end()) {
            result.unknown.push_back(tag);
        }
    }
    if (result.topics.size() >= kMaxTopics) return result;

    const std::vector<Topic>& topics = impl_->taxonomy->topics();
    for (std::size_t t : ranked_topics(impl_->score(doc))) {
        if (result.topics.size() >= kMaxTopics) break;
        if (!has(topics[t].id)) result.topics.push_back(topics[t].id);
    }
    return result;
}

void Tagger::tag_document(Document& doc, const std::vector<std::string>& explicit_tags) const {
    TagResult tags = tag(doc, explicit_tags);
    doc.topics = std::move(tags.topics);
    // Every explicit tag, also one that names a topic: tag:NAME finds what the user tagged so.
    doc.tags.clear();
    for (const std::string& tag : explicit_tags) {
        if (std::find(doc.tags.begin(), doc.tags.end(), tag) == doc.tags.end()) {
            doc.tags.push_back(tag);
        }
    }
}

}  // namespace tpm
