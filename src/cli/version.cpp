#include "cli/version.h"

#include <unicode/uversion.h>
#include <xapian.h>

namespace tpm::cli {

std::string version_text(std::string_view program) {
    UVersionInfo icu{};
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH] = {};
    u_versionToString(icu, icu_text);
    return std::string(program) + " " + TPM_VERSION + " (Xapian " + Xapian::version_string() +
           ", ICU " + icu_text + ")";
}

}  // namespace tpm::cli
