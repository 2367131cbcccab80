// tests/fuzz/query_fuzz.cpp: the query pipeline, from what the user types to what is printed.
// LLVMFuzzerInitialize builds real indexes once, with the real tpmindex code, in a fresh
// temporary folder: the shipped corpus (with its taxonomy and vocabulary pack) and the notes
// fixtures of tests/data/notes, searched together as tpmsearch does. Each input is a command
// line: NUL bytes separate its arguments, which are joined by spaces as cli/ joins argv. It is
// searched (QueryBuilder, Searcher: spelling, vocabulary, rescue, related, excerpts) and the
// results printed by both printers; the same text is also tried as the id of `show` and
// `similar`. tpm::Error(bad_query) is the documented answer to a malformed query, and
// not_found to an unknown id; any other exception is a finding.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "index/corpus_indexer.h"
#include "index/notes_indexer.h"
#include "fuzz_support.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "search/searcher.h"
#include "search/similar.h"
#include "store/database.h"

namespace {

namespace fs = std::filesystem;

// A few real words, so that spelling correction both leaves words alone and corrects others,
// the same on every machine whatever dictionary it has.
constexpr const char* kWords =
    "canary\nrollback\nrelease\nstakeholder\nmanagement\nsite\nshipping\nsecurity\nresume\n"
    "feature\nflag\nprivacy\nlatency\ndebt\nroadmap\nhiring\n";

// A user's own vocabulary pack, searched with the shipped one.
constexpr const char* kUserVocabulary =
    "blast radius, impact zone\nrca => root cause analysis\nsev1, sev 1, major incident\n";

struct Fixture {
    fs::path dir;
    Xapian::Database db;
    std::optional<tpm::Searcher> searcher;
};

Fixture* fixture = nullptr;

void remove_fixture() {
    const fs::path dir = fixture->dir;
    delete fixture;
    fixture = nullptr;
    std::error_code ec;
    fs::remove_all(dir, ec);
}

// The hits must be printable data: ranks in order, matches before related documents,
// highlights inside their text.
void check_results(const tpm::SearchResults& results, std::size_t limit) {
    int rank = 0;
    bool related = false;
    for (const tpm::Hit& hit : results.hits) {
        TPM_FUZZ_CHECK(hit.rank == ++rank);
        TPM_FUZZ_CHECK(!related || hit.related);
        related = hit.related;
        for (const tpm::Span& s : hit.title_highlights) {
            TPM_FUZZ_CHECK(s.start < s.end && s.end <= hit.doc.title.size());
        }
        TPM_FUZZ_CHECK(hit.excerpts.size() <= 3);
        for (const tpm::Excerpt& e : hit.excerpts) {
            tpm::fuzz::check_utf8(e.text);
            std::size_t end = 0;
            for (const tpm::Span& s : e.highlights) {
                TPM_FUZZ_CHECK(s.start >= end && s.start < s.end && s.end <= e.text.size());
                end = s.end;
            }
        }
    }
    TPM_FUZZ_CHECK(results.hits.size() <= limit);
}

void print(const tpm::SearchResults& results, std::size_t variant) {
    std::ostringstream out;
    tpm::print_results(out, results,
                       tpm::TextStyle{.color = variant % 2 == 0, .width = variant % 3 * 40});
    tpm::print_results_json(out, results);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    using namespace tpm;
    std::string dir = (fs::temp_directory_path() / "tpmfuzz-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) abort();
    fixture = new Fixture{dir, {}, std::nullopt};
    std::atexit(remove_fixture);

    const fs::path corpus_index = fixture->dir / "corpus-index";
    const IndexReport report = build_corpus_index(TPM_CORPUS_DIR, "corpus", corpus_index);
    TPM_FUZZ_CHECK(report.documents > 0);
    const fs::path notes_index = fixture->dir / "notes-index";
    NotesIndexOptions how;
    how.index_dir = notes_index;
    how.taxonomy = &fuzz::shipped_taxonomy();
    const NotesReport notes =
        update_notes(how, {fs::absolute(TPM_TEST_DATA_DIR "/notes").string()});
    TPM_FUZZ_CHECK(notes.documents > 0);

    const fs::path words = fixture->dir / "words";
    std::ofstream(words) << kWords;
    const fs::path vocabulary = fixture->dir / "synonyms.txt";
    std::ofstream(vocabulary) << kUserVocabulary;
    std::vector<Diagnostic> diagnostics;
    std::vector<SynonymEntry> user = read_vocabulary(vocabulary, "synonyms.txt", diagnostics);
    TPM_FUZZ_CHECK(!user.empty() && diagnostics.empty());

    fixture->db = open_index(corpus_index);
    fixture->db.add_database(open_index(notes_index));
    fixture->searcher.emplace(fixture->db, words, std::move(user));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    // argv cannot hold a NUL: it ends one argument and starts the next.
    std::string query(fuzz::as_bytes(data, size));
    for (char& c : query) c = c == '\0' ? ' ' : c;
    if (query.empty()) return 0;  // cli/ stops at "no query given"
    const Searcher& searcher = *fixture->searcher;

    // The options vary with the input's length, so the query bytes stay all the user's.
    SearchRequest request;
    request.query = query;
    request.explain = size % 2 == 1;
    request.limit = size % 4 == 0 ? 3 : 10;
    if (size % 5 == 0) request.excerpts.max_excerpts = 0;  // --no-excerpts
    if (size % 7 == 0) request.topics = {"security", "release-engineering"};
    if (size % 11 == 0) request.origin = size % 2 ? Origin::notes : Origin::corpus;
    try {
        const SearchResults results = searcher.search(request);
        TPM_FUZZ_CHECK(results.query == request.query);
        TPM_FUZZ_CHECK(results.explanation.has_value() == request.explain);
        check_results(results, request.limit);
        print(results, size);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::bad_query) throw;
        TPM_FUZZ_CHECK(*e.what() != '\0');
    }

    // tpmsearch show ID, and similar ID.
    if (const std::optional<Document> doc = searcher.find(query)) {
        const std::optional<SourceInfo> info = searcher.source_info(doc->source);
        std::ostringstream out;
        print_document(out, *doc, TextStyle{.color = true, .width = 80}, info ? &*info : nullptr);
        print_document_json(out, *doc, info ? &*info : nullptr);
    }
    try {
        const SearchResults similar = find_similar(fixture->db, query, 5);
        check_results(similar, 5);
        print(similar, size);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::not_found) throw;
    }
    return 0;
}
