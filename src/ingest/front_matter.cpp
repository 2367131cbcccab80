#include "ingest/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest_text.h"

namespace tpm {
namespace {

// Copies the top-level scalars and sequences of scalars. Nested maps and other shapes carry
// nothing the parsers use, so they are left out rather than reported.
void collect_fields(const YAML::Node& root, FrontMatter& fm) {
    for (const auto& entry : root) {
        if (!entry.first.IsScalar()) continue;
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (value.IsScalar()) {
            fm.fields[key] = value.Scalar();
        } else if (value.IsNull()) {
            fm.fields[key] = "";
        } else if (value.IsSequence()) {
            std::vector<std::string>& list = fm.lists[key];
            for (const auto& item : value) {
                if (item.IsScalar()) list.push_back(item.Scalar());
            }
        }
    }
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text, const std::string& path,
                               std::vector<Diagnostic>& diagnostics) {
    FrontMatter fm;
    const std::vector<std::string_view> lines = detail::split_lines(text);
    if (lines.empty() || detail::trim_space_end(lines[0]) != "---") return fm;

    std::size_t close = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view line = detail::trim_space_end(lines[i]);
        if (line == "---" || line == "...") {
            close = i;
            break;
        }
    }
    if (close == 0) {
        // Without a closing line the block cannot be told from the body, so the whole file
        // stays body rather than being swallowed as YAML.
        diagnostics.push_back({path, 1, "front matter never closes; read as text"});
        return fm;
    }

    std::string block;
    for (std::size_t i = 1; i < close; ++i) {
        block.append(lines[i]);
        block.push_back('\n');
    }
    // The block's bounds are known even when its YAML is broken, so the body starts after it
    // either way; reading the block as body would turn "title: ..." into a tip.
    const int body_line = static_cast<int>(close) + 2;
    try {
        const YAML::Node root = YAML::Load(block);
        if (!root.IsMap() && !root.IsNull()) {
            diagnostics.push_back({path, 2, "front matter is not a YAML mapping; ignored"});
            fm.body_line = body_line;
            return fm;
        }
        if (root.IsMap()) collect_fields(root, fm);
    } catch (const YAML::Exception& e) {
        // mark.line counts from 0 at the first line inside the block, which is file line 2.
        const int line = e.mark.is_null() ? 1 : e.mark.line + 2;
        diagnostics.push_back({path, line, "invalid YAML in front matter: " + e.msg});
        fm.fields.clear();
        fm.lists.clear();
        fm.body_line = body_line;
        return fm;
    }
    fm.present = true;
    fm.body_line = body_line;
    return fm;
}

std::string front_matter_field(const FrontMatter& fm, const std::string& key) {
    const auto it = fm.fields.find(key);
    return it == fm.fields.end() ? std::string() : it->second;
}

std::vector<std::string> front_matter_tags(const FrontMatter& fm) {
    return front_matter_list(fm, {"tags", "topics"});
}

std::vector<std::string> front_matter_list(const FrontMatter& fm,
                                           std::initializer_list<const char*> keys) {
    std::vector<std::string> tags;
    const auto add = [&tags](std::string_view tag) {
        tag = detail::trim_space(tag);
        if (tag.empty()) return;
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.emplace_back(tag);
    };
    for (const char* key : keys) {
        if (const auto it = fm.lists.find(key); it != fm.lists.end()) {
            for (const std::string& tag : it->second) add(tag);
        } else if (const auto field = fm.fields.find(key); field != fm.fields.end()) {
            std::string_view rest = field->second;
            for (std::size_t comma; (comma = rest.find(',')) != std::string_view::npos;) {
                add(rest.substr(0, comma));
                rest.remove_prefix(comma + 1);
            }
            add(rest);
        }
    }
    return tags;
}

}  // namespace tpm
