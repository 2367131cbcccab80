#include "cli/configured_options.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

#include "model/error.h"

namespace tpm::cli {

namespace {

constexpr std::size_t kMaxConfigBytes = 64 * 1024;
constexpr std::string_view kSpace = " \t\r";

std::string_view trimmed(std::string_view s) {
    const std::size_t begin = s.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

[[noreturn]] void bad_config(const std::string& where, const std::string& what) {
    throw Error(ErrorCode::bad_config, where + ": " + what);
}

// The whole file, or nothing when there is none.
std::string config_text(const std::filesystem::path& file) {
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(file, ec);
    if (status.type() == std::filesystem::file_type::not_found) return {};
    // A character device is read too, so that TPMSEARCH_CONFIG=/dev/null means none; a fifo
    // could leave the search waiting.
    if (ec || (!std::filesystem::is_regular_file(status) &&
               !std::filesystem::is_character_file(status))) {
        bad_config(file.string(), "cannot read the configuration: not a regular file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        bad_config(file.string(),
                   std::string("cannot read the configuration: ") + std::strerror(errno));
    std::string text(kMaxConfigBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxConfigBytes) {
        bad_config(file.string(), "the configuration is larger than 64 KiB; is it the right file?");
    }
    return text;
}

// One line of the file as arguments: "--limit 5" and "--limit=5" are the option and its
// value (which may hold spaces, a path's), "--no-pager" the option alone.
std::vector<std::string> line_arguments(std::string_view line) {
    const std::size_t end = line.find_first_of(" \t=");
    if (end == std::string_view::npos) return {std::string(line)};
    return {std::string(line.substr(0, end)), std::string(trimmed(line.substr(end + 1)))};
}

void check_arguments(const std::string& where, std::vector<std::string> args,
                     const ArgumentCheck& check) {
    // "--" would make every option of the command line a word of the query.
    for (const std::string& arg : args) {
        if (arg == "--") bad_config(where, "\"--\" cannot be a default");
    }
    args.insert(args.begin(), "tpmsearch");
    if (const std::string problem = check(args); !problem.empty()) bad_config(where, problem);
}

}  // namespace

std::vector<std::string> configured_arguments(const Environment& env, const ArgumentCheck& check) {
    std::vector<std::string> out;
    if (env.config_file) {
        const std::string where = env.config_file->string();
        std::istringstream lines(config_text(*env.config_file));
        std::size_t number = 0;
        for (std::string raw; std::getline(lines, raw);) {
            ++number;
            const std::string_view line = trimmed(raw);
            if (line.empty() || line.front() == '#') continue;
            const std::string at = where + ":" + std::to_string(number);
            if (line.front() != '-') {
                bad_config(at, "\"" + std::string(line) +
                                   "\" is not an option; a line holds one option as on the "
                                   "command line, e.g. --limit 5");
            }
            std::vector<std::string> args = line_arguments(line);
            check_arguments(at, args, check);
            for (std::string& arg : args) out.push_back(std::move(arg));
        }
    }
    std::vector<std::string> variable;
    std::istringstream words(env.options_variable);
    for (std::string word; words >> word;) variable.push_back(word);
    if (!variable.empty()) {
        if (variable.front().front() != '-') {
            bad_config("TPMSEARCH_OPTS",
                       "\"" + variable.front() + "\" is not an option; it holds options only");
        }
        check_arguments("TPMSEARCH_OPTS", variable, check);
        for (std::string& arg : variable) out.push_back(std::move(arg));
    }
    return out;
}

}  // namespace tpm::cli
