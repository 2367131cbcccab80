#include "model/document.h"

#include "model/diagnostic.h"

namespace tpm {

const char* to_string(DocKind kind) {
    switch (kind) {
        case DocKind::question:
            return "question";
        case DocKind::tip:
            return "tip";
        case DocKind::note:
            return "note";
        case DocKind::story:
            return "story";
    }
    return "question";
}

const char* to_string(Origin origin) { return origin == Origin::notes ? "notes" : "corpus"; }

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) out += ":" + std::to_string(d.line);
    out += ": " + d.message;
    return out;
}

}  // namespace tpm
