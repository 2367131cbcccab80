// tests/support/run_in_pty.h: runs a real binary with its stdout on a pseudo-terminal of a
// given width, as a user's terminal is, for what a program does only on a terminal (colour,
// wrapping to the width). stderr goes to a file, as in run_process(), so it is not a terminal.
#pragma once

#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_process.h"
#include "support/temp_dir.h"

namespace tpm::test {

namespace detail {

// A pseudo-terminal `columns` wide whose output reaches the master unchanged: ONLCR off, so a
// "\n" the program writes is read as "\n", not the "\r\n" a terminal shows.
inline void open_terminal(int& master, int& slave, unsigned short columns) {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = 24;
    if (openpty(&master, &slave, nullptr, nullptr, &size) != 0) {
        throw std::runtime_error("openpty failed");
    }
    termios modes{};
    tcgetattr(slave, &modes);
    modes.c_oflag &= ~static_cast<tcflag_t>(ONLCR);
    tcsetattr(slave, TCSANOW, &modes);
    // Only the child's stdout may hold the terminal open, so that its exit ends the reading.
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(slave, F_SETFD, FD_CLOEXEC);
}

// Everything written to the terminal until its last writer closes it (read() then fails
// with EIO).
inline std::string read_terminal(int master) {
    std::string out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(master, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            return out;
        }
    }
}

}  // namespace detail

// Runs `args` (args[0] is the program path) as run_process() does, but with stdout on a
// terminal `columns` wide.
inline ProcessResult run_in_pty(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env,
                                unsigned short columns) {
    TempDir scratch;
    const std::string err_path = (scratch / "err").string();
    const ExecArgs exec(args, env);
    int master = -1, slave = -1;
    detail::open_terminal(master, slave, columns);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, slave, 1);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, exec.argv()[0], &actions, nullptr, exec.argv(), exec.envp());
    posix_spawn_file_actions_destroy(&actions);
    close(slave);
    if (rc != 0) {
        close(master);
        throw std::runtime_error("cannot start " + args[0]);
    }
    ProcessResult result;
    result.out = detail::read_terminal(master);
    close(master);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    result.signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
    result.err = read_file(err_path);
    return result;
}

}  // namespace tpm::test
