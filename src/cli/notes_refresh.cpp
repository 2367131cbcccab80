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

}  // namespace

bool refresh_notes_before_search(const Environment& env, bool disabled, std::ostream& err) {
    if (!env.notes_index || env.index_override) return false;
    NotesChanges changes;
    try {
        changes = notes_changes(*env.notes_index);
    } catch (const Error&) {
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
