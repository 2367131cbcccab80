#include "search/query_builder.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

#include "model/document.h"
#include "model/error.h"
#include "search/phrase_forms.h"
#include "search/query_checks.h"
#include "search/query_expansion.h"
#include "search/question_frames.h"
#include "search/stopwords.h"
#include "search/synonyms.h"
#include "search/word_list.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "text/ascii.h"
#include "text/normalize.h"
#include "text/printable.h"
#include "text/words.h"
#include "topics/taxonomy.h"

namespace tpm {

namespace {

using detail::bad_query;
using detail::check_balance;
using detail::check_fields;
using detail::check_size;
using detail::kind_value;

bool is_operator(std::string_view token) {
    // Plain comparisons, not std::regex: compiling one costs more than the rest of a search.
    if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR") return true;
    for (const std::string_view op : {"NEAR", "ADJ"}) {
        if (!token.starts_with(op)) continue;
        const std::string_view rest = token.substr(op.size());
        if (rest.empty()) return true;
        return rest.size() > 1 && rest[0] == '/' &&
               std::all_of(rest.begin() + 1, rest.end(),
                           [](char c) { return text::is_ascii_digit(c); });
    }
    return false;
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
    if (schema::is_boolean_term(term)) return;
    const schema::TextTerm parts = schema::split_text_term(term);
    std::string word(parts.word);
    if (word.empty()) return;
    if (parts.stemmed) {
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
        } else if (f.prefix == schema::kPrefixAnswers) {
            out += schema::answers_term(schema::canonical_id(value)).substr(f.prefix.size());
        } else if (f.prefix == schema::kPrefixTopic && !value.empty()) {
            out += taxonomy ? resolve_topic(*taxonomy, value) : text::fold(value);
        } else if (f.prefix == schema::kPrefixOrigin) {
            const std::string origin = text::fold(value);
            if (origin != "corpus" && origin != "notes") {
                throw Error(ErrorCode::bad_query, "unknown source \"" + std::string(value) +
                                                      "\"; it is corpus or notes (file:PATH "
                                                      "names one file)");
            }
            out += origin;
        } else if (f.prefix == schema::kPrefixKind && !value.empty()) {
            out += kind_value(value);
        } else {
            out += value;
        }
        return out + closing;
    }
    return std::nullopt;
}

// Short words have too many neighbours one or two edits away ("k8s" is two from "kpis"; "pics"
// and "docs" are informal forms, not typos of "pick" and "does"), and
// words with digits or punctuation are names and acronyms, not misspellings.
constexpr std::size_t kMinCorrectableLength = 5;
constexpr std::size_t kTwoEditsFromLength = 7;

bool correctable(std::string_view token) {
    return token.size() >= kMinCorrectableLength &&
           std::all_of(token.begin(), token.end(), [](char c) { return text::is_ascii_lower(c); });
}

// A word the index holds in at most kRareWordDocuments documents, while a word one or two edits
// away is in kTypoEvidence times as many, is likely a typo too: the user's own notes have their
// typos ("priortization" once in a scratch file), and that one copy must not switch correction
// off. The word is kept, so the note that has it is still found, and its likely spelling is
// searched beside it.
constexpr Xapian::doccount kRareWordDocuments = 2;
constexpr Xapian::doccount kTypoEvidence = 5;

// Corrects each plain word of the folded query that is not in `dictionary` (when given): a word
// the index lacks is replaced by the index's spelling suggestion, and a rare one (above) gets
// the suggestion beside it. Returns the corrected query, or "" when no word was corrected.
std::string correct_spelling(const Xapian::Database& db, const WordList* dictionary,
                             const std::string& folded) {
    const Xapian::Stem stem = index_stemmer();
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', i), folded.size());
        std::string token = folded.substr(i, end - i);
        const Xapian::doccount held =
            correctable(token)
                ? std::max(db.get_termfreq(token), db.get_termfreq(schema::stem_term(stem(token))))
                : kRareWordDocuments + 1;
        if (held <= kRareWordDocuments) {
            const unsigned edits = token.size() >= kTwoEditsFromLength ? 2 : 1;
            std::string suggestion = db.get_spelling_suggestion(token, edits);
            const bool replace = held == 0 && !suggestion.empty();
            const bool add = held > 0 && !suggestion.empty() && suggestion != token &&
                             db.get_termfreq(suggestion) >= kTypoEvidence * held;
            // The word list is read last: reading it costs more than the rest of a search, and
            // most rare words ("canary" in two answers) have no suggestion to weigh.
            if ((replace || add) && !(dictionary && dictionary->contains(token))) {
                token = replace ? std::move(suggestion) : token + " " + suggestion;
                changed = true;
            }
        }
        out += token;
        if (end < folded.size()) out += ' ';
        i = end + 1;
    }
    return changed ? out : std::string();
}

