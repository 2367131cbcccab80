#include "cli/export_command.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app_runner.h"
#include "cli/search_command.h"
#include "index/notes_indexer.h"
#include "model/error.h"
#include "output/cheat_sheet.h"
#include "prep/cheat_sheet.h"
#include "prep/export_file.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

std::string shown(std::string_view s) { return text::printable(s, text::Controls::neutralise); }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// HTML when asked for, or when the file is named so; else Markdown.
bool wants_html(const ExportOptions& options) {
    if (!options.format.empty()) return options.format == "html";
    const std::string extension = lower(std::filesystem::path(options.output).extension());
    return extension == ".html" || extension == ".htm";
}

// What is wrong with the options for an export, or empty.
std::string usage_problem(const SearchOptions& options) {
    if (options.json || options.files || options.lines || options.explain) {
        return "export prints a cheat sheet as Markdown or HTML (--format html); --json, --files, "
               "--lines and --explain are options of a search";
    }
    if (options.words.empty() && options.topics.empty() && options.origin.empty() &&
        !options.export_sheet.due) {
        return "export needs a topic or words (try: tpmsearch export --topic "
               "release-engineering, or tpmsearch export canary rollback)";
    }
    return {};
}

// The registered notes folder -o would write into, or nothing.
std::optional<std::string> notes_folder_of_output(const ExportOptions& options,
                                                  const Environment& env) {
    if (options.output.empty() || !env.notes_index) return std::nullopt;
    const std::optional<std::vector<std::string>> roots = registered_notes_roots(*env.notes_index);
    if (!roots) return std::nullopt;
    return notes_folder_holding(options.output, *roots);
}

CheatSheetRequest request_of(const SearchOptions& options, bool correct_spelling) {
    CheatSheetRequest request;
    for (const std::string& w : options.words) {
        request.query += (request.query.empty() ? "" : " ") + w;
    }
    request.topics = options.topics;
    request.limit = options.limit;
    if (!options.origin.empty()) {
        request.origin = options.origin == "notes" ? Origin::notes : Origin::corpus;
    }
    request.exact_phrases = options.exact;
    request.correct_spelling = correct_spelling;
    return request;
}

// What the search has to say about how it read the query, as a search says it.
void report_reading(const CheatSheetResult& result, std::ostream& err) {
    for (const Diagnostic& d : result.warnings) {
        err << "tpmsearch: warning: " << shown(format_diagnostic(d)) << "\n";
    }
    if (!result.rescue.empty()) {
        err << "tpmsearch: " << shown(result.rescue) << "\n";
    } else if (!result.corrected_query.empty()) {
        err << "tpmsearch: searched for: " << shown(result.corrected_query)
            << " (spelling corrected; words of the word list are never changed)\n";
    }
}

std::string nothing_matched(const CheatSheetRequest& request) {
    std::string what = request.query;
    for (const std::string& t : request.topics) {
        what += (what.empty() ? "" : " ") + ("--topic " + t);
    }
    return "tpmsearch: no questions for: " + shown(text::clipped(what, 200)) + "\n";
}

}  // namespace

void setup_export(CLI::App& app, ExportOptions& options) {
    CLI::App* command = app.add_subcommand(
        "export", "Print a cheat sheet of a topic or a query, as Markdown or a printable page");
    command
        ->add_option("-o,--output", options.output,
                     "Write the sheet to FILE (replaced whole, never inside a notes folder) "
                     "instead of stdout")
        ->type_name("FILE");
    command
        ->add_option("--format", options.format,
                     "markdown or html (default: html for a FILE ending in .html, else markdown)")
        ->check(CLI::IsMember({"markdown", "html"}))
        ->type_name("FORMAT");
    command->add_flag("--due", options.due,
                      "The questions the drill has due today (with words, --topic and --source "
                      "narrowing them)");
    command->add_option("--paper", options.paper, "Page size of the HTML sheet: a4 or letter")
        ->check(CLI::IsMember({"a4", "letter"}))
        ->type_name("PAPER")
        ->capture_default_str();
    command->footer(
        "The sheet holds the questions of the topics (--topic ID, repeatable; in document "
        "order) or of a query (its words; best first, 10 unless -n says), shipped and your own "
        "(--source narrows), each with one line a point (its label and first sentence) and "
        "the notes of yours most like it. Text from notes is escaped, never interpreted.\n\n"
        "Examples:\n"
        "  tpmsearch export --topic release-engineering -o release.html\n"
        "  tpmsearch export --topic behavioural --source notes > mine.md\n"
        "  tpmsearch export canary rollback -n 5 --format html --paper letter > canary.html");
    command->fallthrough();  // --topic, --source, -n and the words before or after `export`
    command->callback([&options] { options.requested = true; });
}

int run_export(const CheatSheetBuilder& builder, const SearchOptions& options,
               bool correct_spelling, const std::vector<std::string>& due, const Environment& env,
               std::ostream& out, std::ostream& err) {
    const ExportOptions& how = options.export_sheet;
    if (const std::string problem = usage_problem(options); !problem.empty()) {
        return report_error(err, "tpmsearch", problem);
    }
    if (const std::optional<std::string> folder = notes_folder_of_output(how, env)) {
        return report_error(err, "tpmsearch",
                            "will not write " + shown(how.output) +
                                ": it is in your notes folder " + shown(*folder) +
                                " (write the sheet elsewhere)");
    }
    if (how.due && due.empty()) {
        err << "tpmsearch: nothing is due in the drill today (tpmsearch drill --due lists what "
               "is)\n";
        return 1;
    }
    CheatSheetRequest request = request_of(options, correct_spelling);
    if (how.due) request.ids = due;
    const CheatSheetResult result = builder.build(request);
    report_reading(result, err);
    if (result.sheet.questions.empty()) {
        err << nothing_matched(request);
        return 1;
    }
    std::ostringstream sheet;
    if (wants_html(how)) {
        print_cheat_sheet_html(sheet, result.sheet,
                               how.paper == "letter" ? Paper::letter : Paper::a4);
    } else {
        print_cheat_sheet_markdown(sheet, result.sheet);
    }
    if (how.output.empty()) {
        out << sheet.str();
        return 0;
    }
    write_file_atomically(how.output, sheet.str());
    const std::size_t n = result.sheet.questions.size();
    err << "tpmsearch: wrote " << n << (n == 1 ? " question to " : " questions to ")
        << shown(how.output) << "\n";
    return 0;
}

}  // namespace tpm::cli
