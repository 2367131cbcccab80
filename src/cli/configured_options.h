// cli/configured_options.h: a user's default options for tpmsearch, from a configuration file
// and a variable, put before the command line's arguments so that the command line wins (an
// option given twice takes its last value), as ripgrep's RIPGREP_CONFIG_PATH file and less's
// LESS variable work.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/environment.h"

namespace tpm::cli {

// Checks one set of arguments as the program would parse them (args[0] is the program name);
// returns the parse error, or an empty string.
using ArgumentCheck = std::function<std::string(const std::vector<std::string>& args)>;

// The arguments env.config_file and env.options_variable add, in that order.
//
// The file holds one option a line as on the command line, "--limit 5", "--limit=5" or
// "--no-pager"; blank lines and lines starting with '#' are skipped. TPMSEARCH_OPTS holds
// options separated by spaces ("-n 5 --no-pager"). Each line, and the variable, is checked
// with `check`: a line that is not an option or that `check` rejects throws tpm::Error naming
// the file and line ("~/.config/tpmsearch/config:3: ..."), or the variable. A file that is
// not there adds nothing; one that cannot be read, or is larger than 64 KiB, is an error.
std::vector<std::string> configured_arguments(const Environment& env, const ArgumentCheck& check);

}  // namespace tpm::cli
