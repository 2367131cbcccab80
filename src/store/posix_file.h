// store/posix_file.h: internal to store/. The POSIX file calls behind its crash-safe writes
// (the registry, the swap of a rebuilt index), with errno put into words.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace tpm::detail {

inline std::string errno_text(int e) {
    return std::error_code(e, std::generic_category()).message();
}

// fsync of a file or folder by path; what it cannot open it leaves (a best effort: the data
// was written, only its durability across a power cut is at stake).
inline void sync_path(const std::filesystem::path& p, bool folder) {
    const int fd = ::open(p.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace tpm::detail
