#include "text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/normalize.h"

namespace tpm::text {
namespace {

// git and ripgrep look for a NUL byte in the first 8 KiB to call a file binary.
constexpr std::size_t kBinarySniffBytes = 8 * 1024;

// ICU's confidences run from 0 to 100 and are not probabilities. Short notes get poor guesses
// in the twenties and thirties ("caf\xE9 na\xEFve" is ISO-8859-2 at 25, a line of GB18030
// ISO-8859-6 at 30), where real text in a legacy charset scores 50 to 100 (a Russian line in
// windows-1251 50, a Latin-1 paragraph 98); windows-1252 is the better guess below that.
constexpr int32_t kMinConfidence = 50;

constexpr const char* kFallbackEncoding = "windows-1252";
constexpr const char* kFallbackLabel = "windows-1252 (assumed, not detected)";

constexpr std::size_t kMaxIcuLength = static_cast<std::size_t>(std::numeric_limits<int32_t>::max());

struct ByteOrderMark {
    std::string_view bytes;
    const char* encoding;
};

// UTF-32LE's mark begins with UTF-16LE's, so it is tried first.
constexpr ByteOrderMark kByteOrderMarks[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
    {std::string_view("\xFE\xFF", 2), "UTF-16BE"},
};

struct Conversion {
    std::string text;
    UErrorCode status = U_ZERO_ERROR;
};

// Converts `bytes` (at most kMaxIcuLength) from `encoding` to UTF-8. Ill-formed or unmapped
// input becomes U+FFFD (ICU's default substitution callback), so a failed status means ICU
// itself failed, or has no converter of that name (U_FILE_ACCESS_ERROR).
Conversion convert_to_utf8(std::string_view bytes, const char* encoding) {
    Conversion result;
    if (bytes.empty()) return result;
    const auto length = static_cast<int32_t>(bytes.size());
    // Three UTF-8 bytes per input byte covers every single-byte charset and UTF-16; anything
    // longer (m:n mappings) is measured by the failed first try and converted again.
    std::size_t capacity = std::min(bytes.size() * 3 + 16, kMaxIcuLength);
    for (int attempt = 0; attempt < 2; ++attempt) {
        result.text.resize(capacity);
        result.status = U_ZERO_ERROR;
        const int32_t written =
            ucnv_convert("UTF-8", encoding, result.text.data(), static_cast<int32_t>(capacity),
                         bytes.data(), length, &result.status);
        if (result.status == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            capacity = static_cast<std::size_t>(written);
            continue;
        }
        result.text.resize(U_SUCCESS(result.status) ? static_cast<std::size_t>(written) : 0);
        break;
    }
    return result;
}

Decoded converted(std::string_view bytes, const char* from, std::string label) {
    Decoded d;
    Conversion c = convert_to_utf8(bytes, from);
    if (U_FAILURE(c.status)) {
        d.reason = std::string("cannot convert from ") + from + ": " + u_errorName(c.status);
        return d;
    }
    d.ok = true;
    d.text = clean_input(c.text);
    d.encoding = std::move(label);
    d.converted = true;
    return d;
}

// The charsets ICU's detector proposes for `bytes`, most confident first, leaving out the
// Unicode ones (the bytes are not UTF-8 and carry no byte-order mark) and the weak guesses.
std::vector<std::string> detect_encodings(std::string_view bytes, UErrorCode& status) {
    std::vector<std::string> names;
    icu::LocalUCharsetDetectorPointer detector(ucsdet_open(&status));
    ucsdet_setText(detector.getAlias(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.getAlias(), &count, &status);
    if (U_FAILURE(status)) return names;
    for (int32_t i = 0; i < count; ++i) {
        const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
        const char* name = ucsdet_getName(matches[i], &status);
        if (U_FAILURE(status)) return {};
        if (confidence < kMinConfidence) break;  // matches come most confident first
        // The names belong to the detector, which is closed on return.
        if (!std::string_view(name).starts_with("UTF-")) names.emplace_back(name);
    }
    return names;
}

// Bytes that are neither UTF-8 nor marked as UTF-16/32: the detector's best guess that ICU can
// convert, else windows-1252, where every byte stands for some character.
Decoded decode_legacy(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    const std::vector<std::string> candidates = detect_encodings(bytes, status);
    if (U_FAILURE(status)) {
        Decoded d;
        d.reason = std::string("cannot detect the encoding: ") + u_errorName(status);
        return d;
    }
    for (const std::string& name : candidates) {
        // The detector also knows charsets the converter does not (IBM424_rtl).
        Decoded d = converted(bytes, name.c_str(), name);
        if (d.ok) return d;
    }
    return converted(bytes, kFallbackEncoding, kFallbackLabel);
}

// The length of the well-formed UTF-8 sequence of 2-4 bytes at `s[i]` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return n;
}

// UTF-8 with its ill-formed bytes as U+FFFD when the bytes are mostly UTF-8 (decode_text);
// nullopt when they are not.
std::optional<Decoded> repaired_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 16);
    std::size_t multibyte = 0, bad = 0;
    std::vector<int> lines;
    int line = 1;
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x80) {
            if (b == '\n') ++line;
            out.push_back(bytes[i++]);
            continue;
        }
        if (const std::size_t n = utf8_sequence(bytes, i); n > 0) {
            ++multibyte;
            out.append(bytes.substr(i, n));
            i += n;
            continue;
        }
        ++bad;
        if (lines.empty() || lines.back() != line) lines.push_back(line);
        out.append("\xEF\xBF\xBD");
        ++i;
    }
    if (multibyte == 0 || bad > multibyte) return std::nullopt;
    Decoded d;
    d.ok = true;
    d.text = clean_input(out);
    d.encoding = "UTF-8";
    d.replaced_lines = std::move(lines);
    return d;
}

}  // namespace

Decoded decode_text(std::string_view bytes) {
    if (bytes.size() > kMaxIcuLength) {
        Decoded d;
        d.reason = "too large to decode (over 2 GiB)";
        return d;
    }
    for (const ByteOrderMark& bom : kByteOrderMarks) {
        if (bytes.starts_with(bom.bytes)) {
            return converted(bytes.substr(bom.bytes.size()), bom.encoding, bom.encoding);
        }
    }
    const std::size_t nul = bytes.substr(0, kBinarySniffBytes).find('\0');
    if (nul != std::string_view::npos) {
        Decoded d;
        d.reason = "binary file (NUL byte at offset " + std::to_string(nul) + ")";
        return d;
    }
    if (is_valid_utf8(bytes)) {
        Decoded d;
        d.ok = true;
        d.text = clean_input(bytes);
        d.encoding = "UTF-8";
        return d;
    }
    if (std::optional<Decoded> repaired = repaired_utf8(bytes)) return std::move(*repaired);
    return decode_legacy(bytes);
}

}  // namespace tpm::text
