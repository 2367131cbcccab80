#include "text/decode.h"

namespace tpm::text {

// Placeholder until the decoder lands: passes text through unchanged.
Decoded decode_text(std::string_view bytes) {
    Decoded d;
    d.ok = true;
    d.text = std::string(bytes);
    d.encoding = "UTF-8";
    return d;
}

}  // namespace tpm::text
