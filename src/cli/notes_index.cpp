#include "cli/notes_index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "ingest/file_reader.h"
#include "ingest/notes.h"
#include "model/error.h"
#include "store/database.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "text/decode.h"
#include "topics/tagger.h"

namespace tpm::cli {

namespace {

// A file is under `root` when it is the root or lies in the root folder.
bool under(const std::string& path, const std::string& root) {
    if (path == root) return true;
    const std::string folder = root.ends_with('/') ? root : root + "/";
    return path.starts_with(folder);
}

class Updater {
  public:
    Updater(const NotesIndexing& how, NotesReport& report)
        : how_(how),
          report_(report),
          writer_(how.index_dir, WriterOptions{.rebuild_on_schema_mismatch = true}),
          stem_(schema::kStemLanguage),
          tagger_(how.taxonomy ? *how.taxonomy : empty_,
                  [this](const std::string& word) { return stem_(word); }) {
        if (how.taxonomy) {
            writer_.set_metadata(schema::kTaxonomyKey,
                                 schema::encode_taxonomy(how.taxonomy->topics()));
        }
    }

    NotesWriter& writer() { return writer_; }

    // Brings every file under `root` up to date and removes the records of files gone from it.
    void refresh(const std::string& root, std::map<std::string, FileState>& known) {
        WalkResult walked = walk_notes(root, how_.walk);
        for (Diagnostic& d : walked.skipped) report_.diagnostics.push_back(std::move(d));
        report_.skipped += walked.skipped.size();
        std::set<std::string> seen;
        std::size_t done = 0;
        for (const FoundFile& found : walked.files) {
            const std::string path = found.path.string();
            seen.insert(path);
            const auto it = known.find(path);
            update_file(found, root, it == known.end() ? nullptr : &it->second);
            if (how_.progress) how_.progress(++done, walked.files.size());
        }
        for (const auto& [path, state] : known) {
            if (state.root == root && !seen.count(path)) {
                writer_.remove_file(path);
                ++report_.removed;
            }
        }
    }

  private:
    void update_file(const FoundFile& found, const std::string& root, const FileState* old) {
        const std::string path = found.path.string();
        FileState state{path, root, found.size, found.mtime_ns, "", 0};
        if (old && old->size == found.size && old->mtime_ns == found.mtime_ns &&
            old->root == root) {
            ++report_.unchanged;
            return;
        }
        const std::optional<std::string> bytes = read_bytes(found.path);
        if (!bytes) {
            skip(path, old, "cannot be read; skipped");
            return;
        }
        state.hash = content_hash(*bytes);
        if (old && old->hash == state.hash) {
            // Touched, not changed: remember the new size and time so the next refresh is a stat.
            state.documents = old->documents;
            writer_.update_state(state);
            ++report_.unchanged;
            return;
        }
        const text::Decoded decoded = text::decode_text(*bytes);
        if (!decoded.ok) {
            skip(path, old, decoded.reason + "; skipped");
            return;
        }
        if (decoded.converted) {
            ++report_.converted;
            report_.diagnostics.push_back(
                {path, 0, "read as " + decoded.encoding + " and converted to UTF-8"});
        }
        IngestResult parsed =
            parse_note(NoteFile{decoded.text, path, note_id_prefix(path), found.markdown});
        for (Diagnostic& d : parsed.diagnostics) report_.diagnostics.push_back(std::move(d));
        const SourceInfo* info = parsed.sources.empty() ? nullptr : &parsed.sources.front();
        const std::vector<std::string> no_tags;
        for (Document& doc : parsed.docs) {
            TagResult tags = tagger_.tag(doc, info ? info->tags : no_tags);
            doc.topics = std::move(tags.topics);
            doc.tags = std::move(tags.unknown);
        }
        writer_.replace_file(state, parsed.docs, info);
        report_.documents += parsed.docs.size();
        ++(old ? report_.changed : report_.added);
    }

    // A file that cannot be indexed now loses what an earlier version of it put in the index.
    void skip(const std::string& path, const FileState* old, const std::string& reason) {
        report_.diagnostics.push_back({path, 0, reason});
        ++report_.skipped;
        if (old) {
            writer_.remove_file(path);
            ++report_.removed;
        }
    }

    const NotesIndexing& how_;
    NotesReport& report_;
    NotesWriter writer_;
    Xapian::Stem stem_;
    const Taxonomy empty_;
    Tagger tagger_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

NotesReport update_notes(const NotesIndexing& how, const std::vector<std::string>& roots) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    Updater updater(how, report);
    std::vector<std::string> registered = updater.writer().roots();
    for (const std::string& root : roots) {
        // Check before registering: a root that does not exist throws here.
        std::error_code ec;
        if (!std::filesystem::exists(root, ec)) {
            throw Error(ErrorCode::io, "cannot index " + root + ": no such file or folder");
        }
        if (std::find(registered.begin(), registered.end(), root) == registered.end()) {
            registered.push_back(root);
        }
    }
    updater.writer().set_roots(registered);
    std::map<std::string, FileState> known = updater.writer().files();
    for (const std::string& root : roots.empty() ? registered : roots) {
        updater.refresh(root, known);
    }
    updater.writer().commit();
    report.seconds = seconds_since(started);
    return report;
}

NotesReport remove_notes_root(const NotesIndexing& how, const std::string& root) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    NotesWriter writer(how.index_dir, WriterOptions{.rebuild_on_schema_mismatch = true});
    std::vector<std::string> registered = writer.roots();
    const auto it = std::find(registered.begin(), registered.end(), root);
    if (it == registered.end()) {
        throw Error(ErrorCode::not_found,
                    root + " is not a registered notes folder; tpmindex --list shows them");
    }
    registered.erase(it);
    for (const auto& [path, state] : writer.files()) {
        if (state.root == root || under(path, root)) {
            writer.remove_file(path);
            ++report.removed;
        }
    }
    writer.set_roots(registered);
    writer.commit();
    report.seconds = seconds_since(started);
    return report;
}

std::vector<RootSummary> list_notes_roots(const std::filesystem::path& index_dir) {
    if (!index_exists(index_dir)) return {};
    const Xapian::Database db = open_index(index_dir);
    std::vector<RootSummary> out;
    const std::map<std::string, FileState> files = notes_files(db);
    for (const std::string& root : notes_roots(db)) {
        RootSummary summary{root, 0, 0};
        for (const auto& [path, state] : files) {
            if (state.root != root) continue;
            ++summary.files;
            summary.documents += state.documents;
        }
        out.push_back(std::move(summary));
    }
    return out;
}

}  // namespace tpm::cli
