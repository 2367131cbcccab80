// text/decode.h: turns the bytes of a user's note file into UTF-8 text, or says it is binary.
// UTF-8 (with or without a byte-order mark) passes through; UTF-16 (and UTF-32) with a BOM is
// converted; anything else that is not UTF-8 is identified with ICU's charset detector
// (Windows-1252 and Latin-1 notes are common) and converted, and when the detector has no
// confident answer it is read as windows-1252, in which every byte is some character. The only
// ICU user for this (STYLE.md §2).
// May include model/ and ICU.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tpm::text {

struct Decoded {
    // False when the bytes look binary (a NUL byte in the first 8 KiB without a UTF-16/32 BOM, as
    // git and ripgrep decide) or cannot be decoded at all; `text` is then empty and `reason`
    // says why ("binary file (NUL byte at offset 12)").
    bool ok = false;
    std::string text;  // UTF-8 without BOM, CRLF and lone CR turned into LF
    // What the bytes were: "UTF-8", "UTF-16LE", "windows-1252", ... as ICU names them; the
    // fallback is "windows-1252 (assumed, not detected)".
    std::string encoding;
    bool converted = false;  // true when `encoding` is not UTF-8 (the caller reports it once)
    std::string reason;      // when !ok
    // A mostly-UTF-8 file (see decode_text) whose few ill-formed bytes became U+FFFD: the
    // 1-based lines that held them, for a warning each. `encoding` is then "UTF-8".
    std::vector<int> replaced_lines;
};

// Decodes `bytes`. Never throws on bad input; an ICU failure becomes !ok with a reason.
// Ill-formed sequences in UTF-16 or a detected charset become U+FFFD. Bytes that are mostly
// UTF-8 (at least one valid multi-byte sequence, and no more ill-formed bytes than valid
// multi-byte sequences: a stray Latin-1 "\xE9" pasted into a UTF-8 note) stay UTF-8, with only
// the ill-formed bytes replaced by U+FFFD; a file in windows-1252 throughout has no valid
// multi-byte sequence, or far fewer than bad bytes, and is converted whole.
Decoded decode_text(std::string_view bytes);

}  // namespace tpm::text
