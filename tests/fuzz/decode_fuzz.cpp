// tests/fuzz/decode_fuzz.cpp: the first step of every note file, text::decode_text (UTF-8,
// UTF-16/32 with a byte-order mark, or a legacy charset found by ICU's detector), and
// text::clean_input, which the corpus files go through instead.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "text/decode.h"
#include "text/normalize.h"

namespace {

// What decode.h and normalize.h promise of their text: UTF-8 without CR. (A U+FEFF after the
// byte-order mark is text, so it may start the result.)
void check_clean(const std::string& s) {
    tpm::fuzz::check_utf8(s);
    TPM_FUZZ_CHECK(s.find('\r') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    const std::string_view bytes = fuzz::as_bytes(data, size);
    const text::Decoded d = text::decode_text(bytes);
    if (d.ok) {
        check_clean(d.text);
        TPM_FUZZ_CHECK(!d.encoding.empty());
        TPM_FUZZ_CHECK(d.converted == (d.encoding != "UTF-8"));
        TPM_FUZZ_CHECK(d.reason.empty());
    } else {
        TPM_FUZZ_CHECK(d.text.empty() && !d.reason.empty());
    }

    const std::string cleaned = text::clean_input(bytes);
    TPM_FUZZ_CHECK(cleaned.find('\r') == std::string::npos);
    TPM_FUZZ_CHECK(cleaned.size() <= bytes.size());
    if (text::is_valid_utf8(bytes)) {
        check_clean(cleaned);
        // UTF-8 without a NUL (which would make it binary) is not converted, only cleaned.
        if (bytes.find('\0') == std::string_view::npos) {
            TPM_FUZZ_CHECK(d.ok && d.text == cleaned);
        }
    }
    return 0;
}
