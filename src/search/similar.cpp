#include "search/similar.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/error.h"
#include "search/feedback.h"
#include "search/highlighter.h"
#include "search/index_reader.h"
#include "search/searcher.h"
#include "store/schema.h"
#include "store/stored_records.h"

namespace tpm {

namespace {

// How many of the document's best terms make up the query: enough to cover the few themes of
// a question and its answer, few enough that words most answers use do not decide the ranking.
constexpr Xapian::termcount kSimilarTerms = 20;

// A term only the document itself holds cannot lead to any other document, yet being the
// rarest it would top the ESet; leaving it out gives its place to a term that can.
class SharedTermDecider : public Xapian::ExpandDecider {
  public:
    explicit SharedTermDecider(const Xapian::Database& db) : db_(db) {}
    bool operator()(const std::string& term) const override { return db_.get_termfreq(term) > 1; }

  private:
    const Xapian::Database& db_;
};

// The characteristic terms of one document, as a query and as highlighting keys.
struct CharacteristicTerms {
    Xapian::Query query;  // the terms OR'ed, each scaled by its ESet weight
    QueryTerms terms;     // their stems (without "Z")
    std::map<std::string, double> weights;
};

CharacteristicTerms expand(const Xapian::Database& db, Xapian::docid doc) {
    Xapian::RSet rset;
    rset.add_document(doc);
    const MeaningfulTermDecider meaningful;
    const SharedTermDecider shared(db);
    const Xapian::ExpandDeciderAnd decider(meaningful, shared);
    Xapian::Enquire enquire(db);
    // Bo1 (divergence from randomness) rather than Xapian's default "trad": with one relevant
    // document trad ranks terms mostly by how rare they are in the index, so incidental rare
    // words win; Bo1 ranks them by how much more this document uses them than the index does
    // ("incid" first for the incident question, "debt" for technical debt). Over the corpus's
    // tagged documents, the share of the top 5 that share a topic with the document went from 0.50
    // to 0.52, of first hits from 0.66 to 0.75.
    enquire.set_expansion_scheme("bo1");
    const Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
    CharacteristicTerms out;
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        // A term weighs what it says about the document: its ESet weight, not a flat 1.
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
        const std::string stem(schema::split_text_term(*t).word);
        out.terms.stems.push_back(stem);
        out.weights[stem] = t.get_weight();
    }
    out.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return out;
}

}  // namespace

SearchResults find_similar(const Xapian::Database& database, std::string_view id, std::size_t limit,
                           std::optional<Origin> origin) {
    Xapian::Database db = database;  // a handle of our own, which reopen() may refresh
    const std::string id_term = schema::id_term(schema::canonical_id(id));
    const std::optional<Xapian::docid> doc =
        detail::with_reopen(db, [&]() -> std::optional<Xapian::docid> {
            Xapian::PostingIterator p = db.postlist_begin(id_term);
            if (p == db.postlist_end(id_term)) return std::nullopt;
            return *p;
        });
    if (!doc) {
        throw Error(ErrorCode::not_found, "no document \"" + std::string(id) + "\" in the index");
    }
    SearchResults results;
    results.query = "similar " + std::string(id);
    const CharacteristicTerms characteristic =
        detail::with_reopen(db, [&] { return expand(db, *doc); });
    // No term in it that another document shares: nothing is like it.
    if (characteristic.query.empty()) return results;
    Xapian::Query query(Xapian::Query::OP_AND_NOT, characteristic.query, Xapian::Query(id_term));
    if (origin) {
        query =
            Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(std::string(schema::kPrefixOrigin) + to_string(*origin)));
    }
    const Xapian::MSet mset = detail::with_reopen(db, [&] {
        return detail::make_enquire(db, query).get_mset(0, static_cast<Xapian::doccount>(limit));
    });
    results.estimated_total = mset.get_matches_estimated();
    const Highlighter highlighter(characteristic.terms, characteristic.weights);
    int rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit = highlighted_hit(decode_document_data(detail::with_reopen(
                                      db, [&] { return it.get_document().get_data(); })),
                                  it.get_weight(), highlighter, ExcerptOptions{});
        hit.rank = ++rank;
        results.hits.push_back(std::move(hit));
    }
    return results;
}

}  // namespace tpm
