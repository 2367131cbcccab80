#include "output/json_printer.h"

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/printable.h"

namespace tpm {
namespace {

// ordered_json keeps keys in insertion order, so "schema" comes first and the layout reads
// as documented.
using Json = nlohmann::ordered_json;

// The excerpt text must be valid UTF-8 before it is serialised: nlohmann's own replacement of
// ill-formed bytes would shift the byte offsets of the highlights. So the text is cleaned here
// and the spans are moved with it; spans past the end are clamped, empty ones dropped.
// [[start,end],...] of `spans` in `raw`, moved onto `offsets` (raw byte -> cleaned byte).
Json spans_json(std::string_view raw, const std::vector<Span>& spans,
                const std::vector<std::size_t>& offsets) {
    Json highlights = Json::array();
    for (const Span& span : spans) {
        const std::size_t end = std::min(span.end, raw.size());
        if (span.start >= end) continue;
        highlights.push_back(Json::array({offsets[span.start], offsets[end]}));
    }
    return highlights;
}

Json excerpt_json(const Excerpt& excerpt) {
    std::vector<std::size_t> offsets;
    std::string text = text::printable(excerpt.text, text::Controls::keep, &offsets);
    Json highlights = spans_json(excerpt.text, excerpt.highlights, offsets);
    Json j;
    j["label"] = excerpt.label;
    j["text"] = std::move(text);
    j["highlights"] = std::move(highlights);
    j["truncated_start"] = excerpt.truncated_start;
    j["truncated_end"] = excerpt.truncated_end;
    return j;
}

Json hit_json(const Hit& hit) {
    Json j;
    j["rank"] = hit.rank;
    j["id"] = hit.doc.id;
    j["kind"] = to_string(hit.doc.kind);
    j["origin"] = to_string(hit.doc.origin);
    j["score"] = hit.score;
    std::vector<std::size_t> offsets;
    j["question"] = text::printable(hit.doc.title, text::Controls::keep, &offsets);
    j["question_highlights"] = spans_json(hit.doc.title, hit.title_highlights, offsets);
    j["source"] = hit.doc.source;
    j["line"] = hit.doc.line;
    j["topics"] = hit.doc.topics;
    j["tags"] = hit.doc.tags;
    j["related"] = hit.related;
    if (!hit.matched.empty()) {
        Json matched = Json::array();
        for (const TermMatch& m : hit.matched) {
            matched.push_back({{"term", m.term}, {"fields", m.fields}});
        }
        j["matched"] = std::move(matched);
    }
    if (!hit.contributions.empty()) {
        Json parts = Json::object();
        for (const Contribution& c : hit.contributions) parts[c.part] = c.weight;
        j["contributions"] = std::move(parts);
        j["crowding"] = hit.crowding;
    }
    Json excerpts = Json::array();
    for (const Excerpt& excerpt : hit.excerpts) excerpts.push_back(excerpt_json(excerpt));
    j["excerpts"] = std::move(excerpts);
    return j;
}

Json point_json(const Point& point) {
    Json j;
    j["label"] = point.label;
    j["text"] = point.text;
    j["items"] = point.items;
    j["line"] = point.line;
    return j;
}

// One line, like ripgrep --json, for piping to jq. Other strings may still hold ill-formed
// UTF-8 from a document: the replace handler turns it into U+FFFD instead of throwing.
// ensure_ascii stays off so the output is readable UTF-8. nlohmann escapes only U+0000..U+001F,
// yet DEL and the C1 controls U+0080..U+009F (0x9B is CSI to some terminals) are controls too,
// and `tpmsearch --json | less` or a log viewer would obey them: they are escaped as well. The
// dump is well-formed UTF-8 with every such character inside a string, so a byte 0x7F or the
// pair 0xC2 0x80..0x9F can only be one of them.
void write(std::ostream& out, const Json& j) {
    const std::string dumped = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string safe;
    safe.reserve(dumped.size());
    constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        const auto byte = static_cast<unsigned char>(dumped[i]);
        const auto next = i + 1 < dumped.size() ? static_cast<unsigned char>(dumped[i + 1]) : 0;
        if (byte == 0x7f) {
            safe += "\\u007f";
        } else if (byte == 0xc2 && next >= 0x80 && next <= 0x9f) {
            safe += "\\u00";
            safe += kHex[next >> 4];
            safe += kHex[next & 0xf];
            ++i;
        } else {
            safe += dumped[i];
        }
    }
    out << safe << '\n';
}

}  // namespace

