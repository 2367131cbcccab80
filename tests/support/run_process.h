// tests/support/run_process.h: runs a real binary with arguments and extra environment
// variables, and returns its exit status, stdout and stderr, for the end-to-end tests.
// Optional limits bound its time (a hang is killed and reported, not waited for) and its
// address space, for the hostile-input tests.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

extern char** environ;

namespace tpm::test {

struct ProcessResult {
    int status = -1;  // exit status, or -1 when killed by a signal
    std::string out;
    std::string err;
    int signal = 0;          // the signal that ended it, or 0
    bool timed_out = false;  // killed because it outlived ProcessLimits::timeout
    double seconds = 0.0;    // wall time from start to exit
    long max_rss_kib = 0;    // peak resident memory (getrusage ru_maxrss)
};

struct ProcessLimits {
    // Killed with SIGKILL after this long; zero waits for ever.
    std::chrono::milliseconds timeout{0};
    // RLIMIT_AS of the child in bytes (an allocation past it fails); zero leaves it as is.
    std::uint64_t address_space = 0;
};

namespace detail {

// fork() rather than posix_spawn() only to set the limit in the child; between fork and exec
// the child calls nothing but async-signal-safe functions, as this process has threads.
inline pid_t spawn_limited(char* const argv[], char* const envp[], const char* out_path,
                           const char* err_path, std::uint64_t address_space) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        const int in = open("/dev/null", O_RDONLY);
        const int out = open(out_path, O_WRONLY | O_CREAT, 0600);
        const int err = open(err_path, O_WRONLY | O_CREAT, 0600);
        const rlimit limit{address_space, address_space};
        if (in >= 0 && out >= 0 && err >= 0 && dup2(in, 0) == 0 && dup2(out, 1) == 1 &&
            dup2(err, 2) == 2 && setrlimit(RLIMIT_AS, &limit) == 0) {
            execve(argv[0], argv, envp);
        }
        const int e = errno;
        (void)!write(report[1], &e, sizeof e);
        _exit(127);
    }
    close(report[1]);
    int child_errno = 0;
    const bool failed = pid < 0 || read(report[0], &child_errno, sizeof child_errno) > 0;
    close(report[0]);
    if (failed && pid > 0) waitpid(pid, nullptr, 0);
    return failed ? -1 : pid;
}

}  // namespace detail

// The argv and envp of a child: `args` (args[0] is the program path), and the environment of
// this process plus `env` (an empty value unsets the variable). Owns the strings they point
// into, so it is neither copied nor moved.
class ExecArgs {
  public:
    ExecArgs(const std::vector<std::string>& args, const std::map<std::string, std::string>& env)
        : args_(args) {
        std::map<std::string, std::string> merged;
        for (char** e = environ; *e; ++e) {
            const std::string kv = *e;
            const auto eq = kv.find('=');
            if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        for (const auto& [k, v] : env) {
            if (v.empty()) {
                merged.erase(k);
            } else {
                merged[k] = v;
            }
        }
        for (const auto& [k, v] : merged) env_.push_back(k + "=" + v);
        for (auto& s : env_) envp_.push_back(s.data());
        envp_.push_back(nullptr);
        for (auto& a : args_) argv_.push_back(a.data());
        argv_.push_back(nullptr);
    }
    ExecArgs(const ExecArgs&) = delete;
    ExecArgs& operator=(const ExecArgs&) = delete;

    char* const* argv() const { return argv_.data(); }
    char* const* envp() const { return envp_.data(); }

  private:
    std::vector<std::string> args_, env_;
    std::vector<char*> argv_, envp_;
};

// Runs `args` (args[0] is the program path) with the environment of this process plus `env`
// (an empty value unsets the variable), stdin from /dev/null, within `limits`.
inline ProcessResult run_process(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env = {},
                                 const ProcessLimits& limits = {}) {
    TempDir scratch;
    const std::string out_path = (scratch / "out").string();
    const std::string err_path = (scratch / "err").string();
    const ExecArgs exec(args, env);

    const auto started = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (limits.address_space != 0) {
        pid = detail::spawn_limited(exec.argv(), exec.envp(), out_path.c_str(), err_path.c_str(),
                                    limits.address_space);
        if (pid < 0) throw std::runtime_error("cannot start " + args[0]);
    } else {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT, 0600);
        const int rc =
            posix_spawn(&pid, exec.argv()[0], &actions, nullptr, exec.argv(), exec.envp());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    }
    ProcessResult result;
    int wstatus = 0;
    rusage usage{};
    if (limits.timeout.count() == 0) {
        wait4(pid, &wstatus, 0, &usage);
    } else {
        const auto deadline = started + limits.timeout;
        while (wait4(pid, &wstatus, WNOHANG, &usage) == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                kill(pid, SIGKILL);
                wait4(pid, &wstatus, 0, &usage);
                result.timed_out = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    result.signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
    result.max_rss_kib = usage.ru_maxrss;
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

}  // namespace tpm::test
