#include "index/search_index.h"

#include <chrono>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "index/corpus_indexer.h"
#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/notes_registry.h"

namespace tpm {

namespace {

// The command that repairs the default and the notes index, named in every message about them.
constexpr const char* kRebuild = "tpmindex --rebuild";

// Said before the corpus index is built, which takes a few seconds.
constexpr const char* kBuilding =
    "building the index in index/ from corpus/ (once, after each change to corpus/ or to "
    "tpmsearch)";

// How long a search that must (re)build the missing default index waits for another process
// that is building it: the first searches after an install may run together.
constexpr std::chrono::seconds kBuildPatience{3};

// Whether `a` and `b` name the same folder (either may not exist yet).
bool same_folder(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// An index named by --index or $TPMSEARCH_INDEX. When it is missing and is (or was) the notes
// index, the fix is to index notes into it, never the shipped corpus.
Xapian::Database open_named_index(const std::filesystem::path& dir,
                                  const std::optional<std::filesystem::path>& notes_index) {
    if (!index_exists(dir)) {
        const std::optional<std::vector<std::string>> roots = read_notes_registry(dir);
        if (roots && !roots->empty()) {
            throw Error(ErrorCode::index_missing, "the notes index in " + dir.string() +
                                                      " is missing (" + kRebuild + " --index " +
                                                      dir.string() +
                                                      " restores it from its registered folders)");
        }
        if (notes_index && same_folder(dir, *notes_index)) {
            throw Error(ErrorCode::index_missing,
                        "no notes index in " + dir.string() +
                            " yet (index a notes folder into it with: tpmindex FOLDER)");
        }
    }
    return open_index(dir);
}

// `message` without the fix open_index() appends ("... (rebuild it with: ...)"): said where the
// search does the rebuilding itself.
std::string without_fix(const std::string& message) {
    const std::size_t fix = message.rfind(" (");
    if (fix == std::string::npos || message.find("with: tpmindex", fix) == std::string::npos) {
        return message;
    }
    return message.substr(0, fix);
}

// The stale default index could not be refreshed: it is searched as it is, and the user told.
Xapian::Database searched_as_is(Xapian::Database db, const std::string& why,
                                const SearchIndexNotify& notify) {
    notify({SearchIndexNotice::Kind::notice,
            "index/ is older than corpus/ and cannot be rebuilt now (" + why +
                "); searched the old index; run tpmindex to refresh it"});
    return db;
}

void tell_build_warnings(const IndexReport& report, const SearchIndexNotify& notify) {
    for (const Diagnostic& d : report.diagnostics) {
        notify({SearchIndexNotice::Kind::warning, format_diagnostic(d)});
    }
}

// Builds the corpus index anew beside `index` and swaps it in, for an index that is missing or
// damaged (`problem`, empty when it was never built).
Xapian::Database rebuilt_corpus_index(const std::filesystem::path& corpus,
                                      const std::filesystem::path& index,
                                      const std::string& problem, const SearchIndexNotify& notify) {
    const bool never_built = !holds_index_files(index);
    notify({SearchIndexNotice::Kind::progress,
            never_built ? std::string(kBuilding)
                        : "rebuilding the index in index/ from corpus/ (" + problem + ")"});
    try {
        const IndexReport report = rebuild_corpus_index(
            corpus, "corpus", index, /*wait_for_lock=*/false, {}, kBuildPatience, [&] {
                // Another search may have built it while this one waited for the lock.
                try {
                    return !corpus_index_current(open_index(index), corpus);
                } catch (const Error&) {
                    return true;
                }
            });
        tell_build_warnings(report, notify);
    } catch (const Error& e) {
        throw Error(e.code(), "index/ is " + std::string(never_built ? "missing" : "damaged") +
                                  " and cannot be built now (" + e.what() + "); run " + kRebuild +
                                  " once index/ can be written, or name another "
                                  "index with --index DIR");
    }
    return open_index(index, kRebuild);
}

// The shipped corpus index, open; (re)built first when it is missing, unreadable, of another
// schema, or older than its corpus, so the very first search just works. It is opened once and
// checked on that handle. A search never waits for another writer of an index it can answer
// from: a stale index that cannot be refreshed now (locked, read-only, full disk) is searched as
// it is, with a notice. A missing or damaged one is rebuilt beside it and swapped in
// (store/index_repair.h), never written into.
Xapian::Database open_corpus_index(const std::filesystem::path& corpus,
                                   const std::filesystem::path& index,
                                   const SearchIndexNotify& notify) {
    std::optional<Xapian::Database> stale;
    std::string problem;
    try {
        Xapian::Database db = open_index(index, kRebuild);
        if (corpus_index_current(db, corpus)) return db;
        stale = std::move(db);
    } catch (const Error& e) {
        problem = without_fix(e.what());  // missing, damaged or of another schema: ours to rebuild
    }
    if (stale) {
        if (index_locked(index))
            return searched_as_is(*stale, "another tpmindex is writing it", notify);
        if (const std::optional<std::string> why = index_unwritable(index)) {
            return searched_as_is(*stale, *why, notify);
        }
        notify({SearchIndexNotice::Kind::progress, kBuilding});
        try {
            const IndexReport report =
                build_corpus_index(corpus, "corpus", index, /*wait_for_lock=*/false);
            tell_build_warnings(report, notify);
            return open_index(index, kRebuild);
        } catch (const Error& e) {
            // Damage that opening did not show (a bad block) is repaired below; anything else
            // (another writer came first, a full disk) leaves the old index to answer from.
            const std::optional<std::string> damage = index_damage(index);
            if (!damage) return searched_as_is(*stale, e.what(), notify);
            problem = "the index in index/ is damaged: " + *damage;
        }
    }
    return rebuilt_corpus_index(corpus, index, problem, notify);
}

// Whether the corpus index in `index` can be searched as it is: built from `corpus` as it is now.
bool current_corpus_index(const std::filesystem::path& corpus, const std::filesystem::path& index) {
    try {
        return corpus_index_current(open_index(index), corpus);
    } catch (const Error&) {
        return false;  // missing, damaged or of another schema
    }
}

}  // namespace

std::filesystem::path corpus_index_dir(const std::filesystem::path& data_root,
                                       const std::optional<std::filesystem::path>& cache) {
    const std::filesystem::path installed = data_root / "index";
    if (!cache || !index_unwritable(installed)) return installed;
    if (current_corpus_index(data_root / "corpus", installed)) return installed;
    std::error_code ec;
    std::filesystem::create_directories(cache->parent_path(), ec);  // a failure shows on build
    return *cache;
}

Xapian::Database open_search_index(const SearchIndexLocations& where,
                                   const SearchIndexNotify& notify) {
    if (where.named) return open_named_index(*where.named, where.notes_index);
    if (!where.data_root) {
        throw Error(ErrorCode::index_missing,
                    "cannot find the shipped corpus/ beside tpmsearch; name an index with "
                    "--index DIR or TPMSEARCH_INDEX");
    }
    const std::filesystem::path corpus_index =
        corpus_index_dir(*where.data_root, where.cache_index);
    SearchIndexNotify corpus_notify = notify;
    if (corpus_index != *where.data_root / "index") {
        // Building in the user's cache: the progress line names it, not the install's index/.
        corpus_notify = [&](const SearchIndexNotice& notice) {
            if (notice.kind != SearchIndexNotice::Kind::progress) return notify(notice);
            notify({notice.kind, "building the shipped index in " + corpus_index.string() +
                                     " (this install is read-only; once, after "
                                     "each change to corpus/ or to tpmsearch)"});
        };
    }
    Xapian::Database db =
        open_corpus_index(*where.data_root / "corpus", corpus_index, corpus_notify);
    if (!where.notes_index) return db;
    const std::filesystem::path& notes = *where.notes_index;
    if (!index_exists(notes)) {
        const std::optional<std::vector<std::string>> roots = read_notes_registry(notes);
        if (roots && !roots->empty()) {
            notify({SearchIndexNotice::Kind::warning,
                    "your notes index in " + notes.string() + " is missing (" +
                        std::to_string(roots->size()) +
                        (roots->size() == 1 ? " folder" : " folders") + " registered); " +
                        kRebuild + " restores it"});
        }
        return db;
    }
    try {
        db.add_database(open_index(notes, kRebuild));
    } catch (const Error& e) {
        notify({SearchIndexNotice::Kind::warning,
                std::string("your notes are not searched: ") + e.what()});
    }
    return db;
}

}  // namespace tpm
