// tpm_tagger_precision: how well the topic tagger tags real note sections. Reads a hand-labelled
// sample (bench/tagger/labels.tsv: path, section heading path, expected topic ids or "-"), reads
// each file through the real notes reader (decode_text + parse_note, as the notes indexer does),
// finds the labelled section by its title, tags it with the real Tagger built on the shipped
// taxonomy and the index's stemmer, with the file's front matter tags, exactly as
// index/notes_updater.h does, and prints micro precision and recall, per-topic precision and
// recall with support, the share of sections given at least one wrong topic, and every false
// positive and false negative with the tagger's score for that topic (Tagger::scores).
//
//   tpm_tagger_precision [CORPORA] [--labels TSV] [--taxonomy YAML] [--signals] [--what-if LIST]
//   tpm_tagger_precision --sections FILE [--preview N]
//
// --sections lists a file's sections as the notes reader cuts them (titles and the start of the
// text, no topics), for labelling without seeing what the tagger says.
//
// CORPORA is the folder the labels' paths are relative to (default ../shared/corpora from the
// repository root); paths starting with "bench/" are relative to the repository root.
// --signals adds, under each false positive, the topic's signals found in the section (the
// words as typed, where they are) so the cause can be read off. --what-if simulates, from
// outside the tagger, a change one might make to it (no-fallback, fallback-min=X, leaf-title,
// parents-as-label, story-behavioural: see WhatIf), and --taxonomy a changed signal list, to size
// a fix before writing it. Not a unit test: it needs the shared corpora, and its figures are a
// measurement, not a bar.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/corpus.h"
#include "ingest/file_reader.h"
#include "ingest/notes.h"
#include "store/notes_writer.h"
#include "store/stemmer.h"
#include "text/decode.h"
#include "text/words.h"
#include "topics/tagger.h"
#include "topics/taxonomy.h"

namespace {

namespace fs = std::filesystem;

struct Label {
    int line = 0;  // in the labels file
    std::string path;
    std::string section;
    std::set<std::string> expected;
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, sep)) out.push_back(item);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

// Lines starting with '#' and blank lines are comments; the first other line is the header.
std::vector<Label> read_labels(const fs::path& file, const tpm::Taxonomy& taxonomy) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::vector<Label> out;
    std::string line;
    bool header = true;
    for (int n = 1; std::getline(in, line); ++n) {
        if (trim(line).empty() || line.starts_with("#")) continue;
        if (header) {
            header = false;
            continue;
        }
        const std::vector<std::string> cols = split(line, '\t');
        if (cols.size() != 3) {
            throw std::runtime_error(file.string() + ":" + std::to_string(n) +
                                     ": expected 3 tab-separated columns");
        }
        Label label{n, trim(cols[0]), trim(cols[1]), {}};
        const std::string topics = trim(cols[2]);
        if (topics != "-") {
            for (const std::string& t : split(topics, ',')) {
                const std::string id = trim(t);
                const tpm::Topic* topic = taxonomy.find(id);
                if (!topic || topic->id != id) {
                    throw std::runtime_error(file.string() + ":" + std::to_string(n) +
                                             ": unknown topic id \"" + id + "\"");
                }
                label.expected.insert(id);
            }
        }
        out.push_back(std::move(label));
    }
    return out;
}

// One note file read as the notes indexer reads it.
struct ParsedFile {
    tpm::IngestResult parsed;
    std::vector<std::string> tags;  // front matter tags:/topics:
};

ParsedFile read_note(const fs::path& file) {
    std::string why;
    const std::optional<std::string> bytes = tpm::read_bytes(file, &why);
    if (!bytes) throw std::runtime_error("cannot read " + file.string() + ": " + why);
    const tpm::text::Decoded decoded = tpm::text::decode_text(*bytes);
    if (!decoded.ok) throw std::runtime_error(file.string() + ": " + decoded.reason);
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool markdown = ext == ".md" || ext == ".markdown" || ext == ".mdx";
    const std::string path = file.string();
    ParsedFile out;
    out.parsed = tpm::parse_note(tpm::NoteFile{decoded.text, path, path, markdown});
    if (!out.parsed.sources.empty()) out.tags = out.parsed.sources.front().tags;
    return out;
}

// All of a section's text, field by field, as the tagger reads it.
std::vector<std::pair<std::string, const std::string*>> fields(const tpm::Document& doc) {
    std::vector<std::pair<std::string, const std::string*>> out = {{"title", &doc.title},
                                                                   {"answer", &doc.answer}};
    for (const tpm::Point& p : doc.points) {
        out.push_back({"label", &p.label});
        out.push_back({"point", &p.text});
        for (const std::string& item : p.items) out.push_back({"item", &item});
    }
    out.push_back({"example", &doc.example});
    out.push_back({"why", &doc.why});
    return out;
}

