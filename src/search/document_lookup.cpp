#include "search/document_lookup.h"

#include <algorithm>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "model/error.h"
#include "store/schema.h"
#include "store/stored_records.h"

namespace tpm::detail {
namespace {

namespace fs = std::filesystem;

// "PATH:LINE" taken apart; line 0 when there is no ":LINE" (a path may hold ':' itself).
struct FileRef {
    std::string path;
    int line = 0;
};

FileRef split_line(std::string_view ref) {
    const std::size_t colon = ref.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return {std::string(ref), 0};
    const std::string_view digits = ref.substr(colon + 1);
    // Nine digits at most: a line number, never an overflow.
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {std::string(ref), 0};
    }
    return {std::string(ref.substr(0, colon)), std::stoi(std::string(digits))};
}

std::vector<Document> documents_of(const Xapian::Database& db, const std::string& path) {
    std::vector<Document> docs;
    const std::string term = schema::source_term(path);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        docs.push_back(decode_document_data(db.get_document(*p).get_data()));
    }
    std::sort(docs.begin(), docs.end(),
              [](const Document& a, const Document& b) { return a.order < b.order; });
    return docs;
}

// The indexed files whose path ends in "/" + `relative`: the file relative to a registered
// folder (or to any folder above it).
std::set<std::string> sources_ending_in(const Xapian::Database& db, const std::string& relative) {
    std::set<std::string> out;
    const std::string prefix(schema::kPrefixSource);
    const std::string tail = "/" + relative;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string path = (*t).substr(prefix.size());
        if (path.ends_with(tail)) out.insert(path);
    }
    return out;
}

// The paths `path` may be indexed under: as written ("corpus/x.txt", or absolute), then
// relative to `cwd`, spelled as written and resolved (registered folders are stored resolved).
std::vector<std::string> spellings(const std::string& path, const fs::path& cwd) {
    std::vector<std::string> out = {path};
    const fs::path p(path);
    if (p.is_relative() && !cwd.empty()) out.push_back((cwd / p).lexically_normal().string());
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(p.is_relative() ? cwd / p : p, ec);
    if (!ec) out.push_back(resolved.string());
    return out;
}

// The section of `docs` (one file's, in order) that holds `line`: the last starting at or
// before it; the first for line 0 or a line before every section.
Document section_at(std::vector<Document> docs, int line) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (line > 0 && docs[i].line <= line) best = i;
    }
    return std::move(docs[best]);
}

}  // namespace

std::optional<Document> lookup_document(const Xapian::Database& db, std::string_view ref,
                                        const fs::path& cwd) {
    const std::string term = schema::id_term(schema::canonical_id(ref));
    if (auto p = db.postlist_begin(term); p != db.postlist_end(term)) {
        return decode_document_data(db.get_document(*p).get_data());
    }
    const FileRef file = split_line(ref);
    if (file.path.empty()) return std::nullopt;
    for (const std::string& path : spellings(file.path, cwd)) {
        std::vector<Document> docs = documents_of(db, path);
        if (!docs.empty()) return section_at(std::move(docs), file.line);
    }
    if (fs::path(file.path).is_absolute()) return std::nullopt;
    const std::set<std::string> found =
        sources_ending_in(db, fs::path(file.path).lexically_normal().string());
    if (found.size() > 1) {
        std::string names;
        for (const std::string& f : found) names += (names.empty() ? "" : ", ") + f;
        throw Error(ErrorCode::not_found, file.path + " is in more than one registered folder (" +
                                              names + "); name it by its whole path");
    }
    if (found.empty()) return std::nullopt;
    return section_at(documents_of(db, *found.begin()), file.line);
}

}  // namespace tpm::detail
