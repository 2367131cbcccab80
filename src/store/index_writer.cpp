#include "store/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <string>
#include <system_error>
#include <vector>

#include "model/error.h"
#include "store/database.h"
#include "store/schema.h"
#include "text/normalize.h"

namespace tpm {

namespace {

// Changes to how terms are generated that leave the stored data alone still have to reach
// every document: the writer re-indexes all documents when this signature differs from the
// one recorded in the index.
std::string term_signature() {
    return std::string(schema::kStemLanguage) + ":" + std::to_string(schema::kWdfQuestion) + ":" +
           std::to_string(schema::kWdfLabel) + ":" + std::to_string(schema::kWdfBody);
}
constexpr const char* kTermSignatureKey = "tpmsearch:terms";

// Indexes one field twice: without a prefix (weighted by `wdf`) for plain queries, and with its
// own prefix for field queries. Both copies start after a gap so phrases stay inside the field.
void index_field(Xapian::TermGenerator& tg, const std::string& text, Xapian::termcount wdf,
                 std::string_view prefix) {
    if (text.empty()) return;
    const std::string folded = text::fold(text);
    tg.increase_termpos(schema::kFieldGap);
    tg.index_text(folded, wdf);
    tg.increase_termpos(schema::kFieldGap);
    tg.index_text(folded, 1, std::string(prefix));
}

Xapian::Document make_document(const Document& doc, Xapian::TermGenerator& tg) {
    Xapian::Document xdoc;
    tg.set_document(xdoc);
    index_field(tg, doc.title, schema::kWdfQuestion, schema::kPrefixQuestion);
    index_field(tg, doc.answer, schema::kWdfBody, schema::kPrefixAnswer);
    for (const Point& p : doc.points) {
        // A label names what the point is about ("Canary Releases"): it counts above the body.
        index_field(tg, p.label, schema::kWdfLabel, schema::kPrefixPoint);
        index_field(tg, p.text, schema::kWdfBody, schema::kPrefixPoint);
        for (const std::string& item : p.items) {
            index_field(tg, item, schema::kWdfBody, schema::kPrefixPoint);
        }
    }
    index_field(tg, doc.example, schema::kWdfBody, schema::kPrefixExample);
    index_field(tg, doc.why, schema::kWdfBody, schema::kPrefixWhy);

    xdoc.add_boolean_term(schema::id_term(doc.id));
    xdoc.add_boolean_term(std::string(schema::kPrefixKind) + to_string(doc.kind));
    xdoc.add_boolean_term(schema::source_term(doc.source));
    xdoc.add_boolean_term(std::string(schema::kPrefixOrigin) + to_string(doc.origin));
    std::string topics;
    for (const std::string& topic : doc.topics) {
        xdoc.add_boolean_term(std::string(schema::kPrefixTopic) + topic);
        topics += (topics.empty() ? "" : "\n") + topic;
    }
    if (!topics.empty()) xdoc.add_value(schema::kSlotTopics, topics);
    xdoc.add_value(schema::kSlotOrder, schema::order_key(doc));
    xdoc.add_value(schema::kSlotLine, Xapian::sortable_serialise(doc.line));
    xdoc.set_data(schema::encode_document_data(doc));
    return xdoc;
}

Xapian::WritableDatabase open_writable(const std::string& where, int action, bool wait) {
    try {
        return Xapian::WritableDatabase(
            where, action | Xapian::DB_BACKEND_GLASS | (wait ? Xapian::DB_RETRY_LOCK : 0));
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(ErrorCode::index_locked,
                    "the index in " + where + " is being written by another tpmindex");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error(ErrorCode::index_corrupt,
                    "cannot open the index in " + where + " for writing: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io, "cannot write the index in " + where + ": " + e.get_msg());
    }
}

}  // namespace

struct IndexWriter::Impl {
    std::string where;
    Xapian::WritableDatabase db;
    Xapian::TermGenerator tg;
    bool in_transaction = false;
    bool reindex_all = false;
};

IndexWriter::IndexWriter(const std::filesystem::path& dir, const WriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
    impl_->where = dir.string();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw Error(ErrorCode::io,
                    "cannot create the index folder " + impl_->where + ": " + ec.message());
    }
    impl_->db = open_writable(impl_->where, Xapian::DB_CREATE_OR_OPEN, options.wait_for_lock);
    const int version = index_schema_version(impl_->db);
    const bool empty = impl_->db.get_doccount() == 0 && version == 0;
    if (!empty && version != schema::kSchemaVersion) {
        if (!options.rebuild_on_schema_mismatch) {
            throw Error(ErrorCode::schema_mismatch,
                        "the index in " + impl_->where + " was built with schema " +
                            std::to_string(version) + ", this tpmindex writes schema " +
                            std::to_string(schema::kSchemaVersion));
        }
        // Drop our handle (and its lock) first: overwriting takes the lock itself.
        impl_->db.close();
        impl_->db =
            open_writable(impl_->where, Xapian::DB_CREATE_OR_OVERWRITE, options.wait_for_lock);
    }
    impl_->reindex_all = impl_->db.get_metadata(kTermSignatureKey) != term_signature();
    impl_->tg.set_stemmer(Xapian::Stem(schema::kStemLanguage));
    impl_->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    impl_->tg.set_database(impl_->db);
    impl_->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    try {
        // Flushed transaction: nothing of this writer is visible until commit_transaction().
        impl_->db.begin_transaction(true);
        impl_->in_transaction = true;
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io,
                    "cannot write the index in " + impl_->where + ": " + e.get_description());
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_ || !impl_->in_transaction) return;
    try {
        impl_->db.cancel_transaction();
    } catch (const Xapian::Error&) {
        // Nothing was committed, and a destructor cannot report: the index keeps its old state.
    }
}

