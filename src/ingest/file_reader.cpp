#include "ingest/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "model/error.h"
#include "text/normalize.h"

namespace tpm {

namespace {

// Closes the descriptor however read_bytes leaves.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

std::optional<std::string> failed(std::string* why, std::string reason) {
    if (why) *why = std::move(reason);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string* why,
                                      std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (file.fd < 0) return failed(why, std::strerror(errno));
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) return failed(why, std::strerror(errno));
    if (!S_ISREG(st.st_mode)) return failed(why, "not a regular file");
    // The size is a hint: a file that grows or shrinks while it is read is read to its end.
    std::string bytes(
        std::min(static_cast<std::size_t>(std::max<off_t>(st.st_size, 0)), max_bytes) + 1, '\0');
    std::size_t size = 0;
    while (size < max_bytes) {
        if (size == bytes.size()) bytes.resize(bytes.size() * 2);
        const std::size_t room = std::min(bytes.size(), max_bytes) - size;
        const ssize_t n = ::read(file.fd, bytes.data() + size, room);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            return failed(why, std::strerror(errno));
        }
        size += static_cast<std::size_t>(n);
    }
    bytes.resize(size);
    return bytes;
}

std::optional<std::string> read_data_file(const std::filesystem::path& file,
                                          const std::string& display, const std::string& what,
                                          const std::string& items,
                                          std::vector<Diagnostic>& diagnostics,
                                          std::size_t max_bytes) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (ec)
        throw Error(ErrorCode::io,
                    "cannot read " + what + " " + file.string() + ": " + ec.message());
    // A corpus without the file is valid: it simply has no topics, or no synonyms.
    if (!exists) return std::nullopt;
    // One byte more than the limit tells a file of exactly `max_bytes` from a longer one.
    std::optional<std::string> bytes =
        read_bytes(file, nullptr, max_bytes == std::string::npos ? max_bytes : max_bytes + 1);
    if (!bytes) throw Error(ErrorCode::io, "cannot read " + what + " " + file.string());
    if (bytes->size() > max_bytes) {
        // Whole lines only: a line cut in two could read as another entry, or not as UTF-8.
        const std::size_t last_newline = bytes->rfind('\n', max_bytes - 1);
        bytes->resize(last_newline == std::string::npos ? 0 : last_newline + 1);
        const auto lines = std::count(bytes->begin(), bytes->end(), '\n');
        diagnostics.push_back({display, static_cast<int>(lines) + 1,
                               what + " file larger than " + std::to_string(max_bytes) +
                                   " bytes; this line and the rest are not read"});
    }
    if (!text::is_valid_utf8(*bytes)) {
        diagnostics.push_back({display, 0, "not valid UTF-8; no " + items + " read"});
        return std::nullopt;
    }
    return text::clean_input(*bytes);
}

}  // namespace tpm