std::string preview(const tpm::Document& doc, std::size_t max) {
    std::string text;
    for (const auto& [name, field] : fields(doc)) {
        if (name == "title" || field->empty()) continue;
        if (!text.empty()) text += " | ";
        text += *field;
    }
    for (char& c : text) {
        if (c == '\n' || c == '\t') c = ' ';
    }
    if (text.size() > max) text = text.substr(0, max) + "...";
    return text;
}

int list_sections(const fs::path& file, std::size_t width) {
    const ParsedFile f = read_note(file);
    for (const tpm::Document& doc : f.parsed.docs) {
        std::cout << doc.title << "\n    [" << tpm::to_string(doc.kind) << ", line " << doc.line
                  << "] " << preview(doc, width) << "\n";
    }
    return 0;
}

// The signals of `topic` found in `doc`, each with the field it is in ("deploy@answer"). Plain
// consecutive-stem matching: it does not apply the tagger's leftmost-longest rule, so a signal
// inside a longer one of another topic may be listed though it did not count.
std::string signals_found(const tpm::Topic& topic, const tpm::Document& doc, Xapian::Stem& stem) {
    const auto stem_fn = [&stem](const std::string& w) { return stem(w); };
    std::map<std::string, std::set<std::string>> where;
    for (const auto& [name, field] : fields(doc)) {
        if (field->empty()) continue;
        const std::vector<std::string> words = tpm::text::folded_stems(*field, stem_fn);
        for (const std::string& signal : topic.signals) {
            const std::vector<std::string> sig = tpm::text::folded_stems(signal, stem_fn);
            if (sig.empty() || sig.size() > words.size()) continue;
            for (std::size_t i = 0; i + sig.size() <= words.size(); ++i) {
                if (std::equal(sig.begin(), sig.end(), words.begin() + static_cast<long>(i))) {
                    where[signal].insert(name);
                    break;
                }
            }
        }
    }
    std::string out;
    for (const auto& [signal, names] : where) {
        if (!out.empty()) out += ", ";
        out += "\"" + signal + "\"@";
        std::string joined;
        for (const std::string& n : names) joined += (joined.empty() ? "" : "+") + n;
        out += joined;
    }
    return out;
}

std::string fmt_ratio(std::size_t num, std::size_t den) {
    if (den == 0) return "   -  ";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6.3f", static_cast<double>(num) / static_cast<double>(den));
    return buf;
}

