// search/query_builder.h: turns what the user typed into a Xapian query: the same text folding
// as the index, English stemming, field prefixes from store/schema.h, stop words, and checks
// that reject a malformed query with a sentence naming the problem.
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

// What a built query looks for, for highlighting: folded words to match as they are, stems to
// match after stemming, and wildcard prefixes ("roll*" gives "roll").
struct QueryTerms {
    std::vector<std::string> words;
    std::vector<std::string> stems;
    std::vector<std::string> prefixes;
};

// One part of a ranked query, named for --explain: what it adds to a document's weight is the
// weight of `query` alone, since the parts are combined by OR and AND_MAYBE, which add weights.
struct QueryPart {
    std::string name;  // "words", "paraphrase", "vocabulary", "topic", "heading", "feedback"
    Xapian::Query query;
};

struct BuiltQuery {
    Xapian::Query query;  // what to rank with: `matching`, weighted up where the question says it
    Xapian::Query matching;  // what the user asked for, as parsed; decides what matches
    // The filters of a plain query (topic:, kind:, ...), kept apart so that the caller ranks
    // the words alone and then filters (empty when there are none, or when the query is not
    // plain and its filters are inside `matching`). Apply with OP_FILTER to `query`.
    Xapian::Query filter;
    QueryTerms terms;
    // The query as searched when words the index does not hold were replaced by spelling
    // suggestions ("stakholder" -> "stakeholder"); empty when nothing was replaced.
    std::string corrected;
    // What the vocabulary pack added, one line each: "kill switch -> feature flag | toggle".
    std::vector<std::string> expansions;
    // What the vocabulary's cap on a query's alternatives left out (SynonymExpander::expand).
    std::vector<Diagnostic> warnings;
    // How many words the query has when it is plain (words and filters only), else 0.
    std::size_t plain_words = 0;
    // The query text as finally parsed (folded, relaxed and corrected as its Reading asks).
    std::string parsed_text;
    // `query` in its parts, whose weights add up to its weight (empty parts left out).
    std::vector<QueryPart> parts;
};

// The ways of reading a query, in the order the rescue ladder tries them (search/query_planner.h).
enum class Reading {
    // As typed, except that words neither the index nor the dictionary knows are respelled.
    as_written,
    // Any of its words may match: what makes words required or exact is dropped (phrases, AND,
    // NEAR, field prefixes). Exclusions (NOT, -word) and filters stay: they are the user's
    // instructions.
    any_word,
    // any_word, and every word the index lacks is respelled, real English words too.
    any_word_respelled,
};

class SynonymExpander;
class Taxonomy;
class WordList;

// What a query is read with besides the index; each part is optional and must outlive the
// builder.
struct QueryContext {
    // Real words that spelling correction must leave alone; without it nothing is corrected.
    const WordList* dictionary = nullptr;
    // Resolves topic:NAME filters (aliases to ids; an unknown name is an error), and lets a
    // query that names a topic ("security") find and rank that topic's documents higher.
    const Taxonomy* taxonomy = nullptr;
    // The vocabulary pack: a plain query also searches the alternatives of its phrases.
    const SynonymExpander* synonyms = nullptr;
    // Quoted phrases match their words only as typed; otherwise "feature flags" also finds
    // "feature flag" (search/phrase_forms.h).
    bool exact_phrases = false;
};

class QueryBuilder {
  public:
    // `db` is used for wildcard expansion and spelling; it must outlive the builder.
    explicit QueryBuilder(const Xapian::Database& db, QueryContext context = {});

    // Parses `text`. Words are OR'ed and ranked by BM25; "phrases", AND, OR, NOT, -word, NEAR,
    // trailing wildcards and field prefixes (question:, q:, answer:, point:, example:, why:,
    // id:, kind:, source:, topic:) work as in Xapian's QueryParser. A plain word that is not in
    // the index (as itself or its stem) and not in the dictionary is replaced by the index's
    // spelling suggestion, if any; known words are never touched. Throws tpm::Error(bad_query)
    // with a one-line reason for an empty query, an unbalanced quote or parenthesis, a
    // misplaced operator, an unknown topic, or a query with nothing left to search for.
    BuiltQuery build(std::string_view text, Reading reading = Reading::as_written) const;

  private:
    const Xapian::Database& db_;
    QueryContext context_;
};

// `folded` without what makes words required or exact (AND, OR, NEAR, quotes, brackets,
// text-field prefixes): any of its words may match. Exclusions stay (NOT b becomes -b), and so
// do filters. "\"canary rollback\" AND question:flags NOT xylophone" gives
// "canary rollback flags -xylophone".
std::string relax_query(std::string_view folded);

// Folds each word of a query like the index text (text::fold) but keeps the upper-case
// operators AND, OR, NOT, XOR, NEAR and ADJ (with their /N) so they stay operators, and filter
// values as they are (id:Q26), except that topic:NAME becomes the topic's id when `taxonomy`
// is given. Throws tpm::Error(bad_query) for a topic the taxonomy does not know.
std::string fold_query(std::string_view text, const Taxonomy* taxonomy = nullptr);

// The id of the topic `name` (an id or alias, any case). Throws tpm::Error(bad_query) naming
// the nearest ids when there is none.
std::string resolve_topic(const Taxonomy& taxonomy, std::string_view name);

}  // namespace tpm
