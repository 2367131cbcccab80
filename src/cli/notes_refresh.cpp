#include "cli/notes_refresh.h"

#include <string>
#include <vector>

#include "index/notes_freshness.h"
#include "ingest/corpus.h"
#include "model/error.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

std::string files(std::size_t n) { return std::to_string(n) + (n == 1 ? " note" : " notes"); }

// The one line a search says when it answers from notes older than their files.
void tell_stale(std::size_t changed, const std::string& why, std::ostream& err) {
    const bool one = changed == 1;
    err << "tpmsearch: notice: " << files(changed) << " changed since "
        << (one ? "it was" : "they were") << " indexed and " << (one ? "is" : "are")
        << " searched as indexed (" << text::printable(why, text::Controls::neutralise)
        << "); run tpmindex to refresh " << (one ? "it" : "them") << "\n";
}

// The taxonomy the notes are tagged with, as tpmindex reads it (index_command.cpp): read only
// when something changed. Its own problems are tpmindex's to report.
Taxonomy shipped_taxonomy(const Environment& env) {
    if (!env.data_root) return Taxonomy(std::vector<Topic>{});
    std::vector<Diagnostic> ignored;
    return read_taxonomy(env.corpus_dir() / kTaxonomyFileName,
                         std::string("corpus/") + kTaxonomyFileName, ignored);
}

// Indexes every registered folder again, as tpmindex --rebuild does, into a new index swapped
// in for one of another schema version (whose registered folders the registry file beside it
// still knows: index/notes_indexer.h rebuild_notes()). False when it was done; true,
// after one line, when it could not be (locked, read-only): the search then warns that the
// notes are not searched.
bool reindex_notes(const Environment& env, std::ostream& err) {
    err << "tpmsearch: re-indexing your notes for this version of tpmsearch (once)\n";
    const Taxonomy taxonomy = shipped_taxonomy(env);
    const NotesIndexOptions options{*env.notes_index, &taxonomy, {}, {}, nullptr, false, {}, {}};
    try {
        rebuild_notes(options);
    } catch (const Error& e) {
        err << "tpmsearch: notice: cannot re-index your notes now ("
            << text::printable(e.what(), text::Controls::neutralise) << ")\n";
        return true;
    }
    return false;
}

}  // namespace

bool refresh_notes_before_search(const Environment& env, bool disabled, std::ostream& err) {
    if (!env.notes_index || env.index_override) return false;
    NotesChanges changes;
    try {
        changes = notes_changes(*env.notes_index);
    } catch (const Error& e) {
        // Made by another version of tpmindex: indexed again from the registered folders, once,
        // as the shipped index is after an upgrade, so the notes never drop out of a search.
        if (e.code() == ErrorCode::schema_mismatch && !disabled) return reindex_notes(env, err);
        return false;  // an unreadable notes index is the search's warning (search_index.h)
    }
    if (changes.changed == 0) return false;
    if (disabled) {
        tell_stale(changes.changed, "refresh turned off by --no-refresh or TPMSEARCH_NO_REFRESH",
                   err);
        return true;
    }
    const Taxonomy taxonomy = shipped_taxonomy(env);
    NotesIndexOptions options{*env.notes_index, &taxonomy, {}, {}, nullptr, false, {}, {}};
    const NotesFreshness fresh = refresh_changed_notes(options, changes);
    if (fresh.state == NotesFreshness::State::stale) {
        tell_stale(fresh.changed, fresh.why, err);
        return true;
    }
    // A refresh's diagnostics (a binary file skipped, a folder gone) are tpmindex's to list:
    // a search says at most that there are some. A file skipped again (still binary), with
    // nothing else changed, is not worth a line at every search.
    if (!fresh.diagnostics.empty() && fresh.indexed > 0) {
        err << "tpmsearch: notice: refreshed " << files(fresh.changed) << " with "
            << fresh.diagnostics.size()
            << (fresh.diagnostics.size() == 1 ? " warning" : " warnings")
            << "; tpmindex lists them\n";
    }
    return false;
}

}  // namespace tpm::cli
