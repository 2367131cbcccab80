// topics/taxonomy.h: the topic taxonomy: reading it from its YAML file's text, and looking
// topics up by id or alias, with the nearest ids for a name that matches none.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/topic.h"

namespace tpm {

class Taxonomy {
  public:
    Taxonomy() = default;
    explicit Taxonomy(std::vector<Topic> topics);

    const std::vector<Topic>& topics() const { return topics_; }
    bool empty() const { return topics_.empty(); }

    // The topic whose id or alias is `name` (compared after text::fold), or nullptr.
    const Topic* find(std::string_view name) const;

    // Up to `n` topic ids closest to `name` (edit distance, then shared prefix), for "did you
    // mean" in an error about an unknown topic.
    std::vector<std::string> nearest(std::string_view name, std::size_t n = 3) const;

  private:
    std::vector<Topic> topics_;
};

// Parses the taxonomy file's text (see corpus/topics.yaml for the format: a top-level
// `topics:` list of maps with id, name, description, aliases, signals). Each problem becomes a
// Diagnostic naming `path` and the line: YAML that does not parse, an unknown key, a missing
// id, name or signals, an id that is not lower-case-with-hyphens, a duplicate id or alias.
// A topic with a problem is left out; the others are kept. Never throws on bad input.
Taxonomy parse_taxonomy(std::string_view yaml, const std::string& path,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace tpm
