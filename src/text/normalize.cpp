#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "model/error.h"
#include "text/ascii.h"
#include "text/icu_status.h"

namespace tpm::text {
namespace {

// The Normalizer2 getters return process-wide singletons owned by ICU, so the pointers are
// fetched once and never deleted. A failure (missing ICU data) throws out of the static's
// initialiser, which leaves it uninitialised and lets the next call try again.
struct Normalizers {
    const icu::Normalizer2* nfkc_casefold = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
};

const Normalizers& normalizers() {
    static const Normalizers instances = [] {
        UErrorCode status = U_ZERO_ERROR;
        Normalizers n;
        n.nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        detail::check_icu(status, "loading the NFKC_Casefold normaliser");
        n.nfd = icu::Normalizer2::getNFDInstance(status);
        detail::check_icu(status, "loading the NFD normaliser");
        n.nfc = icu::Normalizer2::getNFCInstance(status);
        detail::check_icu(status, "loading the NFC normaliser");
        return n;
    }();
    return instances;
}

bool is_ascii(std::string_view bytes) {
    for (char ch : bytes) {
        if (static_cast<unsigned char>(ch) >= 0x80) return false;
    }
    return true;
}

// Removes nonspacing marks (general category Mn) from NFD text. Returns false, leaving `out`
// untouched, when there are none, so the caller can skip recomposition.
bool strip_nonspacing_marks(const icu::UnicodeString& decomposed, icu::UnicodeString& out) {
    const int32_t len = decomposed.length();
    bool removed = false;
    for (int32_t i = 0; i < len;) {
        const int32_t start = i;
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (!removed) {
                out.setTo(decomposed, 0, start);
                removed = true;
            }
        } else if (removed) {
            out.append(c);
        }
    }
    return removed;
}

}  // namespace

std::string fold(std::string_view utf8) {
    // NFKC_Casefold maps ASCII to itself except A-Z, so lowercasing gives the same result
    // without the UTF-16 round trip; most corpus words and queries take this path.
    if (is_ascii(utf8)) return ascii_lower(utf8);
    // ICU string lengths are int32_t.
    if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
        throw Error(ErrorCode::internal, "cannot fold text of more than 2 GiB");
    }
    const Normalizers& n = normalizers();
    // fromUTF8 replaces each maximal ill-formed subsequence with U+FFFD.
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));

    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = n.nfkc_casefold->normalize(source, status);
    detail::check_icu(status, "NFKC_Casefold-normalising text");
    // Accents only come apart from their base letters after canonical decomposition.
    const icu::UnicodeString decomposed = n.nfd->normalize(folded, status);
    detail::check_icu(status, "NFD-normalising text");

    std::string out;
    icu::UnicodeString stripped;
    if (!strip_nonspacing_marks(decomposed, stripped)) {
        // Nothing removed: `folded` is NFKC already, hence also NFC.
        folded.toUTF8String(out);
        return out;
    }
    const icu::UnicodeString recomposed = n.nfc->normalize(stripped, status);
    detail::check_icu(status, "NFC-normalising text");
    recomposed.toUTF8String(out);
    return out;
}

bool is_valid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto len = static_cast<int64_t>(bytes.size());
    int64_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        // U8_NEXT yields a negative code point for overlongs, surrogates, values above
        // U+10FFFF and truncated or stray sequences.
        UChar32 c = 0;
        U8_NEXT(s, i, len, c);
        if (c < 0) return false;
    }
    return true;
}

std::string clean_input(std::string_view bytes) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\r') {
            out.push_back(bytes[i]);
            continue;
        }
        out.push_back('\n');
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    }
    return out;
}

}  // namespace tpm::text