// How much a note heading's words count in the question-field query, next to a shipped
// question's. A shipped question names exactly what its answer is about; a note heading is
// weaker evidence: many sections share one ("Interview prep", a thread's title over each of its
// answers), and one wrong family of headings filled the first page. 0.5 and 0.25 measured on
// every collection (bench/RELEVANCE.md, E5): no change on the shipped set, more found on both
// external collections; 0.25 lost MRR on StackFAQ.
constexpr double kNoteHeadingWeight = 0.5;

// How much a shipped question's paraphrases (corpus/paraphrases.txt) count next to its own text.
// They widen what finds a question, for queries worded otherwise, and must not outweigh an
// answer that says what was asked. 0, 0.3, 0.5 and 1 measured (bench/RELEVANCE.md, E7).
constexpr double kParaphraseWeight = 0.3;

// Each wildcard expands to up to this many terms (see kMaxQueryWildcards in query_checks.h).
constexpr Xapian::termcount kMaxWildcardTerms = 200;

constexpr unsigned kParserFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;

// file:PATH: the file of that path, or every file under the folder of that path (absolute, or
// relative to a registered folder: schema::folder_terms()). The index names a path too long
// for a term by a hash of it, so the query's terms are made the same way.
class FileFilter : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& path) override {
        std::string_view folder = path;
        while (folder.starts_with("./")) folder.remove_prefix(2);
        while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::source_term(path)),
                             Xapian::Query(schema::folder_term(folder)));
    }
};

// tag:NAME, folded as the index folds tags (schema::tag_term()).
class TagFilter : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& tag) override {
        const std::string term = schema::tag_term(tag);
        return term.empty() ? Xapian::Query::MatchNothing : Xapian::Query(term);
    }
};

Xapian::QueryParser make_parser(const Xapian::Database& db) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(index_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&english_stopper());
    qp.set_default_op(Xapian::Query::OP_OR);
    // A wildcard such as "a*" could otherwise expand to most of the vocabulary.
    qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const auto& f : schema::kTextFields) qp.add_prefix(f.name, std::string(f.prefix));
    for (const auto& f : schema::kBooleanFields) {
        if (f.prefix == schema::kPrefixSource) {
            // The parser owns the processor once release() hands it over (reference counted).
            qp.add_boolean_prefix(f.name, (new FileFilter)->release());
        } else if (f.prefix == schema::kPrefixTag) {
            qp.add_boolean_prefix(f.name, (new TagFilter)->release());
        } else {
            qp.add_boolean_prefix(f.name, std::string(f.prefix));
        }
    }
    return qp;
}

