// store/database.h: opening an index for reading with its schema checked, and translating
// Xapian's opening errors into tpm::Error with the path and the command that fixes it.
// May include model/, text/, Xapian.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

namespace tpm {

// The schema version recorded in `db`, or 0 when it records none.
int index_schema_version(const Xapian::Database& db);

// Whether every document of `db` has its terms made the way this build makes them (stemmer,
// morphology tables, field weights); when not, queries stem words differently from the index.
bool index_terms_current(const Xapian::Database& db);

// True when `dir` holds a Xapian database (of any version).
bool index_exists(const std::filesystem::path& dir);

// True when a writer (another tpmindex) holds the lock of the index in `dir` right now; false
// when it is free or there is no index yet. Only a hint: the lock may change hands just after.
bool index_locked(const std::filesystem::path& dir);

// Opens the index in `dir` for reading. Throws tpm::Error: index_missing when `dir` holds no
// database, schema_mismatch when it was built by another schema version, index_corrupt when
// Xapian cannot open or read it. The messages end with the command that rebuilds it:
// `rebuild_command`, or "tpmindex --rebuild --index DIR" when it is empty.
Xapian::Database open_index(const std::filesystem::path& dir,
                            const std::string& rebuild_command = {});

}  // namespace tpm
