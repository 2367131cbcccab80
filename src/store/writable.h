// store/writable.h: what IndexWriter and NotesWriter share: opening a writable index with its
// schema checked, the term generator every document is indexed with, and the Xapian document
// made from a Document. Internal to store/.
// May include model/, text/, Xapian.
#pragma once

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <string_view>

#include "model/document.h"
#include "store/index_writer.h"
#include "store/stemmer.h"

namespace tpm::detail {

// A writable index in `dir` (created when missing), its term generator, and whether every
// document must be re-indexed because terms are now generated differently.
struct WritableIndex {
    std::string where;
    Xapian::WritableDatabase db;
    Xapian::TermGenerator tg;
    bool reindex_all = false;

    // The context of a failed write: "cannot write the index in WHERE".
    std::string cannot_write() const { return "cannot write the index in " + where; }
};

// Opens `dir` for writing. An index of another schema is rebuilt or refused as `options` say.
// Throws tpm::Error: index_locked, schema_mismatch, io, index_corrupt.
void open_writable_index(const std::filesystem::path& dir, const WriterOptions& options,
                         WritableIndex& out);

// The Xapian document of `doc`: its fields as free text (also prefixed, for field queries), its
// boolean terms, value slots and stored data. Its cost grows with the text, not with the number
// of fields. Once `stop` (may be null) is set it returns at the next field, with a document
// that is not whole: the caller that set it throws it away. `root`: the registered folder a
// note was found under, for its folder terms (schema::folder_terms()).
Xapian::Document make_document(const Document& doc, Xapian::TermGenerator& tg,
                               const std::atomic<bool>* stop = nullptr, std::string_view root = {});

// The term generator documents are indexed with (English stemming, CJK as n-grams). It has no
// database, so one can be used on any thread; spelling data is added with add_to_index().
// `stem`: caching_stemmer(), one per thread; a caller that also stems words itself
// (the topic tagger) passes its own, so each word is stemmed once.
Xapian::TermGenerator make_term_generator(const Xapian::Stem& stem);

// Adds `xdoc` to `db` with its unprefixed words as spelling data (once per document, weighted
// by how often it has them), as TermGenerator's FLAG_SPELLING would one word at a time.
void add_to_index(Xapian::WritableDatabase& db, const Xapian::Document& xdoc);
void replace_in_index(Xapian::WritableDatabase& db, const std::string& term,
                      const Xapian::Document& xdoc);

// How terms are generated now (stemmer, morphology tables, field weights); recorded by stamp().
std::string term_signature();

// Records the schema version and, with `terms`, the term signature: that every document's terms
// are made the current way. Call before every commit.
void stamp(Xapian::WritableDatabase& db, bool terms = true);

}  // namespace tpm::detail
