// prep/export_file.h: where `tpmsearch export -o FILE` may write and how: never into a folder of
// the user's notes (the indexer would take the sheet for a note, and the notes are the user's),
// and all at once, so that a reader or a crash never sees half a sheet.
// May include model/ and the standard library.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tpm {

// The first of the folders `roots` (the registered notes folders) that holds `target`, a file
// to write, or nothing. The folders and the folder of `target` are compared with their links
// resolved, so a link into a notes folder or a path with ".." in it is caught; `target` itself
// may be a link (writing replaces the link, not what it names).
std::optional<std::string> notes_folder_holding(const std::filesystem::path& target,
                                                const std::vector<std::string>& roots);

// Writes `text` to `target` atomically: a temporary file beside it, fsync, rename over it, so
// `target` holds either its old contents or all of `text`. Throws tpm::Error(io) naming `target`
// when `target` is a folder or the temporary file cannot be written or renamed (it is removed).
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

}  // namespace tpm
