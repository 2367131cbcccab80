#include "search/searcher.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/error.h"
#include "search/explain.h"
#include "search/facets.h"
#include "search/feedback.h"
#include "search/index_reader.h"
#include "store/schema.h"
#include "store/stored_records.h"
#include "text/normalize.h"

namespace tpm {

namespace {

using detail::make_enquire;
using detail::with_reopen;

// Pseudo-relevance feedback for natural-language questions ("how do you handle an outage"):
// their words are often not the document's, but the best few hits are on topic, and their most
// characteristic terms find the rest. Applied only to plain queries of this many words or more;
// on shorter keyword queries it drifted away from what was typed. AND_MAYBE: it re-ranks the
// matches and never adds any. Measured in bench/RELEVANCE.md.
constexpr std::size_t kFeedbackMinWords = 4;
constexpr Xapian::doccount kFeedbackDocuments = 3;
constexpr Xapian::termcount kFeedbackTerms = 10;
constexpr double kFeedbackWeight = 0.3;

// `query` re-ranked with the best terms of its own top hits.
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query) {
    const Xapian::Enquire enquire = make_enquire(db, query);
    const Xapian::MSet top = enquire.get_mset(0, kFeedbackDocuments);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    const Xapian::Query terms = feedback_query(enquire, rset, kFeedbackTerms, kFeedbackWeight);
    return terms.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, terms);
}

// When a query matches fewer documents than this, the page is completed with up to
// kMaxRelated related ones: those that best match the kRelatedTerms most characteristic terms
// of the matches (pseudo-relevance feedback, as above) but not the query itself. "strangler fig"
// is found only in the legacy-systems question; the other technical-debt questions and the
// migration question follow it, marked as related. They always rank
// below every match, so the matches and their order are unchanged. Measured in
// bench/RELEVANCE.md.
constexpr std::size_t kFewMatches = 5;
constexpr std::size_t kMaxRelated = 5;
constexpr Xapian::termcount kRelatedTerms = 10;

// Per hit of `mset`, the query terms it matched (with --explain only, else nothing).
std::vector<std::vector<std::string>> explained_terms(const Xapian::Enquire& enquire,
                                                      const Xapian::MSet& mset, bool explain) {
    std::vector<std::vector<std::string>> out;
    for (auto it = mset.begin(); explain && it != mset.end(); ++it) {
        out.emplace_back(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
    }
    return out;
}

// Rarer query terms make a passage a better excerpt (inverse document frequency).
std::map<std::string, double> term_weights(const Xapian::Database& db, const QueryTerms& terms) {
    const double n = static_cast<double>(db.get_doccount());
    std::map<std::string, double> weights;
    auto idf = [&](const std::string& term) {
        const double tf = static_cast<double>(db.get_termfreq(term));
        return std::log((n + 1.0) / (tf + 0.5));
    };
    for (const auto& s : terms.stems) weights[s] = idf(schema::stem_term(s));
    for (const auto& w : terms.words) weights[w] = idf(w);
    return weights;
}

}  // namespace

Searcher::Searcher(Xapian::Database db, std::optional<std::filesystem::path> dictionary,
                   std::vector<SynonymEntry> extra_vocabulary, std::string vocabulary_source)
    : db_(std::move(db)),
      extra_vocabulary_(std::move(extra_vocabulary)),
      vocabulary_source_(std::move(vocabulary_source)) {
    if (dictionary) dictionary_.emplace(std::move(*dictionary));
}

