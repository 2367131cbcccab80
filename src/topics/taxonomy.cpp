#include "topics/taxonomy.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/edit_distance.h"
#include "text/normalize.h"

namespace tpm {
namespace {

constexpr std::string_view kAllowedKeys = "id, name, description, aliases, signals";

bool is_allowed_key(const std::string& key) {
    return key == "id" || key == "name" || key == "description" || key == "aliases" ||
           key == "signals";
}

// "release-engineering": lower-case ASCII letters and digits in runs joined by single hyphens.
// Ids end up in boolean index terms, JSON and the command line, so they stay this plain.
bool is_valid_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    char prev = '\0';
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

// YAML marks count lines from 0; diagnostics from 1. A null mark (no position) is line 0.
int line_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

// Reads one topic entry into `topic`, reporting each problem; false when the entry is unusable.
class EntryReader {
  public:
    EntryReader(const std::string& path, std::vector<Diagnostic>& diagnostics)
        : path_(path), diagnostics_(diagnostics) {}

    std::optional<Topic> read(const YAML::Node& entry) {
        const int line = line_of(entry);
        if (!entry.IsMap()) {
            report(line, "topic entry is not a map of id, name, description, aliases, signals");
            return std::nullopt;
        }
        Topic topic;
        topic.line = line;
        bool ok = true;
        std::map<std::string, int> seen;  // key -> line, to catch a key given twice
        std::set<std::string> malformed;  // keys whose value has the wrong shape
        for (const auto& kv : entry) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const int key_line = line_of(kv.first);
            if (!is_allowed_key(key)) {
                report(key_line, "unknown key '" + key + "' in topic entry (allowed: " +
                                     std::string(kAllowedKeys) + ")");
                ok = false;
                continue;
            }
            if (const auto [it, fresh] = seen.emplace(key, key_line); !fresh) {
                report(key_line, "key '" + key +
                                     "' given twice in one topic entry (first at line " +
                                     std::to_string(it->second) + ")");
                ok = false;
                continue;
            }
            if (!read_field(key, kv.second, key_line, topic)) {
                malformed.insert(key);
                ok = false;
            }
        }
        // A field already reported as malformed is not reported again as missing.
        const auto require = [&](bool present, const char* key) {
            if (present || malformed.count(key)) return present;
            report(line, std::string("topic entry has no ") + key + "; left out");
            return false;
        };
        ok = require(!topic.id.empty(), "id") && ok;
        ok = require(!topic.name.empty(), "name") && ok;
        ok = require(!topic.signals.empty(), "signals") && ok;
        if (!topic.id.empty() && !is_valid_id(topic.id)) {
            report(line,
                   "topic id '" + topic.id +
                       "' is not lower-case words joined by hyphens (like release-engineering)");
            ok = false;
        }
        if (!ok) return std::nullopt;
        return topic;
    }

  private:
    void report(int line, std::string message) {
        diagnostics_.push_back({path_, line, std::move(message)});
    }

    bool read_field(const std::string& key, const YAML::Node& value, int line, Topic& topic) {
        if (key == "aliases" || key == "signals") {
            auto& list = key == "aliases" ? topic.aliases : topic.signals;
            if (!read_list(value, list)) {
                report(line, "'" + key + "' must be a list of words and phrases");
                return false;
            }
            return true;
        }
        if (!value.IsScalar()) {
            report(line, "'" + key + "' must be a single line of text");
            return false;
        }
        std::string& field = key == "id"     ? topic.id
                             : key == "name" ? topic.name
                                             : topic.description;
        field = value.Scalar();
        return true;
    }

    // Appends the non-empty scalars of a sequence; false when `value` is not a list of scalars.
    static bool read_list(const YAML::Node& value, std::vector<std::string>& out) {
        if (value.IsNull()) return true;  // "aliases:" with nothing after it
        if (!value.IsSequence()) return false;
        for (const auto& item : value) {
            if (!item.IsScalar()) return false;
            if (!item.Scalar().empty()) out.push_back(item.Scalar());
        }
        return true;
    }

