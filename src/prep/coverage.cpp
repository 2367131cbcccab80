#include "prep/coverage.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "search/similar.h"
#include "store/schema.h"
#include "store/xapian_error.h"

namespace tpm {

namespace {

// How many of a question's most similar notes may cover it, and among how many of a note's
// most similar shipped questions that question must be (bench/README.md, "Coverage").
constexpr std::size_t kNearestNotes = 3;
constexpr std::size_t kMutualQuestions = 3;

// The id of `doc`, read off its id term (kPrefixId); "" when it has none.
std::string id_of(const Xapian::Document& doc) {
    auto t = doc.termlist_begin();
    t.skip_to(std::string(schema::kPrefixId));
    if (t == doc.termlist_end() || !(*t).starts_with(schema::kPrefixId)) return {};
    return (*t).substr(schema::kPrefixId.size());
}

// The ids of the documents holding `term`.
std::vector<std::string> ids_with_term(const Xapian::Database& db, const std::string& term) {
    std::vector<std::string> ids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        if (std::string id = id_of(db.get_document(*p)); !id.empty()) ids.push_back(id);
    }
    return ids;
}

CoveringNote covering(const Document& note, bool linked, double similarity) {
    return {note.id, note.title, note.source, note.line, linked, similarity};
}

// Whether `question` is among the kMutualQuestions shipped questions most like `note`: the
// note is about it, not only long enough to hold its words (a page listing every behavioural
// question holds the vocabulary of each).
bool note_points_back(const Xapian::Database& db, const std::string& note,
                      const std::string& question) {
    SimilarRequest request;
    request.id = note;
    request.limit = kMutualQuestions;
    request.origin = Origin::corpus;
    request.kinds = {DocKind::question};
    request.excerpts = false;
    const SearchResults back = find_similar(db, request);
    return std::any_of(back.hits.begin(), back.hits.end(),
                       [&](const Hit& hit) { return hit.doc.id == question; });
}

// How `question` is covered: the notes that link it, then the most similar of its
// kNearestNotes notes that is over `threshold` and points back at it (and not already there).
QuestionCoverage question_coverage(const Xapian::Database& db, const Searcher& searcher,
                                   const Document& question, double threshold) {
    QuestionCoverage out{
        question.id, question.title, question.topics, question.source, question.line, {}, 0.0};
    const std::string linked_term = schema::answers_term(question.id);
    for (const std::string& id : ids_with_term(db, linked_term)) {
        if (const std::optional<Document> note = searcher.find(id)) {
            out.notes.push_back(covering(*note, true, 0.0));
        }
    }
    SimilarRequest request;
    request.id = question.id;
    request.limit = kNearestNotes;
    request.origin = Origin::notes;
    request.excerpts = false;
    const SearchResults nearest = find_similar(db, request);
    for (const Hit& hit : nearest.hits) out.nearest = std::max(out.nearest, hit.similarity);
    for (CoveringNote& note : out.notes) {
        for (const Hit& hit : nearest.hits) {
            if (note.id == hit.doc.id) note.similarity = hit.similarity;
        }
    }
    std::vector<const Hit*> by_similarity;
    for (const Hit& hit : nearest.hits) by_similarity.push_back(&hit);
    std::stable_sort(by_similarity.begin(), by_similarity.end(),
                     [](const Hit* a, const Hit* b) { return a->similarity > b->similarity; });
    for (const Hit* hit : by_similarity) {
        if (hit->similarity < threshold) break;
        const bool listed = std::any_of(out.notes.begin(), out.notes.end(),
                                        [&](const CoveringNote& n) { return n.id == hit->doc.id; });
        if (listed) break;
        if (note_points_back(db, hit->doc.id, question.id)) {
            out.notes.push_back(covering(hit->doc, false, hit->similarity));
            break;
        }
    }
    return out;
}

// Per topic of the taxonomy carried by a shipped question: its questions and which are
// covered; weakest first.
std::vector<TopicCoverage> topic_coverage(const std::vector<QuestionCoverage>& questions,
                                          const Taxonomy& taxonomy) {
    std::vector<TopicCoverage> topics;
    for (const Topic& topic : taxonomy.topics()) {
        TopicCoverage t{topic.id, topic.name, 0, 0, {}};
        for (const QuestionCoverage& q : questions) {
            if (std::find(q.topics.begin(), q.topics.end(), topic.id) == q.topics.end()) continue;
            ++t.questions;
            if (q.covered()) {
                ++t.covered;
            } else {
                t.gaps.push_back(q.id);
            }
        }
        if (t.questions > 0) topics.push_back(std::move(t));
    }
    std::stable_sort(topics.begin(), topics.end(),
                     [](const TopicCoverage& a, const TopicCoverage& b) {
                         // a.covered / a.questions < b.covered / b.questions, without division.
                         const std::size_t left = a.covered * b.questions;
                         const std::size_t right = b.covered * a.questions;
                         if (left != right) return left < right;
                         if (a.gaps.size() != b.gaps.size()) return a.gaps.size() > b.gaps.size();
                         return a.id < b.id;
                     });
    return topics;
}

}  // namespace

CoverageReport coverage_report(const Xapian::Database& db, const Searcher& searcher,
                               double threshold) {
    CoverageReport report;
    report.threshold = threshold;
    const Xapian::Query shipped_questions(
        Xapian::Query::OP_FILTER,
        Xapian::Query(std::string(schema::kPrefixKind) + to_string(DocKind::question)),
        Xapian::Query(std::string(schema::kPrefixOrigin) + to_string(Origin::corpus)));
    const std::string notes_term = std::string(schema::kPrefixOrigin) + to_string(Origin::notes);
    std::vector<std::string> ids;
    detail::xapian_call(ErrorCode::index_corrupt, "cannot read the index", [&] {
        report.notes = db.get_termfreq(notes_term);
        Xapian::Enquire enquire(db);
        enquire.set_query(shipped_questions);
        enquire.set_sort_by_value(schema::kSlotOrder, false);
        const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
        for (auto it = all.begin(); it != all.end(); ++it) {
            if (std::string id = id_of(it.get_document()); !id.empty()) ids.push_back(id);
        }
    });
    for (const std::string& id : ids) {
        const std::optional<Document> question = searcher.find(id);
        if (!question) continue;
        report.questions.push_back(detail::xapian_call(
            ErrorCode::index_corrupt, "cannot read the index",
            [&] { return question_coverage(db, searcher, *question, threshold); }));
        if (report.questions.back().covered()) ++report.covered;
    }
    report.topics = topic_coverage(report.questions, searcher.taxonomy());
    return report;
}

}  // namespace tpm
