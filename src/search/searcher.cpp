#include "search/searcher.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/error.h"
#include "search/crowding.h"
#include "search/document_lookup.h"
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

// How feedback re-ranks a query (QueryPlan::feedback): the best terms of its top few hits,
// AND_MAYBE, so it re-ranks the matches and never adds any. Measured in bench/RELEVANCE.md.
constexpr Xapian::doccount kFeedbackDocuments = 3;
constexpr Xapian::termcount kFeedbackTerms = 10;
constexpr double kFeedbackWeight = 0.3;

// The best terms of `query`'s own top hits, weighted to re-rank it; empty when there are none.
Xapian::Query feedback_for(const Xapian::Database& db, const Xapian::Query& query) {
    const Xapian::Enquire enquire = make_enquire(db, query);
    const Xapian::MSet top = enquire.get_mset(0, kFeedbackDocuments);
    if (top.empty()) return {};
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    return feedback_query(enquire, rset, kFeedbackTerms, kFeedbackWeight);
}

// Related documents (QueryPlan::related) are those that best match the kRelatedTerms most
// characteristic terms of the matches (pseudo-relevance feedback, as above) but not the query
// itself. They always rank below every match, so the matches and their order are unchanged.
constexpr Xapian::termcount kRelatedTerms = 10;

// Per hit of `mset`, the query terms it matched (with --explain only, else nothing).
std::vector<std::vector<std::string>> explained_terms(const Xapian::Enquire& enquire,
                                                      const std::vector<Xapian::MSetIterator>& hits,
                                                      bool explain) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t i = 0; explain && i < hits.size(); ++i) {
        out.emplace_back(enquire.get_matching_terms_begin(hits[i]),
                         enquire.get_matching_terms_end(hits[i]));
    }
    return out;
}

std::vector<Xapian::MSetIterator> all_of(const Xapian::MSet& mset) {
    std::vector<Xapian::MSetIterator> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it);
    return out;
}

// How many matches past the page are read to find what crowding (search/crowding.h) moves
// into it; read again with twice as many while a match not read yet could still move in.
constexpr Xapian::doccount kCrowdLookahead = 20;

// A page of hits and, for each, the factor crowding weighted it by (search/crowding.h).
struct SpreadPage {
    std::vector<Xapian::MSetIterator> hits;
    std::vector<double> crowding;
};

// Hits `offset` .. `offset + limit` of `enquire`'s ranking with crowded headings spread, from
// `mset`, its first `window` matches, or more when needed. The order of every match depends
// only on the matches above it, so each page agrees with the next.
SpreadPage spread_page(const Xapian::Enquire& enquire, Xapian::MSet mset, Xapian::doccount window,
                       std::size_t offset, std::size_t limit) {
    const std::size_t end = offset + limit;
    for (;; window *= 2, mset = enquire.get_mset(0, window)) {
        std::vector<RankedMatch> matches;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            matches.push_back({it.get_weight(), it.get_document().get_value(schema::kSlotHeading)});
        }
        const std::vector<double> weights = spread_weights(matches);
        const std::vector<std::size_t> order = spread_crowded_headings(matches);
        // A match not read yet weighs at most as much as the last one read.
        const bool settled = mset.size() < window || order.size() < end ||
                             weights[order[end - 1]] >= matches.back().weight;
        if (!settled) continue;
        SpreadPage page;
        for (std::size_t i = offset; i < std::min<std::size_t>(end, order.size()); ++i) {
            page.hits.push_back(mset[static_cast<Xapian::doccount>(order[i])]);
            const RankedMatch& match = matches[order[i]];
            page.crowding.push_back(match.weight > 0.0 ? weights[order[i]] / match.weight : 1.0);
        }
        return page;
    }
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

