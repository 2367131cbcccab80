// cli/app_runner.h: what both programs do around their command: parse the arguments with
// CLI11, print help or a usage error, turn a tpm::Error into "NAME: error: ..." and exit
// status 2 (notmuch and ripgrep report once, at the top), and check that the results were
// written: a full disk, a closed pipe or a closed stdout is an error too.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace tpm::cli {

// Parses `args` (args[0] is the program name) into `app` and calls `run`. Returns 0 after
// --help, 2 after a usage error or a tpm::Error thrown by `run`, else what `run` returns; and 2,
// with one line on `err`, when `out` could not take everything written to it (checked once,
// after a flush, at the end).
int parse_and_run(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err, const std::function<int()>& run);

// "; did you mean --limit?" for the first of `args` (args[0] is the program name) that looks
// like a long option, is none of `app` or its subcommands, and is at most a third of its length
// (and 2) away from one, as git suggests a command; else an empty string.
std::string option_suggestion(const CLI::App& app, const std::vector<std::string>& args);

// "NAME: error: MESSAGE\n" on `err`; returns 2.
int report_error(std::ostream& err, const std::string& program, const std::string& message);

// A buffered stream buffer over a file descriptor that remembers why its first write failed,
// which std::cout does not: by the time a failure is noticed errno has long been reused.
// After a failure it writes nothing more (a full disk is not asked again for every line).
// Line-buffered when the descriptor is a terminal, as stdio is, so a terminal sees results
// as they come.
class FdOutputBuffer : public std::streambuf {
  public:
    explicit FdOutputBuffer(int fd);
    FdOutputBuffer(const FdOutputBuffer&) = delete;
    FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;
    ~FdOutputBuffer() override;

    // The errno of the first failed write, or 0.
    int error() const { return error_; }

  protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

  private:
    bool write_buffer();

    int fd_;
    bool line_buffered_;
    int error_ = 0;
    std::vector<char> buffer_;
};

// The whole program `main` (tpmsearch_main or tpmindex_main) on this process's argv, stdout and
// stderr. Descriptors 0, 1 and 2 that the parent left closed are first held by /dev/null,
// opened so that using them fails (gnulib stdopen): else the first file the program opens,
// an index table, would become stdout and receive the results. Results go through an
// FdOutputBuffer, so a failed write is reported with its reason.
int run_program(int argc, char** argv,
                const std::function<int(const std::vector<std::string>&, std::ostream& out,
                                        std::ostream& err)>& main);

}  // namespace tpm::cli
