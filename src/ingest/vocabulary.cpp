#include "ingest/vocabulary.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/file_reader.h"
#include "ingest/ingest_text.h"
#include "model/error.h"
#include "text/normalize.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kArrow = "=>";

// The non-empty phrases of one side of a line, in order. Empty ones ("a,,b", a trailing comma)
// are dropped rather than reported: they carry no meaning and Solr ignores them too.
std::vector<std::string> split_phrases(std::string_view side) {
    std::vector<std::string> phrases;
    while (true) {
        const std::size_t comma = side.find(',');
        // "feature   flag" and "feature flag" are the same phrase to whoever compares them.
        std::string phrase = detail::collapse_space(side.substr(0, comma));
        if (!phrase.empty()) phrases.push_back(std::move(phrase));
        if (comma == std::string_view::npos) break;
        side.remove_prefix(comma + 1);
    }
    return phrases;
}

// One line without its comment, already known not to be blank. Returns the entry, or the reason
// the line is skipped.
std::pair<std::optional<SynonymEntry>, std::string> parse_entry(std::string_view body, int line) {
    const std::size_t arrow = body.find(kArrow);
    SynonymEntry entry;
    entry.line = line;
    if (arrow == std::string_view::npos) {
        entry.from = split_phrases(body);
        if (entry.from.size() < 2) {
            return {std::nullopt, "a synonym group needs at least two phrases; line skipped"};
        }
        return {std::move(entry), {}};
    }
    if (body.find(kArrow, arrow + kArrow.size()) != std::string_view::npos) {
        return {std::nullopt, "more than one \"=>\"; line skipped"};
    }
    entry.two_way = false;
    entry.from = split_phrases(body.substr(0, arrow));
    entry.to = split_phrases(body.substr(arrow + kArrow.size()));
    if (entry.from.empty() || entry.to.empty()) {
        return {std::nullopt, "\"=>\" needs phrases on both sides; line skipped"};
    }
    return {std::move(entry), {}};
}

}  // namespace

std::vector<SynonymEntry> parse_vocabulary(std::string_view text, const std::string& path,
                                           std::vector<Diagnostic>& diagnostics) {
    std::vector<SynonymEntry> entries;
    int line = 0;
    for (std::string_view body : detail::split_lines(text)) {
        ++line;
        // '#' always starts a comment, as in Solr's files: no TPM phrase needs the character, and
        // an escape syntax would be one more rule for people writing their own pack.
        body = detail::trim_space(body.substr(0, body.find('#')));
        if (body.empty()) continue;
        auto [entry, problem] = parse_entry(body, line);
        if (entry) {
            entries.push_back(std::move(*entry));
        } else {
            diagnostics.push_back({path, line, std::move(problem)});
        }
    }
    return entries;
}

std::vector<SynonymEntry> read_vocabulary(const fs::path& file, const std::string& display,
                                          std::vector<Diagnostic>& diagnostics,
                                          std::size_t max_bytes) {
    const std::optional<std::string> text =
        read_data_file(file, display, "vocabulary", "synonyms", diagnostics, max_bytes);
    return text ? parse_vocabulary(*text, display, diagnostics) : std::vector<SynonymEntry>();
}

}  // namespace tpm
