#include "cli/search_command.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <system_error>

#include "cli/app_runner.h"
#include "cli/configured_options.h"
#include "cli/coverage_command.h"
#include "cli/document_commands.h"
#include "cli/notes_refresh.h"
#include "cli/open_command.h"
#include "cli/pager.h"
#include "index/search_index.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "output/json_printer.h"
#include "output/line_printer.h"
#include "output/text_printer.h"
#include "prep/cheat_sheet.h"
#include "search/searcher.h"
#include "search/similar.h"
#include "text/edit_distance.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

// The commands (show, similar, open, topics), each taking the search options too.
void setup_commands(CLI::App& app, SearchOptions& options) {
    CLI::App* show = app.add_subcommand("show", "Print a whole question and its answer");
    show->add_option("id", options.show_id,
                     "Document id (Q26, tips/1, stories/x.md#slug) or a note file, PATH or "
                     "PATH:LINE (the section holding the line)")
        ->required();
    show->fallthrough();  // `tpmsearch show Q26 --json` as well as `tpmsearch --json show Q26`
    CLI::App* similar =
        app.add_subcommand("similar", "Find the questions and notes most like a document");
    similar
        ->add_option("id", options.similar_id,
                     "Document id (Q26, tips/1, stories/x.md#slug), PATH or PATH:LINE")
        ->required();
    similar->fallthrough();  // --json and -n before or after the id
    CLI::App* open = app.add_subcommand(
        "open", "Edit a document's file at its line in $VISUAL, else $EDITOR, else vi");
    open->add_option("id", options.open_id,
                     "Document id (Q26, stories/x.md#slug), PATH or PATH:LINE")
        ->required();
    open->fallthrough();
    CLI::App* topics = app.add_subcommand("topics", "List the topics with how much carries each");
    topics->fallthrough();
    topics->callback([&options] { options.list_topics = true; });
    CLI::App* coverage = app.add_subcommand(
        "coverage", "Which shipped questions your notes cover, and the gaps, weakest topic first");
    coverage->fallthrough();
    coverage->callback([&options] { options.coverage = true; });
    CLI::App* stories = app.add_subcommand(
        "stories", "Your STAR stories against the behavioural questions, and what each lacks");
    stories->fallthrough();
    stories->callback([&options] { options.stories = true; });
    // A word past a subcommand's id falls through to the query, which the subcommand ignores:
    // `show Q1 Q2` would show Q1 alone without a word. So are words before it (`canary show
    // Q1`). Checked once parsing is done, whichever the order.
    app.callback([&options, show, similar, open, topics, coverage, stories] {
        if (options.words.empty()) return;
        std::string words;
        for (const std::string& w : options.words) words += (words.empty() ? "" : " ") + w;
        for (const CLI::App* sub : {show, similar, open, topics, coverage, stories}) {
            if (!sub->parsed()) continue;
            const bool no_words = sub == topics || sub == coverage || sub == stories;
            const std::string takes = no_words ? " takes no words" : " takes one id";
            throw CLI::ExtrasError(sub->get_name() + takes + ", not also: " + words,
                                   CLI::ExitCodes::ExtrasError);
        }
    });
}

// How the output is laid out for a person: colour, width, the topic footer, the pager.
void setup_layout_options(CLI::App& app, SearchOptions& options) {
    app.add_option("--color", options.color, "Colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--width", options.width,
                   "Wrap lines at N columns, also when not writing to a terminal (0: do not "
                   "wrap; default: the terminal's width)")
        ->check(CLI::Validator(
            [](const std::string& value) -> std::string {
                const long n = std::strtol(value.c_str(), nullptr, 10);
                if (n == 0 || (n >= 20 && n <= 10000)) return {};
                return "width " + value + " is neither 0 (do not wrap) nor 20 to 10000 columns";
            },
            "0|20..10000"));
    app.add_flag("--facets", options.all_topics,
                 "List every topic of the results under them, not only those that fit two lines");
    app.add_flag("--pager,!--no-pager", options.pager,
                 "Page output longer than the screen on a terminal through $TPMSEARCH_PAGER, "
                 "else $PAGER, else less -FRX (default: on)");
}

}  // namespace

