#include "cli/search_command.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "cli/app_runner.h"
#include "index/corpus_indexer.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "output/json_printer.h"
#include "output/text_printer.h"
#include "search/searcher.h"
#include "search/similar.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "text/printable.h"

namespace tpm::cli {

void setup_search(CLI::App& app, SearchOptions& options) {
    app.description(
        "Search TPM interview questions and your notes.\n"
        "Query syntax: words (ranked, any may match), \"a phrase\", AND, OR, NOT, -word, NEAR, "
        "word*, question:word, answer:word, why:word, id:Q26, kind:story, source:notes, "
        "file:PATH, topic:ID.");
    app.add_option("query", options.words, "Words to search for")->expected(0, -1);
    app.add_option("--index", options.index,
                   "Index folder (default: $TPMSEARCH_INDEX, else the shipped index/)");
    app.add_option("-n,--limit", options.limit,
                   "Show at most N results (default 10; all when only --topic is given)")
        ->check(CLI::Range(1, 100000));
    // One value per --topic, so `--topic security canary` keeps "canary" in the query.
    app.add_option("--topic", options.topics,
                   "Only results with this topic (repeat for any of several); without a query, "
                   "list the topic's questions in document order")
        ->allow_extra_args(false);
    app.add_option("--source", options.source,
                   "Only results from the shipped corpus or from your notes")
        ->check(CLI::IsMember({"corpus", "notes"}));
    app.add_flag("--json", options.json, "Print one JSON document (schema in README)");
    app.add_flag("--explain", options.explain,
                 "Show how the query was read and, per result, which words matched in which "
                 "field");
    app.add_flag("--no-excerpts", options.no_excerpts,
                 "Print each result's title and location only, without answer passages");
    app.add_option("--color", options.color, "Colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    CLI::App* show = app.add_subcommand("show", "Print a whole question and its answer");
    show->add_option("id", options.show_id, "Document id, e.g. Q26 or tips/1")->required();
    show->fallthrough();  // `tpmsearch show Q26 --json` as well as `tpmsearch --json show Q26`
    CLI::App* similar =
        app.add_subcommand("similar", "Find the questions and notes most like a document");
    similar->add_option("id", options.similar_id, "Document id, e.g. Q26 or tips/1")->required();
    similar->fallthrough();  // --json and -n before or after the id
    CLI::App* topics = app.add_subcommand("topics", "List the topics with how much carries each");
    topics->fallthrough();
    topics->callback([&options] { options.list_topics = true; });
    // A word past a subcommand's id falls through to the query, which the subcommand ignores:
    // `show Q1 Q2` would show Q1 alone without a word. So are words before it (`canary show
    // Q1`). Checked once parsing is done, whichever the order.
    app.callback([&options, show, similar, topics] {
        if (options.words.empty()) return;
        std::string words;
        for (const std::string& w : options.words) words += (words.empty() ? "" : " ") + w;
        for (const CLI::App* sub : {show, similar, topics}) {
            if (!sub->parsed()) continue;
            const std::string takes = sub == topics ? " takes no words" : " takes one id";
            throw CLI::ExtrasError(sub->get_name() + takes + ", not also: " + words,
                                   CLI::ExitCodes::ExtrasError);
        }
    });
}

namespace {

// `s` made safe for the terminal: the query and ids are echoed to stderr, and an escape
// sequence typed (or pasted) into them must not reach the terminal as one.
std::string shown(std::string_view s) { return text::printable(s, text::Controls::neutralise); }

// The command that repairs the default and the notes index, named in every message about them.
constexpr const char* kRebuild = "tpmindex --rebuild";

// How long a search that must (re)build the missing default index waits for another process
// that is building it: the first searches after an install may run together.
constexpr std::chrono::seconds kBuildPatience{3};

// Whether `a` and `b` name the same folder (either may not exist yet).
bool same_folder(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// An index named by --index or $TPMSEARCH_INDEX. When it is missing and is (or was) the notes
// index, the fix is to index notes into it, never the shipped corpus.
Xapian::Database open_named_index(const std::filesystem::path& dir, const Environment& env) {
    if (!index_exists(dir)) {
        const std::optional<std::vector<std::string>> roots = read_notes_registry(dir);
        if (roots && !roots->empty()) {
            throw Error(ErrorCode::index_missing, "the notes index in " + dir.string() +
                                                      " is missing (" + kRebuild + " --index " +
                                                      dir.string() +
                                                      " restores it from its registered folders)");
        }
        if (env.notes_index && same_folder(dir, *env.notes_index)) {
            throw Error(ErrorCode::index_missing,
                        "no notes index in " + dir.string() +
                            " yet (index a notes folder into it with: tpmindex FOLDER)");
        }
    }
    return open_index(dir);
}

// `message` without the fix open_index() appends ("... (rebuild it with: ...)"): said where the
// search does the rebuilding itself.
std::string without_fix(const std::string& message) {
    const std::size_t fix = message.rfind(" (");
    if (fix == std::string::npos || message.find("with: tpmindex", fix) == std::string::npos) {
        return message;
    }
    return message.substr(0, fix);
}

// The stale default index could not be refreshed: it is searched as it is, and the user told.
Xapian::Database searched_as_is(Xapian::Database db, const std::string& why, std::ostream& err) {
    err << "tpmsearch: notice: index/ is older than corpus/ and cannot be rebuilt now ("
        << shown(why) << "); searched the old index; run tpmindex to refresh it\n";
    return db;
}

void print_build_warnings(const IndexReport& report, std::ostream& err) {
    for (const Diagnostic& d : report.diagnostics) {
        err << "tpmsearch: warning: " << shown(format_diagnostic(d)) << "\n";
    }
}

// The index to search, open: --index, then $TPMSEARCH_INDEX, then the shipped index/, which is
// (re)built first when it is missing, unreadable, of another schema, or older than corpus/, so
// the very first search just works. The default index is opened once and checked on that handle.
// A search never waits for another writer of an index it can answer from: a stale index that
// cannot be refreshed now (locked, read-only, full disk) is searched as it is, with a notice. A
// missing or damaged one is rebuilt beside it and swapped in (store/index_repair.h), never
// written into.
Xapian::Database open_corpus_index(const SearchOptions& options, const Environment& env,
                                   std::ostream& err) {
    if (!options.index.empty()) return open_named_index(options.index, env);
    if (env.index_override) return open_named_index(*env.index_override, env);
    if (!env.data_root) {
        throw Error(ErrorCode::index_missing,
                    "cannot find the shipped corpus/ beside tpmsearch; name an index with "
                    "--index DIR or TPMSEARCH_INDEX");
    }
    const std::filesystem::path index = env.default_index_dir();
    std::optional<Xapian::Database> stale;
    std::string problem;
    try {
        Xapian::Database db = open_index(index, kRebuild);
        if (corpus_index_current(db, env.corpus_dir())) return db;
        stale = std::move(db);
    } catch (const Error& e) {
        problem = without_fix(e.what());  // missing, damaged or of another schema: ours to rebuild
    }
    if (stale) {
        if (index_locked(index))
            return searched_as_is(*stale, "another tpmindex is writing it", err);
        if (const std::optional<std::string> why = index_unwritable(index)) {
            return searched_as_is(*stale, *why, err);
        }
        err << "tpmsearch: building the index in index/ from corpus/ (once, after each change "
               "to corpus/)\n";
        try {
            const IndexReport report =
                build_corpus_index(env.corpus_dir(), "corpus", index, /*wait_for_lock=*/false);
            print_build_warnings(report, err);
            return open_index(index, kRebuild);
        } catch (const Error& e) {
            // Damage that opening did not show (a bad block) is repaired below; anything else
            // (another writer came first, a full disk) leaves the old index to answer from.
            const std::optional<std::string> damage = index_damage(index);
            if (!damage) return searched_as_is(*stale, e.what(), err);
            problem = "the index in index/ is damaged: " + *damage;
        }
    }
    const bool never_built = !holds_index_files(index);
    if (never_built) {
        err << "tpmsearch: building the index in index/ from corpus/ (once, after each change "
               "to corpus/)\n";
    } else {
        err << "tpmsearch: rebuilding the index in index/ from corpus/ (" << shown(problem)
            << ")\n";
    }
    try {
        const IndexReport report = rebuild_corpus_index(
            env.corpus_dir(), "corpus", index, /*wait_for_lock=*/false, {}, kBuildPatience, [&] {
                // Another search may have built it while this one waited for the lock.
                try {
                    return !corpus_index_current(open_index(index), env.corpus_dir());
                } catch (const Error&) {
                    return true;
                }
            });
        print_build_warnings(report, err);
    } catch (const Error& e) {
        throw Error(e.code(), "index/ is " + std::string(never_built ? "missing" : "damaged") +
                                  " and cannot be built now (" + e.what() + "); run " + kRebuild +
                                  " once index/ can be written, or name another "
                                  "index with --index DIR");
    }
    return open_index(index, kRebuild);
}

// What tpmsearch searches: the one index named by --index or $TPMSEARCH_INDEX, else the corpus
// index and, when the user has indexed notes, the notes index with it, as one database
// (results are told apart by their id terms, never by docids). A notes index that cannot be
// opened is a warning: the corpus is still searched. So is one that is gone while its registry
// file says folders are registered: notes never vanish silently.
Xapian::Database open_search_index(const SearchOptions& options, const Environment& env,
                                   std::ostream& err) {
    Xapian::Database db = open_corpus_index(options, env, err);
    if (!options.index.empty() || env.index_override || !env.notes_index) return db;
    const std::filesystem::path& notes = *env.notes_index;
    const std::string where = shown(notes.string());
    if (!index_exists(notes)) {
        const std::optional<std::vector<std::string>> roots = read_notes_registry(notes);
        if (roots && !roots->empty()) {
            err << "tpmsearch: warning: your notes index in " << where << " is missing ("
                << roots->size() << (roots->size() == 1 ? " folder" : " folders")
                << " registered); " << kRebuild << " restores it\n";
        }
        return db;
    }
    try {
        db.add_database(open_index(notes, kRebuild));
    } catch (const Error& e) {
        err << "tpmsearch: warning: your notes are not searched: " << shown(e.what()) << "\n";
    }
    return db;
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

TextStyle text_style(const SearchOptions& options, const Environment& env) {
    TextStyle style;
    style.color = options.color == "always" || (options.color == "auto" && env.stdout_is_tty &&
                                                !env.no_color && !env.dumb_terminal);
    style.width = env.stdout_is_tty ? env.terminal_width : 0;
    return style;
}

// `show` or `similar` of an id the index lacks: status 1 with a line on stderr, and with --json
// a JSON document saying so on stdout, so that a program reading it gets a document either way.
int no_document(const std::string& id, const SearchOptions& options, std::ostream& out,
                std::ostream& err) {
    const std::string message =
        "no document \"" + id + "\" in the index (ids look like Q26 or tips/1)";
    if (options.json) print_error_json(out, "not_found", message);
    err << "tpmsearch: " << shown(message) << "\n";
    return 1;
}

// How many of the user's note sections `show` lists under a shipped question.
constexpr std::size_t kYourNotes = 3;

int run_show(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
             const Environment& env, std::ostream& out, std::ostream& err) {
    const std::optional<Document> doc = searcher.find(options.show_id);
    if (!doc) return no_document(options.show_id, options, out, err);
    const std::optional<SourceInfo> source = searcher.source_info(doc->source);
    const SourceInfo* info = source ? &*source : nullptr;
    // Under a shipped question, the user's own note sections most like it.
    std::vector<Document> your_notes;
    if (doc->origin == Origin::corpus) {
        for (Hit& hit : find_similar(db, doc->id, kYourNotes, Origin::notes).hits) {
            your_notes.push_back(std::move(hit.doc));
        }
    }
    if (options.json) {
        print_document_json(out, *doc, info, your_notes);
    } else {
        print_document(out, *doc, text_style(options, env), info, your_notes);
    }
    return 0;
}

int run_similar(const Xapian::Database& db, const SearchOptions& options, const Environment& env,
                std::ostream& out, std::ostream& err) {
    SearchResults results;
    try {
        results = find_similar(db, options.similar_id, options.limit ? options.limit : 10);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::not_found) throw;
        return no_document(options.similar_id, options, out, err);
    }
    if (options.json) {
        print_results_json(out, results);
    } else {
        print_results(out, results, text_style(options, env));
    }
    if (results.hits.empty()) {
        err << "tpmsearch: nothing like " << shown(options.similar_id) << " in the index\n";
        return 1;
    }
    return 0;
}

int run_topics(const Searcher& searcher, const SearchOptions& options, const Environment& env,
               std::ostream& out) {
    const std::vector<TopicCount> counts = searcher.topic_counts();
    if (options.json) {
        print_topics_json(out, counts);
    } else {
        print_topics(out, counts, text_style(options, env));
    }
    return counts.empty() ? 1 : 0;
}

std::string join(const std::vector<std::string>& words) {
    std::string query;
    for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
    return query;
}

}  // namespace

int run_search(const SearchOptions& options, const Environment& env, std::ostream& out,
               std::ostream& err) {
    if (options.show_id.empty() && options.similar_id.empty() && options.words.empty() &&
        options.topics.empty() && options.source.empty() && !options.list_topics) {
        return report_error(err, "tpmsearch",
                            "no query given (try: tpmsearch \"canary rollback\", or --help)");
    }
    const Xapian::Database db = open_search_index(options, env, err);
    const Searcher searcher(db, env.dictionary, user_vocabulary(env, err),
                            env.user_vocabulary ? env.user_vocabulary->string() : std::string());
    if (!options.show_id.empty()) return run_show(db, searcher, options, env, out, err);
    if (!options.similar_id.empty()) return run_similar(db, options, env, out, err);
    if (options.list_topics) return run_topics(searcher, options, env, out);

    SearchRequest request;
    request.query = join(options.words);
    request.topics = options.topics;
    request.explain = options.explain;
    if (!options.source.empty()) {
        request.origin = options.source == "notes" ? Origin::notes : Origin::corpus;
    }
    const bool listing = options.words.empty();
    // A topic listing shows every question of the topic, compactly: no excerpts.
    request.limit = options.limit ? options.limit : listing ? 100000 : 10;
    if (listing || options.no_excerpts) request.excerpts.max_excerpts = 0;
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
                << " (spelling corrected; words the index has are never changed)\n";
        }
    }
    if (options.json) {
        print_results_json(out, results);
    } else {
        print_results(out, results, text_style(options, env));
    }
    if (results.hits.empty()) {
        std::string what = request.query;
        for (const std::string& t : request.topics)
            what += (what.empty() ? "" : " ") + ("--topic " + t);
        err << "tpmsearch: no results for: " << shown(text::clipped(what, 200)) << "\n";
        return 1;
    }
    return 0;
}

int tpmsearch_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                   std::ostream& err) {
    CLI::App app{"", "tpmsearch"};
    SearchOptions options;
    setup_search(app, options);
    return parse_and_run(app, args, out, err, [&] { return run_search(options, env, out, err); });
}

}  // namespace tpm::cli
