// cli/open_command.h: `tpmsearch open ID|PATH[:LINE]`: the user's editor on the file of a
// document, at its line.
#pragma once

#include <filesystem>
#include <ostream>

#include "cli/environment.h"

namespace tpm::cli {

// Runs the user's editor (Environment::editor, else vi) on `file` with "+LINE" before it, the
// convention vi, vim, nvim, emacs, nano, micro and kakoune share (git grep -O, rg users). The
// editor string is run by /bin/sh with the arguments after it, as git runs core.editor, so
// "code --wait" and quoted paths work; the terminal is the editor's until it exits. Returns
// the editor's exit status, or 2 with a line on `err` when it cannot be started or is killed.
int open_in_editor(const std::filesystem::path& file, int line, const Environment& env,
                   std::ostream& err);

}  // namespace tpm::cli
