// tests/hostile/hostile_fixture.h: the real tpmsearch and tpmindex binaries in a fresh folder laid
// out like an installation (bin/ beside corpus/, the corpus index built), run with a time
// ceiling and an address-space limit, and the checks every hostile case shares: what reached
// the terminal, and how often a file was reported.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm::test {

namespace fs = std::filesystem;

// Generous ceilings: a hang or a runaway allocation fails the test, a slow machine does not.
inline constexpr std::chrono::seconds kSearchCeiling{10};
inline constexpr std::chrono::seconds kIndexCeiling{30};
inline constexpr std::uint64_t kAddressSpace = std::uint64_t{1} << 30;

#if defined(__SANITIZE_ADDRESS__)
#define TPM_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TPM_TEST_ASAN 1
#endif
#endif

inline ProcessLimits hostile_limits(std::chrono::milliseconds timeout) {
#if defined(TPM_TEST_ASAN)
    // AddressSanitizer reserves terabytes of shadow address space at start-up, so an
    // address-space limit would stop every run; that build checks memory errors instead. It is
    // also an unoptimised build, several times slower: the ceilings grow with it.
    return {timeout * 6, 0};
#else
    return {timeout, kAddressSpace};
#endif
}

// The first thing in `s` that must not reach a terminal or a JSON reader, described, or "" when
// there is none: a C0 control other than \n and \t, DEL, a C1 control (U+0080..U+009F) or a
// byte that is not well-formed UTF-8.
inline std::string first_unsafe(std::string_view s) {
    const auto at = [](std::size_t i, const std::string& what) {
        return what + " at byte " + std::to_string(i);
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) {
                return at(i, "control byte " + std::to_string(b));
            }
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
            cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
            cp = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
            cp = b & 0x07;
        } else {
            return at(i, "ill-formed UTF-8");
        }
        if (i + len > s.size()) return at(i, "truncated UTF-8");
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) return at(i, "ill-formed UTF-8");
            cp = (cp << 6) | (c & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return at(i, "ill-formed UTF-8");
        }
        if (cp >= 0x80 && cp <= 0x9f) return at(i, "C1 control U+00" + std::to_string(cp));
        i += len;
    }
    return "";
}

inline std::size_t occurrences(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        lines.push_back(text.substr(start, nl == std::string::npos ? nl : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return lines;
}

// Runs within the ceilings; a run that hangs or dies of a signal is a failure of its own.
#define TPM_EXPECT_FINISHED(r)                                                 \
    do {                                                                       \
        EXPECT_FALSE((r).timed_out) << "killed after " << (r).seconds << " s"; \
        EXPECT_EQ((r).signal, 0) << "died of signal " << (r).signal << "\n"    \
                                 << (r).err.substr(0, 2000);                   \
    } while (false)

class HostileInstall : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(root_ / "bin");
        install(TPMSEARCH_BIN, root_ / "bin" / "tpmsearch");
        install(TPMINDEX_BIN, root_ / "bin" / "tpmindex");
        fs::copy(TPM_CORPUS_DIR, root_ / "corpus");
        fs::create_directories(notes_);
        // The corpus index first, so each search below says nothing about building it.
        const ProcessResult built = tpmindex({"-q"});
        ASSERT_EQ(built.status, 0) << built.err;
    }

    ProcessResult tpmindex(std::vector<std::string> args,
                           std::chrono::milliseconds ceiling = kIndexCeiling) const {
        args.insert(args.begin(), (root_ / "bin" / "tpmindex").string());
        return run_process(args, environment(), hostile_limits(ceiling));
    }

    ProcessResult tpmsearch(std::vector<std::string> args,
                            std::chrono::milliseconds ceiling = kSearchCeiling) const {
        args.insert(args.begin(), (root_ / "bin" / "tpmsearch").string());
        return run_process(args, environment(), hostile_limits(ceiling));
    }

    TempDir dir_;
    const fs::path root_ = dir_.path();
    const fs::path notes_ = root_ / "notes";

    // Nothing of the user's: no index named in the environment, no vocabulary, no notes index,
    // no colour decision taken from outside.
    std::map<std::string, std::string> environment() const {
        return {{"TPMSEARCH_INDEX", ""},
                {"NO_COLOR", ""},
                {"TPMSEARCH_CONFIG", ""},
                {"TPMSEARCH_OPTS", ""},
                {"XDG_DATA_HOME", (root_ / "data").string()},
                {"XDG_CONFIG_HOME", (root_ / "config").string()},
                {"HOME", (root_ / "home").string()}};
    }

    // Starts tpmindex with `args`, its output in `out` and `err`; -1 when it cannot start.
    pid_t start_tpmindex(const std::vector<std::string>& args, const fs::path& out,
                         const fs::path& err) const {
        std::vector<std::string> argv{(root_ / "bin" / "tpmindex").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        const ExecArgs exec(argv, environment());
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT, 0600);
        pid_t pid = -1;
        if (posix_spawn(&pid, exec.argv()[0], &actions, nullptr, exec.argv(), exec.envp()) != 0) {
            pid = -1;
        }
        posix_spawn_file_actions_destroy(&actions);
        return pid;
    }

  private:
    // A hard link costs nothing and /proc/self/exe still names the installed path; a copy
    // where the two folders are on different file systems.
    static void install(const fs::path& from, const fs::path& to) {
        std::error_code ec;
        fs::create_hard_link(from, to, ec);
        if (ec) fs::copy_file(from, to);
    }
};

}  // namespace tpm::test
