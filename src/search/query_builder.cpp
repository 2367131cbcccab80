#include "search/query_builder.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

#include "model/error.h"
#include "search/stopwords.h"
#include "search/word_list.h"
#include "store/schema.h"
#include "text/normalize.h"
#include "topics/taxonomy.h"

namespace tpm {

namespace {

bool is_operator(std::string_view token) {
    // Plain comparisons, not std::regex: compiling one costs more than the rest of a search.
    if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR") return true;
    for (const std::string_view op : {"NEAR", "ADJ"}) {
        if (!token.starts_with(op)) continue;
        const std::string_view rest = token.substr(op.size());
        if (rest.empty()) return true;
        return rest.size() > 1 && rest[0] == '/' &&
               std::all_of(rest.begin() + 1, rest.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    }
    return false;
}

[[noreturn]] void bad_query(std::string_view text, const std::string& reason) {
    throw Error(ErrorCode::bad_query, reason + " in query: " + std::string(text));
}

// Xapian accepts unbalanced quotes and brackets silently and searches for something else than
// the user meant; say so instead.
void check_balance(std::string_view text) {
    std::size_t quotes = 0;
    int depth = 0;
    bool in_phrase = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // U+201C and U+201D, the curly quotes Xapian also treats as phrase delimiters.
        const bool curly =
            text.compare(i, 3, "\xE2\x80\x9C") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0;
        if (c == '"' || curly) {
            ++quotes;
            in_phrase = !in_phrase;
        } else if (!in_phrase && c == '(') {
            ++depth;
        } else if (!in_phrase && c == ')') {
            if (--depth < 0) bad_query(text, "unbalanced parenthesis: ')' without '('");
        }
    }
    if (quotes % 2 != 0) bad_query(text, "unbalanced quote: a phrase is opened but not closed");
    if (depth > 0) bad_query(text, "unbalanced parenthesis: '(' without ')'");
}

// "Syntax: <expression> AND <expression>" reads better as "AND needs a word on each side".
std::string explain_parser_error(const Xapian::QueryParserError& e) {
    static const std::regex binary("<expression> ([A-Z/0-9]+) <expression>");
    const std::string msg = e.get_msg();
    std::smatch m;
    if (std::regex_search(msg, m, binary)) return m[1].str() + " needs a word on each side";
    return "cannot parse (" + msg + ")";
}

void add_term(const std::string& term, QueryTerms& out) {
    for (const auto& f : schema::kBooleanFields) {
        if (term.starts_with(f.prefix)) return;
    }
    // Indexed text is folded to lower case, so the prefix is the leading upper-case run; a 'Z'
    // at its start marks a stem.
    const auto word_start =
        std::find_if(term.begin(), term.end(), [](char c) { return !(c >= 'A' && c <= 'Z'); });
    const std::string word(word_start, term.end());
    if (word.empty()) return;
    if (term[0] == 'Z') {
        out.stems.push_back(word);
    } else {
        out.words.push_back(word);
    }
}

QueryTerms collect_terms(const Xapian::Query& query, const std::string& folded) {
    QueryTerms terms;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        add_term(*t, terms);
    }
    // Wildcards are expanded at match time, so the query holds only their pattern.
    // "roll*", "(answer:roll*": the run of word characters before each '*'.
    for (std::size_t star = folded.find('*'); star != std::string::npos;
         star = folded.find('*', star + 1)) {
        std::size_t start = star;
        while (start > 0 &&
               std::string_view(" \"()*:").find(folded[start - 1]) == std::string_view::npos) {
            --start;
        }
        if (start < star) terms.prefixes.push_back(folded.substr(start, star - start));
    }
    return terms;
}

// "id:q26", "(kind:tip", "topic:Reliability": a filter value is matched exactly, so it is not
// folded; ids are made canonical and topic names resolved to ids.
std::optional<std::string> boolean_filter(std::string_view token, const Taxonomy* taxonomy) {
    const std::size_t start = token.find_first_not_of("(-+");
    if (start == std::string_view::npos) return std::nullopt;
    for (const auto& f : schema::kBooleanFields) {
        const std::string name = std::string(f.name) + ":";
        if (!token.substr(start).starts_with(name)) continue;
        std::string_view value = token.substr(start + name.size());
        std::string closing;
        while (!value.empty() && value.back() == ')') {
            closing += ')';
            value.remove_suffix(1);
        }
        std::string out(token.substr(0, start + name.size()));
        if (f.prefix == schema::kPrefixId) {
            out += schema::canonical_id(value);
        } else if (f.prefix == schema::kPrefixTopic && !value.empty()) {
            out += taxonomy ? resolve_topic(*taxonomy, value) : text::fold(value);
        } else {
            out += value;
        }
        return out + closing;
    }
    return std::nullopt;
}

// Short words have too many neighbours one or two edits away ("k8s" is two from "kpis"), and
// words with digits or punctuation are names and acronyms, not misspellings.
constexpr std::size_t kMinCorrectableLength = 4;
constexpr std::size_t kTwoEditsFromLength = 7;

bool correctable(std::string_view token) {
    return token.size() >= kMinCorrectableLength &&
           std::all_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Replaces each unknown plain word of the folded query by the index's spelling suggestion.
// Returns the corrected query, or "" when no word was replaced.
std::string correct_spelling(const Xapian::Database& db, const WordList& dictionary,
                             const std::string& folded) {
    const Xapian::Stem stem(schema::kStemLanguage);
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', i), folded.size());
        std::string token = folded.substr(i, end - i);
        if (correctable(token) && db.get_termfreq(token) == 0 &&
            db.get_termfreq("Z" + stem(token)) == 0 && !dictionary.contains(token)) {
            const unsigned edits = token.size() >= kTwoEditsFromLength ? 2 : 1;
            std::string suggestion = db.get_spelling_suggestion(token, edits);
            if (!suggestion.empty()) {
                token = std::move(suggestion);
                changed = true;
            }
        }
        out += token;
        if (end < folded.size()) out += ' ';
        i = end + 1;
    }
    return changed ? out : std::string();
}

}  // namespace

