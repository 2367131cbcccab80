// text/width.h: how many terminal columns text takes (East Asian wide and fullwidth characters
// take two, combining marks and zero-width characters none), for wrapping in the printers.
#pragma once

#include <cstddef>
#include <string_view>

namespace tpm::text {

// Terminal columns `utf8` takes on one line. Ill-formed bytes count one column each.
std::size_t display_width(std::string_view utf8);

}  // namespace tpm::text
