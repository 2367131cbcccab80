#include "ingest/hashtags.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "text/normalize.h"

namespace tpm {

namespace {

bool tag_byte(char c) {
    const auto b = static_cast<unsigned char>(c);
    // Bytes of non-ASCII UTF-8 letters count as letters: #übung is a tag.
    return b >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool letter_byte(char c) { return tag_byte(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_'; }

// The hashtags of one line outside code, each with the line's number.
void line_hashtags(std::string_view line, int number, bool markdown,
                   std::vector<std::pair<int, std::string>>& out) {
    bool in_code = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (markdown && line[i] == '`') in_code = !in_code;
        if (in_code || line[i] != '#') continue;
        if (i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t') continue;
        std::size_t end = i + 1;
        while (end < line.size() && tag_byte(line[end])) ++end;
        std::string_view tag = line.substr(i + 1, end - i - 1);
        while (!tag.empty() && (tag.back() == '-' || tag.back() == '_')) tag.remove_suffix(1);
        if (std::any_of(tag.begin(), tag.end(), letter_byte)) {
            out.emplace_back(number, text::fold(tag));
        }
        i = end - 1;
    }
}

// Whether `line` opens or closes a fenced code block ("```", "~~~", up to three spaces in).
bool fence(std::string_view line) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string_view::npos || start > 3) return false;
    return line.substr(start).starts_with("```") || line.substr(start).starts_with("~~~");
}

std::vector<std::pair<int, std::string>> hashtags_by_line(std::string_view text, bool markdown) {
    std::vector<std::pair<int, std::string>> out;
    bool in_front_matter = text.starts_with("---\n");
    bool in_fence = false;
    int number = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, nl - at);
        at = nl + 1;
        ++number;
        if (in_front_matter) {
            in_front_matter = number == 1 || (line != "---" && line != "...");
            continue;
        }
        if (markdown && fence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (!in_fence) line_hashtags(line, number, markdown, out);
    }
    return out;
}

}  // namespace

SectionsByLine::SectionsByLine(std::vector<Document>& docs) : docs_(docs), by_line_(docs.size()) {
    for (std::size_t i = 0; i < docs.size(); ++i) by_line_[i] = i;
    std::stable_sort(by_line_.begin(), by_line_.end(),
                     [&](std::size_t a, std::size_t b) { return docs[a].line < docs[b].line; });
}

Document& SectionsByLine::holding(int line) {
    const auto after = std::upper_bound(by_line_.begin(), by_line_.end(), line,
                                        [&](int l, std::size_t i) { return l < docs_[i].line; });
    return docs_[after == by_line_.begin() ? by_line_.front() : *(after - 1)];
}

void add_hashtags(std::string_view text, bool markdown, std::vector<Document>& docs) {
    if (docs.empty() || text.find('#') == std::string_view::npos) return;
    SectionsByLine sections(docs);
    for (auto& [line, tag] : hashtags_by_line(text, markdown)) {
        Document& doc = sections.holding(line);
        if (std::find(doc.tags.begin(), doc.tags.end(), tag) == doc.tags.end()) {
            doc.tags.push_back(std::move(tag));
        }
    }
}

}  // namespace tpm