SearchResults Searcher::search(const SearchRequest& request) const {
    const Taxonomy* topics = taxonomy().empty() ? nullptr : &taxonomy();
    std::vector<Xapian::Query> wanted;
    for (const std::string& name : request.topics) {
        const std::string id = topics ? resolve_topic(*topics, name) : text::fold(name);
        wanted.emplace_back(std::string(schema::kPrefixTopic) + id);
    }
    Xapian::Query filter(Xapian::Query::OP_OR, wanted.begin(), wanted.end());
    if (request.origin) {
        const Xapian::Query origin(std::string(schema::kPrefixOrigin) + to_string(*request.origin));
        filter = filter.empty() ? origin : Xapian::Query(Xapian::Query::OP_FILTER, filter, origin);
    }
    if (request.query.find_first_not_of(" \t") == std::string::npos && !filter.empty()) {
        BuiltQuery all;
        all.query = Xapian::Query::MatchAll;
        return with_reopen(db_, [&] { return run(all, filter, request, true); });
    }
    const QueryContext context{dictionary_ ? &*dictionary_ : nullptr, topics, &synonyms()};
    const QueryBuilder builder(db_, context);
    const BuiltQuery built = with_reopen(db_, [&] { return builder.build(request.query); });
    SearchResults results = with_reopen(db_, [&] { return run(built, filter, request, false); });
    std::vector<Diagnostic> warnings = synonyms().problems();
    warnings.insert(warnings.end(), built.warnings.begin(), built.warnings.end());
    // The rescue ladder. Spelling of non-words and the vocabulary already apply above; when
    // that finds nothing, relax what the query requires, then also respell real words.
    std::string tried = built.reading;
    for (const Reading reading : {Reading{true, false}, Reading{true, true}}) {
        if (!results.hits.empty()) break;
        BuiltQuery again;
        try {
            again = with_reopen(db_, [&] { return builder.build(request.query, reading); });
        } catch (const Error& e) {
            // Relaxed to nothing at all ("-word" alone): nothing to try. Anything else (a
            // damaged index met while respelling) is reported as it would be outside the ladder.
            if (e.code() != ErrorCode::bad_query) throw;
            break;
        }
        if (again.reading == tried) continue;
        tried = again.reading;
        SearchResults rescued =
            with_reopen(db_, [&] { return run(again, filter, request, false); });
        if (rescued.hits.empty()) continue;
        for (const Diagnostic& d : again.warnings) {
            if (std::find(warnings.begin(), warnings.end(), d) == warnings.end()) {
                warnings.push_back(d);
            }
        }
        rescued.rescue =
            reading.respell
                ? "nothing matched; showing results for: " + again.reading + " (spelling corrected)"
                : "nothing matched the query as written; showing results for any "
                  "of its words: " +
                      again.reading;
        results = std::move(rescued);
    }
    results.warnings = std::move(warnings);
    return results;
}

// Reads one revision of the index from the match to the last stored document: the hits'
// docids belong to the revision that found them, so when an indexer commits meanwhile
// (Xapian::DatabaseModifiedError) the caller reopens and runs all of it again (with_reopen),
// never only the step that failed.
SearchResults Searcher::run(const BuiltQuery& built, const Xapian::Query& request_filter,
                            const SearchRequest& request, bool listing) const {
    SearchResults results;
    results.query = request.query;
    results.corrected_query = built.corrected;
    // Filters come last and add no weight, so the hits that remain keep their order; feedback
    // is taken from the unfiltered query for the same reason.
    const Xapian::Query ranked =
        built.plain_words >= kFeedbackMinWords ? with_feedback(db_, built.query) : built.query;
    auto filtered = [&](Xapian::Query query) {
        if (!built.filter.empty()) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query, built.filter);
        }
        if (!request_filter.empty()) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query, request_filter);
        }
        return query;
    };
    const Xapian::Query query = filtered(ranked);
    std::vector<std::vector<std::string>> matching;  // per hit, with --explain
    bool facets_estimated = false;
    // Not a structured binding: the related-documents lambda below captures the MSet, and
    // clang before 16 cannot capture structured bindings (P1091R3).
    const auto found = [&] {
        Xapian::Enquire enquire = make_enquire(db_, query);
        if (listing) enquire.set_sort_by_value(schema::kSlotOrder, false);
        TopicSpy spy;
        enquire.add_matchspy(&spy);
        // The spy sees every match Xapian looks at: all of them up to the sample size, so
        // the facets of all but the largest match sets are exact.
        const std::size_t check = std::max(request.offset + request.limit, request.facet_sample);
        Xapian::MSet m = enquire.get_mset(
            static_cast<Xapian::doccount>(request.offset),
            static_cast<Xapian::doccount>(request.limit),
            static_cast<Xapian::doccount>(std::min<std::size_t>(check, db_.get_doccount())));
        matching = explained_terms(enquire, m, request.explain);
        facets_estimated = spy.seen() < m.get_matches_estimated();
        return std::make_pair(m, spy.counts(m.get_matches_estimated()));
    }();
    const Xapian::MSet& mset = found.first;
    const std::vector<FacetCount>& facets = found.second;
    results.estimated_total = mset.get_matches_estimated();
    results.topics = facets;
    results.topics_estimated = facets_estimated;
    if (request.explain)
        results.explanation = Explanation{query.get_description(), built.expansions};
    const Highlighter highlighter(built.terms, term_weights(db_, built.terms));
    add_hits(mset, matching, highlighter, request, false, results);

    // A page the matches do not fill is completed with related documents (below).
    const std::size_t room = std::min(request.limit - results.hits.size(), kMaxRelated);
    // Only for words: a query of filters alone ("kind:story") lists exactly what it asks for.
    const bool has_words =
        !built.terms.words.empty() || !built.terms.stems.empty() || !built.terms.prefixes.empty();
    if (listing || !has_words || request.offset != 0 || mset.empty() ||
        results.estimated_total >= kFewMatches || room == 0) {
        return results;
    }
    [&] {
        Xapian::Enquire enquire = make_enquire(db_, ranked);
        Xapian::RSet rset;
        for (auto it = mset.begin(); it != mset.end(); ++it) rset.add_document(*it);
        QueryTerms terms;
        std::vector<Xapian::Query> parts;
        for (const std::string& term : feedback_terms(enquire, rset, kRelatedTerms)) {
            parts.emplace_back(term);
            terms.stems.push_back(term.substr(1));
        }
        if (parts.empty()) return 0;
        // Documents the query itself matches are above already (or filtered out).
        enquire.set_query(filtered(Xapian::Query(
            Xapian::Query::OP_AND_NOT,
            Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), ranked)));
        const Xapian::MSet related = enquire.get_mset(0, static_cast<Xapian::doccount>(room));
        const std::vector<std::vector<std::string>> related_matching =
            explained_terms(enquire, related, request.explain);
        const Highlighter related_highlighter(terms, term_weights(db_, terms));
        add_hits(related, related_matching, related_highlighter, request, true, results);
        return 0;
    }();
    return results;
}

