#include "prep/cheat_sheet.h"

#include <utility>

#include "search/similar.h"
#include "text/words.h"

namespace tpm {

namespace {

// A query's hits are filtered down to questions after the search, so the search asks for more
// than the sheet holds: tips and notes may outrank the questions.
constexpr std::size_t kQueryDefaultLimit = 10;
constexpr std::size_t kQuerySearchLimit = 1000;
// A topic listing without a limit holds every question of the topic.
constexpr std::size_t kListingLimit = 100000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `text` with each run of white space made one space and none at either end.
std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

CheatSheetNote note_of(const Document& doc) {
    return CheatSheetNote{doc.id, doc.title, doc.source, doc.line};
}

}  // namespace

std::string first_sentence(std::string_view text) {
    const std::string line = one_line(text);
    const std::vector<std::size_t> starts = text::sentence_starts(line);
    if (starts.size() < 2) return line;
    return one_line(std::string_view(line).substr(0, starts[1]));
}

CheatSheetLine point_line(const Point& point) {
    CheatSheetLine out{one_line(point.label), first_sentence(point.text)};
    // "Key steps include:" says nothing without the steps, which are short list items.
    if (!point.items.empty() && (out.text.empty() || out.text.back() == ':')) {
        std::vector<std::string> items;
        for (const std::string& item : point.items) {
            if (std::string line = one_line(item); !line.empty()) items.push_back(std::move(line));
        }
        out.text += (out.text.empty() ? "" : " ") + joined(items, "; ");
    }
    return out;
}

CheatSheetBuilder::CheatSheetBuilder(const Xapian::Database& db, const Searcher& searcher)
    : db_(db), searcher_(searcher) {}

CheatSheetResult CheatSheetBuilder::build(const CheatSheetRequest& request) const {
    if (request.ids) return listed(request);
    const bool listing = request.query.empty();
    const std::size_t wanted = request.limit ? request.limit
                               : listing     ? kListingLimit
                                             : kQueryDefaultLimit;
    SearchRequest search;
    search.query = request.query;
    search.topics = request.topics;
    search.origin = request.origin;
    search.correct_spelling = request.correct_spelling;
    search.exact_phrases = request.exact_phrases;
    search.limit = listing ? wanted : kQuerySearchLimit;
    search.excerpts.max_excerpts = 0;
    SearchResults results = searcher_.search(search);

    CheatSheetResult out;
    out.rescue = std::move(results.rescue);
    out.corrected_query = std::move(results.corrected_query);
    out.warnings = std::move(results.warnings);
    for (const Hit& hit : results.hits) {
        if (out.sheet.questions.size() == wanted) break;
        if (hit.related || hit.doc.kind != DocKind::question) continue;
        out.sheet.questions.push_back(question(hit.doc, request));
    }
    out.sheet.title = title(request);
    std::vector<std::string> selected;
    if (!request.query.empty()) selected.push_back("query: " + one_line(request.query));
    if (!request.topics.empty()) {
        selected.push_back((request.topics.size() == 1 ? "topic " : "topics ") +
                           joined(request.topics, ", "));
    }
    if (request.origin) {
        selected.push_back(request.origin == Origin::corpus ? "shipped questions only"
                                                            : "your questions only");
    }
    out.sheet.selection = joined(selected, "; ");
    return out;
}

CheatSheetQuestion CheatSheetBuilder::question(const Document& doc,
                                               const CheatSheetRequest& request) const {
    CheatSheetQuestion out;
    out.id = doc.id;
    out.title = one_line(doc.title);
    out.origin = doc.origin;
    out.source = doc.source;
    out.line = doc.line;
    for (const Point& point : doc.points) {
        CheatSheetLine line = point_line(point);
        if (!line.label.empty() || !line.text.empty()) out.lines.push_back(std::move(line));
    }
    if (out.lines.empty()) {
        if (std::string text = first_sentence(doc.answer); !text.empty()) {
            out.lines.push_back({"", std::move(text)});
        }
    }
    // As `show` does, only a shipped question gets the user's notes: the user's own question is
    // itself one of their notes, and its nearest notes are mostly its neighbours in the file.
    if (doc.origin == Origin::corpus && request.notes_per_question > 0) {
        for (const Hit& hit :
             find_similar(db_, doc.id, request.notes_per_question, Origin::notes).hits) {
            out.notes.push_back(note_of(hit.doc));
        }
    }
    return out;
}

// The query as typed, else the topics' names from the taxonomy ("Release engineering"), else
// which questions (--source alone).
CheatSheetResult CheatSheetBuilder::listed(const CheatSheetRequest& request) const {
    CheatSheetResult out;
    for (const std::string& id : *request.ids) {
        if (request.limit && out.sheet.questions.size() == request.limit) break;
        const std::optional<Document> doc = searcher_.find(id);
        if (doc && doc->kind == DocKind::question)
            out.sheet.questions.push_back(question(*doc, request));
    }
    out.sheet.title = "Due cards";
    out.sheet.selection = "the drill's cards due today";
    return out;
}

std::string CheatSheetBuilder::title(const CheatSheetRequest& request) const {
    if (!request.query.empty()) return one_line(request.query);
    std::vector<std::string> names;
    for (const std::string& id : request.topics) {
        const Topic* topic = searcher_.taxonomy().find(id);
        names.push_back(topic && !topic->name.empty() ? topic->name : id);
    }
    if (!names.empty()) return joined(names, ", ");
    if (!request.origin) return "All questions";
    return request.origin == Origin::notes ? "Your questions" : "Shipped questions";
}

}  // namespace tpm