void print_results_json(std::ostream& out, const SearchResults& results) {
    Json j;
    j["schema"] = kJsonSchema;
    j["query"] = results.query;
    j["corrected_query"] =
        results.corrected_query.empty() ? Json(nullptr) : Json(results.corrected_query);
    j["rescue"] = results.rescue.empty() ? Json(nullptr) : Json(results.rescue);
    j["total_estimate"] = results.estimated_total;
    Json hits = Json::array();
    for (const Hit& hit : results.hits) hits.push_back(hit_json(hit));
    j["hits"] = std::move(hits);
    Json topics = Json::array();
    for (const FacetCount& f : results.topics) topics.push_back({{"id", f.id}, {"count", f.count}});
    j["facets"]["topics"] = std::move(topics);
    j["facets"]["estimated"] = results.topics_estimated;
    if (results.explanation) {
        j["explain"] = {{"query", results.explanation->query},
                        {"expansions", results.explanation->expansions}};
    }
    write(out, j);
}

void print_document_json(std::ostream& out, const Document& doc, const SourceInfo* source,
                         const std::vector<Document>& your_notes,
                         const std::vector<Document>& your_stories) {
    Json d;
    d["id"] = doc.id;
    d["kind"] = to_string(doc.kind);
    d["origin"] = to_string(doc.origin);
    d["question"] = doc.title;
    d["source"] = doc.source;
    d["line"] = doc.line;
    d["answer"] = doc.answer;
    Json points = Json::array();
    for (const Point& point : doc.points) points.push_back(point_json(point));
    d["points"] = std::move(points);
    d["example"] = doc.example;
    d["why"] = doc.why;
    d["topics"] = doc.topics;
    d["tags"] = doc.tags;
    if (doc.kind == DocKind::story) d["missing_parts"] = missing_star_parts(doc);
    Json j;
    j["schema"] = kJsonSchema;
    j["document"] = std::move(d);
    j["source_info"] = source ? Json{{"title", source->title},
                                     {"date", source->date},
                                     {"excerpt", source->excerpt},
                                     {"tags", source->tags}}
                              : Json(nullptr);
    auto listed = [](const std::vector<Document>& docs) {
        Json list = Json::array();
        for (const Document& note : docs) {
            list.push_back({{"id", note.id},
                            {"kind", to_string(note.kind)},
                            {"question", note.title},
                            {"source", note.source},
                            {"line", note.line}});
        }
        return list;
    };
    j["your_notes"] = listed(your_notes);
    j["your_stories"] = listed(your_stories);
    write(out, j);
}

void print_error_json(std::ostream& out, std::string_view code, std::string_view message) {
    Json j;
    j["schema"] = kJsonSchema;
    j["error"] = {{"code", code}, {"message", message}};
    write(out, j);
}

void print_topics_json(std::ostream& out, const std::vector<TopicCount>& topics) {
    Json list = Json::array();
    for (const TopicCount& c : topics) {
        Json t;
        t["id"] = c.topic.id;
        t["name"] = c.topic.name;
        t["description"] = c.topic.description;
        t["aliases"] = c.topic.aliases;
        t["questions"] = c.questions;
        t["tips"] = c.tips;
        t["your_questions"] = c.your_questions;
        t["stories"] = c.stories;
        t["notes"] = c.notes;
        list.push_back(std::move(t));
    }
    Json j;
    j["schema"] = kJsonSchema;
    j["topics"] = std::move(list);
    write(out, j);
}

