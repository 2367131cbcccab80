#include "ingest/answer_links.h"

#include <algorithm>
#include <cstddef>

#include "ingest/hashtags.h"

namespace tpm {

namespace {

void add_once(std::vector<std::string>& ids, std::string id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

}  // namespace

std::string question_id(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.size() < 2 || (name[0] != 'Q' && name[0] != 'q')) return {};
    std::string_view digits = name.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {};
    }
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > 6) return {};
    return "Q" + std::string(digits);
}

void add_answer_links(std::string_view text, const std::vector<std::string>& file_answers,
                      const std::string& source, std::vector<Document>& docs,
                      std::vector<Diagnostic>& diagnostics) {
    if (docs.empty()) return;
    for (const std::string& answer : file_answers) {
        std::string id = question_id(answer);
        if (id.empty()) {
            diagnostics.push_back(
                {source, 1,
                 "answers: \"" + answer + "\" is not a question id (write them as Q7, Q19)"});
            continue;
        }
        for (Document& doc : docs) add_once(doc.answers, id);
    }
    if (text.find("[[") == std::string_view::npos) return;
    SectionsByLine sections(docs);
    int line = 1;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '\n') ++line;
        if (text.compare(at, 2, "[[") != 0) continue;
        const std::size_t close = text.find("]]", at + 2);
        if (close == std::string_view::npos) break;
        const std::string_view inside = text.substr(at + 2, close - at - 2);
        // [[Q7|the canary question]]: the link's target is before the '|'.
        std::string id = question_id(inside.substr(0, inside.find('|')));
        if (!id.empty() && inside.find('\n') == std::string_view::npos) {
            add_once(sections.holding(line).answers, std::move(id));
        }
    }
}

}  // namespace tpm
