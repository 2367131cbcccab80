// tpm_relevance: the relevance harness. Runs every query of a judgments file (query, graded
// doc ids, query type; bench/data/queries.tsv is a copy of ../shared/eval/queries.tsv) through
// the real search code and prints MRR@10, nDCG@10, P@1 and Recall@5, overall and per query
// type, with the definitions of ../shared/eval/score (relevant = grade 2; nDCG uses the grades;
// a result id "tips/N" counts as "tips"; a repeated id counts at its first rank only).
//
// Then, beside plain Xapian BM25 on the same documents (bench/eval_baseline.h), the same public
// set and each external collection found in ../shared/eval/external/ (a notes folder whose file
// names are the document ids, its queries.tsv and provenance.txt): indexed as notes through the
// real indexer and searched as `tpmsearch --source notes` searches them, beside the shipped
// corpus. Per collection and half (tune, check, all: bench/RELEVANCE.md says which half a
// figure is from) nDCG@10, MRR@10, P@1, R@10, the queries with nothing relevant in the top 10,
// and the paired randomisation test of the difference (bench/eval_metrics.h).
//
//   tpm_relevance [--queries TSV] [--index DIR] [--external DIR] [--run OUT.tsv] [--per-query]
//                 [--min-mrr X] [--min-ndcg Y]
//
// Without --index it builds a fresh index of the shipped corpus in a temporary folder. With
// --min-mrr/--min-ndcg it exits 1 when a bar is missed, so CTest can hold the line.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "eval_baseline.h"
#include "eval_metrics.h"
#include "index/corpus_indexer.h"
#include "index/notes_indexer.h"
#include "ingest/corpus.h"
#include "model/error.h"
#include "search/searcher.h"
#include "store/database.h"
#include "store/fnv1a.h"

namespace {

namespace fs = std::filesystem;
using tpm::eval::Judged;
using tpm::eval::Metrics;

std::vector<Judged> read_judgments(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::vector<Judged> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::istringstream cols(line);
        Judged j;
        std::string grades;
        std::getline(cols, j.query, '\t');
        std::getline(cols, grades, '\t');
        std::getline(cols, j.type, '\t');
        std::istringstream items(grades);
        for (std::string item; items >> item;) {
            const auto colon = item.rfind(':');
            const int grade = std::stoi(item.substr(colon + 1));
            if (grade > 0) j.grades[item.substr(0, colon)] = grade;
        }
        out.push_back(std::move(j));
    }
    return out;
}

// The judged unit a result id stands for: every tip counts as "tips".
std::string judged_id(const std::string& id) { return id.starts_with("tips") ? "tips" : id; }

void print_row(const std::string& name, const std::vector<Metrics>& ms) {
    const tpm::eval::Summary s = tpm::eval::summarise(ms);
    std::cout << std::left << std::setw(12) << name << std::right << std::setw(4) << ms.size()
              << std::fixed << std::setprecision(3) << std::setw(9) << s.mrr << std::setw(9)
              << s.ndcg << std::setw(7) << s.r5 << std::setw(7) << s.p1 << "\n";
}