void setup_search(CLI::App& app, SearchOptions& options) {
    app.description(
        "Search TPM interview questions and your notes.\n"
        "Query syntax: words (ranked, any may match), \"a phrase\", AND, OR, NOT, -word, NEAR, "
        "word*, question:word, title:word (a question or heading), answer:word, why:word, "
        "id:Q26, kind:story, source:notes, file:PATH (a file, or a folder: absolute or relative "
        "to a registered one), topic:ID, tag:NAME (front matter tags:, #hashtags), answers:Q7 "
        "(notes that say they answer Q7).");
    // An option given twice takes its last value, so that a default from the configuration
    // (cli/configured_options.h) is overridden by the command line, as in ripgrep and git.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.add_option("query", options.words, "Words to search for")
        ->expected(0, -1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--index", options.index,
                   "Index folder (default: $TPMSEARCH_INDEX, else the shipped index/)");
    app.add_option("-n,--limit", options.limit,
                   "Show at most N results (default 10; all when only --topic is given)")
        ->check(CLI::Range(1, 100000));
    // One value per --topic, so `--topic security canary` keeps "canary" in the query.
    app.add_option("--topic", options.topics,
                   "Only results with this topic (repeat for any of several); without a query, "
                   "list the topic's questions in document order")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--source", options.origin,
                   "Only results from the shipped corpus or from your notes")
        ->check(CLI::IsMember({"corpus", "notes"}));
    app.add_flag("--json", options.json, "Print one JSON document (schema: man 5 tpmsearch-json)");
    app.add_flag("--explain", options.explain,
                 "Show how the query was read and, per result, which words matched in which "
                 "field");
    app.add_flag("--exact", options.exact,
                 "Match \"quoted phrases\" only as typed (by default \"feature flags\" also "
                 "finds \"feature flag\")");
    app.add_flag("--no-excerpts", options.no_excerpts,
                 "Print each result's title and location only, without answer passages");
    CLI::Option* files =
        app.add_flag("--files", options.files,
                     "Print each file that holds a match once, best first (like rg -l)");
    CLI::Option* lines = app.add_flag(
        "--lines", options.lines,
        "Print one line a match, \"path:line: id  title\", for scripts, editors and fzf");
    files->excludes(lines);
    for (CLI::Option* one_line : {files, lines}) one_line->excludes("--json");
    app.add_flag("--no-refresh", options.no_refresh,
                 "Search your notes index as it is, without first re-indexing the notes changed "
                 "since tpmindex ran (also TPMSEARCH_NO_REFRESH=1); changed notes are still "
                 "counted in a notice");
    setup_layout_options(app, options);
    setup_commands(app, options);
    setup_export(app, options.export_sheet);
    setup_drill(app, options.drill);
}

