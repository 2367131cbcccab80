#include "store/database.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "model/error.h"
#include "store/schema.h"
#include "store/writable.h"

namespace tpm {

int index_schema_version(const Xapian::Database& db) {
    const std::string value = db.get_metadata(schema::kSchemaVersionKey);
    int version = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (ec != std::errc() || ptr != value.data() + value.size()) return 0;
    return version;
}

bool index_terms_current(const Xapian::Database& db) {
    return db.get_metadata(schema::kTermSignatureKey) == detail::term_signature();
}

bool index_exists(const std::filesystem::path& dir) {
    std::error_code ec;
    // A glass database always has iamglass; Xapian's own check for "is there a database here".
    return std::filesystem::exists(dir / "iamglass", ec);
}

bool index_locked(const std::filesystem::path& dir) {
    if (!index_exists(dir)) return false;
    try {
        return Xapian::Database(dir.string(), Xapian::DB_BACKEND_GLASS).locked();
    } catch (const Xapian::Error&) {
        return false;  // unreadable or damaged: opening it for writing will say so
    }
}

namespace {

// The bytes of the version file, which a commit replaces (rename) with the new revision's.
std::string version_file(const std::filesystem::path& dir) {
    std::ifstream in(dir / "iamglass", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Glass readers take no lock: a reader that opens while a writer commits twice can meet blocks
// the writer has already reused and Xapian calls that corruption. It is a race, not damage,
// when the revision moved during the attempt; a few retries outlast an indexer committing in
// a loop.
constexpr int kOpenRetries = 3;

}  // namespace

Xapian::Database open_index(const std::filesystem::path& dir, const std::string& rebuild_command) {
    const std::string where = dir.string();
    const std::string fix =
        " (rebuild it with: " +
        (rebuild_command.empty() ? "tpmindex --rebuild --index " + where : rebuild_command) + ")";
    if (!index_exists(dir)) {
        throw Error(ErrorCode::index_missing,
                    "no index in " + where + " (build it with: tpmindex --index " + where + ")");
    }
    for (int attempt = 0;; ++attempt) {
        const std::string revision = version_file(dir);
        const auto raced = [&] { return attempt < kOpenRetries && version_file(dir) != revision; };
        try {
            Xapian::Database db(where, Xapian::DB_BACKEND_GLASS);
            const int version = index_schema_version(db);
            if (version != schema::kSchemaVersion) {
                throw Error(ErrorCode::schema_mismatch,
                            "the index in " + where + " was built with schema " +
                                std::to_string(version) + ", this tpmsearch reads schema " +
                                std::to_string(schema::kSchemaVersion) + fix);
            }
            return db;
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (raced()) continue;
            throw Error(ErrorCode::index_corrupt,
                        "cannot open the index in " + where + ": " + e.get_msg() + fix);
        } catch (const Xapian::DatabaseCorruptError& e) {
            if (raced()) continue;
            throw Error(ErrorCode::index_corrupt,
                        "the index in " + where + " is damaged: " + e.get_msg() + fix);
        } catch (const Xapian::Error& e) {
            if (raced()) continue;
            throw Error(ErrorCode::index_corrupt,
                        "cannot read the index in " + where + ": " + e.get_description() + fix);
        }
    }
}

}  // namespace tpm
