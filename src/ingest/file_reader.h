// ingest/file_reader.h: reading input files for the ingest layer, with std::filesystem and
// stream errors translated here (STYLE.md §5). May include model/ and text/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

// The whole file as bytes, or nothing when it cannot be opened or read; then `why`, when given,
// says why ("No such file or directory", "not a regular file"). Never blocks on a FIFO or a
// device that replaced a file after it was listed: the file is opened without waiting and read
// only if it is a regular file. At most `max_bytes` bytes are read.
std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string* why = nullptr,
                                      std::size_t max_bytes = std::string::npos);

// An optional data file of a corpus (the taxonomy, the vocabulary pack), ready to parse: UTF-8
// with the byte-order mark and CR line ends removed. Nothing, and no diagnostic, when the file
// does not exist; nothing and the Diagnostic "not valid UTF-8; no <items> read" naming
// `display` when it is not UTF-8. Throws tpm::Error(io) "cannot read <what> <file>" when it
// exists but cannot be read. A file of more than `max_bytes` bytes is read only up to the end of
// its last whole line within them, with the Diagnostic "<what> file larger than N bytes; this
// line and the rest are not read" naming the first line left out.
std::optional<std::string> read_data_file(const std::filesystem::path& file,
                                          const std::string& display, const std::string& what,
                                          const std::string& items,
                                          std::vector<Diagnostic>& diagnostics,
                                          std::size_t max_bytes = std::string::npos);

}  // namespace tpm
