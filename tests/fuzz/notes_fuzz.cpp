// tests/fuzz/notes_fuzz.cpp: the notes parser on any file a user's folder could hold. Bytes
// reach it as tpmindex passes them (index/notes_indexer.cpp): text::decode_text first, a file it
// finds binary is skipped; the text is then parsed both as markdown and as plain text (the
// extension decides, and any file may carry either). Every section is tagged with its front
// matter tags, made into index terms (SectionMaker), round-tripped through the index's document
// data and printed, as tpmindex and `tpmsearch show` do.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "ingest/notes.h"
#include "store/notes_writer.h"
#include "text/decode.h"

namespace {

void parse_as(const std::string& text, bool markdown) {
    using namespace tpm;
    const std::string source = markdown ? "/home/u/notes/acme/onsite.md" : "/home/u/notes/a.txt";
    const std::string prefix = note_id_base({"/home/u/notes"}, "/home/u/notes", source);
    const IngestResult r = parse_note(NoteFile{text, source, prefix, markdown});

    TPM_FUZZ_CHECK(r.sources.size() <= 1);
    const std::vector<std::string> no_tags;
    const std::vector<std::string>& tags = r.sources.empty() ? no_tags : r.sources[0].tags;
    for (const std::string& tag : tags) fuzz::check_utf8(tag);
    fuzz::check_diagnostics(r.diagnostics, source);
    // Promised by notes.h: unique ids that start with the file's id base, order the ordinal, origin
    // notes, the file's source, a 1-based line.
    int order = 0;
    std::set<std::string> ids;
    for (const Document& doc : r.docs) {
        ++order;
        TPM_FUZZ_CHECK(doc.id.starts_with(prefix));
        TPM_FUZZ_CHECK(ids.insert(doc.id).second);
        TPM_FUZZ_CHECK(doc.order == order);
        TPM_FUZZ_CHECK(doc.origin == Origin::notes);
        TPM_FUZZ_CHECK(doc.source == source);
        TPM_FUZZ_CHECK(doc.kind != DocKind::tip);
        TPM_FUZZ_CHECK(doc.line >= 1);
        fuzz::check_document(doc, tags, order <= 2);
    }
    static SectionMaker maker;
    const MadeSections made = maker.make(r.docs);
    TPM_FUZZ_CHECK(made.made.size() == r.docs.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tpm::text::Decoded decoded = tpm::text::decode_text(tpm::fuzz::as_bytes(data, size));
    if (!decoded.ok) return 0;  // binary: skipped with a diagnostic, never parsed
    parse_as(decoded.text, true);
    parse_as(decoded.text, false);
    return 0;
}