std::string resolve_topic(const Taxonomy& taxonomy, std::string_view name) {
    if (const Topic* topic = taxonomy.find(name)) return topic->id;
    std::string message = "unknown topic \"" + std::string(name) + "\"";
    const std::vector<std::string> near = taxonomy.nearest(name);
    for (std::size_t i = 0; i < near.size(); ++i) {
        message += (i == 0 ? " (did you mean: " : ", ") + near[i];
    }
    if (!near.empty()) message += "?)";
    throw Error(ErrorCode::bad_query, message + "; tpmsearch topics lists them all");
}

std::string fold_query(std::string_view text, const Taxonomy* taxonomy) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = std::min(text.find(' ', i), text.size());
        const std::string_view token = text.substr(i, end - i);
        if (is_operator(token)) {
            out += token;
        } else if (auto filter = boolean_filter(token, taxonomy)) {
            out += *filter;
        } else {
            out += text::fold(token);
        }
        if (end < text.size()) out += ' ';
        i = end + 1;
    }
    return out;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const WordList* dictionary,
                           const Taxonomy* taxonomy)
    : db_(db), dictionary_(dictionary), taxonomy_(taxonomy) {}

BuiltQuery QueryBuilder::build(std::string_view text) const {
    if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; })) {
        throw Error(ErrorCode::bad_query, "empty query");
    }
    check_balance(text);
    std::string folded = fold_query(text, taxonomy_);
    BuiltQuery built;
    if (dictionary_) built.corrected = correct_spelling(db_, *dictionary_, folded);
    if (!built.corrected.empty()) folded = built.corrected;

    Xapian::QueryParser qp;
    qp.set_database(db_);
    qp.set_stemmer(Xapian::Stem(schema::kStemLanguage));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&english_stopper());
    qp.set_default_op(Xapian::Query::OP_OR);
    // A wildcard such as "a*" could otherwise expand to most of the vocabulary.
    qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const auto& f : schema::kTextFields) qp.add_prefix(f.name, std::string(f.prefix));
    for (const auto& f : schema::kBooleanFields) {
        qp.add_boolean_prefix(f.name, std::string(f.prefix));
    }
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query in_question;
    try {
        built.matching = qp.parse_query(folded, flags);
        // The same query again on the question field alone: a short field with its own length
        // normalisation, so words of the question outweigh the same words deep in an answer.
        // AND_MAYBE only adds weight to what the query matches, so -word still excludes.
        in_question = qp.parse_query(folded, flags, std::string(schema::kPrefixQuestion));
    } catch (const Xapian::QueryParserError& e) {
        bad_query(text, explain_parser_error(e));
    } catch (const Xapian::Error& e) {
        bad_query(text, "cannot parse (" + e.get_msg() + ")");
    }
    if (built.matching.empty()) bad_query(text, "nothing to search for");
    built.terms = collect_terms(built.matching, folded);
    built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.matching, in_question);
    return built;
}

}  // namespace tpm
