#include "index/notes_indexer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "index/notes_updater.h"
#include "ingest/file_reader.h"
#include "ingest/notes.h"
#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/notes_registry.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "store/xapian_error.h"
#include "text/decode.h"
#include "topics/tagger.h"

namespace tpm {

namespace {

namespace fs = std::filesystem;
using detail::stopping;
using detail::under;
using detail::Updater;
using detail::writer_options;

std::string registration_form(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        throw Error(ErrorCode::io, "cannot index " + path + ": no such file or folder");
    }
    if (!ec && !fs::is_directory(status) && !fs::is_regular_file(status)) {
        throw Error(ErrorCode::io, "cannot index " + path + ": neither a folder nor a file");
    }
    fs::path canonical;
    if (!ec) canonical = fs::canonical(path, ec);
    if (ec) throw Error(ErrorCode::io, "cannot index " + path + ": " + ec.message());
    if (const std::string why = system_folder(canonical); !why.empty()) {
        throw Error(ErrorCode::io, "cannot index " + path + ": " + why);
    }
    return canonical.string();
}

// Whether two paths name one existing folder or file (symlinks resolved).
bool same_folder(const std::string& a, const std::string& b) {
    if (a == b) return true;
    std::error_code ec_a;
    std::error_code ec_b;
    const fs::path ca = fs::canonical(a, ec_a);
    const fs::path cb = fs::canonical(b, ec_b);
    return !ec_a && !ec_b && ca == cb;
}

// Walks the registered folder `root` for a plain refresh. A folder that is gone, cannot be read
// or is the same as one walked before (`walked_roots`, registered twice under two spellings)
// is a warning and nullopt: its notes stay in the index, and the other folders are still
// refreshed.
std::optional<WalkResult> walk_registered(const std::string& root,
                                          std::vector<std::string>& walked_roots,
                                          const NotesIndexOptions& options, NotesReport& report) {
    std::error_code ec;
    if (fs::status(root, ec).type() == fs::file_type::not_found) {
        report.diagnostics.push_back(
            {root, 0,
             "registered notes folder is missing (moved or deleted?); its notes stay in the "
             "index until you run: tpmindex --remove " +
                 root});
        return std::nullopt;
    }
    for (const std::string& earlier : walked_roots) {
        if (same_folder(earlier, root)) {
            report.diagnostics.push_back(
                {root, 0,
                 "the same folder as " + earlier +
                     ", registered twice; refreshed once (tpmindex --remove " + root +
                     " unregisters this one)"});
            return std::nullopt;
        }
    }
    try {
        WalkResult walked = walk_notes(root, options.walk);
        walked_roots.push_back(root);
        return walked;
    } catch (const Error& e) {
        report.diagnostics.push_back({root, 0,
                                      std::string(e.what()) +
                                          "; its notes stay in the index (tpmindex --remove " +
                                          root + " unregisters it)"});
        return std::nullopt;
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

NotesReport update_notes(const NotesIndexOptions& options, const std::vector<std::string>& roots) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    Updater updater(options, report);
    std::vector<std::string> registered = updater.writer().roots();
    // Every named root is checked and walked before any is recorded: one that cannot be
    // indexed (missing, a device, a FIFO, /proc) throws here and is never registered.
    std::vector<std::pair<std::string, WalkResult>> named;
    for (const std::string& path : roots) {
        std::string root = registration_form(path);
        if (const auto it =
                std::find_if(registered.begin(), registered.end(),
                             [&](const std::string& r) { return same_folder(r, root); });
            it != registered.end()) {
            root = *it;  // registered before, maybe under another spelling: kept as it was
        } else {
            registered.push_back(root);
        }
        if (std::any_of(named.begin(), named.end(),
                        [&](const auto& n) { return n.first == root; })) {
            continue;
        }
        WalkResult walked = walk_notes(root, options.walk);
        named.emplace_back(std::move(root), std::move(walked));
    }
    updater.writer().set_roots(registered);
    std::map<std::string, FileState> known = updater.writer().files();
    // Whether every registered folder was indexed again: only then is the index current.
    bool all = true;
    if (roots.empty()) {
        std::vector<std::string> walked_roots;
        for (const std::string& root : registered) {
            if (stopping(options)) break;
            std::optional<WalkResult> walked = walk_registered(root, walked_roots, options, report);
            if (!walked) {
                all = false;
                continue;
            }
            updater.refresh(root, std::move(*walked), known);
            if (report.interrupted) break;
        }
    } else {
        for (auto& [root, walked] : named) {
            if (stopping(options)) break;
            updater.refresh(root, std::move(walked), known);
            if (report.interrupted) break;
        }
        all = std::all_of(registered.begin(), registered.end(), [&](const std::string& r) {
            return std::any_of(named.begin(), named.end(),
                               [&](const auto& n) { return n.first == r; });
        });
    }
    if (stopping(options)) report.interrupted = true;
    if (all && !report.interrupted) updater.writer().terms_updated();
    updater.writer().commit();
    report.seconds = seconds_since(started);
    return report;
}

NotesReport remove_notes_root(const NotesIndexOptions& options, const std::string& path) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    NotesWriter writer(options.index_dir, writer_options(options));
    if (options.writing) options.writing();
    std::vector<std::string> registered = writer.roots();
    // As the user spells it, or resolved (it is registered resolved), or any registration of
    // the same folder under another spelling.
    auto it = std::find(registered.begin(), registered.end(), path);
    if (it == registered.end()) {
        it = std::find_if(registered.begin(), registered.end(),
                          [&](const std::string& r) { return same_folder(r, path); });
    }
    if (it == registered.end()) {
        throw Error(ErrorCode::not_found,
                    path + " is not a registered notes folder; tpmindex --list shows them");
    }
    const std::string root = *it;
    std::vector<std::string> files;
    for (const auto& [file, state] : writer.files()) {
        if (state.root == root || under(file, root)) files.push_back(file);
    }
    for (const std::string& file : files) {
        // Between two files: the folder stays registered, with the files not yet removed, until
        // a later --remove finishes the job.
        if (stopping(options)) {
            report.interrupted = true;
            report.remaining = files.size() - report.removed;
            break;
        }
        writer.remove_file(file);
        ++report.removed;
    }
    if (!report.interrupted) {
        registered.erase(it);
        writer.set_roots(registered);
    }
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

std::optional<std::vector<std::string>> registered_notes_roots(
    const std::filesystem::path& index_dir) {
    if (index_exists(index_dir)) {
        try {
            // Any schema: an index of an older tpmindex still says which folders it holds.
            return notes_roots(detail::xapian_call(ErrorCode::index_corrupt, "", [&] {
                return Xapian::Database(index_dir.string(), Xapian::DB_BACKEND_GLASS);
            }));
        } catch (const Error&) {
            // Damaged tables: the registry file below still knows.
        }
    }
    return read_notes_registry(index_dir);
}

NotesReport rebuild_notes(const NotesIndexOptions& options) {
    const std::optional<std::vector<std::string>> roots = registered_notes_roots(options.index_dir);
    if (!roots || roots->empty()) {
        throw Error(ErrorCode::not_found, "no notes folder is registered in " +
                                              options.index_dir.string() +
                                              "; index one with: tpmindex FOLDER");
    }
    NotesReport report;
    NotesIndexOptions fresh_options = options;
    rebuild_index(
        options.index_dir,
        [&](const std::filesystem::path& fresh) {
            fresh_options.index_dir = fresh;
            report = update_notes(fresh_options, *roots);
            return !report.interrupted;
        },
        LockWait{options.wait_for_lock, {}, options.waiting});
    return report;
}

}  // namespace tpm
