#include "index/notes_freshness.h"

#include <dirent.h>
#include <sys/stat.h>
#include <xapian.h>

#include <map>
#include <set>
#include <system_error>

#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "store/xapian_error.h"

namespace tpm {

namespace {

namespace fs = std::filesystem;

// The registered roots that a refresh walks: those that exist, each folder once (a folder
// registered twice under two spellings is walked once, as update_notes() does).
std::vector<std::string> walkable_roots(const std::vector<std::string>& roots) {
    std::vector<std::string> out;
    std::set<fs::path> seen;
    for (const std::string& root : roots) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(root, ec);
        if (ec || !seen.insert(canonical).second) continue;
        out.push_back(root);
    }
    return out;
}

// How many files under `root` differ from `known`: new, of another size or time, or gone.
std::size_t changed_under(const std::string& root, const WalkResult& walked,
                          const std::map<std::string, FileState>& known) {
    std::size_t changed = 0;
    std::set<std::string> seen;
    for (const FoundFile& found : walked.files) {
        std::string path = found.path.string();
        const auto it = known.find(path);
        const bool same = it != known.end() && it->second.size == found.size &&
                          it->second.mtime_ns == found.mtime_ns && it->second.root == root;
        if (!same) ++changed;
        seen.insert(std::move(path));
    }
    for (const auto& [path, state] : known) {
        if (state.root == root && !seen.count(path)) ++changed;
    }
    return changed;
}

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// The quick test a search runs first: one listing per folder and one stat per note file, none
// of walk_notes()'s path resolving. True only when it is sure nothing under `root` changed:
// every note file listed is recorded with its size and time, and every recorded file was
// listed. Anything a walk treats specially (a symlink, an entry of unknown type) or any
// difference is "not sure", and the caller walks properly (changed_under()).
bool surely_unchanged(const std::string& root, const std::map<std::string, FileState>& known) {
    std::size_t recorded = 0;
    for (const auto& [path, state] : known) {
        if (state.root == root) ++recorded;
    }
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) return false;
    if (S_ISREG(st.st_mode)) {
        const auto it = known.find(root);
        return recorded == 1 && it != known.end() &&
               it->second.size == std::uintmax_t(st.st_size) && it->second.mtime_ns == mtime_ns(st);
    }
    std::size_t listed = 0;
    std::vector<std::string> folders{root};
    while (!folders.empty()) {
        const std::string folder = std::move(folders.back());
        folders.pop_back();
        DIR* dir = ::opendir(folder.c_str());
        if (dir == nullptr) return false;
        bool sure = true;
        while (const dirent* entry = ::readdir(dir)) {
            const std::string_view name = entry->d_name;
            if (name.starts_with('.') || name == "node_modules") continue;
            std::string path = folder + "/" + std::string(name);
            if (entry->d_type == DT_DIR) {
                folders.push_back(std::move(path));
                continue;
            }
            if (entry->d_type != DT_REG) {
                sure = false;  // a link, a FIFO, a file system without d_type
                break;
            }
            if (!is_note_file(std::filesystem::path(std::string(name)))) continue;
            const auto it = known.find(path);
            if (it == known.end() || it->second.root != root || ::stat(path.c_str(), &st) != 0 ||
                it->second.size != std::uintmax_t(st.st_size) ||
                it->second.mtime_ns != mtime_ns(st)) {
                sure = false;
                break;
            }
            ++listed;
        }
        ::closedir(dir);
        if (!sure) return false;
    }
    return listed == recorded;
}

NotesFreshness stale(std::size_t changed, std::string why) {
    NotesFreshness out;
    out.state = NotesFreshness::State::stale;
    out.changed = changed;
    out.why = std::move(why);
    return out;
}

}  // namespace

NotesChanges notes_changes(const fs::path& index_dir, const WalkOptions& walk) {
    NotesChanges out;
    if (!index_exists(index_dir)) return out;
    const auto started = std::chrono::steady_clock::now();
    const Xapian::Database db = detail::xapian_call(
        ErrorCode::index_corrupt, "cannot read the notes index in " + index_dir.string(),
        [&] { return Xapian::Database(index_dir.string(), Xapian::DB_BACKEND_GLASS); });
    if (index_schema_version(db) != schema::kSchemaVersion) {
        // Its records may not read as this version writes them; the caller decides what to do.
        throw Error(ErrorCode::schema_mismatch,
                    "the notes index in " + index_dir.string() + " was built by another version");
    }
    const std::map<std::string, FileState> known = notes_files(db);
    for (const std::string& root : walkable_roots(notes_roots(db))) {
        if (surely_unchanged(root, known)) continue;
        try {
            out.changed += changed_under(root, walk_notes(root, walk), known);
        } catch (const Error&) {
            // Cannot be walked now: update_notes() keeps its notes, so nothing to refresh.
        }
    }
    out.walk_time = std::chrono::steady_clock::now() - started;
    return out;
}

NotesFreshness refresh_changed_notes(const NotesIndexOptions& options, const NotesChanges& changes,
                                     std::chrono::milliseconds budget, std::size_t max_files) {
    if (changes.changed == 0) return {};
    if (changes.walk_time > budget) {
        return stale(changes.changed, "looking for changes took longer than " +
                                          std::to_string(budget.count()) + " ms");
    }
    if (changes.changed > max_files) return stale(changes.changed, "too many to index now");
    if (index_locked(options.index_dir)) {
        return stale(changes.changed, "another tpmindex is writing the index");
    }
    if (const std::optional<std::string> why = index_unwritable(options.index_dir)) {
        return stale(changes.changed, *why);
    }
    NotesIndexOptions now = options;
    now.wait_for_lock = false;
    try {
        NotesReport report = update_notes(now, {});
        NotesFreshness out;
        out.state = NotesFreshness::State::refreshed;
        out.changed = changes.changed;
        out.indexed = report.added + report.changed + report.removed;
        out.diagnostics = std::move(report.diagnostics);
        return out;
    } catch (const Error& e) {
        // Another writer came first, a full disk, a damaged table: the index keeps what it had.
        return stale(changes.changed, e.what());
    }
}

}  // namespace tpm