// A fresh temporary folder, removed with everything in it when the harness is done.
class Scratch {
  public:
    Scratch() {
        std::string dir = (fs::temp_directory_path() / "tpmrel-XXXXXX").string();
        if (!mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
        path_ = dir;
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// Which half of a public set a query belongs to: tune (the half mechanisms may be fitted on)
// or check (only ever measured). Queries judged against the same documents (paraphrases of one
// need, such as StackFAQ's several questions per thread) always fall in the same half, so no
// need is tuned on through one phrasing and checked through another.
bool in_tune_half(const Judged& j) {
    std::string key;
    for (const auto& [id, gain] : j.grades) key += id + " ";
    return (tpm::detail::fnv1a(key) & 1) == 0;
}

using Ranker = std::function<std::vector<std::string>(const std::string& query)>;

// Per query, the measures of `rank`'s ranking (each judged id once, at its first rank).
std::vector<Metrics> run_queries(const std::vector<Judged>& queries, const Ranker& rank,
                                 int relevant_gain) {
    std::vector<Metrics> out;
    for (const Judged& j : queries) {
        std::vector<std::string> ranked;
        std::set<std::string> seen;
        for (const std::string& id : rank(j.query)) {
            if (seen.insert(id).second) ranked.push_back(id);
        }
        out.push_back(tpm::eval::score(ranked, j.grades, relevant_gain));
    }
    return out;
}

void print_system(const std::string& half, const std::string& system,
                  const std::vector<Metrics>& ms) {
    const tpm::eval::Summary s = tpm::eval::summarise(ms);
    std::cout << std::left << std::setw(7) << half << std::setw(11) << system << std::right
              << std::setw(5) << s.n << std::fixed << std::setprecision(3) << std::setw(9) << s.ndcg
              << std::setw(8) << s.mrr << std::setw(7) << s.p1 << std::setw(7) << s.r10
              << std::setw(9) << s.zero << "\n";
}

void print_difference(const std::string& half, const std::vector<Metrics>& ours,
                      const std::vector<Metrics>& base) {
    std::vector<double> a, b, c, d;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        a.push_back(ours[i].ndcg), b.push_back(base[i].ndcg);
        c.push_back(ours[i].mrr), d.push_back(base[i].mrr);
    }
    const tpm::eval::PairedTest ndcg = tpm::eval::randomisation_test(a, b);
    const tpm::eval::PairedTest mrr = tpm::eval::randomisation_test(c, d);
    std::cout << std::left << std::setw(7) << half << "difference" << std::right << std::fixed
              << std::setprecision(3) << "  nDCG@10 " << std::showpos << ndcg.mean_difference
              << std::noshowpos << " (p " << std::setprecision(4) << ndcg.p << ")"
              << std::setprecision(3) << "  MRR@10 " << std::showpos << mrr.mean_difference
              << std::noshowpos << " (p " << std::setprecision(4) << mrr.p << ")\n";
}

// tpmsearch beside plain BM25 on `queries`, for each half and for all.
void compare(const std::string& name, const std::vector<Judged>& queries, const Ranker& ours,
             const Ranker& base, int relevant_gain, bool per_query) {
    const std::vector<Metrics> a = run_queries(queries, ours, relevant_gain);
    const std::vector<Metrics> b = run_queries(queries, base, relevant_gain);
    if (per_query) {
        // The tune half only: the check half is measured, never looked at.
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (!in_tune_half(queries[i])) continue;
            std::cout << name << " tune " << std::fixed << std::setprecision(2) << a[i].ndcg << " "
                      << b[i].ndcg << " " << a[i].mrr << " " << b[i].mrr << "  " << queries[i].query
                      << "\n";
        }
    }
    std::size_t tune = 0;
    for (const Judged& j : queries) tune += in_tune_half(j) ? 1u : 0u;
    std::cout << "\n"
              << name << ": " << queries.size() << " queries (tune " << tune << ", check "
              << queries.size() - tune << "); relevant: gain >= " << relevant_gain << "\n"
              << "half   system         n  nDCG@10  MRR@10    P@1   R@10  zero@10\n";
    for (const std::string half : {"tune", "check", "all"}) {
        std::vector<Metrics> ha, hb;
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (half == "all" || in_tune_half(queries[i]) == (half == "tune")) {
                ha.push_back(a[i]);
                hb.push_back(b[i]);
            }
        }
        print_system(half, "tpmsearch", ha);
        print_system(half, "bm25", hb);
        print_difference(half, ha, hb);
    }
}

// The text of a shipped document as one plain document for the baseline.
std::string plain_text(const tpm::Document& doc) {
    std::string text = doc.title + "\n" + doc.answer;
    for (const tpm::Point& p : doc.points) {
        text += "\n" + p.label + "\n" + p.text;
        for (const std::string& item : p.items) text += "\n" + item;
    }
    return text + "\n" + doc.example + "\n" + doc.why;
}

