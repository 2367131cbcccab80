// tests/fuzz/front_matter_fuzz.cpp: the front matter block of any note or Q&A file. Both
// parsers read it first, from text::decode_text's output (notes) or from UTF-8 passed through
// text::clean_input (the corpus), which decode_text gives for UTF-8 too; so decode first.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "ingest/front_matter.h"
#include "text/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    const text::Decoded decoded = text::decode_text(fuzz::as_bytes(data, size));
    if (!decoded.ok) return 0;
    const std::string path = "notes/fuzz.md";
    std::vector<Diagnostic> diagnostics;
    const FrontMatter fm = parse_front_matter(decoded.text, path, diagnostics);
    fuzz::check_diagnostics(diagnostics, path);

    // Promised by front_matter.h: a block that was not read yields no fields, and the body
    // starts at a 1-based line no further than one past the text's last line.
    if (!fm.present) TPM_FUZZ_CHECK(fm.fields.empty() && fm.lists.empty());
    TPM_FUZZ_CHECK(fm.body_line >= 1);
    std::size_t lines = 1;
    for (const char c : decoded.text) lines += c == '\n';
    TPM_FUZZ_CHECK(static_cast<std::size_t>(fm.body_line) <= lines + 1);

    for (const auto& [key, value] : fm.fields) {
        fuzz::check_utf8(key);
        fuzz::check_utf8(value);
    }
    for (const auto& [key, list] : fm.lists) {
        fuzz::check_utf8(key);
        for (const std::string& item : list) fuzz::check_utf8(item);
    }
    for (const std::string& tag : front_matter_tags(fm)) {
        TPM_FUZZ_CHECK(!tag.empty());
        TPM_FUZZ_CHECK(tag.front() != ' ' && tag.back() != ' ');
    }
    return 0;
}
