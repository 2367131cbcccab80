#include "model/document.h"

#include <iterator>
#include <string_view>

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

std::vector<std::string> missing_star_parts(const Document& doc) {
    static constexpr std::string_view kParts[] = {"Situation", "Task", "Action", "Result"};
    if (doc.kind != DocKind::story) return {};
    std::vector<std::string> missing;
    for (std::string_view part : kParts) {
        bool told = false;
        for (const Point& point : doc.points) told = told || point.label == part;
        if (!told) missing.emplace_back(part);
    }
    if (missing.size() == std::size(kParts)) return {};
    return missing;
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) out += ":" + std::to_string(d.line);
    out += ": " + d.message;
    return out;
}

}  // namespace tpm
