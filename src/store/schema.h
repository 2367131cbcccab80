// store/schema.h: the one table of how documents live in the index: term prefixes (and the
// functions that build and split terms), query field names, value slots, metadata keys, the
// stemmer's language and the files of an index folder. Everything that reads or writes the
// index takes these from here, and no other file spells them (tests/schema_spelling_test.cpp;
// notmuch lib/prefix.cc; prefixes follow Omega's conventions, xapian-omega
// docs/termprefixes.rst). How records are encoded is in stored_records.h, the stemmer in
// stemmer.h, the synonym table in synonym_table.h.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace tpm::schema {

// Bump when the terms, values or data layout change; an index with another version is refused
// (or, for the default index, rebuilt).
inline constexpr int kSchemaVersion = 10;

// Metadata keys.
inline constexpr const char* kSchemaVersionKey = "tpmsearch:schema";
inline constexpr const char* kCorpusFingerprintKey = "tpmsearch:corpus";
// The most words a phrase of the vocabulary pack has (in Xapian's synonym table).
inline constexpr const char* kVocabularyMaxWordsKey = "tpmsearch:vocabulary-words";
// The taxonomy the index was tagged with, as encode_taxonomy() (store/stored_records.h).
inline constexpr const char* kTaxonomyKey = "tpmsearch:taxonomy";
// How terms were generated (store/writable.cpp term_signature()); when it differs, the writer
// re-indexes every document.
inline constexpr const char* kTermSignatureKey = "tpmsearch:terms";
// One key per source file (source_key()); the value is encode_source_info()
// (store/stored_records.h).
inline constexpr const char* kSourceKeyPrefix = "tpmsearch:source:";
// Notes index: the registered folders (a JSON list), and one key per indexed file (file_key())
// holding what the file looked like when indexed.
inline constexpr const char* kNotesRootsKey = "tpmsearch:roots";
inline constexpr const char* kFileKeyPrefix = "tpmsearch:file:";
// The notes index folder also keeps the registered folders in this file beside the tables
// (store/index_repair.h), so that damage to the tables cannot lose them.
inline constexpr const char* kNotesRegistryFileName = "registered-folders.json";
// Either index folder: the size and modification time of every table when the index was last
// known sound (checked block by block, or just committed by tpmindex), so the full check runs
// only when the tables changed behind tpmindex's back (store/index_repair.h).
inline constexpr const char* kTablesCheckedFileName = "tables-checked";

// One stemmer for indexing and querying.
inline constexpr const char* kStemLanguage = "english";

// Boolean (filter) term prefixes.
inline constexpr std::string_view kPrefixId = "Q";            // unique id: "QQ26", "Qtips/1"
inline constexpr std::string_view kPrefixKind = "XKIND";      // "XKINDquestion"
inline constexpr std::string_view kPrefixSource = "XSOURCE";  // source_term(): the file
inline constexpr std::string_view kPrefixOrigin = "XORIGIN";  // "XORIGINcorpus", "XORIGINnotes"
inline constexpr std::string_view kPrefixTopic = "XTOPIC";    // "XTOPICreliability"
// tag_term(): an explicit tag (front matter tags:/topics:, a #hashtag), folded: "XTAGconflict".
inline constexpr std::string_view kPrefixTag = "XTAG";
// folder_term(): a folder that holds the file (absolute, and relative to the registered folder
// it was found under) and the file's path relative to that folder, so file:stories and
// file:stories/keeper.md find it ("XDIRstories"). Not a query field of its own: file: reads it.
inline constexpr std::string_view kPrefixFolder = "XDIR";
// answers_term(): a shipped question a note section says it answers (Document::answers).
inline constexpr std::string_view kPrefixAnswers = "XANSWER";

// Free-text field prefixes. Every field is also indexed without a prefix, so a plain query
// searches all of them; the prefixed copies serve field queries (question:, answer:).
inline constexpr std::string_view kPrefixQuestion = "S";
inline constexpr std::string_view kPrefixAnswer = "XA";   // answer introduction
inline constexpr std::string_view kPrefixPoint = "XP";    // labelled points and their items
inline constexpr std::string_view kPrefixExample = "XE";  // the worked example
inline constexpr std::string_view kPrefixWhy = "XW";      // "Why this is important"
// Other ways to ask for a shipped question (Document::paraphrases). Indexed with this prefix
// only: the query weighs it below the question's own text (search/query_builder.cpp).
inline constexpr std::string_view kPrefixParaphrase = "XR";

// Stemmed terms: kPrefixStem, then the field prefix (none for the unprefixed copy), then the
// stem ("Zcanari", "ZScanari"). Unstemmed terms are the field prefix and the word.
inline constexpr std::string_view kPrefixStem = "Z";

// The stemmed term of `stem` in the field of `field_prefix` ("" for the unprefixed copy).
std::string stem_term(std::string_view stem, std::string_view field_prefix = {});

