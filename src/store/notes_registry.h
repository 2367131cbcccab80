// store/notes_registry.h: the notes registry file, a copy of the registered folders kept in
// the notes index folder but outside the Xapian tables, so that damage to the tables cannot
// lose which folders the user indexed (a rebuild reads it). JSON: {"roots": [...]}.
// May include model/, text/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tpm {

// Writes `roots` to the registry file in the notes index folder `dir` (schema.h,
// kNotesRegistryFileName) atomically: a temporary file, fsync, rename. Throws tpm::Error(io).
void write_notes_registry(const std::filesystem::path& dir, const std::vector<std::string>& roots);

// The folders the registry file in `dir` lists, or nullopt when there is no such file or it
// cannot be read or parsed.
std::optional<std::vector<std::string>> read_notes_registry(const std::filesystem::path& dir);

}  // namespace tpm
