// tests/support/cli_fixture.h: runs the real tpmsearch and tpmindex programs, end to end,
// against a copy of tests/data/cli_corpus in a fresh temporary folder laid out like an
// installation: ROOT/bin/ holds the two programs beside ROOT/corpus/, where ROOT/index/ will be.
//
// The programs find their data root from their own folder (cli/environment.cpp
// find_data_root()), so they are hard-linked into ROOT/bin/ (copied where a link cannot be
// made) rather than told where the data is by a variable only tests would set: they find
// corpus/ exactly as an installed program does. Everything else they take from the machine
// comes from the environment variables a user would set (set_env()) and from whether stdout is
// a terminal (set_terminal()).
//
// By default the programs have no notes index and no vocabulary of the user's (HOME,
// XDG_DATA_HOME and XDG_CONFIG_HOME unset), no configured defaults (TPMSEARCH_CONFIG and
// TPMSEARCH_OPTS unset), no pager (PAGER=cat), no spelling word list, no index named by
// TPMSEARCH_INDEX, TERM of a terminal that takes colour and NO_COLOR unset, and stdout in a
// file; a test sets what it is about. So nothing of the user running the tests is read or
// written.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <system_error>
#include <vector>

#include "support/run_in_pty.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm::test {

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

class CliFixture {
  public:
    CliFixture() {
        namespace fs = std::filesystem;
        fs::copy(fs::path(TPM_TEST_DATA_DIR) / "cli_corpus", root() / "corpus");
        fs::create_directories(root() / "bin");
        install(TPMSEARCH_BIN, "tpmsearch");
        install(TPMINDEX_BIN, "tpmindex");
        for (const char* unset : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "TPMSEARCH_INDEX",
                                  "NO_COLOR", "COLUMNS", "TPMSEARCH_CONFIG", "TPMSEARCH_OPTS",
                                  "TPMSEARCH_PAGER", "LESS", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
            set_env(unset, "");
        }
        // On a terminal, output is not paged unless a test asks (PAGER "cat" is no pager).
        set_env("PAGER", "cat");
        set_env("TPMSEARCH_DICTIONARY", "/dev/null");
        set_env("TERM", "xterm-256color");
    }

    CliResult search(const std::vector<std::string>& args) const { return run("tpmsearch", args); }

    // The programs search the shipped corpus (the repository's corpus/) instead of the small
    // test corpus, for what needs its 50 questions and their topics.
    void use_shipped_corpus() const {
        std::filesystem::remove_all(root() / "corpus");
        std::filesystem::copy(TPM_CORPUS_DIR, root() / "corpus");
    }
    CliResult index(const std::vector<std::string>& args) const { return run("tpmindex", args); }

    // Sets an environment variable of the programs this fixture runs; an empty value unsets
    // it.
    void set_env(const std::string& name, const std::string& value) { env_[name] = value; }

    // Later runs have stdout on a terminal `columns` wide, or, with 0, in a file.
    void set_terminal(unsigned short columns) { terminal_columns_ = columns; }

    const std::filesystem::path& root() const { return root_.path(); }

    // The environment variables set or unset for the programs (an empty value unsets), and
    // where a program is, for tests that start the programs themselves (a pty session).
    const std::map<std::string, std::string>& environment() const { return env_; }
    std::filesystem::path program(const std::string& name) const { return root() / "bin" / name; }

    // Golden output must not depend on where the test runs or how long it took
    // (notmuch_search_sanitize): the temporary folder becomes ROOT, timings become T. The
    // programs spell it as their own path does, with any link in the temporary folder's
    // name resolved.
    std::string sanitize(std::string s) const {
        std::error_code ec;
        for (const std::string& root :
             {std::filesystem::canonical(root_.path(), ec).string(), root_.path().string()}) {
            if (root.empty()) continue;
            for (std::size_t at; (at = s.find(root)) != std::string::npos;) {
                s.replace(at, root.size(), "ROOT");
            }
        }
        return std::regex_replace(s, std::regex("in [0-9]+\\.[0-9]+ s"), "in T s");
    }

  private:
    void install(const std::filesystem::path& built, const std::string& name) const {
        const std::filesystem::path to = root() / "bin" / name;
        std::error_code ec;
        std::filesystem::create_hard_link(built, to, ec);
        if (ec) std::filesystem::copy_file(built, to);
    }

    CliResult run(const std::string& program, std::vector<std::string> args) const {
        args.insert(args.begin(), (root() / "bin" / program).string());
        const ProcessResult p = terminal_columns_ == 0 ? run_process(args, env_)
                                                       : run_in_pty(args, env_, terminal_columns_);
        EXPECT_EQ(p.signal, 0) << program << " was killed by signal " << p.signal << "\n" << p.err;
        return {p.status, sanitize(p.out), sanitize(p.err)};
    }

    TempDir root_;
    std::map<std::string, std::string> env_;
    unsigned short terminal_columns_ = 0;
};

// Compares `actual` with tests/data/expected/`name`. With TPM_UPDATE_GOLDEN=1 in the
// environment it rewrites the file instead (then read the diff before committing it).
inline void expect_golden(const std::string& name, const std::string& actual) {
    const auto path = std::filesystem::path(TPM_TEST_DATA_DIR) / "expected" / name;
    if (const char* update = std::getenv("TPM_UPDATE_GOLDEN"); update && *update == '1') {
        write_file(path, actual);
        return;
    }
    EXPECT_EQ(actual, read_file(path)) << "golden file " << path;
}

}  // namespace tpm::test