// A hit's stored document. A record that does not decode while an indexer has committed since
// the match was read is the index changing under us, not damage: the search is run again on
// the new revision (with_reopen) instead of reporting a damaged index.
Document Searcher::stored_document(const Xapian::Document& doc) const {
    const std::string data = doc.get_data();
    try {
        return decode_document_data(data);
    } catch (const Error&) {
        if (db_.reopen())
            throw Xapian::DatabaseModifiedError("the index changed while it was read");
        throw;
    }
}

void Searcher::add_hits(const Xapian::MSet& mset,
                        const std::vector<std::vector<std::string>>& matching,
                        const Highlighter& highlighter, const SearchRequest& request, bool related,
                        SearchResults& results) const {
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
        Hit hit;
        hit.rank = static_cast<int>(request.offset + results.hits.size()) + 1;
        hit.score = it.get_weight();
        hit.related = related;
        hit.doc = stored_document(it.get_document());
        for (const auto& m : highlighter.matches(hit.doc.title)) {
            hit.title_highlights.push_back(m.span);
        }
        hit.excerpts = make_excerpts(hit.doc, highlighter, request.excerpts);
        if (request.explain) {
            hit.matched = matched_fields(it.get_document(), matching[i]);
        }
        results.hits.push_back(std::move(hit));
    }
}

const SynonymExpander& Searcher::synonyms() const {
    if (!synonyms_) {
        with_reopen(
            db_, [&] { return &synonyms_.emplace(extra_vocabulary_, &db_, vocabulary_source_); });
    }
    return *synonyms_;
}

const Taxonomy& Searcher::taxonomy() const {
    if (!taxonomy_) {
        const std::string data =
            with_reopen(db_, [&] { return db_.get_metadata(schema::kTaxonomyKey); });
        taxonomy_.emplace(data.empty() ? std::vector<Topic>() : decode_taxonomy(data));
    }
    return *taxonomy_;
}

std::vector<TopicCount> Searcher::topic_counts() const {
    std::vector<TopicCount> out;
    for (const Topic& topic : taxonomy().topics()) {
        TopicCount c{topic, 0, 0, 0};
        const Xapian::Query has(std::string(schema::kPrefixTopic) + topic.id);
        auto count = [&](DocKind kind) -> std::size_t {
            const Xapian::Query of_kind(std::string(schema::kPrefixKind) + to_string(kind));
            return with_reopen(db_, [&] {
                Xapian::Enquire enquire(db_);
                enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, has, of_kind));
                return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
            });
        };
        c.questions = count(DocKind::question);
        c.tips = count(DocKind::tip);
        c.notes = count(DocKind::note);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<Document> Searcher::find(std::string_view id) const {
    const std::string term = schema::id_term(schema::canonical_id(id));
    return with_reopen(db_, [&]() -> std::optional<Document> {
        Xapian::PostingIterator p = db_.postlist_begin(term);
        if (p == db_.postlist_end(term)) return std::nullopt;
        return decode_document_data(db_.get_document(*p).get_data());
    });
}

std::optional<SourceInfo> Searcher::source_info(const std::string& path) const {
    return with_reopen(db_, [&]() -> std::optional<SourceInfo> {
        const std::string data = db_.get_metadata(schema::source_key(path));
        if (data.empty()) return std::nullopt;
        return decode_source_info(data);
    });
}

std::vector<std::string> Searcher::ids() const {
    return with_reopen(db_, [&] {
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query::MatchAll);
        enquire.set_sort_by_value(schema::kSlotOrder, false);
        const Xapian::MSet all = enquire.get_mset(0, db_.get_doccount());
        std::vector<std::string> out;
        for (auto it = all.begin(); it != all.end(); ++it) {
            out.push_back(decode_document_data(it.get_document().get_data()).id);
        }
        return out;
    });
}

}  // namespace tpm
