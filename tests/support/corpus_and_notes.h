// tests/support/corpus_and_notes.h: the small test corpus (tests/data/cli_corpus) and a notes
// folder in a fresh temporary data root, indexed through the real indexers and opened the way
// tpmsearch opens them (open_search_index), so a test can write notes and search both.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "index/notes_indexer.h"
#include "index/search_index.h"
#include "ingest/corpus.h"
#include "model/diagnostic.h"
#include "support/temp_dir.h"
#include "topics/taxonomy.h"

namespace tpm::test {

class CorpusAndNotes {
  public:
    CorpusAndNotes() {
        std::filesystem::copy(std::filesystem::path(TPM_TEST_DATA_DIR) / "cli_corpus",
                              root_.path() / "corpus");
        where_.data_root = root_.path();
    }

    const std::filesystem::path& root() const { return root_.path(); }
    std::filesystem::path notes() const { return root_.path() / "notes"; }

    // Writes `text` to notes/`name`.
    void write_note(const std::string& name, const std::string& text) const {
        write_file(notes() / name, text);
    }

    // Indexes notes/ into the notes index, which the search then reads with the corpus; the
    // notes are tagged with the corpus's taxonomy, as tpmindex tags them.
    void index_notes() {
        where_.notes_index = root_.path() / "notes-index";
        std::vector<Diagnostic> problems;
        const Taxonomy taxonomy =
            read_taxonomy(root_.path() / "corpus" / "topics.yaml", "corpus/topics.yaml", problems);
        NotesIndexOptions options;
        options.index_dir = *where_.notes_index;
        options.taxonomy = &taxonomy;
        update_notes(options, {notes().string()});
    }

    Xapian::Database open() {
        return open_search_index(where_,
                                 [this](const SearchIndexNotice& n) { told_.push_back(n); });
    }

  protected:
    TempDir root_;
    SearchIndexLocations where_;
    std::vector<SearchIndexNotice> told_;
};

}  // namespace tpm::test
