#include "cli/pager.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

extern char** environ;

namespace tpm::cli {

namespace {

// This process's environment with LESS and LV added when they are not set.
std::vector<std::string> pager_environment() {
    std::vector<std::string> vars;
    bool has_less = false;
    bool has_lv = false;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view var(*e);
        has_less = has_less || var.starts_with("LESS=");
        has_lv = has_lv || var.starts_with("LV=");
        vars.emplace_back(var);
    }
    if (!has_less) vars.emplace_back("LESS=FRX");
    if (!has_lv) vars.emplace_back("LV=-c");
    return vars;
}

// Starts `command` with `read_end` as its stdin; the pid, or -1.
pid_t spawn_pager(const std::string& command, int read_end) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, read_end, STDIN_FILENO);
    // The pager gets the signal dispositions a program expects, not this process's.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (const int sig : {SIGINT, SIGQUIT, SIGPIPE}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    std::vector<std::string> vars = pager_environment();
    std::vector<char*> envp;
    for (std::string& var : vars) envp.push_back(var.data());
    envp.push_back(nullptr);
    std::string script = command;
    std::vector<char*> argv = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), script.data(),
                               nullptr};
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

}  // namespace

Pager Pager::start(const std::string& command, std::ostream& out) {
    Pager pager;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return pager;
    out.flush();
    const pid_t pid = spawn_pager(command, ends[0]);
    close(ends[0]);
    const int saved = pid > 0 ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3) : -1;
    if (saved < 0 || dup2(ends[1], STDOUT_FILENO) < 0) {
        close(ends[1]);
        if (saved >= 0) close(saved);
        if (pid > 0) waitpid(pid, nullptr, 0);  // it read nothing and has ended
        return pager;
    }
    close(ends[1]);
    pager.out_ = &out;
    pager.pid_ = pid;
    pager.saved_stdout_ = saved;
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &pager.saved_int_);
    sigaction(SIGQUIT, &ignore, &pager.saved_quit_);
    return pager;
}

Pager::Pager(Pager&& other) noexcept
    : out_(std::exchange(other.out_, nullptr)),
      pid_(std::exchange(other.pid_, -1)),
      saved_stdout_(std::exchange(other.saved_stdout_, -1)),
      saved_int_(other.saved_int_),
      saved_quit_(other.saved_quit_) {}

Pager::~Pager() { finish(); }

void Pager::finish() {
    if (pid_ <= 0) return;
    out_->flush();
    // Putting the terminal back on stdout closes the pipe's last write end: the pager reads
    // to the end and is left to the user until they quit it.
    dup2(saved_stdout_, STDOUT_FILENO);
    close(saved_stdout_);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    sigaction(SIGINT, &saved_int_, nullptr);
    sigaction(SIGQUIT, &saved_quit_, nullptr);
    pid_ = -1;
}

}  // namespace tpm::cli