std::string fmt_score(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

struct Outcome {
    const Label* label = nullptr;
    std::vector<std::string> got;
    std::vector<double> scores;
    tpm::Document doc;  // as tagged (changed by --what-if leaf-title)
};

// Changes to the tagging that --what-if simulates from outside, to size a possible fix before
// anyone writes it; the default run is the notes indexer's tagging, unchanged.
// topics/tagger.cpp's kMinScore: the score a topic needs to qualify on its own.
constexpr double kTaggerMinScore = 4.0;

struct WhatIf {
    // The "best topic alone" when none reaches the bar needs this score (0: any, as now;
    // kTaggerMinScore: no fallback).
    double fallback_min = 0.0;
    bool leaf_title = false;         // only the last heading is the title; the rest is body text
    bool parents_as_label = false;   // only the last heading is the title; the rest a point label
    bool story_behavioural = false;  // a story (STAR) section is behavioural by its kind
};

WhatIf parse_what_if(const std::vector<std::string>& names) {
    WhatIf w;
    for (const std::string& n : names) {
        if (n == "no-fallback") {
            w.fallback_min = kTaggerMinScore;
        } else if (n.starts_with("fallback-min=")) {
            w.fallback_min = std::stod(n.substr(n.find('=') + 1));
        } else if (n == "leaf-title") {
            w.leaf_title = true;
        } else if (n == "parents-as-label") {
            w.parents_as_label = true;
        } else if (n == "story-behavioural") {
            w.story_behavioural = true;
        } else {
            throw std::runtime_error("unknown --what-if \"" + n +
                                     "\" (no-fallback, fallback-min=X, leaf-title, "
                                     "parents-as-label, story-behavioural)");
        }
    }
    return w;
}

// "Acme onsite > System design > Caching" -> title "Caching", and "Acme onsite > System design"
// put in front of the answer, where it weighs as body text, or (as_label) made the label of a
// point of its own, where it weighs as a label.
void leaf_title(tpm::Document& doc, bool as_label) {
    const std::size_t sep = doc.title.rfind(tpm::kHeadingSeparator);
    if (sep == std::string::npos) return;
    std::string parents = doc.title.substr(0, sep);
    doc.title = doc.title.substr(sep + tpm::kHeadingSeparator.size());
    if (as_label) {
        doc.points.insert(doc.points.begin(), tpm::Point{parents, "", {}, 0});
    } else {
        doc.answer = doc.answer.empty() ? parents : parents + "\n\n" + doc.answer;
    }
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path root = TPM_SOURCE_DIR;
    CLI::App app{"Precision and recall of the topic tagger on hand-labelled note sections"};
    std::string corpora = (root / ".." / "shared" / "corpora").lexically_normal().string();
    std::string labels_path = (root / "bench" / "tagger" / "labels.tsv").string();
    std::string taxonomy_path = (root / "corpus" / "topics.yaml").string();
    std::string sections_of;
    bool show_signals = false;
    std::vector<std::string> what_if_names;
    std::size_t preview_chars = 400;
    app.add_option("corpora", corpora, "the folder the labels' paths are relative to")
        ->capture_default_str();
    app.add_option("--labels", labels_path, "the labelled sample")->capture_default_str();
    app.add_option("--taxonomy", taxonomy_path, "the topic taxonomy")->capture_default_str();
    app.add_option("--sections", sections_of,
                   "list the sections of one note file (no topics) and exit");
    app.add_option("--preview", preview_chars, "characters of each section's text --sections shows")
        ->capture_default_str();
    app.add_flag("--signals", show_signals, "list the signals behind each false positive");
    app.add_option("--what-if", what_if_names,
                   "simulate a change: no-fallback, fallback-min=X, leaf-title, parents-as-label, "
                   "story-behavioural")
        ->delimiter(',');
    CLI11_PARSE(app, argc, argv);

    try {
        if (!sections_of.empty()) return list_sections(sections_of, preview_chars);
        if (!fs::is_directory(corpora)) {
            std::cerr << "tpm_tagger_precision: the corpora folder " << corpora
                      << " is missing; pass the folder holding the three interview-prep "
                         "repositories (see ../shared/corpora/README.md) as the first argument\n";
            return 2;
        }
        std::vector<tpm::Diagnostic> problems;
        const tpm::Taxonomy taxonomy = tpm::read_taxonomy(taxonomy_path, taxonomy_path, problems);
        for (const tpm::Diagnostic& d : problems) {
            std::cerr << d.path << ":" << d.line << ": " << d.message << "\n";
        }
        if (taxonomy.empty()) {
            std::cerr << "tpm_tagger_precision: no topics in " << taxonomy_path << "\n";
            return 2;
        }
        const std::vector<Label> labels = read_labels(labels_path, taxonomy);
        const WhatIf what_if = parse_what_if(what_if_names);

        // As index/notes_updater.h: the caching index stemmer, wrapped in a lambda.
        Xapian::Stem stem = tpm::caching_stemmer();
        const tpm::Tagger tagger(taxonomy, [&stem](const std::string& word) { return stem(word); });
        const std::vector<tpm::Topic>& topics = taxonomy.topics();
        const auto topic_index = [&topics](const std::string& id) {
            for (std::size_t i = 0; i < topics.size(); ++i) {
                if (topics[i].id == id) return i;
            }
            return topics.size();
        };

        std::map<std::string, ParsedFile> files;
        std::vector<Outcome> outcomes;
        int missing = 0;
        for (const Label& label : labels) {
            const fs::path file = label.path.starts_with("bench/") ? root / label.path
                                                                   : fs::path(corpora) / label.path;
            auto it = files.find(file.string());
            if (it == files.end()) it = files.emplace(file.string(), read_note(file)).first;
            const ParsedFile& f = it->second;
            std::vector<const tpm::Document*> matches;
            for (const tpm::Document& doc : f.parsed.docs) {
                if (doc.title == label.section) matches.push_back(&doc);
            }
            if (matches.empty()) {
                std::cerr << labels_path << ":" << label.line << ": no section \"" << label.section
                          << "\" in " << label.path << " (--sections lists them)\n";
                ++missing;
                continue;
            }
            if (matches.size() > 1) {
                std::cerr << labels_path << ":" << label.line << ": " << matches.size()
                          << " sections titled \"" << label.section << "\"; the first is used\n";
            }
            Outcome o;
            o.label = &label;
            o.doc = *matches.front();
            if (what_if.leaf_title || what_if.parents_as_label) {
                leaf_title(o.doc, what_if.parents_as_label);
            }
            std::vector<std::string> tags = f.tags;
            if (what_if.story_behavioural && o.doc.kind == tpm::DocKind::story) {
                tags.insert(tags.begin(), "behavioural");
            }
            const tpm::TagResult tagged = tagger.tag(o.doc, tags);
            o.scores = tagger.scores(o.doc);
            for (const std::string& id : tagged.topics) {
                const bool named = std::find(tags.begin(), tags.end(), id) != tags.end();
                const double score = o.scores[topic_index(id)];
                // A topic under the bar is there only as the fallback.
                if (!named && score < kTaggerMinScore && score < what_if.fallback_min) {
                    continue;
                }
                o.got.push_back(id);
            }
            outcomes.push_back(std::move(o));
        }
        if (missing > 0) {
            std::cerr << "tpm_tagger_precision: " << missing << " labelled section(s) not found\n";
            return 2;
        }

        struct Count {
            std::size_t tp = 0, fp = 0, fn = 0;
        };
        std::vector<Count> per(topics.size());
        Count all;
        std::size_t wrong_sections = 0, exact = 0, none_expected = 0, none_expected_tagged = 0;
        std::size_t untagged_expected = 0;
        std::vector<std::string> fp_lines, fn_lines;
        for (const Outcome& o : outcomes) {
            const std::set<std::string>& want = o.label->expected;
            const std::set<std::string> got(o.got.begin(), o.got.end());
            bool wrong = false;
            for (const std::string& id : o.got) {
                const std::size_t t = topic_index(id);
                if (want.count(id)) {
                    ++per[t].tp;
                    ++all.tp;
                    continue;
                }
                ++per[t].fp;
                ++all.fp;
                wrong = true;
                std::string line = "  FP " + id + " (" + fmt_score(o.scores[t]) + ")  " +
                                   o.label->path + " :: " + o.label->section;
                if (show_signals) {
                    line += "\n       signals: " + signals_found(topics[t], o.doc, stem);
                }
                fp_lines.push_back(line);
            }
            for (const std::string& id : want) {
                if (got.count(id)) continue;
                const std::size_t t = topic_index(id);
                ++per[t].fn;
                ++all.fn;
                fn_lines.push_back("  FN " + id + " (" + fmt_score(o.scores[t]) + ")  " +
                                   o.label->path + " :: " + o.label->section);
            }
            if (wrong) ++wrong_sections;
            if (got == want) ++exact;
            if (want.empty()) {
                ++none_expected;
                if (!got.empty()) ++none_expected_tagged;
            } else if (got.empty()) {
                ++untagged_expected;
            }
        }

        const std::size_t n = outcomes.size();
        std::cout << "sections: " << n << " (" << none_expected
                  << " with no expected topic), expected tags: " << all.tp + all.fn
                  << ", given tags: " << all.tp + all.fp << "\n\n";
        std::cout << "micro precision " << fmt_ratio(all.tp, all.tp + all.fp) << "  (" << all.tp
                  << "/" << all.tp + all.fp << ")\n";
        std::cout << "micro recall    " << fmt_ratio(all.tp, all.tp + all.fn) << "  (" << all.tp
                  << "/" << all.tp + all.fn << ")\n";
        std::cout << "sections with at least one wrong topic " << fmt_ratio(wrong_sections, n)
                  << "  (" << wrong_sections << "/" << n << ")\n";
        std::cout << "sections tagged exactly as labelled    " << fmt_ratio(exact, n) << "  ("
                  << exact << "/" << n << ")\n";
        std::cout << "no-topic sections given a topic        "
                  << fmt_ratio(none_expected_tagged, none_expected) << "  (" << none_expected_tagged
                  << "/" << none_expected << ")\n";
        std::cout << "labelled sections given no topic       "
                  << fmt_ratio(untagged_expected, n - none_expected) << "  (" << untagged_expected
                  << "/" << n - none_expected << ")\n\n";

        std::cout << "topic                           support  tagged  tp  fp  fn  precision  "
                     "recall\n";
        for (std::size_t t = 0; t < topics.size(); ++t) {
            const Count& c = per[t];
            if (c.tp + c.fp + c.fn == 0) continue;
            char buf[160];
            std::snprintf(buf, sizeof buf, "%-32s %6zu  %6zu %3zu %3zu %3zu     %s  %s\n",
                          topics[t].id.c_str(), c.tp + c.fn, c.tp + c.fp, c.tp, c.fp, c.fn,
                          fmt_ratio(c.tp, c.tp + c.fp).c_str(),
                          fmt_ratio(c.tp, c.tp + c.fn).c_str());
            std::cout << buf;
        }
        std::cout << "\nfalse positives (" << fp_lines.size() << "), topic (tagger score):\n";
        for (const std::string& l : fp_lines) std::cout << l << "\n";
        std::cout << "\nfalse negatives (" << fn_lines.size() << "), topic (tagger score):\n";
        for (const std::string& l : fn_lines) std::cout << l << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "tpm_tagger_precision: " << e.what() << "\n";
        return 2;
    }
}
