// text/icu_status.h: internal to text/. Where text/ calls ICU, a failed UErrorCode becomes
// tpm::Error(internal) naming what was being done (STYLE.md: errors are translated where the
// library is called).
#pragma once

#include <unicode/utypes.h>

#include <string>

#include "model/error.h"

namespace tpm::text::detail {

// Throws tpm::Error(internal) "ICU failed <what>: <ICU's error name>" when `status` failed.
inline void check_icu(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw Error(ErrorCode::internal,
                    std::string("ICU failed ") + what + ": " + u_errorName(status));
    }
}

}  // namespace tpm::text::detail