// A free-text term taken apart: whether it is stemmed, its field prefix ("" for the unprefixed
// copy) and the word or stem. Indexed text is folded to lower case, so the prefix is the
// leading upper-case run after the stem prefix.
struct TextTerm {
    bool stemmed = false;
    std::string_view field_prefix;
    std::string_view word;
};
TextTerm split_text_term(std::string_view term);

// Whether `term` is a boolean (filter) term: one of kBooleanFields' prefixes.
bool is_boolean_term(std::string_view term);

// A term no query names, whose wdf makes a note's length (the sum of its terms' wdf, which BM25
// compares) what it would be with the field copies it does not keep (store/writable.cpp).
inline constexpr std::string_view kTermLength = "XLENGTH";

// Within-document frequency increments of the unprefixed copies: how much a word counts in
// ranking depending on where it stands. Question text above labels above the answer body
// above "why". Tuned with bench/relevance (see README).
inline constexpr Xapian::termcount kWdfQuestion = 3;
inline constexpr Xapian::termcount kWdfLabel = 2;
inline constexpr Xapian::termcount kWdfBody = 1;

// A gap in term positions between fields, so a phrase never spans two of them.
inline constexpr Xapian::termpos kFieldGap = 100;

// A query field name and the term prefix it searches. A name listed twice searches both.
struct QueryField {
    const char* name;
    std::string_view prefix;
};
inline constexpr QueryField kTextFields[] = {
    {"question", kPrefixQuestion},
    {"q", kPrefixQuestion},
    {"answer", kPrefixAnswer},
    {"answer", kPrefixPoint},
    {"answer", kPrefixExample},
    {"point", kPrefixPoint},
    {"example", kPrefixExample},
    {"why", kPrefixWhy},
    {"paraphrase", kPrefixParaphrase},
    // A shipped question's text, a tip's label, a note section's own heading: the title shown.
    {"title", kPrefixQuestion},
};
// The query's source: names the origin (corpus or notes), as the --source option does: the
// name users know. Everywhere in the code "source" is a file, which the query calls file:.
inline constexpr QueryField kBooleanFields[] = {
    {"id", kPrefixId},           {"kind", kPrefixKind},
    {"source", kPrefixOrigin},  // corpus or notes
    {"file", kPrefixSource},    // a file by its path as shown, or a folder (folder_term())
    {"topic", kPrefixTopic},     {"tag", kPrefixTag},
    {"answers", kPrefixAnswers},  // answers:Q7, the note sections that say they answer Q7
};

// The boolean term of the file `path` (Document::source): the prefix and the path, or for a
// path too long for a Xapian term, a hash of it.
std::string source_term(std::string_view path);

// The boolean term of a folder (or a path relative to a registered folder), `path` without a
// trailing '/': the prefix and the path, or a hash of a long one, as source_term().
std::string folder_term(std::string_view path);

// The folder terms of the file `source` (Document::source) found under the registered folder
// `root` ("" when there is none, as for the shipped corpus): every folder above it but "/"
// (absolute when `source` is), and when it lies under `root`, its path relative to `root` and
// every folder of that path.
std::vector<std::string> folder_terms(std::string_view source, std::string_view root);

// The boolean term of the tag `tag`: without a leading '#', case-folded, with runs of spaces
// made one '-' ("System Design" and "#system-design" are one tag); "" for an empty tag.
std::string tag_term(std::string_view tag);

// The boolean term of a question a note says it answers: the prefix and the id in lower case,
// "XANSWERq7", since Xapian's query parser puts a ':' between a long prefix and a value
// starting with a capital, and answers:Q7 must find it.
std::string answers_term(std::string_view question_id);

// The metadata key of the source file `path` (kSourceKeyPrefix and the path, as every index
// written before long paths were hashed holds it), or for a path whose key Xapian would refuse
// ("Key too long"), the prefix, '#' and a hash of the path. Every reader and writer of a
// source's record uses this.
std::string source_key(std::string_view path);

// The metadata key of a notes file's record (kFileKeyPrefix and the path, or '#' and a hash of
// a path longer than 200 bytes with the prefix).
std::string file_key(std::string_view path);

// Value slots.
inline constexpr Xapian::valueno kSlotOrder = 0;   // order_key(): source, then place in it
inline constexpr Xapian::valueno kSlotLine = 1;    // sortable_serialise(line)
inline constexpr Xapian::valueno kSlotTopics = 2;  // topic ids joined by '\n', for facet counts
// A note section's own heading, folded: the sections that share it crowd each other
// (search/crowding.h). Shipped documents have none.
inline constexpr Xapian::valueno kSlotHeading = 3;

// Sorts documents by source path, then by their order within it.
std::string order_key(const Document& doc);

// The id as stored: "q26" and "Q26" name the same question; other ids ("q1-notes.md#x", a
// note's) are kept as given.
std::string canonical_id(std::string_view id);

// The unique id term of a document id.
std::string id_term(std::string_view id);

}  // namespace tpm::schema
