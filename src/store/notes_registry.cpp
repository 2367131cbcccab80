#include "store/notes_registry.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/error.h"
#include "store/posix_file.h"
#include "store/schema.h"

namespace tpm {

namespace fs = std::filesystem;
using detail::errno_text;
using detail::sync_path;

void write_notes_registry(const fs::path& dir, const std::vector<std::string>& roots) {
    const fs::path target = dir / schema::kNotesRegistryFileName;
    const fs::path temporary = dir / ("." + std::string(schema::kNotesRegistryFileName) + "." +
                                      std::to_string(::getpid()));
    const std::string text = nlohmann::json{{"roots", roots}}.dump(
                                 2, ' ', false, nlohmann::json::error_handler_t::replace) +
                             "\n";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error(ErrorCode::io, "cannot write " + temporary.string() + ": " + errno_text(errno));
    }
    std::size_t done = 0;
    int failed = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failed = n < 0 ? errno : EIO;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (!failed && ::fsync(fd) != 0) failed = errno;
    if (::close(fd) != 0 && !failed) failed = errno;
    if (!failed && ::rename(temporary.c_str(), target.c_str()) != 0) failed = errno;
    if (failed) {
        ::unlink(temporary.c_str());
        throw Error(ErrorCode::io, "cannot write " + target.string() + ": " + errno_text(failed));
    }
    sync_path(dir, true);
}

std::optional<std::vector<std::string>> read_notes_registry(const fs::path& dir) {
    std::ifstream in(dir / schema::kNotesRegistryFileName, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str()).at("roots").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

}  // namespace tpm
