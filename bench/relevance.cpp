// tpm_relevance: the relevance harness. Runs every query of a judgments file (query, graded
// doc ids, query type; bench/data/queries.tsv is a copy of ../shared/eval/queries.tsv) through
// the real search code and prints MRR@10, nDCG@10, P@1 and Recall@5, overall and per query
// type, with the definitions of ../shared/eval/score (relevant = grade 2; nDCG uses the grades;
// a result id "tips/N" counts as "tips"; a repeated id counts at its first rank only).
//
//   tpm_relevance [--queries TSV] [--index DIR] [--run OUT.tsv] [--per-query]
//                 [--min-mrr X] [--min-ndcg Y]
//
// Without --index it builds a fresh index of the shipped corpus in a temporary folder. With
// --min-mrr/--min-ndcg it exits 1 when a bar is missed, so CTest can hold the line.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/corpus_indexer.h"
#include "model/error.h"
#include "search/searcher.h"
#include "store/database.h"

namespace {

struct Judged {
    std::string query;
    std::map<std::string, int> grades;
    std::string type;
};

struct Metrics {
    double mrr = 0, ndcg = 0, r5 = 0, p1 = 0;
};

std::vector<Judged> read_judgments(const std::filesystem::path& path) {
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

Metrics score(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
    auto grade = [&](const std::string& d) {
        const auto it = grades.find(d);
        return it == grades.end() ? 0 : it->second;
    };
    Metrics m;
    std::size_t relevant = 0;
    for (const auto& [d, g] : grades) relevant += g >= 2;
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
        if (grade(ranked[i]) >= 2 && m.mrr == 0) m.mrr = 1.0 / static_cast<double>(i + 1);
        m.ndcg += grade(ranked[i]) / std::log2(static_cast<double>(i) + 2.0);
        if (i < 5 && grade(ranked[i]) >= 2) m.r5 += 1;
    }
    std::vector<int> ideal;
    for (const auto& [d, g] : grades) ideal.push_back(g);
    std::sort(ideal.rbegin(), ideal.rend());
    double idcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
        idcg += ideal[i] / std::log2(static_cast<double>(i) + 2.0);
    }
    m.ndcg = idcg > 0 ? m.ndcg / idcg : 0;
    m.r5 = relevant ? m.r5 / static_cast<double>(std::min<std::size_t>(5, relevant)) : 0;
    m.p1 = !ranked.empty() && grade(ranked[0]) >= 2 ? 1 : 0;
    return m;
}

void print_row(const std::string& name, const std::vector<Metrics>& ms) {
    Metrics sum;
    for (const Metrics& m : ms) {
        sum.mrr += m.mrr, sum.ndcg += m.ndcg, sum.r5 += m.r5, sum.p1 += m.p1;
    }
    const double n = ms.empty() ? 1.0 : static_cast<double>(ms.size());
    std::cout << std::left << std::setw(12) << name << std::right << std::setw(4) << ms.size()
              << std::fixed << std::setprecision(3) << std::setw(9) << sum.mrr / n << std::setw(9)
              << sum.ndcg / n << std::setw(7) << sum.r5 / n << std::setw(7) << sum.p1 / n << "\n";
}

Metrics mean(const std::vector<Metrics>& ms) {
    Metrics sum;
    for (const Metrics& m : ms) sum.mrr += m.mrr, sum.ndcg += m.ndcg;
    const double n = static_cast<double>(ms.size());
    return {sum.mrr / n, sum.ndcg / n, 0, 0};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Relevance harness: MRR@10, nDCG@10, P@1, Recall@5 of tpmsearch", "tpm_relevance"};
    // The harness measures the project it was built from: its corpus/ and bench/data/, and the
    // system word list tpmsearch itself uses for spelling (cli/environment.cpp).
    const std::filesystem::path project = TPM_SOURCE_DIR;
    std::string queries = (project / "bench/data/queries.tsv").string();
    std::string corpus = (project / "corpus").string();
    std::string dictionary = "/usr/share/dict/words";
    std::string index, run_path;
    bool per_query = false;
    double min_mrr = 0, min_ndcg = 0;
    app.add_option("--queries", queries, "Judgments TSV (query, grades, type)");
    app.add_option("--index", index, "Index to search (default: a fresh one of --corpus)");
    app.add_option("--corpus", corpus, "Q&A folder to index (default: the project's corpus/)");
    app.add_option("--dictionary", dictionary,
                   "Word list for spelling; skipped when missing (default: /usr/share/dict/words)");
    app.add_option("--run", run_path, "Also write the run as query<TAB>rank<TAB>docid");
    app.add_flag("--per-query", per_query, "One line per query");
    app.add_option("--min-mrr", min_mrr, "Exit 1 when MRR@10 is below this");
    app.add_option("--min-ndcg", min_ndcg, "Exit 1 when nDCG@10 is below this");
    CLI11_PARSE(app, argc, argv);

    try {
        std::filesystem::path dir = index;
        std::string scratch;
        if (index.empty()) {
            if (!std::filesystem::is_directory(corpus)) {
                throw std::runtime_error("cannot find the corpus folder " + corpus +
                                         "; use --index");
            }
            scratch = (std::filesystem::temp_directory_path() / "tpmrel-XXXXXX").string();
            if (!mkdtemp(scratch.data())) throw std::runtime_error("mkdtemp failed");
            dir = scratch;
            tpm::build_corpus_index(corpus, "corpus", dir);
        }
        std::optional<std::filesystem::path> word_list;
        if (std::filesystem::is_regular_file(dictionary)) word_list = dictionary;
        const tpm::Searcher searcher(tpm::open_index(dir), word_list);
        std::ofstream run;
        if (!run_path.empty()) run.open(run_path);
        std::map<std::string, std::vector<Metrics>> by_type;
        std::vector<Metrics> all;
        for (const Judged& j : read_judgments(queries)) {
            tpm::SearchRequest request{j.query, 0, 10, {}, {}};
            std::vector<std::string> ranked;
            std::set<std::string> seen;
            for (const tpm::Hit& h : searcher.search(request).hits) {
                const std::string id = judged_id(h.doc.id);
                if (seen.insert(id).second) ranked.push_back(id);
            }
            for (std::size_t i = 0; i < ranked.size(); ++i) {
                if (run) run << j.query << "\t" << i + 1 << "\t" << ranked[i] << "\n";
            }
            const Metrics m = score(ranked, j.grades);
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
        if (!scratch.empty()) std::filesystem::remove_all(scratch);
        std::cout << "type           n   MRR@10  nDCG@10    R@5    P@1\n";
        print_row("all", all);
        for (const auto& [type, ms] : by_type) print_row(type, ms);
        const Metrics overall = mean(all);
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
