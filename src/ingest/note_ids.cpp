#include "ingest/note_ids.h"

#include <map>
#include <set>
#include <string>

#include "text/ascii.h"

namespace tpm {

std::string heading_slug(std::string_view heading) {
    std::string slug;
    for (std::size_t i = 0; i < heading.size(); ++i) {
        const char c = heading[i];
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0xE2 && i + 2 < heading.size() &&
            (static_cast<unsigned char>(heading[i + 1]) == 0x80 ||
             static_cast<unsigned char>(heading[i + 1]) == 0x81)) {
            i += 2;  // U+2000..U+207F: General Punctuation, dropped as GitHub does
            continue;
        }
        if (byte >= 0x80 || text::is_ascii_alnum(c) || c == '-' || c == '_') {
            slug += text::ascii_lower(c);
        } else if (c == ' ') {
            slug += '-';
        }
    }
    return slug;
}

namespace detail {

namespace {

// The slug of every heading of the file by its line, numbered as GitHub numbers repeats.
std::map<int, std::string> heading_slugs(const std::vector<Block>& blocks) {
    std::map<int, std::string> by_line;
    std::map<std::string, int> seen;
    for (const Block& block : blocks) {
        if (block.type != BlockType::heading) continue;
        std::string slug = heading_slug(collapse_space(block.text));
        if (slug.empty()) continue;
        const int repeats = seen[slug]++;
        if (repeats > 0) slug += "-" + std::to_string(repeats);
        by_line.emplace(block.line, std::move(slug));
    }
    return by_line;
}

}  // namespace

void assign_section_ids(const std::vector<Block>& blocks, const std::string& base,
                        std::vector<Document>& docs) {
    const std::map<int, std::string> slugs = heading_slugs(blocks);
    std::set<std::string> taken;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        Document& doc = docs[i];
        const auto it = slugs.find(doc.line);
        std::string id = it != slugs.end() ? base + "#" + it->second
                         : i == 0          ? base
                                           : base + "#line-" + std::to_string(doc.line);
        // Two sections can meet in one id only in odd files (a heading "Line 12" and a
        // section at line 12, a question inside a heading's line); the later one is numbered.
        const std::string plain = id;
        for (int n = 1; !taken.insert(id).second; ++n) id = plain + "-" + std::to_string(n);
        doc.id = std::move(id);
    }
}

}  // namespace detail
}  // namespace tpm
