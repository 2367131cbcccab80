// model/diagnostic.h: a problem with one input item that does not stop the run ("question 12
// has no Answer:"). Printed by cli/ as "path:line: warning: message". Standard library only.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace tpm {

struct Diagnostic {
    std::string path;  // as the user should see it
    int line = 0;      // 1-based; 0 when the problem is with the whole file
    std::string message;

    bool operator==(const Diagnostic&) const = default;
};

// What a parser returns: the documents it could place and what it could not.
struct IngestResult {
    std::vector<SourceInfo> sources;
    std::vector<Document> docs;
    std::vector<Diagnostic> diagnostics;
};

// "path:line: message", or "path: message" when line is 0.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace tpm
