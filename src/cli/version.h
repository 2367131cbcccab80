// cli/version.h: what `tpmsearch --version` and `tpmindex --version` print.
#pragma once

#include <string>
#include <string_view>

namespace tpm::cli {

// "tpmsearch 0.1.0 (Xapian 1.4.22, ICU 72.1)": the project's version (CMake's
// project(VERSION)) and the versions of the two libraries whose behaviour shapes the index,
// as loaded at run time, so a bug report names what was really running.
std::string version_text(std::string_view program);

}  // namespace tpm::cli
