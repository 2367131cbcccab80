// tests/support/cli_fixture.h: runs the tpmsearch and tpmindex programs in-process on argument
// vectors (CLI11 tests/app_helper.hpp), against a copy of tests/data/cli_corpus in a fresh
// temporary folder laid out like an installation (corpus/ beside where index/ will be).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/index_command.h"
#include "cli/search_command.h"
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
        std::filesystem::copy(std::filesystem::path(TPM_TEST_DATA_DIR) / "cli_corpus",
                              root_.path() / "corpus");
        env_.data_root = root_.path();
    }

    CliResult search(std::vector<std::string> args) const {
        args.insert(args.begin(), "tpmsearch");
        CliResult r;
        std::ostringstream out, err;
        r.status = cli::tpmsearch_main(args, env_, out, err);
        r.out = sanitize(out.str());
        r.err = sanitize(err.str());
        return r;
    }

    CliResult index(std::vector<std::string> args) const {
        args.insert(args.begin(), "tpmindex");
        CliResult r;
        std::ostringstream out, err;
        r.status = cli::tpmindex_main(args, env_, out, err);
        r.out = sanitize(out.str());
        r.err = sanitize(err.str());
        return r;
    }

    const std::filesystem::path& root() const { return root_.path(); }
    cli::Environment& env() { return env_; }

    // Golden output must not depend on where the test runs or how long it took
    // (notmuch_search_sanitize): the temporary folder becomes ROOT, timings become T.
    std::string sanitize(std::string s) const {
        const std::string root = root_.path().string();
        for (std::size_t at; (at = s.find(root)) != std::string::npos;) {
            s.replace(at, root.size(), "ROOT");
        }
        return std::regex_replace(s, std::regex("in [0-9]+\\.[0-9]+ s"), "in T s");
    }

  private:
    TempDir root_;
    cli::Environment env_;
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
