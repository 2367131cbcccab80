#include "ingest/file_reader.h"

#include <fstream>
#include <ios>
#include <iterator>
#include <system_error>

#include "model/error.h"
#include "text/normalize.h"

namespace tpm {

std::optional<std::string> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    try {
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in.bad()) return std::nullopt;
        return bytes;
    } catch (const std::ios_base::failure&) {
        // libstdc++'s filebuf throws when a read fails (a directory opens but cannot be read).
        return std::nullopt;
    }
}

std::optional<std::string> read_data_file(const std::filesystem::path& file,
                                          const std::string& display, const std::string& what,
                                          const std::string& items,
                                          std::vector<Diagnostic>& diagnostics) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (ec)
        throw Error(ErrorCode::io,
                    "cannot read " + what + " " + file.string() + ": " + ec.message());
    // A corpus without the file is valid: it simply has no topics, or no synonyms.
    if (!exists) return std::nullopt;
    const std::optional<std::string> bytes = read_bytes(file);
    if (!bytes) throw Error(ErrorCode::io, "cannot read " + what + " " + file.string());
    if (!text::is_valid_utf8(*bytes)) {
        diagnostics.push_back({display, 0, "not valid UTF-8; no " + items + " read"});
        return std::nullopt;
    }
    return text::clean_input(*bytes);
}

}  // namespace tpm
