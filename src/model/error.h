// model/error.h: the one exception type the library throws for a failed operation. Third-party
// errors (Xapian::Error, ICU status codes, std::filesystem errors) are translated into it where
// the library calls them. Standard library only.
#pragma once

#include <stdexcept>
#include <string>

namespace tpm {

enum class ErrorCode {
    bad_query,        // the query cannot be parsed
    index_missing,    // no index at the given path
    index_corrupt,    // the database cannot be opened or read
    schema_mismatch,  // built by another schema version
    index_locked,     // another writer holds the lock
    io,               // reading or writing a file failed
    not_found,        // a named item (document id) does not exist
    bad_config,       // the user's configuration (file or variable) is not valid
    internal,         // any other library failure
};

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

  private:
    ErrorCode code_;
};

}  // namespace tpm
