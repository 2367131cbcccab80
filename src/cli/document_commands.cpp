#include "cli/document_commands.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/app_runner.h"
#include "cli/open_command.h"
#include "model/error.h"
#include "output/json_printer.h"
#include "output/story_map_printer.h"
#include "output/text_printer.h"
#include "prep/story_map.h"
#include "search/similar.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

// `s` made safe for the terminal (an id typed or pasted may hold an escape sequence).
std::string printable_text(std::string_view s) {
    return text::printable(s, text::Controls::neutralise);
}

// `show` or `similar` of an id the index lacks: status 1 with a line on stderr, and with --json
// a JSON document saying so on stdout, so that a program reading it gets a document either way.
int no_document(const std::string& id, const SearchOptions& options, std::ostream& out,
                std::ostream& err) {
    const std::string message = "no document \"" + id +
                                "\" in the index (name one as Q26, tips/1, stories/x.md#slug, "
                                "PATH or PATH:LINE)";
    if (options.json) print_error_json(out, "not_found", message);
    err << "tpmsearch: " << printable_text(message) << "\n";
    return 1;
}

// How many of the user's note sections `show` lists under a shipped question.
constexpr std::size_t kYourNotes = 3;

// The working directory, which a relative PATH of `show`, `similar` and `open` starts from;
// empty (the path is then taken as written or relative to a registered folder) when it is gone.
std::filesystem::path working_directory() {
    std::error_code ec;
    std::filesystem::path cwd = std::filesystem::current_path(ec);
    return ec ? std::filesystem::path() : cwd;
}

}  // namespace

int run_show(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
             const Environment& env, std::ostream& out, std::ostream& err) {
    const std::optional<Document> doc = searcher.lookup(options.show_id, working_directory());
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
    // Under a behavioural question, the user's stories that answer it.
    std::vector<Document> your_stories;
    if (is_behavioural(*doc)) {
        for (StoryMatch& match : stories_for(db, *doc))
            your_stories.push_back(std::move(match.story));
    }
    const Pager pager = page(options, env, out);
    if (options.json) {
        print_document_json(out, *doc, info, your_notes, your_stories);
    } else {
        print_document(out, *doc, text_style(options, env), info, your_notes, your_stories);
    }
    return 0;
}

int run_similar(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                const Environment& env, std::ostream& out, std::ostream& err) {
    const std::optional<Document> doc = searcher.lookup(options.similar_id, working_directory());
    if (!doc) return no_document(options.similar_id, options, out, err);
    SearchResults results;
    try {
        SimilarRequest request;
        request.id = doc->id;
        request.limit = options.limit ? options.limit : 10;
        if (!options.origin.empty()) {
            request.origin = options.origin == "notes" ? Origin::notes : Origin::corpus;
        }
        request.topics = options.topics;
        request.excerpts = !options.no_excerpts;
        request.explain = options.explain;
        results = find_similar(db, request);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::not_found) throw;
        return no_document(options.similar_id, options, out, err);
    }
    if (results.hits.empty()) {
        if (options.json) print_results_json(out, results);
        err << "tpmsearch: nothing like " << printable_text(options.similar_id)
            << " in the index\n";
        return 1;
    }
    const Pager pager = page(options, env, out);
    if (options.json) {
        print_results_json(out, results);
    } else {
        print_results(out, results, text_style(options, env));
    }
    return 0;
}

int run_open(const Searcher& searcher, const SearchOptions& options, const Environment& env,
             std::ostream& out, std::ostream& err) {
    const std::optional<Document> doc = searcher.lookup(options.open_id, working_directory());
    if (!doc) return no_document(options.open_id, options, out, err);
    // A shipped document's source is shown relative to the data root ("corpus/...").
    std::filesystem::path file = doc->source;
    if (doc->origin == Origin::corpus && env.data_root) file = *env.data_root / file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return report_error(err, "tpmsearch",
                            file.string() + ", the file of " + doc->id +
                                ", is not there any more; run tpmindex to refresh the index");
    }
    out.flush();
    return open_in_editor(file, doc->line, env, err);
}

int run_stories(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
                const Environment& env, std::ostream& out, std::ostream& err) {
    const StoryMap map = story_map(db, searcher);
    if (map.stories.empty() && !options.json) {
        err << "tpmsearch: no stories in your notes: a story is a section that tells at least "
               "three of Situation, Task, Action and Result (as headings, bold labels, "
               "\"Situation:\" or S:/T:/A:/R: lines); index its folder with tpmindex\n";
        return 1;
    }
    const Pager pager = page(options, env, out);
    if (options.json) {
        print_story_map_json(out, map);
    } else {
        print_story_map(out, map, text_style(options, env));
    }
    return map.stories.empty() ? 1 : 0;
}

int run_topics(const Searcher& searcher, const SearchOptions& options, const Environment& env,
               std::ostream& out) {
    const std::vector<TopicCount> counts = searcher.topic_counts();
    const Pager pager = page(options, env, out);
    if (options.json) {
        print_topics_json(out, counts);
    } else {
        print_topics(out, counts, text_style(options, env));
    }
    return counts.empty() ? 1 : 0;
}

}  // namespace tpm::cli
