#include "ingest/walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "model/error.h"
#include "text/ascii.h"

namespace tpm {

namespace fs = std::filesystem;

namespace {

enum class NoteKind { none, markdown, text };

NoteKind note_kind(const fs::path& path) {
    const std::string ext = text::ascii_lower(path.extension().string());
    if (ext == ".md" || ext == ".markdown" || ext == ".mdx") return NoteKind::markdown;
    if (ext == ".txt") return NoteKind::text;
    return NoteKind::none;
}

// "100 bytes", "512 KB", "12.3 MB" (binary units, one decimal when it is not zero).
std::string format_size(std::uintmax_t bytes) {
    constexpr std::uintmax_t kKiB = 1024;
    constexpr std::uintmax_t kMiB = 1024 * kKiB;
    if (bytes < kKiB) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    const std::uintmax_t unit = bytes < kMiB ? kKiB : kMiB;
    const std::uintmax_t tenths = (bytes * 10 + unit / 2) / unit;
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
    return out + (unit == kMiB ? " MB" : " KB");
}

std::string too_large(std::uintmax_t size, std::uintmax_t limit) {
    std::string shown = format_size(size);
    // Just over the limit rounds to the limit itself; the exact count says why it was skipped.
    if (shown == format_size(limit)) shown = std::to_string(size) + " bytes";
    return "larger than the " + format_size(limit) + " limit (" + shown + "); skipped";
}

std::int64_t unix_ns(fs::file_time_type time) {
    const auto sys = std::chrono::file_clock::to_sys(time);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
}

struct Folder {
    fs::path path;       // as reached from the root
    fs::path canonical;  // resolved, so a folder reached twice is known
};

// The file system `path` (a symlink followed) is on, or nullopt when it cannot be told.
std::optional<dev_t> device_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return st.st_dev;
}

// Whether `inner` is `outer` or lies inside it (both canonical).
bool inside(const fs::path& inner, const fs::path& outer) {
    const std::string& a = inner.native();
    const std::string& b = outer.native();
    if (b == "/") return true;
    return a == b || (a.starts_with(b) && a[b.size()] == '/');
}

// One walk. Real folders are walked first and symlinks only followed once no real folder is
// left, so a file or folder reachable both ways keeps its real path and the link is the one
// reported; links are followed in sorted order, so which of two links wins does not depend on
// the order the file system lists them in.
class Walker {
  public:
    explicit Walker(const WalkOptions& options) : options_(options) {}

    // Throws tpm::Error(io) when the root folder cannot be read.
    void walk_root_folder(const fs::path& path, const fs::path& canonical) {
        root_canonical_ = canonical;
        root_device_ = device_of(canonical);
        folders_seen_.insert(canonical.native());
        if (const std::error_code ec = walk_folder({path, canonical})) {
            throw Error(ErrorCode::io,
                        "cannot read notes folder " + path.string() + ": " + ec.message());
        }
        run();
    }

    void add_root_file(const fs::path& path, const fs::path& canonical) {
        add_file(path, canonical);
    }