// Whether any document of `db` has paraphrases: an index of notes alone, or of a corpus without
// a paraphrase pack, gets no paraphrase query to run.
bool has_paraphrases(const Xapian::Database& db) {
    const std::string prefix = schema::stem_term("", schema::kPrefixParaphrase);
    return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

// A query that is only words, OR'ed, plus any filters (id:, kind:, source:, file:, topic:).
struct PlainQuery {
    std::string words;
    std::string filters;
};

// Splits a plain query into its words and its filters; nothing for a query with operators,
// phrases, fields or wildcards. Only a plain query is expanded, because adding alternatives to
// "a NOT b" or "a AND b" would change what it means. Its words are expanded and ranked, then
// the filters restrict the whole, so a filtered query ranks what it keeps exactly as the
// unfiltered one does.
std::optional<PlainQuery> split_plain(std::string_view folded) {
    PlainQuery plain;
    std::size_t i = 0;
    while (i < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', i), folded.size());
        const std::string_view token = folded.substr(i, end - i);
        i = end + 1;
        if (token.empty()) continue;
        std::string& into =
            boolean_filter(token, nullptr) && !token.starts_with('-') ? plain.filters : plain.words;
        if (&into == &plain.words && (token.find_first_of("\"()*:+") != std::string_view::npos ||
                                      is_operator(token) || token.starts_with('-'))) {
            return std::nullopt;
        }
        into += (into.empty() ? "" : " ") + std::string(token);
    }
    return plain;
}

// A query as Xapian's parser reads it, before the vocabulary and the taxonomy add to it.
struct ParsedQuery {
    Xapian::Query matching;     // BuiltQuery::matching
    Xapian::Query in_question;  // the same words in the question field, to weigh them up
    // A plain query's words in the paraphrase field: found there, a question is a match.
    Xapian::Query in_paraphrase;
    Xapian::Query filter;  // BuiltQuery::filter
    std::string asked;     // a plain query's words without their frame (FramedWords::asked)
};

// The words of a plain query parsed in the field `prefix` ("" for all text): what they ask
// about at full weight, the words that frame the question at kFrameWeight.
Xapian::Query parse_framed(Xapian::QueryParser& qp, const FramedWords& words,
                           const std::string& prefix) {
    Xapian::Query asked = qp.parse_query(words.asked, kParserFlags, prefix);
    if (meaningful_words(words.frame) == 0) return asked;
    return Xapian::Query(
        Xapian::Query::OP_OR, asked,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      qp.parse_query(words.frame, kParserFlags, prefix), kFrameWeight));
}

// Parses `folded` (the query `text` as folded); a plain query with filters is parsed in two
// parts, so that the vocabulary's alternatives are added to its words and the filters then
// restrict both. Throws tpm::Error(bad_query) naming what is wrong.
ParsedQuery parse(const Xapian::Database& db, std::string_view text, const std::string& folded,
                  const std::optional<PlainQuery>& plain, bool exact_phrases) {
    Xapian::QueryParser qp = make_parser(db);
    const bool split = plain && !plain->words.empty() && !plain->filters.empty();
    const std::string& words = split ? plain->words : folded;
    // Only a plain query's words are told apart from their frame: in "a NOT b" every word is
    // the user's instruction.
    const FramedWords framed =
        plain && !plain->words.empty() ? split_frame(words) : FramedWords{words, {}};
    ParsedQuery parsed;
    parsed.asked = framed.asked;
    try {
        parsed.matching = parse_framed(qp, framed, "");
        // The same query again on the question field alone: a short field with its own length
        // normalisation, so words of the question outweigh the same words deep in an answer.
        // AND_MAYBE only adds weight to what the query matches, so -word still excludes.
        parsed.in_question = parse_framed(qp, framed, std::string(schema::kPrefixQuestion));
        if (split) parsed.filter = qp.parse_query(plain->filters, kParserFlags);
        if (plain && !plain->words.empty() && has_paraphrases(db)) {
            parsed.in_paraphrase = parse_framed(qp, framed, std::string(schema::kPrefixParaphrase));
        }
        // The words as a phrase in the question field too: a heading typed as it is written
        // ("Don't make my mistakes") finds its section before one that merely uses the rarer
        // words. No effect on the public query set (bench/RELEVANCE.md row 28).
        if (plain && plain->words.find(' ') != std::string::npos) {
            parsed.in_question =
                Xapian::Query(Xapian::Query::OP_OR, parsed.in_question,
                              qp.parse_query("\"" + plain->words + "\"", kParserFlags,
                                             std::string(schema::kPrefixQuestion)));
        }
        if (!exact_phrases && words.find('"') != std::string::npos) {
            parsed.matching = widen_phrases(db, parsed.matching);
            parsed.in_question = widen_phrases(db, parsed.in_question);
        }
    } catch (const Xapian::QueryParserError& e) {
        bad_query(text, explain_parser_error(e));
    } catch (const Xapian::Error& e) {
        bad_query(text, "cannot parse (" + e.get_msg() + ")");
    }
    if (parsed.matching.empty()) bad_query(text, "nothing to search for");
    return parsed;
}

// The question-field query split by origin: whole for the shipped questions, scaled by
// kNoteHeadingWeight for note headings. Filters add no weight, so each document gets exactly
// one of the two.
Xapian::Query by_origin(const Xapian::Query& in_question) {
    const auto of = [](Origin origin) {
        return Xapian::Query(std::string(schema::kPrefixOrigin) + to_string(origin));
    };
    return Xapian::Query(
        Xapian::Query::OP_OR,
        Xapian::Query(Xapian::Query::OP_FILTER, in_question, of(Origin::corpus)),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_FILTER, in_question, of(Origin::notes)),
                      kNoteHeadingWeight));
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

