#include "ingest/notes.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/answer_links.h"
#include "ingest/front_matter.h"
#include "ingest/ingest_text.h"
#include "ingest/note_ids.h"
#include "ingest/notes_blocks.h"
#include "text/ascii.h"

namespace tpm {
namespace {

// "notes/acme/onsite.md" -> "onsite".
std::string file_stem(std::string_view source) {
    const std::size_t slash = source.find_last_of("/\\");
    std::string_view name = slash == std::string_view::npos ? source : source.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
    return std::string(name.empty() ? source : name);
}

// The offset where 1-based line `line` of `text` starts (text.size() if it has fewer lines).
std::size_t line_offset(std::string_view text, int line) {
    std::size_t offset = 0;
    for (int n = 1; n < line; ++n) {
        const std::size_t nl = text.find('\n', offset);
        if (nl == std::string_view::npos) return text.size();
        offset = nl + 1;
    }
    return offset;
}

// The line of the front matter's "kind:" key, for a diagnostic about its value.
int kind_line(std::string_view text, int body_line) {
    const std::vector<std::string_view> lines = detail::split_lines(text);
    const auto block_end =
        std::min(lines.size(), static_cast<std::size_t>(std::max(body_line - 1, 0)));
    for (std::size_t i = 0; i < block_end; ++i) {
        if (lines[i].starts_with("kind:")) return static_cast<int>(i) + 1;
    }
    return 1;
}

detail::FileKind file_kind(const FrontMatter& fm, const NoteFile& file,
                           std::vector<Diagnostic>& diagnostics) {
    const std::string kind = text::ascii_lower(detail::trim_space(front_matter_field(fm, "kind")));
    if (kind == "story") return detail::FileKind::story;
    if (kind == "question" || kind == "questions") return detail::FileKind::question;
    if (!kind.empty() && kind != "note" && kind != "notes") {
        diagnostics.push_back(
            {file.source, kind_line(file.text, fm.body_line),
             "unknown kind \"" + kind + "\" (expected note, question or story); read as notes"});
    }
    return detail::FileKind::notes;
}

}  // namespace

IngestResult parse_note(const NoteFile& file) {
    IngestResult result;
    if (detail::trim_space(file.text).empty()) return result;

    const FrontMatter fm = parse_front_matter(file.text, file.source, result.diagnostics);
    detail::NoteContext context;
    context.source = file.source;
    context.front_title = detail::collapse_space(front_matter_field(fm, "title"));
    context.fallback_title = file_stem(file.source);
    context.kind = file_kind(fm, file, result.diagnostics);
    if (fm.present) {
        result.sources.push_back({file.source, front_matter_field(fm, "title"),
                                  front_matter_field(fm, "date"), "", front_matter_tags(fm)});
    }

    const std::string_view text = file.text;
    const std::string_view body = text.substr(line_offset(text, fm.body_line));
    std::vector<detail::Block> blocks;
    bool plain = !file.markdown;
    if (file.markdown && !detail::markdown_blocks(body, fm.body_line, blocks)) {
        result.diagnostics.push_back(
            {file.source, 0, "markdown could not be parsed; read as plain text"});
        plain = true;
    }
    if (plain) {
        std::string first_line;
        blocks = detail::text_blocks(body, fm.body_line, first_line);
        if (!first_line.empty()) context.fallback_title = std::move(first_line);
    }
    detail::build_documents(blocks, context, result);
    detail::assign_section_ids(blocks, file.id_base, result.docs);
    add_answer_links(file.text, front_matter_list(fm, {"answers"}), file.source, result.docs,
                     result.diagnostics);
    return result;
}

}  // namespace tpm
