// search/query_builder.h: turns what the user typed into a Xapian query: the same text folding
// as the index, English stemming, field prefixes from store/schema.h, stop words, and checks
// that reject a malformed query with a sentence naming the problem.
// May include model/, text/, store/schema.h, Xapian.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace tpm {

// What a built query looks for, for highlighting: folded words to match as they are, stems to
// match after stemming, and wildcard prefixes ("roll*" gives "roll").
struct QueryTerms {
    std::vector<std::string> words;
    std::vector<std::string> stems;
    std::vector<std::string> prefixes;
};

struct BuiltQuery {
    Xapian::Query query;
    QueryTerms terms;
};

class QueryBuilder {
public:
    // `db` is used for wildcard expansion; it must outlive the builder.
    explicit QueryBuilder(const Xapian::Database& db);

    // Parses `text`. Words are OR'ed and ranked by BM25; "phrases", AND, OR, NOT, -word, NEAR,
    // trailing wildcards and field prefixes (question:, q:, answer:, point:, example:, why:,
    // id:, kind:, source:) work as in Xapian's QueryParser. Throws tpm::Error(bad_query) with
    // a one-line reason for an empty query, an unbalanced quote or parenthesis, a misplaced
    // operator, or a query with nothing left to search for.
    BuiltQuery build(std::string_view text) const;

private:
    const Xapian::Database& db_;
};

// Folds each word of a query like the index text (text::fold) but keeps the upper-case
// operators AND, OR, NOT, XOR, NEAR and ADJ (with their /N) so they stay operators.
std::string fold_query(std::string_view text);

}  // namespace tpm
