#include "search/query_planner.h"

#include "model/error.h"
#include "store/schema.h"
#include "text/normalize.h"
#include "topics/taxonomy.h"

namespace tpm {

namespace {

// Pseudo-relevance feedback for natural-language questions ("how do you handle an outage"):
// their words are often not the document's, but the best few hits are on topic, and their most
// characteristic terms find the rest. Applied only to plain queries of this many words or more;
// on shorter keyword queries it drifted away from what was typed. Measured in
// bench/RELEVANCE.md.
constexpr std::size_t kFeedbackMinWords = 4;

// When a query matches fewer documents than this, the page is completed with up to
// kMaxRelated related ones. "strangler fig" is found only in the legacy-systems question; the
// other technical-debt questions and the migration question follow it, marked as related.
// Measured in bench/RELEVANCE.md.
constexpr std::size_t kFewMatches = 5;
constexpr std::size_t kMaxRelated = 5;

bool is_blank(const std::string& text) {
    return text.find_first_not_of(" \t") == std::string::npos;
}

// The line that says how a rescue reading read the query.
std::string describe_rescue(Reading reading, const std::string& parsed_text) {
    if (reading == Reading::any_word_respelled) {
        return "nothing matched; showing results for: " + parsed_text + " (spelling corrected)";
    }
    return "nothing matched the query as written; showing results for any of its words: " +
           parsed_text;
}

}  // namespace

Xapian::Query QueryPlan::filtered(Xapian::Query query) const {
    for (const Xapian::Query& filter : filters) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    }
    return query;
}

QueryPlanner::QueryPlanner(const Xapian::Database& db, QueryContext context)
    : db_(db), context_(context) {}

Xapian::Query QueryPlanner::request_filter(const SearchRequest& request) const {
    std::vector<Xapian::Query> wanted;
    for (const std::string& name : request.topics) {
        const std::string id =
            context_.taxonomy ? resolve_topic(*context_.taxonomy, name) : text::fold(name);
        wanted.emplace_back(std::string(schema::kPrefixTopic) + id);
    }
    Xapian::Query filter(Xapian::Query::OP_OR, wanted.begin(), wanted.end());
    if (request.origin) {
        const Xapian::Query origin(std::string(schema::kPrefixOrigin) + to_string(*request.origin));
        filter = filter.empty() ? origin : Xapian::Query(Xapian::Query::OP_FILTER, filter, origin);
    }
    return filter;
}

QueryPlan QueryPlanner::plan(const SearchRequest& request) const {
    return plan_reading(request, Reading::as_written);
}

std::optional<QueryPlan> QueryPlanner::rescue(const SearchRequest& request, Reading reading) const {
    if (reading == Reading::any_word_respelled && !request.correct_spelling) return std::nullopt;
    try {
        QueryPlan plan = plan_reading(request, reading);
        plan.rescue_note = describe_rescue(reading, plan.parsed_text);
        return plan;
    } catch (const Error& e) {
        // Relaxed to nothing at all ("-word" alone). Anything else (a damaged index met while
        // respelling) is reported as it would be outside the ladder.
        if (e.code() != ErrorCode::bad_query) throw;
        return std::nullopt;
    }
}

QueryPlan QueryPlanner::plan_reading(const SearchRequest& request, Reading reading) const {
    QueryPlan plan;
    plan.reading = reading;
    const Xapian::Query from_request = request_filter(request);
    if (is_blank(request.query) && !from_request.empty()) {
        plan.ranked = Xapian::Query::MatchAll;
        plan.filters.push_back(from_request);
        plan.listing = true;
        return plan;
    }
    QueryContext context = context_;
    context.exact_phrases = request.exact_phrases;
    if (!request.correct_spelling) context.dictionary = nullptr;
    BuiltQuery built = QueryBuilder(db_, context).build(request.query, reading);
    plan.ranked = std::move(built.query);
    if (!built.filter.empty()) plan.filters.push_back(std::move(built.filter));
    if (!from_request.empty()) plan.filters.push_back(from_request);
    plan.feedback = built.plain_words >= kFeedbackMinWords;
    // Only for words: a query of filters alone ("kind:story") lists exactly what it asks for.
    const bool has_words =
        !built.terms.words.empty() || !built.terms.stems.empty() || !built.terms.prefixes.empty();
    if (has_words && request.offset == 0) plan.related = {kMaxRelated, kFewMatches};
    plan.terms = std::move(built.terms);
    plan.corrected = std::move(built.corrected);
    plan.parsed_text = std::move(built.parsed_text);
    plan.expansions = std::move(built.expansions);
    plan.parts = std::move(built.parts);
    plan.warnings = std::move(built.warnings);
    return plan;
}

}  // namespace tpm
