#include "cli/open_command.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "text/printable.h"

extern char** environ;

namespace tpm::cli {

int open_in_editor(const std::filesystem::path& file, int line, const Environment& env,
                   std::ostream& err) {
    const std::string editor = env.editor.value_or("vi");
    const std::string shown = text::printable(editor, text::Controls::neutralise);
    const std::string script = editor + " \"$@\"";
    const std::string at_line = "+" + std::to_string(line > 0 ? line : 1);
    const std::string path = file.string();
    std::vector<char*> argv = {const_cast<char*>("/bin/sh"),
                               const_cast<char*>("-c"),
                               const_cast<char*>(script.c_str()),
                               const_cast<char*>("sh"),
                               const_cast<char*>(at_line.c_str()),
                               const_cast<char*>(path.c_str()),
                               nullptr};
    err.flush();
    pid_t pid = 0;
    if (const int e = posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ)) {
        err << "tpmsearch: error: cannot start the editor \"" << shown << "\": " << std::strerror(e)
            << "\n";
        return 2;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            err << "tpmsearch: error: lost the editor \"" << shown << "\": " << std::strerror(errno)
                << "\n";
            return 2;
        }
    }
    if (WIFSIGNALED(status)) {
        err << "tpmsearch: error: the editor \"" << shown << "\" was killed by signal "
            << WTERMSIG(status) << "\n";
        return 2;
    }
    const int code = WEXITSTATUS(status);
    // The shell's own codes for a command it could not find or run.
    if (code == 126 || code == 127) {
        err << "tpmsearch: error: cannot start the editor \"" << shown
            << "\" (set $VISUAL or $EDITOR to one that is installed)\n";
        return 2;
    }
    return code;
}

}  // namespace tpm::cli
