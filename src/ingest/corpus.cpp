#include "ingest/corpus.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <ios>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ingest/file_reader.h"
#include "ingest/paraphrases.h"
#include "ingest/qa_markdown.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "text/ascii.h"
#include "text/normalize.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

// A Q&A document, not one of the shipped data files beside them (the vocabulary pack is a
// .txt file too).
bool is_corpus_name(const fs::path& name) {
    const std::string lower = text::ascii_lower(name.string());
    if (lower.starts_with("readme") || lower == kVocabularyFileName ||
        lower == kParaphrasesFileName) {
        return false;
    }
    return lower.ends_with(".txt") || lower.ends_with(".md");
}

[[noreturn]] void throw_list_error(const fs::path& dir, const std::error_code& ec) {
    throw Error(ErrorCode::io, "cannot list corpus folder " + dir.string() + ": " + ec.message());
}

std::string display_path(const std::string& display_dir, const fs::path& file) {
    const std::string name = file.filename().string();
    if (display_dir.empty()) return name;
    if (display_dir.back() == '/') return display_dir + name;
    return display_dir + "/" + name;
}

// The regular files directly in `dir`, sorted by name.
std::vector<fs::path> regular_files(const fs::path& dir) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) throw_list_error(dir, ec);
    std::vector<fs::path> files;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) throw_list_error(dir, ec);
        std::error_code type_ec;
        // is_regular_file follows symlinks, so a linked document counts; a dangling link or
        // one that cannot be examined is simply not a file of the corpus.
        if (it->is_regular_file(type_ec) && !type_ec) files.push_back(it->path());
    }
    if (ec) throw_list_error(dir, ec);
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    return files;
}

// "name<TAB>size<TAB>mtime in ns<LF>" for one file of the fingerprint.
std::string fingerprint_line(const fs::path& file) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) {
        throw Error(ErrorCode::io, "cannot read size of " + file.string() + ": " + ec.message());
    }
    const fs::file_time_type mtime = fs::last_write_time(file, ec);
    if (ec) {
        throw Error(ErrorCode::io,
                    "cannot read modification time of " + file.string() + ": " + ec.message());
    }
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
    return file.filename().string() + "\t" + std::to_string(size) + "\t" + std::to_string(ns) +
           "\n";
}

}  // namespace

std::vector<fs::path> corpus_files(const fs::path& dir) {
    std::vector<fs::path> files = regular_files(dir);
    std::erase_if(files, [](const fs::path& file) { return !is_corpus_name(file.filename()); });
    return files;
}

IngestResult ingest_corpus(const fs::path& dir, const std::string& display_dir) {
    IngestResult all;
    std::unordered_map<std::string, std::string> owner;  // document id -> source that has it
    for (const fs::path& file : corpus_files(dir)) {
        const std::string source = display_path(display_dir, file);
        std::string why;
        const std::optional<std::string> bytes = read_bytes(file, &why);
        if (!bytes) {
            all.diagnostics.push_back({source, 0, "cannot be read (" + why + "); skipped"});
            continue;
        }
        if (!text::is_valid_utf8(*bytes)) {
            all.diagnostics.push_back({source, 0, "not valid UTF-8; skipped"});
            continue;
        }
        IngestResult one = parse_qa_markdown(text::clean_input(*bytes), source);
        std::move(one.diagnostics.begin(), one.diagnostics.end(),
                  std::back_inserter(all.diagnostics));
        if (one.docs.empty()) {
            all.diagnostics.push_back({source, 0, "no questions or tips found"});
        }
        for (Document& doc : one.docs) {
            const auto [it, inserted] = owner.emplace(doc.id, source);
            if (!inserted) {
                all.diagnostics.push_back(
                    {source, doc.line,
                     "id " + doc.id + " already used by " + it->second + "; skipped"});
                continue;
            }
            all.docs.push_back(std::move(doc));
        }
        std::move(one.sources.begin(), one.sources.end(), std::back_inserter(all.sources));
    }
    return all;
}

std::string corpus_fingerprint(const fs::path& dir) {
    // Every regular file counts, not only corpus_files(): the taxonomy (topics.yaml) decides the
    // topics stored in the index, so editing it must make the index stale too.
    std::string out;
    for (const fs::path& file : regular_files(dir)) out += fingerprint_line(file);
    return out;
}

Taxonomy read_taxonomy(const fs::path& file, const std::string& display,
                       std::vector<Diagnostic>& diagnostics) {
    const std::optional<std::string> text =
        read_data_file(file, display, "topic taxonomy", "topics", diagnostics);
    return text ? parse_taxonomy(*text, display, diagnostics) : Taxonomy();
}

}  // namespace tpm
