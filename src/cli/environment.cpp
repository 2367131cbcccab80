#include "cli/environment.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>

namespace tpm::cli {

namespace {

bool holds_corpus(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_directory(dir / "corpus", ec);
}

std::size_t stdout_columns() {
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        const long n = std::strtol(columns, nullptr, 10);
        if (n > 0) return static_cast<std::size_t>(n);
    }
    return 80;
}

// The value of the XDG Base Directory variable `name` when it is an absolute path: "If an
// implementation encounters a relative path in any of these variables it should consider the
// path invalid and ignore it." A relative one would put the notes index wherever the user
// happens to run tpmindex.
std::optional<std::filesystem::path> xdg_directory(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    std::filesystem::path dir(value);
    if (!dir.is_absolute()) return std::nullopt;
    return dir;
}

// The word list for spelling correction: $TPMSEARCH_DICTIONARY, else the system one. A name
// that is not a regular file (/dev/null) means none, as a missing system list does: an empty
// list would instead let the index correct every word it lacks.
std::optional<std::filesystem::path> dictionary() {
    const char* named = std::getenv("TPMSEARCH_DICTIONARY");
    const std::filesystem::path words =
        named && *named ? std::filesystem::path(named) : "/usr/share/dict/words";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(words, ec)) return std::nullopt;
    return words;
}

// A program named `name` in one of the folders of $PATH.
bool on_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return false;
    std::string_view folders(path);
    while (!folders.empty()) {
        const std::size_t colon = folders.find(':');
        const std::string_view folder = folders.substr(0, colon);
        const std::string program =
            std::string(folder.empty() ? "." : folder) + "/" + std::string(name);
        if (access(program.c_str(), X_OK) == 0) return true;
        if (colon == std::string_view::npos) break;
        folders.remove_prefix(colon + 1);
    }
    return false;
}

// See Environment::pager.
std::optional<std::string> pager() {
    for (const char* name : {"TPMSEARCH_PAGER", "PAGER"}) {
        const char* command = std::getenv(name);
        if (command == nullptr) continue;
        const std::string_view chosen(command);
        if (chosen.find_first_not_of(" \t") == std::string_view::npos || chosen == "cat") {
            return std::nullopt;
        }
        return std::string(chosen);
    }
    if (on_path("less")) return std::string("less");
    return std::nullopt;
}

// See Environment::config_file.
std::optional<std::filesystem::path> config_file() {
    if (const char* named = std::getenv("TPMSEARCH_CONFIG")) {
        if (*named == '\0') return std::nullopt;
        return std::filesystem::path(named);
    }
    if (const auto config = xdg_directory("XDG_CONFIG_HOME")) {
        return *config / "tpmsearch" / "config";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".config" / "tpmsearch" / "config";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::filesystem::path> find_data_root(const std::filesystem::path& exe_dir) {
    // A build tree puts the binaries in build/ (or build/sub/) under the project folder.
    std::filesystem::path dir = exe_dir;
    for (int up = 0; up < 3 && !dir.empty(); ++up, dir = dir.parent_path()) {
        if (holds_corpus(dir)) return dir;
        if (dir == dir.parent_path()) break;
    }
    const std::filesystem::path installed = exe_dir.parent_path() / "share" / "tpmsearch";
    if (holds_corpus(installed)) return installed;
    return std::nullopt;
}

Environment process_environment() {
    Environment env;
    if (const char* index = std::getenv("TPMSEARCH_INDEX"); index && *index) {
        env.index_override = index;
    }
    const char* no_refresh = std::getenv("TPMSEARCH_NO_REFRESH");
    env.no_refresh = no_refresh && *no_refresh && std::string_view(no_refresh) != "0";
    const char* no_color = std::getenv("NO_COLOR");
    env.no_color = no_color != nullptr && *no_color != '\0';  // no-color.org
    const char* term = std::getenv("TERM");
    env.dumb_terminal = term == nullptr || std::string_view(term) == "dumb";
    env.stdout_is_tty = isatty(STDOUT_FILENO) == 1;
    env.terminal_width = env.stdout_is_tty ? stdout_columns() : 0;
    env.stderr_is_tty = isatty(STDERR_FILENO) == 1;
    env.stdin_is_tty = isatty(STDIN_FILENO) == 1;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) env.data_root = find_data_root(exe.parent_path());
    // XDG Base Directory: configuration lives in $XDG_CONFIG_HOME, else ~/.config.
    if (const auto config = xdg_directory("XDG_CONFIG_HOME")) {
        env.user_vocabulary = *config / "tpmsearch" / "synonyms.txt";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        env.user_vocabulary =
            std::filesystem::path(home) / ".config" / "tpmsearch" / "synonyms.txt";
    }
    // XDG Base Directory: data lives in $XDG_DATA_HOME, else ~/.local/share.
    if (const auto data = xdg_directory("XDG_DATA_HOME")) {
        env.notes_index = *data / "tpmsearch";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        env.notes_index = std::filesystem::path(home) / ".local" / "share" / "tpmsearch";
    }
    // XDG Base Directory: non-essential data lives in $XDG_CACHE_HOME, else ~/.cache.
    if (const auto cache = xdg_directory("XDG_CACHE_HOME")) {
        env.cache_index = *cache / "tpmsearch" / "index";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        env.cache_index = std::filesystem::path(home) / ".cache" / "tpmsearch" / "index";
    }
    env.dictionary = dictionary();
    // The editor, as git picks it: $VISUAL, else $EDITOR (an empty one counts as unset).
    for (const char* name : {"VISUAL", "EDITOR"}) {
        if (const char* editor = std::getenv(name); editor && *editor) {
            env.editor = editor;
            break;
        }
    }
    // XDG Base Directory: state lives in $XDG_STATE_HOME, else ~/.local/state.
    if (const auto state = xdg_directory("XDG_STATE_HOME")) {
        env.drill_state = *state / "tpmsearch" / "drill.json";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        env.drill_state =
            std::filesystem::path(home) / ".local" / "state" / "tpmsearch" / "drill.json";
    }
    env.pager = pager();
    env.config_file = config_file();
    if (const char* opts = std::getenv("TPMSEARCH_OPTS")) env.options_variable = opts;
    return env;
}

}  // namespace tpm::cli
