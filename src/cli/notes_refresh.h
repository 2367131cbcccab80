// cli/notes_refresh.h: the freshness check a search runs before it opens the index
// (index/notes_freshness.h), with what the user is told about it on stderr: nothing when the
// notes were current or were refreshed cleanly, else one line.
#pragma once

#include <ostream>

#include "cli/environment.h"

namespace tpm::cli {

// Brings the user's notes index up to date when the search reads it (no index named by
// --index or TPMSEARCH_INDEX) and refreshing is not turned off (`disabled`: --no-refresh, or
// TPMSEARCH_NO_REFRESH). Returns true when notes changed since they were indexed and were
// not refreshed: then one notice line has gone to `err`.
bool refresh_notes_before_search(const Environment& env, bool disabled, std::ostream& err);

}  // namespace tpm::cli
