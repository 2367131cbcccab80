// store/index_repair.h: rebuilding an index beside the old one and swapping it in, so readers
// never see a half-built index and a damaged one is replaced rather than written into.
// May include model/, text/, Xapian.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tpm {

// What is wrong with the index in `dir`, in a few words, or nullopt when Xapian's own check
// (every table, block by block) finds it whole and it is of this schema version. A folder with no
// database in it is "missing" when it still holds tables (a deleted iamglass), nullopt when it is
// empty (never built). Reading every block costs about 0.3 s for a 40 MB index, so it is done
// only when the tables differ (size, modification time) from when the index was last known
// sound: a refresh that changes nothing stays a matter of stats.
std::optional<std::string> index_damage(const std::filesystem::path& dir);

// Records the tables of the index in `dir` as they are now as sound: called after a clean check
// and by the writers after each commit, while they hold the write lock. Best effort: a record
// that cannot be written only means the next index_damage() checks block by block.
void record_index_sound(const std::filesystem::path& dir);

// Why the index folder `dir` cannot be written now (a read-only file system, no permission), in
// a few words, or nullopt when it can (as far as access(2) tells: a full disk shows on write).
std::optional<std::string> index_unwritable(const std::filesystem::path& dir);

// Whether the folder `dir` holds anything of a Xapian database (a table, the version file).
bool holds_index_files(const std::filesystem::path& dir);

// Rebuilds the index in `dir`: `build` writes a complete new index into the empty folder it is
// given (beside `dir`, on the same file system) and returns true, or false to give up (an
// interrupted run: the old index stays). The files of `dir` that are not Xapian's (a README, the
// notes registry when `build` wrote none) are copied over, then the new folder takes the old
// one's place in one atomic exchange (renameat2 RENAME_EXCHANGE), so a reader opens either the
// old index or the new one, and the old one is removed. While this runs it holds the old
// index's write lock, so no tpmindex writes there meanwhile: `lock` says whether to wait for a
// writer that holds it, or for how long, before throwing tpm::Error(index_locked).
// Throws tpm::Error(io) when the new folder cannot be made or swapped in (read-only, full disk,
// a mount point); the old index is then left as it was and the new folder removed.
// Returns whether the new index was swapped in.
struct LockWait {
    bool wait = true;                    // until the other writer is done
    std::chrono::milliseconds patience;  // when not `wait`: how long to try before giving up
    std::function<void()> waiting;       // said once before waiting; may be empty
};
bool rebuild_index(const std::filesystem::path& dir,
                   const std::function<bool(const std::filesystem::path& fresh)>& build,
                   const LockWait& lock);

}  // namespace tpm