QueryBuilder::QueryBuilder(const Xapian::Database& db, QueryContext context)
    : db_(db), context_(context) {}

std::string relax_query(std::string_view folded) {
    std::string out;
    bool excluding = false;  // the previous token was NOT
    std::size_t i = 0;
    while (i < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', i), folded.size());
        std::string token(folded.substr(i, end - i));
        i = end + 1;
        if (token.empty()) continue;
        if (is_operator(token)) {
            excluding = token == "NOT";
            continue;
        }
        // An exclusion is the user's instruction, not a requirement: it stays.
        const bool excluded = excluding || token.starts_with('-');
        excluding = false;
        if (!boolean_filter(token, nullptr)) {
            std::erase_if(token, [](char c) {
                return c == '"' || c == '(' || c == ')' || c == '+' || c == '-';
            });
            for (const auto& f : schema::kTextFields) {
                const std::string name = std::string(f.name) + ":";
                if (token.starts_with(name)) token.erase(0, name.size());
            }
        }
        if (token.empty()) continue;
        out += (out.empty() ? "" : " ") + std::string(excluded ? "-" : "") + token;
    }
    return out;
}

BuiltQuery QueryBuilder::build(std::string_view text, Reading reading) const {
    if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; })) {
        throw Error(ErrorCode::bad_query, "empty query");
    }
    check_size(text);
    check_balance(text);
    check_fields(text);
    std::string folded = fold_query(text, context_.taxonomy);
    if (reading != Reading::as_written) folded = relax_query(folded);
    const bool respell = reading == Reading::any_word_respelled;
    BuiltQuery built;
    if (context_.dictionary || respell) {
        built.corrected = correct_spelling(db_, respell ? nullptr : context_.dictionary, folded);
    }
    if (!built.corrected.empty()) folded = built.corrected;
    built.parsed_text = folded;

    const std::optional<PlainQuery> plain = split_plain(folded);
    ParsedQuery parsed = parse(db_, text, folded, plain, context_.exact_phrases);
    built.matching = std::move(parsed.matching);
    built.filter = std::move(parsed.filter);
    built.terms = collect_terms(built.matching, folded);
    built.parts.push_back({"words", built.matching});
    if (!parsed.in_paraphrase.empty()) {
        built.parts.push_back(
            {"paraphrase", Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parsed.in_paraphrase,
                                         kParaphraseWeight)});
    }
    if (plain && !plain->words.empty()) {
        built.plain_words =
            static_cast<std::size_t>(std::count(plain->words.begin(), plain->words.end(), ' ')) + 1;
        // The vocabulary and the taxonomy read what is asked about, not how it is asked.
        const std::vector<std::string> stems = phrase_stems(parsed.asked);
        if (context_.synonyms) {
            detail::SynonymAlternatives alternatives =
                detail::synonym_alternatives(*context_.synonyms, stems);
            if (alternatives.capped) built.warnings.push_back(std::move(*alternatives.capped));
            if (!alternatives.anywhere.empty()) {
                built.parts.push_back({"vocabulary", alternatives.anywhere});
                parsed.in_question = Xapian::Query(Xapian::Query::OP_OR, parsed.in_question,
                                                   alternatives.in_question);
            }
            built.terms.stems.insert(built.terms.stems.end(), alternatives.stems.begin(),
                                     alternatives.stems.end());
            built.expansions = std::move(alternatives.described);
        }
        if (context_.taxonomy) {
            Xapian::Query boost =
                detail::topic_boost(*context_.taxonomy, stems, meaningful_words(parsed.asked));
            if (!boost.empty()) built.parts.push_back({"topic", std::move(boost)});
        }
    }
    std::vector<Xapian::Query> matching;
    for (const QueryPart& part : built.parts) matching.push_back(part.query);
    built.matching = Xapian::Query(Xapian::Query::OP_OR, matching.begin(), matching.end());
    Xapian::Query heading = by_origin(parsed.in_question);
    built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.matching, heading);
    built.parts.push_back({"heading", std::move(heading)});
    return built;
}

}  // namespace tpm
