// text/normalize.h: the one text normalisation used on both the index and the query side, and
// the clean-up of raw file bytes. The only ICU user besides text/words.h and text/width.h.
// May include model/ and ICU; never Xapian or CLI11.
#pragma once

#include <string>
#include <string_view>

namespace tpm::text {

// Folds text for matching: Unicode NFKC, full case folding, and removal of accents (combining
// marks after canonical decomposition), so "Résumé", "RESUME" and "ｒｅｓｕｍｅ" all become
// "resume". Ill-formed UTF-8 sequences become U+FFFD. Byte lengths may change; do not map
// offsets of the result back onto the input. Throws tpm::Error(internal) if ICU fails.
std::string fold(std::string_view utf8);

// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Prepares file content for parsing: drops a leading UTF-8 byte-order mark and turns CRLF and
// lone CR line ends into LF. Does not validate or transcode.
std::string clean_input(std::string_view bytes);

}  // namespace tpm::text
