// topics/tagger.h: gives each document zero to three topics at index time, scored from its
// normalised, stemmed text with the question text weighted above the body; explicit tags win.
// May include model/ and text/; never Xapian (the stemmer is passed in), ICU headers or printing.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "topics/taxonomy.h"

namespace tpm {

// Maps one folded word to its stem (the indexers pass the index's own, store/stemmer.h).
using Stemmer = std::function<std::string(const std::string&)>;

struct TagResult {
    std::vector<std::string> topics;   // topic ids, best first, at most kMaxTopics
    std::vector<std::string> unknown;  // explicit tags that name no topic (kept as tags)
};

class Tagger {
  public:
    static constexpr std::size_t kMaxTopics = 3;

    // Prepares the signals of every topic of `taxonomy` (folded, split into words, stemmed).
    // `taxonomy` must outlive the tagger.
    Tagger(const Taxonomy& taxonomy, Stemmer stem);

    // Topics for `doc`. `explicit_tags` (front matter tags:/topics:, #hashtags) that name a
    // topic by id or alias come first and win; the best automatic topics fill the remaining
    // places. Explicit tags that name no topic are returned in `unknown`.
    TagResult tag(const Document& doc, const std::vector<std::string>& explicit_tags = {}) const;

    // tag() written into `doc`: its topics, and in doc.tags every explicit tag, once (those
    // that name a topic too: tag:NAME finds them).
    void tag_document(Document& doc, const std::vector<std::string>& explicit_tags) const;

    // The automatic score of each topic for `doc` (same order as the taxonomy), for tests and
    // tuning.
    std::vector<double> scores(const Document& doc) const;

  private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace tpm
