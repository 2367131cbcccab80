#include "ingest/paraphrases.h"

#include <optional>
#include <set>
#include <utility>

#include "ingest/file_reader.h"
#include "ingest/ingest_text.h"

namespace tpm {

std::vector<ParaphraseBlock> parse_paraphrases(std::string_view text, const std::string& path,
                                               std::vector<Diagnostic>& diagnostics) {
    std::vector<ParaphraseBlock> blocks;
    std::set<std::string> seen;
    bool in_block = false;  // whether phrasings go to blocks.back(); false after a bad header
    int line = 0;
    for (std::string_view body : detail::split_lines(text)) {
        ++line;
        body = detail::trim_space(body);
        if (body.empty() || body.starts_with('#')) continue;
        if (!body.starts_with('[')) {
            if (in_block) {
                blocks.back().phrasings.push_back(detail::collapse_space(body));
            } else if (blocks.empty()) {
                diagnostics.push_back(
                    {path, line, "a phrasing before any \"[ID]\" header; skipped"});
            }
            continue;
        }
        in_block = false;
        const std::size_t close = body.find(']');
        const std::string id = close == std::string_view::npos
                                   ? ""
                                   : detail::collapse_space(body.substr(1, close - 1));
        if (id.empty() || id.find(' ') != std::string::npos) {
            diagnostics.push_back({path, line,
                                   "a header is \"[ID] title\" with one id, such as \"[Q26]\"; "
                                   "this block is skipped"});
            continue;
        }
        if (!seen.insert(id).second) {
            diagnostics.push_back(
                {path, line, "\"" + id + "\" has a block already; this block is skipped"});
            continue;
        }
        blocks.push_back({id, line, {}});
        in_block = true;
    }
    return blocks;
}

std::vector<ParaphraseBlock> read_paraphrases(const std::filesystem::path& file,
                                              const std::string& display,
                                              std::vector<Diagnostic>& diagnostics) {
    const std::optional<std::string> text =
        read_data_file(file, display, "paraphrase", "paraphrases", diagnostics);
    return text ? parse_paraphrases(*text, display, diagnostics) : std::vector<ParaphraseBlock>();
}

}  // namespace tpm
