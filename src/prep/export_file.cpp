#include "prep/export_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "model/error.h"

namespace tpm {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

// `p` absolute with links and ".." resolved as far as it exists.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path absolute = fs::absolute(p, ec);
    if (ec) return p.lexically_normal();
    fs::path out = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : out;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // the empty last element of "dir/"
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

// Writes all of `text` to `fd`; 0 or the errno of the failure.
int write_all(int fd, std::string_view text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

}  // namespace

std::optional<std::string> notes_folder_holding(const fs::path& target,
                                                const std::vector<std::string>& roots) {
    // The folder the file goes in, resolved; the file's own name is not: when it is a link, the
    // rename replaces the link where it is.
    std::error_code ec;
    const fs::path absolute = fs::absolute(target, ec);
    const fs::path where = resolved((ec ? target : absolute).parent_path());
    for (const std::string& root : roots) {
        if (is_within(where, resolved(root))) return root;
    }
    return std::nullopt;
}

void write_file_atomically(const fs::path& target, std::string_view text) {
    std::error_code ec;
    if (fs::is_directory(target, ec)) {
        throw Error(ErrorCode::io, "cannot write " + target.string() + ": it is a folder");
    }
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::path temporary =
        folder / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    // A temporary file left by a killed run of the same pid would make O_EXCL fail.
    ::unlink(temporary.c_str());
    const int fd =
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        throw Error(ErrorCode::io, "cannot write " + target.string() + ": " + errno_text(errno));
    }
    int failed = write_all(fd, text);
    if (!failed && ::fsync(fd) != 0) failed = errno;
    if (::close(fd) != 0 && !failed) failed = errno;
    if (!failed && ::rename(temporary.c_str(), target.c_str()) != 0) failed = errno;
    if (failed) {
        ::unlink(temporary.c_str());
        throw Error(ErrorCode::io, "cannot write " + target.string() + ": " + errno_text(failed));
    }
    // The rename is durable once the folder is synced; a best effort, the data is written.
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace tpm
