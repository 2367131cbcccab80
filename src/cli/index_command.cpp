#include "cli/index_command.h"

#include <chrono>
#include <iomanip>
#include <map>
#include <set>

#include "cli/app_runner.h"
#include "ingest/corpus.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "store/schema.h"
#include "topics/tagger.h"

namespace tpm::cli {

void setup_index(CLI::App& app, IndexOptions& options) {
    app.description(
        "Build the tpmsearch index. With no options, (re)builds the default index/ from the "
        "shipped corpus/.");
    app.add_option("--index", options.index, "Index folder to write (default: index/)");
    app.add_option("--corpus", options.corpus,
                   "Folder of Q&A documents to index (default: the shipped corpus/)")
        ->check(CLI::ExistingDirectory);
    app.add_flag("-q,--quiet", options.quiet, "Print only warnings and errors");
}

namespace {

// Gives every document its topics (explicit front matter tags of its source first). A tag that
// names no topic is kept on the document and reported once per source.
void tag_documents(std::vector<Document>& docs, const std::vector<SourceInfo>& sources,
                   const Taxonomy& taxonomy, std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::vector<std::string>> tags_of;
    for (const SourceInfo& s : sources) tags_of[s.path] = s.tags;
    const Xapian::Stem stem(schema::kStemLanguage);
    const Tagger tagger(taxonomy, [&stem](const std::string& word) { return stem(word); });
    std::set<std::string> reported;
    for (Document& doc : docs) {
        TagResult tags = tagger.tag(doc, tags_of[doc.source]);
        doc.topics = std::move(tags.topics);
        doc.tags = std::move(tags.unknown);
        for (const std::string& tag : doc.tags) {
            if (reported.insert(doc.source + '\n' + tag).second) {
                diagnostics.push_back({doc.source, 0,
                                       "tag \"" + tag +
                                           "\" names no topic of the taxonomy; kept "
                                           "as a plain tag"});
            }
        }
    }
}

}  // namespace

IndexReport build_corpus_index(const std::filesystem::path& corpus_dir,
                               const std::string& display_dir,
                               const std::filesystem::path& index_dir) {
    const auto started = std::chrono::steady_clock::now();
    IndexReport report;
    // Fingerprint before reading: a file changed while we read makes the index stale, not new.
    const std::string fingerprint = corpus_fingerprint(corpus_dir);
    report.files = corpus_files(corpus_dir).size();
    IngestResult ingested = ingest_corpus(corpus_dir, display_dir);
    report.diagnostics = std::move(ingested.diagnostics);
    report.documents = ingested.docs.size();
    const Taxonomy taxonomy = read_taxonomy(
        corpus_dir / kTaxonomyFileName, display_dir + "/" + kTaxonomyFileName, report.diagnostics);
    tag_documents(ingested.docs, ingested.sources, taxonomy, report.diagnostics);
    const std::vector<SynonymEntry> vocabulary =
        read_vocabulary(corpus_dir / kVocabularyFileName, display_dir + "/" + kVocabularyFileName,
                        report.diagnostics);

    // The index is ours to rebuild: an old schema is replaced, not refused.
    IndexWriter writer(index_dir, WriterOptions{.rebuild_on_schema_mismatch = true});
    std::set<std::string> ids;
    for (const Document& doc : ingested.docs) {
        writer.put(doc);
        ids.insert(doc.id);
    }
    writer.remove_all_except(ids);
    writer.set_sources(ingested.sources);
    writer.set_metadata(schema::kTaxonomyKey, schema::encode_taxonomy(taxonomy.topics()));
    writer.set_synonyms(vocabulary);
    writer.set_metadata(schema::kCorpusFingerprintKey, fingerprint);
    writer.commit();
    report.stats = writer.stats();
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

bool corpus_index_current(const Xapian::Database& db, const std::filesystem::path& corpus_dir) {
    try {
        return db.get_metadata(schema::kCorpusFingerprintKey) == corpus_fingerprint(corpus_dir);
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::index_corrupt, "cannot read the index: " + e.get_description());
    }
}

namespace {

void print_report(const IndexReport& r, const std::string& index, std::ostream& out) {
    out << "indexed " << r.documents << " documents from " << r.files
        << (r.files == 1 ? " file" : " files") << " into " << index << ": " << r.stats.added
        << " added, " << r.stats.changed << " changed, " << r.stats.removed << " removed, "
        << r.stats.unchanged << " unchanged";
    if (!r.diagnostics.empty()) out << ", " << r.diagnostics.size() << " warnings";
    out << " in " << std::fixed << std::setprecision(2) << r.seconds << " s\n";
}

}  // namespace

int run_index(const IndexOptions& options, const Environment& env, std::ostream& out,
              std::ostream& err) {
    if ((options.index.empty() || options.corpus.empty()) && !env.data_root) {
        throw Error(ErrorCode::io,
                    "cannot find the shipped corpus/ beside tpmindex; name the folders with "
                    "--corpus DIR --index DIR");
    }
    const std::filesystem::path corpus =
        options.corpus.empty() ? env.corpus_dir() : std::filesystem::path(options.corpus);
    const std::string display = options.corpus.empty() ? "corpus" : options.corpus;
    const std::filesystem::path index =
        options.index.empty() ? env.default_index_dir() : std::filesystem::path(options.index);
    const std::string index_shown = options.index.empty() ? "index/" : options.index;

    const IndexReport report = build_corpus_index(corpus, display, index);
    for (const Diagnostic& d : report.diagnostics) {
        err << "tpmindex: warning: " << format_diagnostic(d) << "\n";
    }
    if (!options.quiet) print_report(report, index_shown, out);
    return 0;
}

int tpmindex_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                  std::ostream& err) {
    CLI::App app{"", "tpmindex"};
    IndexOptions options;
    setup_index(app, options);
    return parse_and_run(app, args, out, err, [&] { return run_index(options, env, out, err); });
}

}  // namespace tpm::cli
