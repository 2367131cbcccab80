// store/index_writer.h: writes Documents into an index. All changes of one writer become
// visible together at commit() or not at all (one Xapian transaction), so a crash or an error
// never leaves a half-written index. Re-adding a document replaces it through its unique id term.
// May include model/, text/, Xapian.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/document.h"
#include "model/synonym.h"
#include "store/synonym_table.h"

namespace tpm {

struct WriterOptions {
    // An index built by another schema version is discarded and rebuilt (true) or refused with
    // tpm::Error(schema_mismatch) (false).
    bool rebuild_on_schema_mismatch = false;
    // Wait for another writer to release the lock (true) or fail at once (false).
    bool wait_for_lock = true;
};

// What a writer did, for the summary line.
struct WriteStats {
    std::size_t added = 0;
    std::size_t changed = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
};

class IndexWriter {
  public:
    // Opens the index in `dir` for writing, creating the folder and the database if needed.
    // Throws tpm::Error: index_locked (another writer, when not waiting), schema_mismatch, io
    // (the folder cannot be created or written), index_corrupt.
    IndexWriter(const std::filesystem::path& dir, const WriterOptions& options);
    // Discards whatever was not committed.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // Adds `doc`, or replaces the document with the same id. A document whose stored form is
    // identical is left alone and counted as unchanged.
    void put(const Document& doc);

    // Deletes every document whose id is not in `keep`.
    void remove_all_except(const std::set<std::string>& keep);

    void set_metadata(const std::string& key, const std::string& value);

    // Replaces the vocabulary pack in Xapian's synonym table with `entries`, stemmed as the
    // index holds its words (synonym_pairs).
    void set_synonyms(const std::vector<SynonymEntry>& entries);

    // Records the front matter of every source file, dropping that of files not listed.
    void set_sources(const std::vector<SourceInfo>& sources);

    // Makes every change since the writer was opened visible at once, with the schema version.
    // Throws tpm::Error(io) when the write fails (a full disk, say); the index keeps its old
    // state then.
    void commit();

    const WriteStats& stats() const { return stats_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    WriteStats stats_;
};

}  // namespace tpm
