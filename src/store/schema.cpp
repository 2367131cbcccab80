#include "store/schema.h"

#include <algorithm>
#include <string>

#include "store/fnv1a.h"
#include "text/normalize.h"

namespace tpm::schema {

std::string canonical_id(std::string_view id) {
    std::string out(id);
    const bool question_number =
        out.size() > 1 &&
        std::all_of(out.begin() + 1, out.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (question_number && out[0] == 'q') out[0] = 'Q';
    return out;
}

std::string id_term(std::string_view id) {
    std::string term(kPrefixId);
    term += id;
    return term;
}

namespace {

// `prefix` and `path` when together they are at most `limit` bytes, else `prefix`, '#' and a
// hash of the path (store/fnv1a.h).
std::string hashed_if_long(std::string_view prefix, std::string_view path, std::size_t limit) {
    std::string out(prefix);
    if (out.size() + path.size() <= limit) return out + std::string(path);
    return out + "#" + detail::fnv1a_hex(path);
}

}  // namespace

std::string source_term(std::string_view path) {
    // Xapian terms are at most 245 bytes.
    return hashed_if_long(kPrefixSource, path, 200);
}

std::string folder_term(std::string_view path) { return hashed_if_long(kPrefixFolder, path, 200); }

std::vector<std::string> folder_terms(std::string_view source, std::string_view root) {
    std::vector<std::string> out;
    // Every folder above the file: "/a/b/c.md" gives "/a/b" and "/a"; "corpus/x.txt" "corpus".
    for (std::size_t slash = source.rfind('/'); slash != std::string_view::npos && slash > 0;
         slash = source.rfind('/', slash - 1)) {
        out.push_back(folder_term(source.substr(0, slash)));
    }
    while (!root.empty() && root.size() > 1 && root.back() == '/') root.remove_suffix(1);
    if (root.empty() || source.size() <= root.size() + 1 || !source.starts_with(root) ||
        source[root.size()] != '/') {
        return out;
    }
    const std::string_view relative = source.substr(root.size() + 1);
    out.push_back(folder_term(relative));
    for (std::size_t slash = relative.rfind('/'); slash != std::string_view::npos && slash > 0;
         slash = relative.rfind('/', slash - 1)) {
        out.push_back(folder_term(relative.substr(0, slash)));
    }
    return out;
}

std::string tag_term(std::string_view tag) {
    while (!tag.empty() && tag.front() == '#') tag.remove_prefix(1);
    const std::string folded = text::fold(tag);
    std::string name;
    bool space = false;
    for (const char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n') {
            space = !name.empty();
            continue;
        }
        if (space) name += '-';
        space = false;
        name += c;
    }
    if (name.empty()) return {};
    return hashed_if_long(kPrefixTag, name, 200);
}

std::string source_key(std::string_view path) {
    // Glass stores a metadata key as two bytes and the key in a B-tree key of at most 255
    // bytes, so 253 is the longest key it accepts: every key an index could hold before long
    // paths were hashed is kept as it was, and only the keys it refused are hashed.
    constexpr std::size_t kLongestMetadataKey = 253;
    return hashed_if_long(kSourceKeyPrefix, path, kLongestMetadataKey);
}

std::string file_key(std::string_view path) { return hashed_if_long(kFileKeyPrefix, path, 200); }

std::string order_key(const Document& doc) {
    // The '\0' sorts a path before any longer path it is a prefix of.
    return doc.source + '\0' + Xapian::sortable_serialise(doc.order);
}

std::string stem_term(std::string_view stem, std::string_view field_prefix) {
    std::string term;
    term.reserve(kPrefixStem.size() + field_prefix.size() + stem.size());
    term.append(kPrefixStem).append(field_prefix).append(stem);
    return term;
}

TextTerm split_text_term(std::string_view term) {
    TextTerm out;
    out.stemmed = term.starts_with(kPrefixStem);
    if (out.stemmed) term.remove_prefix(kPrefixStem.size());
    std::size_t prefix_end = 0;
    while (prefix_end < term.size() && term[prefix_end] >= 'A' && term[prefix_end] <= 'Z') {
        ++prefix_end;
    }
    out.field_prefix = term.substr(0, prefix_end);
    out.word = term.substr(prefix_end);
    return out;
}

bool is_boolean_term(std::string_view term) {
    return term.starts_with(kPrefixFolder) ||
           std::any_of(std::begin(kBooleanFields), std::end(kBooleanFields),
                       [&](const QueryField& f) { return term.starts_with(f.prefix); });
}

std::string answers_term(std::string_view question_id) {
    std::string term(kPrefixAnswers);
    for (const char c : question_id)
        term += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return term;
}

}  // namespace tpm::schema
