// store/notes_writer.h: the personal notes index, updated one file at a time. Each file's
// change (its sections replaced, or removed) is one Xapian transaction, and changes become
// durable in batches, so a crash or a full disk leaves every file either as it was indexed
// before or as it is now, never half of it. The index also records which folders are
// registered and, per file, what it looked like when indexed (size, modification time,
// content hash), so a refresh can skip unchanged files with a stat.
// May include model/, text/, Xapian.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "store/index_writer.h"
#include "store/stemmer.h"

namespace tpm {

// What a file looked like when it was indexed.
struct FileState {
    std::string path;  // absolute, as Document::source of its sections
    std::string root;  // the registered folder (or file) it was found under
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;  // content_hash() of its bytes
    std::size_t documents = 0;

    bool operator==(const FileState&) const = default;
};

// A 64-bit FNV-1a hash of `bytes` as 16 hex digits: tells a touched file from a changed one.
std::string content_hash(std::string_view bytes);

// What the ids of the sections of `path` start with (NoteFile::id_base), `path` being found
// under the registered folder (or file) `root`, one of `roots`, every registered folder in the
// order they were added: the path relative to `root` ("stories/failure.md"; a registered file:
// its name). The files of every folder but the first are prefixed with that folder's name and
// ':' ("work:standup.md"; a registered file: its own name), numbered
// ("notes-2:") when an earlier folder has the same name, so two folders holding the same
// relative path never share an id, and an id never changes when a file appears in another
// folder. Only removing an earlier folder changes a later one's prefix.
std::string note_id_base(const std::vector<std::string>& roots, const std::string& root,
                         const std::string& path);

// `id` as the index holds it: itself, or for an id too long for a Xapian term (as
// schema::source_term hashes long paths), "n" and 16 hex digits of its hash.
std::string stored_note_id(std::string_view id);

// What a notes index records, read from any handle on it (also a read-only one): the
// registered folders in the order they were added, and every indexed file by path. Throw
// tpm::Error(index_corrupt) when the records cannot be read.
std::vector<std::string> notes_roots(const Xapian::Database& db);
std::map<std::string, FileState> notes_files(const Xapian::Database& db);

// A file's sections made into Xapian documents. Making them (term generation, stemming) is the
// costly part of indexing and needs no index, so the indexer makes the next file's sections on
// another thread while NotesWriter writes this one's. One SectionMaker per thread.
struct MadeSections {
    std::vector<Document> docs;
    std::vector<Xapian::Document> made;  // one per doc, in order
    // A stop was asked for before every section was made: not to be written.
    bool stopped = false;
};

class SectionMaker {
  public:
    SectionMaker();
    // Stems with `stem` (a caching_stemmer()), e.g. the one the caller tags topics with,
    // so a word is stemmed once for both. Not thread-safe, like the SectionMaker itself.
    explicit SectionMaker(const Xapian::Stem& stem);
    // Once `stop` (may be null) is set, returns within a field of the text: `stopped`, with what
    // was made so far. A section of 16,000 list items is made in a fraction of a second, but a
    // 10 MB file still takes seconds, and a user's Ctrl-C must not wait for it.
    // `root`: the registered folder the file was found under (file:FOLDER finds it by it).
    MadeSections make(std::vector<Document> docs, const std::atomic<bool>* stop = nullptr,
                      std::string_view root = {});

  private:
    Xapian::TermGenerator tg_;
};

class NotesWriter {
  public:
    // Opens (creating) the notes index in `dir`. Throws tpm::Error like IndexWriter:
    // index_locked, schema_mismatch (unless options.rebuild_on_schema_mismatch), io,
    // index_corrupt.
    NotesWriter(const std::filesystem::path& dir, const WriterOptions& options);
    // Commits what is complete: every file finished before is kept.
    ~NotesWriter();
    NotesWriter(const NotesWriter&) = delete;
    NotesWriter& operator=(const NotesWriter&) = delete;

    // The registered folders and files, in the order they were added. set_roots() also writes
    // them at once to the registry file beside the tables (store/notes_registry.h); throws
    // tpm::Error(io) when it cannot.
    std::vector<std::string> roots() const;
    void set_roots(const std::vector<std::string>& roots);

    // Every indexed file, by path.
    std::map<std::string, FileState> files() const;

    // Replaces whatever was indexed from `state.path` with `docs` (their source must be
    // state.path) and records `state` and the file's front matter (`info`, may be null), in one
    // transaction.
    void replace_file(const FileState& state, const std::vector<Document>& docs,
                      const SourceInfo* info);
    void replace_file(const FileState& state, const MadeSections& sections, const SourceInfo* info);

    // Records a new size or modification time of a file whose content did not change.
    void update_state(const FileState& state);

    // Removes every section of `path` and its records, in one transaction.
    void remove_file(const std::string& path);

    // Whether the index's sections were made by an older tpmindex (terms are generated
    // differently now): every file must be indexed again, unchanged or not. It stays so, also
    // in the index, until terms_updated() says every file has been.
    bool terms_outdated() const;
    void terms_updated();

    // Stores `value` under `key` with the next commit (the taxonomy the notes were tagged with).
    void set_metadata(const std::string& key, const std::string& value);

    // Makes every finished file durable. Throws tpm::Error(io) on failure; the index then keeps
    // its last committed state.
    void commit();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tpm
