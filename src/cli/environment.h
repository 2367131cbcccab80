// cli/environment.h: everything tpmsearch and tpmindex take from the process and the machine: the
// environment variables, whether stdout is a terminal and how wide, and where the shipped
// corpus/ and the default index/ are. Only cli/ reads these (notmuch devel/STYLE); tests run
// the real programs with environment variables and a terminal of their own
// (tests/support/cli_fixture.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace tpm::cli {

struct Environment {
    std::optional<std::string> index_override;  // TPMSEARCH_INDEX
    // TPMSEARCH_NO_REFRESH is set to something but "0": a search does not first bring the notes
    // index up to date (tpmsearch --no-refresh).
    bool no_refresh = false;
    bool no_color = false;  // NO_COLOR is set to something
    // TERM is "dumb" or unset: a terminal that takes no escape sequences (git's rule), so
    // --color auto gives none.
    bool dumb_terminal = false;
    bool stdout_is_tty = false;
    bool stderr_is_tty = false;      // progress bars go to stderr only when it is a terminal
    bool stdin_is_tty = false;       // the drill reads its keys from a terminal only
    std::size_t terminal_width = 0;  // columns of the terminal on stdout, 0 when not a terminal
    // The folder holding corpus/ and index/: the project folder of a build tree, or
    // PREFIX/share/tpmsearch of an installed program. Empty when neither is found.
    std::optional<std::filesystem::path> data_root;
    // A list of English words for spelling correction: $TPMSEARCH_DICTIONARY, else the
    // system one (Debian's wamerican), when it is a file.
    std::optional<std::filesystem::path> dictionary;
    // The user's own vocabulary pack: $XDG_CONFIG_HOME/tpmsearch/synonyms.txt, else
    // ~/.config/tpmsearch/synonyms.txt (it need not exist). A relative XDG_CONFIG_HOME is
    // ignored, as the XDG Base Directory specification says (so is a relative XDG_DATA_HOME).
    std::optional<std::filesystem::path> user_vocabulary;
    // The personal notes index: $XDG_DATA_HOME/tpmsearch, else ~/.local/share/tpmsearch.
    std::optional<std::filesystem::path> notes_index;
    // The command that edits a file (tpmsearch open): $VISUAL, else $EDITOR; may hold
    // arguments ("code --wait"), so it is run by the shell.
    std::optional<std::string> editor;
    // Where the shipped index is built when the install's index/ is not current and cannot be
    // written (a shared, root-owned install): $XDG_CACHE_HOME/tpmsearch/index, else
    // ~/.cache/tpmsearch/index (a relative XDG_CACHE_HOME is ignored).
    std::optional<std::filesystem::path> cache_index;
    // What the drill remembers (prep/review_state.h): $XDG_STATE_HOME/tpmsearch/drill.json, else
    // ~/.local/state/tpmsearch/drill.json (a relative XDG_STATE_HOME is ignored).
    std::optional<std::filesystem::path> drill_state;

    // The pager for output longer than the screen (cli/pager.h), a shell command: the first of
    // $TPMSEARCH_PAGER and $PAGER that is set, else less when it is installed. None when the
    // one set is empty or "cat", as git takes it.
    std::optional<std::string> pager;
    // Default options of tpmsearch (cli/configured_options.h): the file named by
    // $TPMSEARCH_CONFIG (none when it is set empty), else $XDG_CONFIG_HOME/tpmsearch/config,
    // else ~/.config/tpmsearch/config (it need not exist); and $TPMSEARCH_OPTS.
    std::optional<std::filesystem::path> config_file;
    std::string options_variable;

    std::filesystem::path corpus_dir() const { return *data_root / "corpus"; }
    std::filesystem::path default_index_dir() const { return *data_root / "index"; }
};

// The Environment of this process: reads TPMSEARCH_INDEX, NO_COLOR and TERM, asks the terminal on
// stdout, finds the data root beside the running executable (its folder and up to two
// folders above it, then ../share/tpmsearch) and the word list ($TPMSEARCH_DICTIONARY, else
// the system one).
Environment process_environment();

// Where an executable in `exe_dir` finds its data root (see Environment::data_root).
std::optional<std::filesystem::path> find_data_root(const std::filesystem::path& exe_dir);

}  // namespace tpm::cli
