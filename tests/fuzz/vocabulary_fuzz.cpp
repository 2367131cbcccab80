// tests/fuzz/vocabulary_fuzz.cpp: a vocabulary pack (corpus/synonyms.txt, or a user's own,
// which tpmsearch reads at every search). Bytes reach the parser as read_vocabulary() passes
// them: a file that is not UTF-8 is reported and not parsed, the others go through
// text::clean_input. The entries are then used as tpmindex and tpmsearch use them: made into
// the index's synonym pairs, and expanded at query time from the stems of their own phrases.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "ingest/vocabulary.h"
#include "search/synonyms.h"
#include "store/stemmer.h"
#include "store/synonym_table.h"

namespace {

void check_phrases(const std::vector<std::string>& phrases) {
    for (const std::string& p : phrases) {
        TPM_FUZZ_CHECK(!p.empty() && p.front() != ' ' && p.back() != ' ');
        TPM_FUZZ_CHECK(p.find_first_of(",#\n") == std::string::npos);
        tpm::fuzz::check_utf8(p);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    const std::string_view bytes = fuzz::as_bytes(data, size);
    const std::string path = "synonyms.txt";
    const auto parsed = fuzz::parse_data_file(
        bytes, path, [&](const std::string& text, std::vector<Diagnostic>& diagnostics) {
            return parse_vocabulary(text, path, diagnostics);
        });
    if (!parsed) return -1;
    const std::vector<SynonymEntry>& entries = *parsed;

    // Promised by vocabulary.h and model/synonym.h.
    int line = 0;
    for (const SynonymEntry& e : entries) {
        TPM_FUZZ_CHECK(e.line > line);
        line = e.line;
        TPM_FUZZ_CHECK(e.two_way ? e.from.size() >= 2 && e.to.empty()
                                 : !e.from.empty() && !e.to.empty());
        check_phrases(e.from);
        check_phrases(e.to);
    }

    for (const auto& [key, alternative] : synonym_pairs(entries)) {
        fuzz::check_utf8(key);
        fuzz::check_utf8(alternative);
    }

    // Each phrase of the pack, searched: the expansions cover runs of its words and never
    // offer the run itself.
    const SynonymExpander expander(entries);
    std::size_t phrases = 0;
    for (const SynonymEntry& e : entries) {
        for (const std::string& phrase : e.from) {
            if (++phrases > 16) break;  // a long pack repeats the same work
            const std::vector<std::string> stems = phrase_stems(phrase);
            std::size_t end = 0;
            for (const Expansion& x : expander.expand(stems)) {
                TPM_FUZZ_CHECK(x.start >= end && x.start < x.end && x.end <= stems.size());
                end = x.end;
                TPM_FUZZ_CHECK(!x.alternatives.empty());
                const std::vector<std::string> run(
                    stems.begin() + static_cast<std::ptrdiff_t>(x.start),
                    stems.begin() + static_cast<std::ptrdiff_t>(x.end));
                TPM_FUZZ_CHECK(std::find(x.alternatives.begin(), x.alternatives.end(), run) ==
                               x.alternatives.end());
            }
        }
    }
    return 0;
}
