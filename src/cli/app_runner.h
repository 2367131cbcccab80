// cli/app_runner.h: what both programs do around their command: parse the arguments with
// CLI11, print help or a usage error, and turn a tpm::Error into "NAME: error: ..." and exit
// status 2 (notmuch and ripgrep report once, at the top).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace tpm::cli {

// Parses `args` (args[0] is the program name) into `app` and calls `run`. Returns 0 after
// --help, 2 after a usage error or a tpm::Error thrown by `run`, else what `run` returns.
int parse_and_run(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err, const std::function<int()>& run);

// "NAME: error: MESSAGE\n" on `err`; returns 2.
int report_error(std::ostream& err, const std::string& program, const std::string& message);

}  // namespace tpm::cli
