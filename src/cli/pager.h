// cli/pager.h: output longer than the screen through a pager, as git and delta do (git
// pager.c): the pager reads this process's stdout through a pipe and shows it on the terminal;
// the program waits for it to finish before it exits.
#pragma once

#include <sys/types.h>

#include <csignal>
#include <ostream>
#include <string>

namespace tpm::cli {

class Pager {
  public:
    // No pager: output goes where stdout goes.
    Pager() = default;
    Pager(const Pager&) = delete;
    Pager& operator=(const Pager&) = delete;
    Pager(Pager&& other) noexcept;
    Pager& operator=(Pager&&) = delete;
    // Flushes the output, closes the pipe so the pager sees its end, and waits for the pager.
    ~Pager();

    // Starts `command` through /bin/sh with a pipe as its stdin, which then replaces stdout
    // (flushed first through `out`). LESS=FRX and LV=-c are set for it when not set, as git
    // does, so that less quits at once on output that fits the screen, keeps colours and does
    // not clear the screen. Ctrl-C and Ctrl-\ belong to the pager while it runs. A pager that
    // cannot be started is no pager: the output goes to the terminal.
    static Pager start(const std::string& command, std::ostream& out);

    bool running() const { return pid_ > 0; }

  private:
    void finish();

    std::ostream* out_ = nullptr;
    pid_t pid_ = -1;
    int saved_stdout_ = -1;
    struct sigaction saved_int_ {};
    struct sigaction saved_quit_ {};
};

}  // namespace tpm::cli
