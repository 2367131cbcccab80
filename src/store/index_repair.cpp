#include "store/index_repair.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <thread>

#include "model/error.h"
#include "store/database.h"
#include "store/posix_file.h"
#include "store/schema.h"

namespace tpm {

namespace fs = std::filesystem;
using detail::errno_text;
using detail::sync_path;

namespace {

// Whether a file of an index folder is Xapian's (tables, version file, lock, its temporaries)
// rather than one that lives there beside it (index/README.md, the notes registry).
bool xapian_file(const std::string& name) {
    // The record of when the tables were last sound belongs to those tables: not carried over.
    return name == "iamglass" || name == "flintlock" || name == "iamchert" ||
           name == schema::kTablesCheckedFileName || name.ends_with(".glass") ||
           name.ends_with(".tmp") || name.ends_with(".DB") || name.ends_with(".baseA") ||
           name.ends_with(".baseB") || name.starts_with("changes");
}

// The write lock of the index in `dir`, taken as Xapian takes it (an open file description
// lock on flintlock), so another tpmindex neither writes the old index while it is rebuilt nor
// is overtaken by the swap. No lock when the folder cannot hold one (missing, read-only): then
// nothing can write there either.
class IndexLock {
  public:
    IndexLock(const fs::path& dir, const LockWait& lock_wait) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) return;
        fd_ = ::open((dir / "flintlock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd_ < 0) return;
        struct flock lock {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        if (::fcntl(fd_, F_OFD_SETLK, &lock) == 0) return;
        if (errno != EAGAIN && errno != EACCES) return;  // no locking there: go on without
        if (!lock_wait.wait) {
            const auto until = std::chrono::steady_clock::now() + lock_wait.patience;
            while (std::chrono::steady_clock::now() < until) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                if (::fcntl(fd_, F_OFD_SETLK, &lock) == 0) return;
            }
            throw Error(ErrorCode::index_locked,
                        "the index in " + dir.string() + " is being written by another tpmindex");
        }
        if (lock_wait.waiting) lock_wait.waiting();
        while (::fcntl(fd_, F_OFD_SETLKW, &lock) != 0 && errno == EINTR) {
        }
    }
    ~IndexLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

  private:
    int fd_ = -1;
};

// "." + name + ".new-" + pid: the folder a rebuild writes, beside the index.
std::string work_prefix(const fs::path& dir) { return "." + dir.filename().string() + ".new-"; }

// Removes the folders of rebuilds whose process is gone (killed mid-build): they are never
// swapped in and would only take space.
void remove_abandoned(const fs::path& dir) {
    const std::string prefix = work_prefix(dir);
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir.parent_path(), ec)) {
        const std::string name = e.path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            fs::remove_all(e.path(), ec);
        }
    }
}

// Copies what lives in `from` beside the database, and is not yet in `to`, into `to`.
void carry_over(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(from, ec)) {
        const std::string name = e.path().filename().string();
        if (xapian_file(name) || fs::exists(to / name)) continue;
        std::error_code copy_ec;
        fs::copy(e.path(), to / name, fs::copy_options::recursive | fs::copy_options::copy_symlinks,
                 copy_ec);
        if (copy_ec) {
            throw Error(ErrorCode::io, "cannot copy " + e.path().string() +
                                           " into the rebuilt index: " + copy_ec.message());
        }
        sync_path(to / name, false);
    }
}

// The tables of the index in `dir` as they stand: name, size and modification time of each, in
// name order. Empty when the folder cannot be read.
std::string tables_fingerprint(const fs::path& dir) {
    std::vector<std::string> lines;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name != "iamglass" && !name.ends_with(".glass")) continue;
        struct stat st {};
        if (::stat(e.path().c_str(), &st) != 0) return {};
        lines.push_back(name + " " + std::to_string(st.st_size) + " " +
                        std::to_string(st.st_mtim.tv_sec) + "." +
                        std::to_string(st.st_mtim.tv_nsec));
    }
    if (ec) return {};
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

bool recorded_sound(const fs::path& dir) {
    const std::string now = tables_fingerprint(dir);
    if (now.empty()) return false;
    std::ifstream in(dir / schema::kTablesCheckedFileName, std::ios::binary);
    if (!in) return false;
    std::ostringstream recorded;
    recorded << in.rdbuf();
    return recorded.str() == now;
}

}  // namespace

