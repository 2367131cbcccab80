// model/document.h: one search result unit (a question, a tip, later a note section) as the
// parsers produce it and the index stores it. Plain data; depends on the standard library only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tpm {

// Between the headings of a note section's title: "Acme onsite > System design > Caching". The
// notes parser joins headings with it and the index writer splits the last one off.
inline constexpr std::string_view kHeadingSeparator = " > ";

// What a Document is. The names are part of the JSON output ("kind"). A note is a section of
// one of the user's files; a question or story may come from either the corpus or notes.
enum class DocKind { question, tip, note, story };

// "question", "tip", "note", "story".
const char* to_string(DocKind kind);

// Where a Document comes from: the shipped corpus or the user's notes (`source:` filters on
// it). The names are part of the JSON output ("origin").
enum class Origin { corpus, notes };

// "corpus", "notes".
const char* to_string(Origin origin);

// One labelled point of an answer: "Canary Releases: I use canary releases ...". An answer-level
// list item without a label ("Establishing a clear governance structure") is a Point with an
// empty label. Unlisted items that follow a point ending in ':' ("which might include:") stay
// attached to it as items.
struct Point {
    std::string label;
    std::string text;
    std::vector<std::string> items;
    int line = 0;  // 1-based line of the point in its source file

    bool operator==(const Point&) const = default;
};

struct Document {
    std::string id;  // unique across an index: "Q26", "tips/1"
    DocKind kind = DocKind::question;
    // The question text (without "Question N:"), the tip's label, or for a note section its
    // heading path ("Acme onsite > System design > Caching").
    std::string title;
    std::string source;  // the file as the user should see it, e.g. "corpus/netflix-....txt"
    int line = 0;        // 1-based line where the question or tip starts
    int order = 0;       // position within its source, for listing in document order
    Origin origin = Origin::corpus;

    std::string answer;         // the answer introduction (paragraphs before the first point)
    std::vector<Point> points;  // labelled points and list items, in order
    std::string example;        // the worked example paragraph(s) after the points
    std::string why;            // the "Why this is important" paragraph(s)
    // Other ways a candidate asks for a shipped question or tip (corpus/paraphrases.txt),
    // indexed as a low-weight field; empty for notes.
    std::vector<std::string> paraphrases;

    std::vector<std::string> topics;  // topic ids, best first (set by the tagger at index time)
    // Explicit tags (front matter tags:/topics:, a note's #hashtags), as written, once each.
    std::vector<std::string> tags;
    // The shipped questions a note section says it answers, as canonical ids ("Q7"): its file's
    // front matter `answers: [Q7, Q19]` and `[[Q7]]` links in the section. Indexed as terms
    // (schema kPrefixAnswers) for `tpmsearch coverage`; not kept in the stored record.
    std::vector<std::string> answers;

    bool operator==(const Document&) const = default;
};

// Metadata of one source file, from its YAML front matter.
struct SourceInfo {
    std::string path;  // as in Document::source
    std::string title;
    std::string date;
    std::string excerpt;
    std::vector<std::string> tags;  // front matter tags: and topics:, explicit topics of its docs

    bool operator==(const SourceInfo&) const = default;
};

// The STAR parts ("Situation", "Task", "Action", "Result") a story does not tell, in that order:
// a story needs only three of the four (ingest/notes_blocks.h kStoryMinParts), and `show` says
// which one is missing. Empty for other kinds and for a story without STAR parts at all.
std::vector<std::string> missing_star_parts(const Document& doc);

}  // namespace tpm
