// tpm_bench_freshness: what the freshness check a search runs first (index/notes_freshness.h)
// adds to a search when nothing changed, on a 1,000-file notes folder (issue 17's bar: under
// 10 ms). Builds the folder (100 files a folder, each a few sections) and its notes index and a
// corpus index of the shipped corpus in a temporary folder, then times in one run, alternating,
// the search tpmsearch does (open the corpus and notes indexes as one, run the query) without
// and with the check before it, and prints both medians, the ratio and the added milliseconds.
//
//   tpm_bench_freshness [--files N] [--runs N] [--query WORDS]
//
// In-process, so the difference is the check and not process start-up noise. A measurement,
// not a test: CTest does not run it.
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "index/corpus_indexer.h"
#include "index/notes_freshness.h"
#include "index/notes_indexer.h"
#include "index/search_index.h"
#include "search/searcher.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void write_notes(const fs::path& root, std::size_t files) {
    for (std::size_t i = 0; i < files; ++i) {
        const fs::path dir = root / ("folder" + std::to_string(i / 100));
        fs::create_directories(dir);
        std::ofstream out(dir / ("note" + std::to_string(i) + ".md"));
        out << "# Note " << i << "\n\nPrep for the onsite: canary rollback drill " << i
            << ".\n\n## Story\n\nI led the incident review and the follow-ups.\n\n"
            << "## Questions\n\n- How do you measure launch quality?\n";
    }
}

double median_ms(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The search tpmsearch runs: both indexes opened as one, the query, ten hits.
std::size_t search(const tpm::SearchIndexLocations& where, const std::string& query) {
    const tpm::Searcher searcher(tpm::open_search_index(where, [](const auto&) {}));
    tpm::SearchRequest request;
    request.query = query;
    return searcher.search(request).hits.size();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Times the notes freshness check against a plain search"};
    std::size_t files = 1000;
    std::size_t runs = 51;
    std::string query = "canary rollback";
    app.add_option("--files", files, "Notes files");
    app.add_option("--runs", runs, "Timed runs of each");
    app.add_option("--query", query, "The query");
    CLI11_PARSE(app, argc, argv);

    std::string templ = (fs::temp_directory_path() / "tpm-freshness-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) return 2;
    const fs::path tmp = templ;
    write_notes(tmp / "notes", files);
    const tpm::Taxonomy taxonomy(std::vector<tpm::Topic>{});
    tpm::NotesIndexOptions options{tmp / "notes-index", &taxonomy, {}, {}, nullptr, true, {}, {}};
    tpm::update_notes(options, {(tmp / "notes").string()});
    fs::create_directories(tmp / "data");
    fs::create_directory_symlink(fs::path(TPM_SOURCE_DIR) / "corpus", tmp / "data" / "corpus");
    tpm::build_corpus_index(tmp / "data" / "corpus", "corpus", tmp / "data" / "index");
    const tpm::SearchIndexLocations where{std::nullopt, tmp / "data", tmp / "notes-index", {}};

    std::vector<double> plain;
    std::vector<double> checked;
    std::vector<double> check_only;
    std::size_t hits = 0;
    for (std::size_t run = 0; run <= runs; ++run) {  // run 0 warms the caches, untimed
        auto t0 = Clock::now();
        hits = search(where, query);
        auto t1 = Clock::now();
        const tpm::NotesChanges changes = tpm::notes_changes(options.index_dir);
        const tpm::NotesFreshness fresh = tpm::refresh_changed_notes(options, changes);
        auto t2 = Clock::now();
        search(where, query);
        auto t3 = Clock::now();
        if (changes.changed != 0 || fresh.state != tpm::NotesFreshness::State::current) {
            std::fprintf(stderr, "unexpected: %zu files changed\n", changes.changed);
            return 2;
        }
        if (run == 0) continue;
        const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        plain.push_back(ms(t1 - t0));
        check_only.push_back(ms(t2 - t1));
        checked.push_back(ms(t3 - t1));
    }
    fs::remove_all(tmp);
    const double p = median_ms(plain);
    const double c = median_ms(checked);
    std::printf("notes files: %zu, runs: %zu, query: %s (%zu hits)\n", files, runs, query.c_str(),
                hits);
    std::printf("plain search (no check):                   %.2f ms median\n", p);
    std::printf("freshness check alone (nothing changed):   %.2f ms median\n",
                median_ms(check_only));
    std::printf("check + search:                            %.2f ms median\n", c);
    std::printf("ratio: %.2f, added: %.2f ms (target: under 10 ms)\n", c / p, c - p);
    return 0;
}
