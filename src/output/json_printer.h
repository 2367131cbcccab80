// output/json_printer.h: results and documents as one JSON document for programs. The layout
// is versioned by kJsonSchema and documented in README.md; bump it on any change.
// May include model/ and text/.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/coverage.h"
#include "model/hit.h"
#include "model/review.h"
#include "model/story_map.h"
#include "model/topic.h"

namespace tpm {

inline constexpr int kJsonSchema = 9;

// {"schema":3,"query":...,"corrected_query":null or the query searched after spelling fixes,
// "rescue":null or one line on how a query that matched nothing as written was read instead,
// "total_estimate":N,"hits":[{"rank","id","kind","score","question","question_highlights",
// "source","line","topics":[ids],"tags":[...],"excerpts":[{"label","text",
// "highlights":[[start,end],...],"truncated_start","truncated_end"}]}],
// "facets":{"topics":[{"id","count"}]}} followed by a newline. Offsets are UTF-8 bytes. With
// --explain, each hit also has "matched":[{"term","fields":[...]}] and the document
// "explain":{"query","expansions":[...]}.
void print_results_json(std::ostream& out, const SearchResults& results);

// {"schema":N,"document":{"id","kind","origin","question","source","line","answer","points":
// [{"label","text","items","line"}],"example","why","topics","tags"},"source_info":{"title",
// "date","excerpt","tags"} or null,"your_notes":[{"id","kind","question","source","line"}],
// "your_stories":[the same, for the stories that answer a behavioural question]}
// followed by a newline.
void print_document_json(std::ostream& out, const Document& doc, const SourceInfo* source = nullptr,
                         const std::vector<Document>& your_notes = {},
                         const std::vector<Document>& your_stories = {});

// {"schema":N,"error":{"code":CODE,"message":MESSAGE}} followed by a newline: what a command
// that prints JSON prints when it has no other document to give (`show` of an unknown id gives
// code "not_found").
void print_error_json(std::ostream& out, std::string_view code, std::string_view message);

// {"schema":N,"topics":[{"id","name","description","aliases","questions","tips","your_questions","stories","notes"}]}:
// questions and tips shipped, then the user's questions, stories and other notes
// followed by a newline.
void print_topics_json(std::ostream& out, const std::vector<TopicCount>& topics);

// {"schema":N,"covered":N,"total":N,"notes":N,"threshold":T,"topics":[{"id","name","questions",
// "covered","gaps":[ids]}] weakest first,"questions":[{"id","question","source","line","topics",
// "covered","nearest","notes":[{"id","title","source","line","linked","similarity"}]}]}
// followed by a newline (tpmsearch coverage --json).
void print_coverage_json(std::ostream& out, const CoverageReport& report);

// {"schema":N,"today":"YYYY-MM-DD","due":[{"id","kind","origin","question","source","line",
// "topics","new","due","interval","reviews"}]} followed by a newline: the cards a drill session
// would show, in order (tpmsearch drill --due --json); "due" is null for a new card.
// {"schema":N,"threshold":T,"questions":[{"id","question","origin","source","line","stories":
// [{"id","title","source","line","similarity"}]}],"stories":[{"id","title","source","line",
// "missing":[parts],"questions":[{"id","question","similarity"}]}]} followed by a newline
// (tpmsearch stories --json).
void print_story_map_json(std::ostream& out, const StoryMap& map);

void print_drill_due_json(std::ostream& out, const std::vector<Document>& cards,
                          const std::map<std::string, ReviewCard>& saved, const std::string& today);

}  // namespace tpm
