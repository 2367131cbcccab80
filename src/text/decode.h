// text/decode.h: turns the bytes of a user's note file into UTF-8 text, or says it is binary.
// UTF-8 (with or without a byte-order mark) passes through; UTF-16 with a BOM is converted;
// anything else that is not UTF-8 is identified with ICU's charset detector (Windows-1252 and
// Latin-1 notes are common) and converted. The only ICU user for this (STYLE.md §2).
// May include model/ and ICU.
#pragma once

#include <string>
#include <string_view>

namespace tpm::text {

struct Decoded {
    // False when the bytes look binary (a NUL byte in the first 8 KiB without a UTF-16 BOM, as
    // git and ripgrep decide) or cannot be decoded at all; `text` is then empty and `reason`
    // says why ("binary file (NUL byte at offset 12)").
    bool ok = false;
    std::string text;        // UTF-8 without BOM, CRLF and lone CR turned into LF
    std::string encoding;    // what the bytes were: "UTF-8", "UTF-16LE", "windows-1252", ...
    bool converted = false;  // true when `encoding` is not UTF-8 (the caller reports it once)
    std::string reason;      // when !ok
};

// Decodes `bytes`. Never throws on bad input; a ICU failure becomes !ok with a reason.
Decoded decode_text(std::string_view bytes);

}  // namespace tpm::text
