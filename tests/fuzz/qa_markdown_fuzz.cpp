// tests/fuzz/qa_markdown_fuzz.cpp: the Q&A document parser on any file a corpus folder could
// hold. Bytes reach it as ingest_corpus() passes them: a file that is not UTF-8 is skipped,
// the others go through text::clean_input. Every document is then tagged, round-tripped
// through the index's document data and printed, as tpmindex and `tpmsearch show` do.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.h"
#include "ingest/qa_markdown.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    const std::string_view bytes = fuzz::as_bytes(data, size);
    if (!text::is_valid_utf8(bytes)) return -1;  // skipped by ingest_corpus, never parsed
    const std::string source = "corpus/fuzz.md";
    const IngestResult r = parse_qa_markdown(text::clean_input(bytes), source);

    TPM_FUZZ_CHECK(r.sources.size() == 1 && r.sources[0].path == source);
    for (const std::string& tag : r.sources[0].tags) fuzz::check_utf8(tag);
    fuzz::check_diagnostics(r.diagnostics, source);
    std::set<std::string> ids;
    int order = 0;
    for (const Document& doc : r.docs) {
        // Promised by qa_markdown.h: "Q<N>" questions and "tips/<N>" tips, unique, in
        // document order counted from 1.
        TPM_FUZZ_CHECK(doc.kind == DocKind::question || doc.kind == DocKind::tip);
        TPM_FUZZ_CHECK(doc.id.starts_with(doc.kind == DocKind::question ? "Q" : "tips/"));
        TPM_FUZZ_CHECK(ids.insert(doc.id).second);
        TPM_FUZZ_CHECK(doc.order == ++order);
        TPM_FUZZ_CHECK(doc.source == source);
        TPM_FUZZ_CHECK(doc.origin == Origin::corpus);
        TPM_FUZZ_CHECK(doc.line >= 1);
        fuzz::check_document(doc, r.sources[0].tags, order <= 2);
    }
    return 0;
}