    const std::string& path_;
    std::vector<Diagnostic>& diagnostics_;
};

// Keeps the topics whose id and aliases are all new, in file order; reports the others naming
// the line of the topic that had the name first. Ids and aliases share one namespace, folded,
// because find() looks both up the same way.
std::vector<Topic> drop_duplicates(std::vector<Topic> topics, const std::string& path,
                                   std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, int> owner;  // folded id or alias -> line of the topic that has it
    std::vector<Topic> kept;
    for (Topic& topic : topics) {
        std::vector<std::pair<std::string, const char*>> names = {{topic.id, "id"}};
        for (const std::string& alias : topic.aliases) names.emplace_back(alias, "alias");
        bool ok = true;
        std::map<std::string, int> mine;
        for (const auto& [name, what] : names) {
            const std::string key = text::fold(name);
            const auto it = owner.find(key);
            const auto own = mine.find(key);
            if (it != owner.end() || own != mine.end()) {
                const int first = it != owner.end() ? it->second : own->second;
                diagnostics.push_back({path, topic.line,
                                       std::string("duplicate ") + what + " '" + name +
                                           "' (first at line " + std::to_string(first) +
                                           "); topic left out"});
                ok = false;
            }
            mine.emplace(key, topic.line);
        }
        if (!ok) continue;
        owner.insert(mine.begin(), mine.end());
        kept.push_back(std::move(topic));
    }
    return kept;
}

// Decodes UTF-8 into code points so the edit distance counts letters, not bytes. The input has
// been through text::fold, which replaces ill-formed sequences, so no validation is needed.
std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        }
        out.push_back(c);
        i += len;
    }
    return out;
}

std::size_t shared_prefix(const std::u32string& a, const std::u32string& b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

}  // namespace

Taxonomy::Taxonomy(std::vector<Topic> topics) : topics_(std::move(topics)) {}

const Topic* Taxonomy::find(std::string_view name) const {
    const std::string key = text::fold(name);
    for (const Topic& topic : topics_) {
        if (text::fold(topic.id) == key) return &topic;
        for (const std::string& alias : topic.aliases) {
            if (text::fold(alias) == key) return &topic;
        }
    }
    return nullptr;
}

std::vector<std::string> Taxonomy::nearest(std::string_view name, std::size_t n) const {
    struct Candidate {
        std::size_t distance = 0;
        std::size_t prefix = 0;
        std::size_t order = 0;  // taxonomy order breaks the remaining ties, for stable output
    };
    const std::u32string query = code_points(text::fold(name));
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < topics_.size(); ++i) {
        // A topic is as near as the nearest of its names, so "behavioral" finds "behavioural".
        Candidate best{SIZE_MAX, 0, i};
        std::vector<std::string> names = topics_[i].aliases;
        names.insert(names.begin(), topics_[i].id);
        for (const std::string& topic_name : names) {
            const std::u32string key = code_points(text::fold(topic_name));
            const Candidate c{text::edit_distance(query, key), shared_prefix(query, key), i};
            if (c.distance < best.distance ||
                (c.distance == best.distance && c.prefix > best.prefix)) {
                best = c;
            }
        }
        candidates.push_back(best);
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        if (a.prefix != b.prefix) return a.prefix > b.prefix;
        return a.order < b.order;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < candidates.size() && i < n; ++i) {
        out.push_back(topics_[candidates[i].order].id);
    }
    return out;
}

Taxonomy parse_taxonomy(std::string_view yaml, const std::string& path,
                        std::vector<Diagnostic>& diagnostics) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        diagnostics.push_back({path, e.mark.is_null() ? 0 : e.mark.line + 1,
                               "invalid YAML in topic taxonomy: " + e.msg});
        return Taxonomy();
    }
    // Looked up through a const node: operator[] on a non-const one would add the key.
    const YAML::Node& const_root = root;
    const YAML::Node list = const_root.IsMap() ? const_root["topics"] : YAML::Node();
    if (!const_root.IsMap() || !list.IsDefined() || !list.IsSequence()) {
        // Point at the `topics:` value when there is one, else at the top of the file.
        const int line = const_root.IsMap() && list.IsDefined() ? std::max(line_of(list), 1) : 1;
        diagnostics.push_back({path, line, "topic taxonomy has no top-level 'topics:' list"});
        return Taxonomy();
    }
    EntryReader reader(path, diagnostics);
    std::vector<Topic> topics;
    for (const auto& entry : list) {
        if (std::optional<Topic> topic = reader.read(entry)) topics.push_back(std::move(*topic));
    }
    return Taxonomy(drop_duplicates(std::move(topics), path, diagnostics));
}

}  // namespace tpm