void IndexWriter::put(const Document& doc) {
    const std::string term = schema::id_term(doc.id);
    try {
        Xapian::PostingIterator it = impl_->db.postlist_begin(term);
        const bool exists = it != impl_->db.postlist_end(term);
        if (exists && !impl_->reindex_all &&
            impl_->db.get_document(*it).get_data() == schema::encode_document_data(doc)) {
            ++stats_.unchanged;
            return;
        }
        impl_->db.replace_document(term, make_document(doc, impl_->tg));
        ++(exists ? stats_.changed : stats_.added);
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io, "cannot write document " + doc.id + " to the index in " +
                                       impl_->where + ": " + e.get_description());
    }
}

void IndexWriter::remove_all_except(const std::set<std::string>& keep) {
    const std::string prefix(schema::kPrefixId);
    try {
        std::vector<std::string> gone;
        for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t) {
            std::string id = (*t).substr(prefix.size());
            if (!keep.count(id)) gone.push_back(*t);
        }
        for (const std::string& term : gone) {
            impl_->db.delete_document(term);
            ++stats_.removed;
        }
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io, "cannot remove documents from the index in " + impl_->where +
                                       ": " + e.get_description());
    }
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    try {
        impl_->db.set_metadata(key, value);
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io,
                    "cannot write the index in " + impl_->where + ": " + e.get_description());
    }
}

void IndexWriter::set_synonyms(const std::vector<SynonymEntry>& entries) {
    try {
        std::vector<std::string> old(impl_->db.synonym_keys_begin(), impl_->db.synonym_keys_end());
        for (const std::string& key : old) impl_->db.clear_synonyms(key);
        std::size_t max_words = 0;
        for (const auto& [key, alternative] : schema::synonym_pairs(entries)) {
            impl_->db.add_synonym(key, alternative);
            max_words = std::max(
                max_words, static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
        }
        impl_->db.set_metadata(schema::kVocabularyMaxWordsKey, std::to_string(max_words));
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io,
                    "cannot write the index in " + impl_->where + ": " + e.get_description());
    }
}

void IndexWriter::set_sources(const std::vector<SourceInfo>& sources) {
    const std::string prefix = schema::kSourceKeyPrefix;
    try {
        std::set<std::string> current;
        for (const SourceInfo& info : sources) {
            current.insert(prefix + info.path);
            impl_->db.set_metadata(prefix + info.path, schema::encode_source_info(info));
        }
        std::vector<std::string> stale;
        for (auto k = impl_->db.metadata_keys_begin(prefix);
             k != impl_->db.metadata_keys_end(prefix); ++k) {
            if (!current.count(*k)) stale.push_back(*k);
        }
        // An empty value deletes a metadata entry.
        for (const std::string& key : stale) impl_->db.set_metadata(key, "");
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io,
                    "cannot write the index in " + impl_->where + ": " + e.get_description());
    }
}

void IndexWriter::commit() {
    try {
        impl_->db.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
        impl_->db.set_metadata(kTermSignatureKey, term_signature());
        impl_->db.commit_transaction();
        impl_->in_transaction = false;
        impl_->db.begin_transaction(true);
        impl_->in_transaction = true;
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io,
                    "cannot commit to the index in " + impl_->where + ": " + e.get_description());
    }
}

}  // namespace tpm