namespace {

// `s` made safe for the terminal: the query and ids are echoed to stderr, and an escape
// sequence typed (or pasted) into them must not reach the terminal as one.
std::string shown(std::string_view s) { return text::printable(s, text::Controls::neutralise); }

// What tpmsearch searches (index/search_index.h): --index, then $TPMSEARCH_INDEX, then the
// shipped index with the user's notes index. What happens on the way goes to stderr.
Xapian::Database open_search_index(const SearchOptions& options, const Environment& env,
                                   std::ostream& err) {
    SearchIndexLocations where;
    if (!options.index.empty()) {
        where.named = options.index;
    } else if (env.index_override) {
        where.named = *env.index_override;
    }
    where.data_root = env.data_root;
    where.notes_index = env.notes_index;
    where.cache_index = env.cache_index;
    return tpm::open_search_index(where, [&err](const SearchIndexNotice& notice) {
        err << "tpmsearch: ";
        switch (notice.kind) {
            case SearchIndexNotice::Kind::progress:
                break;
            case SearchIndexNotice::Kind::notice:
                err << "notice: ";
                break;
            case SearchIndexNotice::Kind::warning:
                err << "warning: ";
                break;
        }
        err << shown(notice.text) << "\n";
    });
}

// The user's own vocabulary pack, searched with the shipped one; its problems are warnings.
// It is read at every search (and `show`), so only its first kMaxUserVocabularyBytes.
std::vector<SynonymEntry> user_vocabulary(const Environment& env, std::ostream& err) {
    if (!env.user_vocabulary) return {};
    std::vector<Diagnostic> diagnostics;
    std::vector<SynonymEntry> entries = read_vocabulary(
        *env.user_vocabulary, env.user_vocabulary->string(), diagnostics, kMaxUserVocabularyBytes);
    for (const Diagnostic& d : diagnostics) {
        err << "tpmsearch: warning: " << shown(format_diagnostic(d)) << "\n";
    }
    return entries;
}

// The hits as the options ask: one line each for scripts, JSON, or laid out for reading.
void print_search_results(const SearchResults& results, const SearchOptions& options,
                          const Environment& env, std::ostream& out) {
    if (options.files) {
        print_files(out, results);
    } else if (options.lines) {
        print_lines(out, results);
    } else if (options.json) {
        print_results_json(out, results);
    } else {
        print_results(out, results, text_style(options, env));
    }
}

std::string join(const std::vector<std::string>& words) {
    std::string query;
    for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
    return query;
}

// A word that names a document as show, similar and open take one: Q26, tips/1, a note's id
// or path, PATH:LINE.
bool names_a_document(std::string_view word) {
    static const std::regex question("[Qq][0-9]+");
    return std::regex_match(word.begin(), word.end(), question) ||
           word.find_first_of("/#") != std::string_view::npos || word.ends_with(".md") ||
           word.ends_with(".txt");
}

// The command a query seems to have meant to be, "tpmsearch show Q26" for `tpmsearch shw Q26`:
// a first word one or two edits from show, similar or open followed by one word naming a
// document, or one word one edit from topics alone; else empty. Such a query is still searched
// (it may be one), as git runs nothing it is not sure of.
std::string meant_command(const std::vector<std::string>& words) {
    if (words.empty()) return {};
    auto near = [&words](std::string_view command) {
        const std::size_t d = text::edit_distance(words.front(), command);
        return d > 0 && d <= 2;
    };
    if (words.size() == 1 && text::edit_distance(words.front(), "topics") == 1) {
        return "tpmsearch topics";
    }
    if (words.size() != 2 || !names_a_document(words[1])) return {};
    for (const std::string_view command : {"show", "similar", "open"}) {
        if (near(command)) return "tpmsearch " + std::string(command) + " " + words[1];
    }
    return {};
}

}  // namespace

TextStyle text_style(const SearchOptions& options, const Environment& env) {
    TextStyle style;
    style.color = options.color == "always" || (options.color == "auto" && env.stdout_is_tty &&
                                                !env.no_color && !env.dumb_terminal);
    style.width = options.width >= 0  ? static_cast<std::size_t>(options.width)
                  : env.stdout_is_tty ? env.terminal_width
                                      : 0;
    style.all_topics = options.all_topics;
    return style;
}

Pager page(const SearchOptions& options, const Environment& env, std::ostream& out) {
    if (!options.pager || !env.stdout_is_tty || !env.pager) return {};
    return Pager::start(*env.pager, out);
}