// With --explain: what each part of the query gave each hit of `page`, and crowding's factor.
void explain_weights(const Xapian::Database& db, const std::vector<QueryPart>& parts,
                     const SpreadPage& page, std::vector<Hit>& hits) {
    std::vector<Xapian::docid> docs;
    std::vector<std::string> id_terms;
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
        docs.push_back(*page.hits[i]);
        id_terms.push_back(schema::id_term(hits[i].doc.id));
    }
    std::vector<std::vector<Contribution>> weights = part_contributions(db, parts, docs, id_terms);
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
        hits[i].contributions = std::move(weights[i]);
        hits[i].crowding = page.crowding[i];
    }
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
    const QueryContext context{dictionary_ ? &*dictionary_ : nullptr,
                               taxonomy().empty() ? nullptr : &taxonomy(), &synonyms()};
    const QueryPlanner planner(db_, context);
    const QueryPlan plan = with_reopen(db_, [&] { return planner.plan(request); });
    SearchResults results = with_reopen(db_, [&] { return run(plan, request); });
    if (plan.listing) return results;
    std::vector<Diagnostic> warnings = synonyms().problems();
    warnings.insert(warnings.end(), plan.warnings.begin(), plan.warnings.end());
    // The rescue ladder. Spelling of non-words and the vocabulary already apply above; when
    // that finds nothing, read the query more loosely, one reading after the other.
    std::string tried = plan.parsed_text;
    for (const Reading reading : kRescueReadings) {
        if (!results.hits.empty()) break;
        const std::optional<QueryPlan> again =
            with_reopen(db_, [&] { return planner.rescue(request, reading); });
        if (!again) break;
        if (again->parsed_text == tried) continue;
        tried = again->parsed_text;
        SearchResults rescued = with_reopen(db_, [&] { return run(*again, request); });
        if (rescued.hits.empty()) continue;
        for (const Diagnostic& d : again->warnings) {
            if (std::find(warnings.begin(), warnings.end(), d) == warnings.end()) {
                warnings.push_back(d);
            }
        }
        rescued.rescue = again->rescue_note;
        results = std::move(rescued);
    }
    results.warnings = std::move(warnings);
    return results;
}

// Reads one revision of the index from the match to the last stored document: the hits'
// docids belong to the revision that found them, so when an indexer commits meanwhile
// (Xapian::DatabaseModifiedError) the caller reopens and runs all of it again (with_reopen),
// never only the step that failed.
SearchResults Searcher::run(const QueryPlan& plan, const SearchRequest& request) const {
    SearchResults results;
    results.query = request.query;
    results.corrected_query = plan.corrected;
    const Xapian::Query feedback = plan.feedback ? feedback_for(db_, plan.ranked) : Xapian::Query();
    const Xapian::Query ranked =
        feedback.empty() ? plan.ranked
                         : Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.ranked, feedback);
    const Xapian::Query query = plan.filtered(ranked);
    Xapian::Enquire enquire = make_enquire(db_, query);
    if (plan.listing) enquire.set_sort_by_value(schema::kSlotOrder, false);
    TopicSpy spy;
    enquire.add_matchspy(&spy);
    // A ranked page reads kCrowdLookahead matches past its end from the top, for spread_page.
    const auto first = static_cast<Xapian::doccount>(plan.listing ? request.offset : 0);
    const auto count = static_cast<Xapian::doccount>(
        plan.listing ? request.limit : request.offset + request.limit + kCrowdLookahead);
    // The spy sees every match Xapian looks at: all of them up to the sample size (or the
    // matches read, when more), so the facets of all but the largest match sets are exact.
    const std::size_t check = std::max<std::size_t>(first + count, request.facet_sample);
    const Xapian::MSet mset = enquire.get_mset(
        first, count,
        static_cast<Xapian::doccount>(std::min<std::size_t>(check, db_.get_doccount())));
    // The facets are counted once, above, however often spread_page reads the ranking again.
    enquire.clear_matchspies();
    const SpreadPage page = plan.listing
                                ? SpreadPage{all_of(mset), std::vector<double>(mset.size(), 1.0)}
                                : spread_page(enquire, mset, count, request.offset, request.limit);
    results.estimated_total = mset.get_matches_estimated();
    results.topics = spy.counts(mset.get_matches_estimated());
    results.topics_estimated = spy.seen() < mset.get_matches_estimated();
    if (request.explain) {
        results.explanation = Explanation{query.get_description(), plan.expansions};
    }
    const Highlighter highlighter(plan.terms, term_weights(db_, plan.terms));
    add_hits(page.hits, explained_terms(enquire, page.hits, request.explain), highlighter, request,
             false, results);
    if (request.explain && !plan.listing) {
        std::vector<QueryPart> parts = plan.parts;
        if (!feedback.empty()) parts.push_back({"feedback", feedback});
        explain_weights(db_, parts, page, results.hits);
    }
    // A page the matches do not fill is completed with related documents.
    const std::size_t room = std::min(request.limit - results.hits.size(), plan.related.at_most);
    if (room > 0 && !mset.empty() && results.estimated_total < plan.related.fewer_than) {
        add_related(plan, ranked, mset, room, request, results);
    }
    return results;
}