void print_coverage_json(std::ostream& out, const CoverageReport& report) {
    Json j;
    j["schema"] = kJsonSchema;
    j["covered"] = report.covered;
    j["total"] = report.questions.size();
    j["notes"] = report.notes;
    j["threshold"] = report.threshold;
    Json topics = Json::array();
    for (const TopicCoverage& t : report.topics) {
        topics.push_back({{"id", t.id},
                          {"name", t.name},
                          {"questions", t.questions},
                          {"covered", t.covered},
                          {"gaps", t.gaps}});
    }
    j["topics"] = std::move(topics);
    Json questions = Json::array();
    for (const QuestionCoverage& q : report.questions) {
        Json notes = Json::array();
        for (const CoveringNote& n : q.notes) {
            notes.push_back({{"id", n.id},
                             {"title", n.title},
                             {"source", n.source},
                             {"line", n.line},
                             {"linked", n.linked},
                             {"similarity", n.similarity}});
        }
        questions.push_back({{"id", q.id},
                             {"question", q.title},
                             {"source", q.source},
                             {"line", q.line},
                             {"topics", q.topics},
                             {"covered", q.covered()},
                             {"nearest", q.nearest},
                             {"notes", std::move(notes)}});
    }
    j["questions"] = std::move(questions);
    write(out, j);
}

void print_drill_due_json(std::ostream& out, const std::vector<Document>& cards,
                          const std::map<std::string, ReviewCard>& saved,
                          const std::string& today) {
    Json j;
    j["schema"] = kJsonSchema;
    j["today"] = today;
    Json due = Json::array();
    for (const Document& card : cards) {
        const auto found = saved.find(card.id);
        const bool fresh = found == saved.end();
        Json entry = {{"id", card.id},
                      {"kind", to_string(card.kind)},
                      {"origin", to_string(card.origin)},
                      {"question", card.title},
                      {"source", card.source},
                      {"line", card.line},
                      {"topics", card.topics},
                      {"new", fresh}};
        entry["due"] = fresh ? Json(nullptr) : Json(day_text(found->second.due));
        entry["interval"] = fresh ? 0L : found->second.interval;
        entry["reviews"] = fresh ? 0 : found->second.reviews;
        due.push_back(std::move(entry));
    }
    j["due"] = std::move(due);
    write(out, j);
}

void print_story_map_json(std::ostream& out, const StoryMap& map) {
    Json j;
    j["schema"] = kJsonSchema;
    j["threshold"] = map.threshold;
    Json questions = Json::array();
    for (const QuestionStories& q : map.questions) {
        Json stories = Json::array();
        for (const StoryMatch& s : q.stories) {
            stories.push_back({{"id", s.story.id},
                               {"title", s.story.title},
                               {"source", s.story.source},
                               {"line", s.story.line},
                               {"similarity", s.similarity}});
        }
        questions.push_back({{"id", q.question.id},
                             {"question", q.question.title},
                             {"origin", to_string(q.question.origin)},
                             {"source", q.question.source},
                             {"line", q.question.line},
                             {"stories", std::move(stories)}});
    }
    j["questions"] = std::move(questions);
    Json stories = Json::array();
    for (const StoryEntry& s : map.stories) {
        Json answers = Json::array();
        for (const StoryMatch& q : s.questions) {
            answers.push_back(
                {{"id", q.story.id}, {"question", q.story.title}, {"similarity", q.similarity}});
        }
        stories.push_back({{"id", s.story.id},
                           {"title", s.story.title},
                           {"source", s.story.source},
                           {"line", s.story.line},
                           {"missing", s.missing},
                           {"questions", std::move(answers)}});
    }
    j["stories"] = std::move(stories);
    write(out, j);
}

}  // namespace tpm
