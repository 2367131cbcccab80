#include "index/corpus_indexer.h"

#include <chrono>
#include <map>
#include <set>

#include "ingest/corpus.h"
#include "ingest/paraphrases.h"
#include "ingest/vocabulary.h"
#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "store/xapian_error.h"
#include "topics/tagger.h"

namespace tpm {

namespace {

// Gives every document its topics (explicit front matter tags of its source first). A tag that
// names no topic is kept on the document and reported once per source.
// Gives each document the phrasings of its block in the paraphrase pack; a block whose id names
// no document is reported and left out.
void add_paraphrases(std::vector<Document>& docs, const std::vector<ParaphraseBlock>& blocks,
                     const std::string& display, std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, Document*> by_id;
    for (Document& doc : docs) by_id[schema::canonical_id(doc.id)] = &doc;
    for (const ParaphraseBlock& block : blocks) {
        const auto found = by_id.find(schema::canonical_id(block.id));
        if (found == by_id.end()) {
            diagnostics.push_back({display, block.line,
                                   "no shipped question or tip has the id \"" + block.id +
                                       "\"; its phrasings are left out"});
            continue;
        }
        found->second->paraphrases = block.phrasings;
    }
}

void tag_documents(std::vector<Document>& docs, const std::vector<SourceInfo>& sources,
                   const Taxonomy& taxonomy, std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::vector<std::string>> tags_of;
    for (const SourceInfo& s : sources) tags_of[s.path] = s.tags;
    const Xapian::Stem stem = caching_stemmer();
    const Tagger tagger(taxonomy, [&stem](const std::string& word) { return stem(word); });
    std::set<std::string> reported;
    for (Document& doc : docs) {
        tagger.tag_document(doc, tags_of[doc.source]);
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
                               const std::filesystem::path& index_dir, bool wait_for_lock) {
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
    const std::string paraphrases = display_dir + "/" + kParaphrasesFileName;
    add_paraphrases(
        ingested.docs,
        read_paraphrases(corpus_dir / kParaphrasesFileName, paraphrases, report.diagnostics),
        paraphrases, report.diagnostics);
    const std::vector<SynonymEntry> vocabulary =
        read_vocabulary(corpus_dir / kVocabularyFileName, display_dir + "/" + kVocabularyFileName,
                        report.diagnostics);

    // The index is ours to rebuild: an old schema is replaced, not refused.
    IndexWriter writer(index_dir, WriterOptions{.rebuild_on_schema_mismatch = true,
                                                .wait_for_lock = wait_for_lock});
    std::set<std::string> ids;
    for (const Document& doc : ingested.docs) {
        writer.put(doc);
        ids.insert(doc.id);
    }
    writer.remove_all_except(ids);
    writer.set_sources(ingested.sources);
    writer.set_metadata(schema::kTaxonomyKey, encode_taxonomy(taxonomy.topics()));
    writer.set_synonyms(vocabulary);
    writer.set_metadata(schema::kCorpusFingerprintKey, fingerprint);
    writer.commit();
    report.stats = writer.stats();
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

IndexReport rebuild_corpus_index(const std::filesystem::path& corpus_dir,
                                 const std::string& display_dir,
                                 const std::filesystem::path& index_dir, bool wait_for_lock,
                                 const std::function<void()>& waiting,
                                 std::chrono::milliseconds patience,
                                 const std::function<bool()>& still_needed) {
    IndexReport report;
    rebuild_index(
        index_dir,
        [&](const std::filesystem::path& fresh) {
            if (still_needed && !still_needed()) return false;
            report = build_corpus_index(corpus_dir, display_dir, fresh);
            return true;
        },
        LockWait{wait_for_lock, patience, waiting});
    return report;
}

bool corpus_index_current(const Xapian::Database& db, const std::filesystem::path& corpus_dir) {
    const std::string recorded =
        detail::xapian_call(ErrorCode::index_corrupt, "cannot read the index",
                            [&] { return db.get_metadata(schema::kCorpusFingerprintKey); });
    // A build that makes terms differently (a new stemmer table) must not search an index whose
    // stems its queries no longer meet.
    return recorded == corpus_fingerprint(corpus_dir) &&
           detail::xapian_call(ErrorCode::index_corrupt, "cannot read the index",
                               [&] { return index_terms_current(db); });
}

}  // namespace tpm