tpm::eval::PlainBm25 shipped_baseline(const fs::path& corpus) {
    tpm::eval::PlainBm25 bm25;
    for (const tpm::Document& doc : tpm::ingest_corpus(corpus, "corpus").docs) {
        bm25.add(judged_id(doc.id), plain_text(doc));
    }
    return bm25;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One external collection: its notes indexed into a notes index beside the shipped index (as
// `tpmindex FOLDER` does), searched as `tpmsearch --source notes`, and its files in the
// baseline. A hit is the document its file is named after.
void score_external(const fs::path& dir, const fs::path& corpus_index, const fs::path& corpus,
                    const std::optional<fs::path>& word_list, bool per_query) {
    const Scratch scratch;
    std::vector<tpm::Diagnostic> problems;
    const tpm::Taxonomy taxonomy =
        tpm::read_taxonomy(corpus / tpm::kTaxonomyFileName, "corpus/topics.yaml", problems);
    tpm::NotesIndexOptions options;
    options.index_dir = scratch.path() / "notes";
    options.taxonomy = &taxonomy;
    tpm::update_notes(options, {fs::absolute(dir / "notes").string()});
    Xapian::Database db = tpm::open_index(corpus_index);
    db.add_database(tpm::open_index(options.index_dir));
    const tpm::Searcher searcher(db, word_list);
    const Ranker ours = [&](const std::string& query) {
        tpm::SearchRequest request{query, 0, 10, {}, {}};
        request.origin = tpm::Origin::notes;
        request.excerpts.max_excerpts = 0;
        std::vector<std::string> ids;
        try {
            for (const tpm::Hit& h : searcher.search(request).hits) {
                ids.push_back(fs::path(h.doc.source).stem().string());
            }
        } catch (const tpm::Error&) {
            // A query tpmsearch refuses (bad_query) finds nothing, as it would for the user.
        }
        return ids;
    };
    tpm::eval::PlainBm25 bm25;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir / "notes")) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) bm25.add(file.stem().string(), read_text(file));
    const Ranker base = [&](const std::string& query) { return bm25.rank(query, 20); };
    compare(dir.filename().string(), read_judgments(dir / "queries.tsv"), ours, base, 1, per_query);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Relevance harness: MRR@10, nDCG@10, P@1, Recall@5 of tpmsearch", "tpm_relevance"};
    // The harness measures the project it was built from: its corpus/ and bench/data/, the
    // external collections beside it, and the system word list tpmsearch itself uses for
    // spelling (cli/environment.cpp).
    const fs::path project = TPM_SOURCE_DIR;
    std::string queries = (project / "bench/data/queries.tsv").string();
    std::string corpus = (project / "corpus").string();
    std::string external = (project / "../shared/eval/external").lexically_normal().string();
    std::string dictionary = "/usr/share/dict/words";
    std::string index, run_path;
    bool per_query = false;
    double min_mrr = 0, min_ndcg = 0;
    app.add_option("--queries", queries, "Judgments TSV (query, grades, type)");
    app.add_option("--index", index, "Index to search (default: a fresh one of --corpus)");
    app.add_option("--corpus", corpus, "Q&A folder to index (default: the project's corpus/)");
    app.add_option("--external", external,
                   "Folder of external collections (default: ../shared/eval/external beside the "
                   "project; \"\" to skip them)");
    app.add_option("--dictionary", dictionary,
                   "Word list for spelling; skipped when missing (default: /usr/share/dict/words)");
    app.add_option("--run", run_path, "Also write the run as query<TAB>rank<TAB>docid");
    app.add_flag("--per-query", per_query, "One line per query");
    app.add_option("--min-mrr", min_mrr, "Exit 1 when MRR@10 is below this");
    app.add_option("--min-ndcg", min_ndcg, "Exit 1 when nDCG@10 is below this");
    CLI11_PARSE(app, argc, argv);

    try {
        fs::path dir = index;
        std::optional<Scratch> scratch;
        if (index.empty()) {
            if (!fs::is_directory(corpus)) {
                throw std::runtime_error("cannot find the corpus folder " + corpus +
                                         "; use --index");
            }
            scratch.emplace();
            dir = scratch->path();
            tpm::build_corpus_index(corpus, "corpus", dir);
        }
        std::optional<fs::path> word_list;
        if (fs::is_regular_file(dictionary)) word_list = dictionary;
        const tpm::Searcher searcher(tpm::open_index(dir), word_list);
        std::ofstream run;
        if (!run_path.empty()) run.open(run_path);
        std::map<std::string, std::vector<Metrics>> by_type;
        std::vector<Metrics> all;
        const std::vector<Judged> judged = read_judgments(queries);
        const Ranker ours = [&](const std::string& query) {
            tpm::SearchRequest request{query, 0, 10, {}, {}};
            std::vector<std::string> ranked;
            for (const tpm::Hit& h : searcher.search(request).hits) {
                ranked.push_back(judged_id(h.doc.id));
            }
            return ranked;
        };
        for (const Judged& j : judged) {
            std::vector<std::string> ranked;
            std::set<std::string> seen;
            for (const std::string& id : ours(j.query)) {
                if (seen.insert(id).second) ranked.push_back(id);
            }
            for (std::size_t i = 0; i < ranked.size(); ++i) {
                if (run) run << j.query << "\t" << i + 1 << "\t" << ranked[i] << "\n";
            }
            const Metrics m = tpm::eval::score(ranked, j.grades, 2);
            all.push_back(m);
            by_type[j.type].push_back(m);
            if (per_query) {
                std::cout << std::fixed << std::setprecision(2) << m.mrr << " " << m.ndcg << "  "
                          << std::left << std::setw(10) << j.type << j.query << "  ->";
                for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
                    std::cout << " " << ranked[i];
                }
                std::cout << std::right << "\n";
            }
        }
        std::cout << "type           n   MRR@10  nDCG@10    R@5    P@1\n";
        print_row("all", all);
        for (const auto& [type, ms] : by_type) print_row(type, ms);
        const tpm::eval::Summary overall = tpm::eval::summarise(all);
        if (index.empty()) {
            tpm::eval::PlainBm25 bm25 = shipped_baseline(corpus);
            const Ranker base = [&](const std::string& q) { return bm25.rank(q, 20); };
            // Its queries are listed above already.
            compare("shipped", judged, ours, base, 2, false);
        }
        if (!external.empty()) {
            if (!fs::is_directory(external)) {
                std::cerr << "tpm_relevance: external collections not found in " << external
                          << "; scored the shipped set only\n";
            } else {
                std::vector<fs::path> collections;
                for (const auto& entry : fs::directory_iterator(external)) {
                    if (fs::is_regular_file(entry.path() / "queries.tsv")) {
                        collections.push_back(entry.path());
                    }
                }
                std::sort(collections.begin(), collections.end());
                for (const fs::path& c : collections)
                    score_external(c, dir, corpus, word_list, per_query);
            }
        }
        if (overall.mrr < min_mrr || overall.ndcg < min_ndcg) {
            std::cout << "below the bar: MRR@10 " << overall.mrr << " (min " << min_mrr
                      << "), nDCG@10 " << overall.ndcg << " (min " << min_ndcg << ")\n";
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "tpm_relevance: error: " << e.what() << "\n";
        return 2;
    }
}