void record_index_sound(const fs::path& dir) {
    const std::string now = tables_fingerprint(dir);
    if (now.empty()) return;
    const fs::path target = dir / schema::kTablesCheckedFileName;
    const fs::path temporary = dir / ("." + std::string(schema::kTablesCheckedFileName) + "." +
                                      std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << now;
        if (!out.flush()) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            return;
        }
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) ::unlink(temporary.c_str());
}

std::optional<std::string> index_unwritable(const fs::path& dir) {
    std::error_code ec;
    const fs::path folder = fs::is_directory(dir, ec) ? dir : dir.parent_path();
    if (::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0) return std::nullopt;
    return errno_text(errno);
}

bool holds_index_files(const fs::path& dir) {
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name == "iamglass" || name.ends_with(".glass")) return true;
    }
    return false;
}

std::optional<std::string> index_damage(const fs::path& dir) {
    if (!index_exists(dir)) {
        if (holds_index_files(dir)) return "its version file iamglass is missing";
        return std::nullopt;
    }
    try {
        // Opening first: a garbage version file is named as such, not as a failed check.
        const Xapian::Database db(dir.string(), Xapian::DB_BACKEND_GLASS);
        const int version = index_schema_version(db);
        if (version != schema::kSchemaVersion && (version != 0 || db.get_doccount() > 0)) {
            return "built with schema " + std::to_string(version) + ", this version uses " +
                   std::to_string(schema::kSchemaVersion);
        }
        if (recorded_sound(dir)) return std::nullopt;
        std::size_t errors = 0;
        try {
            errors = Xapian::Database::check(dir.string(), 0, nullptr);
        } catch (const Xapian::DatabaseOpeningError&) {
            // The check opens each table for writing: a read-only index that opened for reading
            // above cannot be checked, which says nothing of damage.
            return std::nullopt;
        }
        if (errors > 0) return std::to_string(errors) + " errors in its tables";
        record_index_sound(dir);
    } catch (const Xapian::DatabaseLockError&) {
        return std::nullopt;
    } catch (const Xapian::Error& e) {
        return e.get_msg().empty() ? e.get_type() : e.get_msg();
    }
    return std::nullopt;
}

bool rebuild_index(const fs::path& dir, const std::function<bool(const fs::path& fresh)>& build,
                   const LockWait& lock_wait) {
    std::error_code ec;
    fs::path target = fs::absolute(dir, ec);
    if (ec) throw Error(ErrorCode::io, "cannot resolve " + dir.string() + ": " + ec.message());
    target = target.lexically_normal();
    if (!target.has_filename()) target = target.parent_path();
    // A symlinked index folder: the folder it names is the one rebuilt, the link stays.
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        target = fs::canonical(target, ec);
        if (ec) throw Error(ErrorCode::io, "cannot resolve " + dir.string() + ": " + ec.message());
    }
    // A never-built index has no folder to hold the lock: it is made, empty, first, so that two
    // first searches at once build it one after the other (the second then finds it current)
    // instead of both renaming a new folder onto the same name.
    // If this call made it and builds nothing, the empty folder goes again (an index/ that is
    // there but empty would read as damaged rather than not built).
    struct MadeFolder {
        fs::path path;
        bool made = false;
        bool keep = false;
        ~MadeFolder() {
            std::error_code ignored;
            if (made && !keep) fs::remove(path, ignored);
        }
    } made{target, fs::create_directory(target, ec)};
    const IndexLock lock(target, lock_wait);
    remove_abandoned(target);
    const fs::path fresh =
        target.parent_path() / (work_prefix(target) + std::to_string(::getpid()));
    fs::remove_all(fresh, ec);
    if (!fs::create_directory(fresh, ec) || ec) {
        throw Error(ErrorCode::io, "cannot make a folder to rebuild the index in " +
                                       target.string() + ": " + fresh.string() + ": " +
                                       (ec ? ec.message() : "it exists"));
    }
    // Whatever happens from here, the new folder does not outlive this call (once swapped, it
    // holds the old index).
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } cleanup{fresh};
    if (!build(fresh)) return false;
    const bool had_folder = fs::is_directory(target, ec);
    if (had_folder) carry_over(target, fresh);
    sync_path(fresh, true);
    const int swapped =
        had_folder ? ::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE)
                   : ::rename(fresh.c_str(), target.c_str());
    if (swapped != 0) {
        throw Error(ErrorCode::io, "cannot swap the rebuilt index into " + target.string() + ": " +
                                       errno_text(errno));
    }
    made.keep = true;
    sync_path(target.parent_path(), true);
    return true;
}

}  // namespace tpm