int run_search(const SearchOptions& options, const Environment& env, std::ostream& out,
               std::ostream& err) {
    if (options.show_id.empty() && options.similar_id.empty() && options.open_id.empty() &&
        options.words.empty() && options.topics.empty() && options.origin.empty() &&
        !options.list_topics && !options.coverage && !options.stories &&
        !options.export_sheet.requested && !options.drill.requested) {
        return report_error(err, "tpmsearch",
                            "no query given (try: tpmsearch \"canary rollback\", or --help)");
    }
    // Notes edited since they were indexed are indexed again first (cli/notes_refresh.h),
    // unless the search reads only an index named by --index.
    const bool notes_stale =
        options.index.empty() &&
        refresh_notes_before_search(env, options.no_refresh || env.no_refresh, err);
    const Xapian::Database db = open_search_index(options, env, err);
    const Searcher searcher(db, env.dictionary, user_vocabulary(env, err),
                            env.user_vocabulary ? env.user_vocabulary->string() : std::string());
    if (!options.show_id.empty()) return run_show(db, searcher, options, env, out, err);
    if (!options.similar_id.empty()) return run_similar(db, searcher, options, env, out, err);
    if (!options.open_id.empty()) return run_open(searcher, options, env, out, err);
    if (options.list_topics) return run_topics(searcher, options, env, out);
    if (options.coverage) return run_coverage(db, searcher, options, env, out);
    if (options.stories) return run_stories(db, searcher, options, env, out, err);
    if (options.drill.requested) return run_drill(db, searcher, options, env, out, err);
    if (options.export_sheet.requested) {
        const std::vector<std::string> due = options.export_sheet.due
                                                 ? due_question_ids(searcher, options, env)
                                                 : std::vector<std::string>{};
        return run_export(CheatSheetBuilder(db, searcher), options, !notes_stale, due, env, out,
                          err);
    }

    if (const std::string meant = meant_command(options.words); !meant.empty() && !options.json) {
        err << "tpmsearch: notice: searching for the words \"" << shown(join(options.words))
            << "\"; for the command, type: " << shown(meant) << "\n";
    }
    SearchRequest request;
    request.query = join(options.words);
    request.topics = options.topics;
    request.explain = options.explain;
    request.exact_phrases = options.exact;
    // Stale notes may hold the very word the index lacks: correcting it would replace what
    // the user wrote with another word. Simplest sound rule: no correction while notes are
    // stale (a word the index does not have then just finds nothing, and the notice says why).
    request.correct_spelling = !notes_stale;
    if (!options.origin.empty()) {
        request.origin = options.origin == "notes" ? Origin::notes : Origin::corpus;
    }
    const bool listing = options.words.empty();
    // A topic listing shows every question of the topic, compactly: no excerpts.
    request.limit = options.limit ? options.limit : listing ? 100000 : 10;
    if (listing || options.no_excerpts || options.files || options.lines) {
        request.excerpts.max_excerpts = 0;
    }
    const SearchResults results = searcher.search(request);
    for (const Diagnostic& d : results.warnings) {
        err << "tpmsearch: warning: " << shown(format_diagnostic(d)) << "\n";
    }
    if (!options.json) {
        // The rescue line already names the reading it searched, corrections included.
        if (!results.rescue.empty()) {
            err << "tpmsearch: " << shown(results.rescue) << "\n";
        } else if (!results.corrected_query.empty()) {
            err << "tpmsearch: searched for: " << shown(results.corrected_query)
                << " (spelling corrected; words of the word list are never changed)\n";
        }
    }
    if (results.hits.empty()) {
        print_search_results(results, options, env, out);
        std::string what = request.query;
        for (const std::string& t : request.topics)
            what += (what.empty() ? "" : " ") + ("--topic " + t);
        err << "tpmsearch: no results for: " << shown(text::clipped(what, 200)) << "\n";
        return 1;
    }
    const Pager pager = page(options, env, out);
    print_search_results(results, options, env, out);
    return 0;
}

namespace {

// What is wrong with `args` as defaults from the configuration: a parse error, words of a
// query, a command, or an option that only prints (--help); empty when nothing is.
std::string configuration_problem(const std::vector<std::string>& args) {
    CLI::App app{"", "tpmsearch"};
    SearchOptions options;
    setup_search(app, options);
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::Success&) {
        return "--help only prints, it cannot be a default";
    } catch (const CLI::ParseError& e) {
        return e.what() + option_suggestion(app, args);
    }
    if (!options.words.empty()) return "\"" + join(options.words) + "\" is not an option";
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->parsed()) return "the command " + sub->get_name() + " cannot be a default";
    }
    return {};
}

}  // namespace

int tpmsearch_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                   std::ostream& err) {
    CLI::App app{"", "tpmsearch"};
    SearchOptions options;
    setup_search(app, options);
    // The configured defaults go first, so the command line overrides them; `help` reads
    // none, as it must stay the first argument.
    std::vector<std::string> all = args;
    if (args.size() > 1 && args[1] != "help") {
        try {
            const std::vector<std::string> defaults =
                configured_arguments(env, configuration_problem);
            all.insert(all.begin() + 1, defaults.begin(), defaults.end());
        } catch (const Error& e) {
            return report_error(err, "tpmsearch", e.what());
        }
    }
    return parse_and_run(app, all, out, err, [&] { return run_search(options, env, out, err); });
}

}  // namespace tpm::cli