    WalkResult finish() && {
        std::sort(result_.files.begin(), result_.files.end(),
                  [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
        std::stable_sort(result_.skipped.begin(), result_.skipped.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
        return std::move(result_);
    }

  private:
    void run() {
        while (!pending_.empty() || !links_.empty()) {
            while (!pending_.empty()) {
                const Folder folder = std::move(pending_.back());
                pending_.pop_back();
                if (const std::error_code ec = walk_folder(folder)) {
                    skip(folder.path, "cannot read folder: " + ec.message() + "; skipped");
                }
            }
            std::vector<fs::path> links;
            links.swap(links_);
            std::sort(links.begin(), links.end());
            for (const fs::path& link : links) follow_link(link);
        }
    }

    // Lists `folder` once; returns the error when it cannot be opened.
    std::error_code walk_folder(const Folder& folder) {
        std::error_code ec;
        fs::directory_iterator it(folder.path, ec);
        if (ec) return ec;
        for (const fs::directory_iterator end{}; it != end;) {
            visit(*it, folder);
            it.increment(ec);
            if (ec) {
                skip(folder.path,
                     "error while reading folder: " + ec.message() + "; the rest of it skipped");
                break;
            }
        }
        return {};
    }

    // One entry of a folder being listed. The file type comes from the listing (d_type), so
    // only note files cost a stat of their own.
    void visit(const fs::directory_entry& entry, const Folder& parent) {
        const fs::path& path = entry.path();
        const fs::path name = path.filename();
        if (name.native().starts_with('.') || name.native() == "node_modules") return;
        std::error_code ec;
        if (entry.is_symlink(ec)) {
            links_.push_back(path);
            return;
        }
        const bool directory = !ec && entry.is_directory(ec);
        if (ec) {
            // Gone since the listing, or a file system without d_type that cannot stat it.
            skip(path, "cannot read: " + ec.message() + "; skipped");
            return;
        }
        // Neither `name` nor the folder above it is a link, so no need to resolve anything.
        if (directory) {
            // A mount point inside the notes folder: the walk's bound (within_bound()).
            if (!on_root_device(path)) {
                skip(path,
                     "on another file system than the notes folder; not walked (to index it, "
                     "name it: tpmindex " +
                         path.string() + ")");
                return;
            }
            enter_folder(path, parent.canonical / name);
        } else if (note_kind(name) != NoteKind::none) {
            if (entry.is_regular_file(ec)) {
                add_file(path, parent.canonical / name);
            } else {
                skip(path, "not a regular file; skipped");
            }
        }
    }

    void follow_link(const fs::path& link) {
        std::error_code ec;
        const fs::file_status status = fs::status(link, ec);
        if (status.type() == fs::file_type::not_found) {
            std::error_code read_ec;
            const fs::path target = fs::read_symlink(link, read_ec);
            skip(link, read_ec ? "broken symlink; skipped"
                               : "broken symlink to " + target.string() + "; skipped");
            return;
        }
        fs::path canonical;
        if (!ec) canonical = fs::canonical(link, ec);
        if (ec) {
            skip(link, "cannot follow symlink: " + ec.message() + "; skipped");
            return;
        }
        if (fs::is_directory(status)) {
            if (!within_bound(link, canonical)) return;
            enter_folder(link, canonical);
        } else if (note_kind(link) != NoteKind::none) {
            if (fs::is_regular_file(status)) {
                add_file(link, canonical);
            } else {
                skip(link, "not a regular file; skipped");
            }
        }
    }

    // The walk's bound: it follows a link to a folder only when that folder does not hold the
    // notes folder itself (a link up the tree would walk everything beside the notes), is on
    // the notes folder's file system, and is no system folder (/proc holds a link to / for
    // every process). Without it, one link made tpmindex walk the whole machine. A folder
    // walked already is reported as such by enter_folder() instead.
    bool within_bound(const fs::path& link, const fs::path& canonical) {
        if (folders_seen_.count(canonical.native())) return true;
        const std::string target = "symlink to " + canonical.string();
        if (inside(root_canonical_, canonical)) {
            skip(link, target + ", which holds the notes folder; not followed");
            return false;
        }
        const bool system = !system_folder(canonical).empty();
        if (!on_root_device(canonical)) {
            skip(
                link,
                target + ", on another file system than the notes folder; not followed" +
                    (system ? "" : " (to index it, name it: tpmindex " + canonical.string() + ")"));
            return false;
        }
        if (system) {
            skip(link, target + ", a system folder; not followed");
            return false;
        }
        return true;
    }

    // Whether `folder` is on the root's file system (or that cannot be told).
    bool on_root_device(const fs::path& folder) const {
        const std::optional<dev_t> device = device_of(folder);
        return !root_device_ || !device || *device == *root_device_;
    }

    void enter_folder(const fs::path& path, const fs::path& canonical) {
        if (!folders_seen_.insert(canonical.native()).second) {
            skip(path, "symlink loop or second link to " + canonical.string() + "; walked once");
            return;
        }
        pending_.push_back({path, canonical});
    }

    // A note file: measured, and kept unless it is too large or was found before.
    void add_file(const fs::path& path, const fs::path& canonical) {
        // A second link to a file is no news: it is quietly left out.
        if (!files_seen_.insert(canonical.native()).second) return;
        std::error_code ec;
        const std::uintmax_t size = fs::file_size(path, ec);
        fs::file_time_type mtime;
        if (!ec) mtime = fs::last_write_time(path, ec);
        if (ec) {
            skip(path, "cannot read: " + ec.message() + "; skipped");
            return;
        }
        if (size > options_.max_file_bytes) {
            skip(path, too_large(size, options_.max_file_bytes));
            return;
        }
        result_.files.push_back(
            {path, size, unix_ns(mtime), note_kind(path) == NoteKind::markdown});
    }

    void skip(const fs::path& path, std::string message) {
        result_.skipped.push_back({path.string(), 0, std::move(message)});
    }

    const WalkOptions& options_;
    fs::path root_canonical_;
    std::optional<dev_t> root_device_;
    std::vector<Folder> pending_;  // folders to list, depth first
    std::vector<fs::path> links_;  // symlinks met, followed when `pending_` runs dry
    std::unordered_set<std::string> folders_seen_;  // canonical paths
    std::unordered_set<std::string> files_seen_;    // canonical paths
    WalkResult result_;
};

}  // namespace

WalkResult walk_notes(const std::filesystem::path& root, const WalkOptions& options) {
    std::error_code ec;
    const fs::path path = fs::absolute(root, ec);
    fs::file_status status;
    if (!ec) status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        throw Error(ErrorCode::io, "no such notes folder or file: " + root.string());
    }
    fs::path canonical;
    if (!ec) canonical = fs::canonical(path, ec);
    if (ec) throw Error(ErrorCode::io, "cannot read notes " + root.string() + ": " + ec.message());

    if (const std::string why = system_folder(canonical); !why.empty()) {
        throw Error(ErrorCode::io, "cannot index notes " + root.string() + ": " + why);
    }
    Walker walker(options);
    if (fs::is_directory(status)) {
        walker.walk_root_folder(path, canonical);
    } else if (fs::is_regular_file(status)) {
        // A file named on its own is taken whatever its name, as ripgrep searches a file it is
        // given; only a folder's files are chosen by extension.
        walker.add_root_file(path, canonical);
    } else {
        throw Error(ErrorCode::io, "notes " + root.string() + " is neither a folder nor a file");
    }
    return std::move(walker).finish();
}

std::string system_folder(const std::filesystem::path& canonical) {
    if (canonical == "/") return "it is the whole file system (/), not a notes folder";
    for (const char* system : {"/proc", "/sys", "/dev"}) {
        if (inside(canonical, system)) {
            return canonical.string() + " is in " + system + ", which holds no notes";
        }
    }
    return "";
}

bool is_note_file(const std::filesystem::path& path) { return note_kind(path) != NoteKind::none; }

}  // namespace tpm
