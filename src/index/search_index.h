// index/search_index.h: opening what a search reads: an index the user names, or the shipped
// corpus index (built or rebuilt first when it needs it) with the user's notes index beside it,
// as one database. Results are told apart by their id terms, never by docids.
// May include model/, text/, topics/, ingest/, store/, Xapian.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace tpm {

struct SearchIndexLocations {
    // An index the user named (tpmsearch --index, $TPMSEARCH_INDEX): searched alone.
    std::optional<std::filesystem::path> named;
    // The folder holding the shipped corpus/ and its index/.
    std::optional<std::filesystem::path> data_root;
    // The user's notes index, searched with the corpus index when it exists.
    std::optional<std::filesystem::path> notes_index;
    // Where the corpus index is built when data_root/index is not current and cannot be
    // written (corpus_index_dir()).
    std::optional<std::filesystem::path> cache_index;
};

// The folder of the shipped corpus index of `data_root`: data_root/index, unless that folder
// cannot be written (a shared install owned by root) and its index is not current (missing,
// stale, damaged, of another schema): then `cache` (the user's cache folder, its parent
// created), where the index is built once and searched afterwards. A current install index is
// always preferred over the cache. Without `cache`, always data_root/index.
std::filesystem::path corpus_index_dir(const std::filesystem::path& data_root,
                                       const std::optional<std::filesystem::path>& cache);

// What happened on the way that the user should hear, in order, as it happens (building the
// corpus index takes seconds).
struct SearchIndexNotice {
    enum class Kind {
        progress,  // what is being done now ("building the index ...")
        notice,    // searched anyway, but not as well as it could be (a stale index)
        warning,   // something is missing from what is searched
    } kind;
    std::string text;
};
using SearchIndexNotify = std::function<void(const SearchIndexNotice&)>;

// The database to search. A named index is opened as it is; when it is missing and is (or was)
// a notes index, the error says to index notes into it, never the shipped corpus. Otherwise the
// shipped index under `data_root` (refreshed as open_corpus_index() in search_index.cpp
// describes) with the notes index added when there is one. A notes index that cannot be
// opened is a warning: the corpus is still searched. So is one that is gone while its registry
// says folders are registered: notes never vanish silently. Throws tpm::Error when there is
// nothing to search.
Xapian::Database open_search_index(const SearchIndexLocations& where,
                                   const SearchIndexNotify& notify);

}  // namespace tpm
