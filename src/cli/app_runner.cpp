#include "cli/app_runner.h"

#include "model/error.h"
#include "text/printable.h"

namespace tpm::cli {

// Error messages quote the query and other input (CLI11 names the bad value), so they are
// neutralised like any other text bound for the terminal.
int report_error(std::ostream& err, const std::string& program, const std::string& message) {
    err << program << ": error: " << text::printable(message, text::Controls::neutralise) << "\n";
    return 2;
}

int parse_and_run(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err, const std::function<int()>& run) {
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        report_error(err, app.get_name(), e.what());
        err << "Run with --help for usage.\n";
        return 2;
    }
    try {
        return run();
    } catch (const Error& e) {
        return report_error(err, app.get_name(), e.what());
    }
}

}  // namespace tpm::cli
