// tests/support/pty_session.h: a real program on a pseudo-terminal that a test types into, for
// what is interactive (tpmsearch drill): its stdin, stdout and stderr are the terminal, as in a
// user's shell; the test sends keys, waits for text to appear, and kills or waits for it.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_process.h"

namespace tpm::test {

class PtySession {
  public:
    PtySession(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
               unsigned short columns = 80, unsigned short rows = 40) {
        winsize size{};
        size.ws_col = columns;
        size.ws_row = rows;
        int slave = -1;
        if (openpty(&master_, &slave, nullptr, nullptr, &size) != 0) {
            throw std::runtime_error("openpty failed");
        }
        fcntl(master_, F_SETFD, FD_CLOEXEC);
        const ExecArgs exec(args, env);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        for (int fd = 0; fd < 3; ++fd) posix_spawn_file_actions_adddup2(&actions, slave, fd);
        posix_spawn_file_actions_addclose(&actions, slave);
        const int rc =
            posix_spawn(&pid_, exec.argv()[0], &actions, nullptr, exec.argv(), exec.envp());
        posix_spawn_file_actions_destroy(&actions);
        close(slave);
        if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    }
    PtySession(const PtySession&) = delete;
    PtySession& operator=(const PtySession&) = delete;
    ~PtySession() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(master_);
    }

    // Reads until `text` has appeared after what earlier waits consumed; false on timeout.
    bool wait_for(const std::string& text,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const std::size_t at = output_.find(text, consumed_);
            if (at != std::string::npos) {
                consumed_ = at + text.size();
                return true;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !read_some(static_cast<int>(left.count()))) return false;
        }
    }

    void send(const std::string& keys) {
        if (write(master_, keys.data(), keys.size()) != static_cast<ssize_t>(keys.size())) {
            throw std::runtime_error("cannot type into the terminal");
        }
    }

    // Its exit status once it has ended (reading what it still prints), -1 when killed.
    int wait_exit() {
        while (read_some(200)) {
        }
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        while (read_some(50)) {
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    void kill_with(int sig) {
        kill(pid_, sig);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    const std::string& output() const { return output_; }

  private:
    // Appends what the program wrote within `timeout_ms`; false when nothing came (or it ended).
    bool read_some(int timeout_ms) {
        pollfd p{master_, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return false;
        char buffer[4096];
        const ssize_t n = read(master_, buffer, sizeof buffer);
        if (n <= 0) return false;
        output_.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    int master_ = -1;
    pid_t pid_ = -1;
    std::string output_;
    std::size_t consumed_ = 0;
};

}  // namespace tpm::test