void Searcher::add_related(const QueryPlan& plan, const Xapian::Query& ranked,
                           const Xapian::MSet& matches, std::size_t room,
                           const SearchRequest& request, SearchResults& results) const {
    Xapian::Enquire enquire = make_enquire(db_, ranked);
    Xapian::RSet rset;
    for (auto it = matches.begin(); it != matches.end(); ++it) rset.add_document(*it);
    QueryTerms terms;
    std::vector<Xapian::Query> parts;
    for (const std::string& term : feedback_terms(enquire, rset, kRelatedTerms)) {
        parts.emplace_back(term);
        terms.stems.emplace_back(schema::split_text_term(term).word);
    }
    if (parts.empty()) return;
    // Documents the query itself matches are above already (or filtered out).
    enquire.set_query(plan.filtered(
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), ranked)));
    const Xapian::MSet related = enquire.get_mset(0, static_cast<Xapian::doccount>(room));
    const Highlighter highlighter(terms, term_weights(db_, terms));
    const std::vector<Xapian::MSetIterator> hits = all_of(related);
    add_hits(hits, explained_terms(enquire, hits, request.explain), highlighter, request, true,
             results);
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

void Searcher::add_hits(const std::vector<Xapian::MSetIterator>& hits,
                        const std::vector<std::vector<std::string>>& matching,
                        const Highlighter& highlighter, const SearchRequest& request, bool related,
                        SearchResults& results) const {
    std::size_t i = 0;
    for (const Xapian::MSetIterator& it : hits) {
        Hit hit = highlighted_hit(stored_document(it.get_document()), it.get_weight(), highlighter,
                                  request.excerpts);
        hit.rank = static_cast<int>(request.offset + results.hits.size()) + 1;
        hit.related = related;
        if (request.explain) {
            hit.matched = matched_fields(it.get_document(), matching[i]);
        }
        ++i;
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
        TopicCount c{topic};
        const Xapian::Query has(std::string(schema::kPrefixTopic) + topic.id);
        auto count = [&](DocKind kind, Origin origin) -> std::size_t {
            const Xapian::Query of_kind(
                Xapian::Query::OP_AND,
                Xapian::Query(std::string(schema::kPrefixKind) + to_string(kind)),
                Xapian::Query(std::string(schema::kPrefixOrigin) + to_string(origin)));
            return with_reopen(db_, [&] {
                Xapian::Enquire enquire(db_);
                enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, has, of_kind));
                return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
            });
        };
        c.questions = count(DocKind::question, Origin::corpus);
        c.tips = count(DocKind::tip, Origin::corpus);
        c.your_questions = count(DocKind::question, Origin::notes);
        c.stories = count(DocKind::story, Origin::notes);
        c.notes = count(DocKind::note, Origin::notes);
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

std::optional<Document> Searcher::lookup(std::string_view ref,
                                         const std::filesystem::path& cwd) const {
    return with_reopen(db_, [&] { return detail::lookup_document(db_, ref, cwd); });
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
