#include "cli/app_runner.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>

#include "cli/version.h"
#include "model/error.h"
#include "text/edit_distance.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

constexpr std::size_t kOutputBufferBytes = 64 * 1024;

// Why `out` failed, for "cannot write the results: ...".
std::string output_failure(const std::ostream& out) {
    if (const auto* fd = dynamic_cast<const FdOutputBuffer*>(out.rdbuf()); fd && fd->error()) {
        return std::strerror(fd->error());
    }
    return "the output stream failed";
}

// Holds descriptor `fd` with /dev/null when it is closed, opened in the direction that makes
// any use of it fail (reading stdin, writing stdout or stderr), so the failure is reported.
void hold_if_closed(int fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) return;
    const int opened = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
    // Descriptors below `fd` are open by now, so open() returned `fd` itself; anything else
    // (no /dev/null) leaves the descriptor as it was.
    if (opened >= 0 && opened != fd) close(opened);
}

// The long option names of `app` and of its subcommands.
std::vector<std::string> long_option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
        for (std::string& name : long_option_names(*sub)) names.push_back(std::move(name));
    }
    return names;
}

// `PROGRAM help [COMMAND]`, as git and cargo take it: the help of the program or of one of
// its subcommands. nullopt when the arguments are not a request for help; a query whose first
// word is "help" is written `PROGRAM -- help ...`, as one starting with a subcommand's name is.
std::optional<std::string> help_request(const CLI::App& app, const std::vector<std::string>& args) {
    if (args.size() < 2 || args[1] != "help") return std::nullopt;
    if (args.size() == 2) return app.help();
    if (args.size() == 3) {
        for (const CLI::App* sub : app.get_subcommands({})) {
            if (sub->get_name() == args[2]) return sub->help();
        }
    }
    std::string commands;
    for (const CLI::App* sub : app.get_subcommands({})) {
        commands += (commands.empty() ? "" : ", ") + sub->get_name();
    }
    throw CLI::ExtrasError("help takes one command name (" + commands +
                               "), or none; to search for the words, write " + app.get_name() +
                               " -- help ...",
                           CLI::ExitCodes::ExtrasError);
}

}  // namespace

// Error messages quote the query and other input (CLI11 names the bad value), so they are
// neutralised like any other text bound for the terminal.
int report_error(std::ostream& err, const std::string& program, const std::string& message) {
    err << program << ": error: " << text::printable(message, text::Controls::neutralise) << "\n";
    return 2;
}

std::string option_suggestion(const CLI::App& app, const std::vector<std::string>& args) {
    const std::vector<std::string> names = long_option_names(app);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--") break;
        const std::string typed = args[i].substr(0, args[i].find('='));
        if (!typed.starts_with("--") || typed.size() < 4) continue;
        if (std::find(names.begin(), names.end(), typed) != names.end()) continue;
        const std::size_t most = std::min<std::size_t>(2, (typed.size() - 2) / 3);
        const std::string* best = nullptr;
        std::size_t best_distance = most + 1;
        for (const std::string& name : names) {
            const std::size_t d = text::edit_distance(typed, name);
            if (d < best_distance) {
                best = &name;
                best_distance = d;
            }
        }
        if (best) return "; did you mean " + *best + "?";
    }
    return {};
}

int parse_and_run(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err, const std::function<int()>& run) {
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    int status = 0;
    app.set_version_flag("-V,--version", version_text(app.get_name()),
                         "Print the version (and those of Xapian and ICU) and exit");
    try {
        if (const std::optional<std::string> help = help_request(app, args)) {
            out << *help;
            out.flush();
            return 0;
        }
        app.parse(static_cast<int>(argv.size()), argv.data());
        try {
            status = run();
        } catch (const Error& e) {
            status = report_error(err, app.get_name(), e.what());
        }
    } catch (const CLI::CallForHelp&) {
        out << app.help();
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << "\n";
    } catch (const CLI::ParseError& e) {
        // One line, as every other error: CLI11's own advice would be a second.
        status = report_error(err, app.get_name(),
                              std::string(e.what()) + option_suggestion(app, args) + "; run " +
                                  app.get_name() + " --help for usage");
    }
    out.flush();
    // A status of 2 has already said what went wrong; a write that failed after it adds
    // nothing the user can act on first.
    if (!out.good() && status != 2) {
        return report_error(err, app.get_name(),
                            "cannot write the results: " + output_failure(out));
    }
    return status;
}

FdOutputBuffer::FdOutputBuffer(int fd)
    : fd_(fd), line_buffered_(isatty(fd) == 1), buffer_(kOutputBufferBytes) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdOutputBuffer::~FdOutputBuffer() { write_buffer(); }

bool FdOutputBuffer::write_buffer() {
    const char* from = pbase();
    const char* const to = pptr();
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    while (error_ == 0 && from < to) {
        const ssize_t written = ::write(fd_, from, static_cast<std::size_t>(to - from));
        if (written < 0) {
            if (errno == EINTR) continue;
            error_ = errno;
        } else {
            from += written;
        }
    }
    return error_ == 0;
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type ch) {
    if (!write_buffer()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    if (line_buffered_ && traits_type::to_char_type(ch) == '\n' && !write_buffer()) {
        return traits_type::eof();
    }
    return ch;
}

std::streamsize FdOutputBuffer::xsputn(const char* s, std::streamsize n) {
    if (error_ != 0) return 0;
    std::streamsize done = 0;
    while (done < n) {
        if (pptr() == epptr() && !write_buffer()) return done;
        const std::streamsize room = epptr() - pptr();
        const std::streamsize chunk = std::min(room, n - done);
        traits_type::copy(pptr(), s + done, static_cast<std::size_t>(chunk));
        pbump(static_cast<int>(chunk));
        done += chunk;
    }
    // n == 0 may come with a null s, which memchr must not be given.
    if (line_buffered_ && n > 0 && std::memchr(s, '\n', static_cast<std::size_t>(n)) != nullptr &&
        !write_buffer()) {
        return 0;
    }
    return done;
}

int FdOutputBuffer::sync() { return write_buffer() ? 0 : -1; }

int run_program(int argc, char** argv,
                const std::function<int(const std::vector<std::string>&, std::ostream& out,
                                        std::ostream& err)>& main) {
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) hold_if_closed(fd);
    FdOutputBuffer buffer(STDOUT_FILENO);
    std::ostream out(&buffer);
    // Whatever goes to stderr comes after the results printed before it, as with std::cout.
    std::cerr.tie(&out);
    const int status = main({argv, argv + argc}, out, std::cerr);
    std::cerr.tie(nullptr);
    return status;
}

}  // namespace tpm::cli
