#include "store/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <string>
#include <system_error>
#include <vector>

#include "model/error.h"
#include "store/index_repair.h"
#include "store/schema.h"
#include "store/stored_records.h"
#include "store/synonym_table.h"
#include "store/writable.h"
#include "store/xapian_error.h"

namespace tpm {

struct IndexWriter::Impl : detail::WritableIndex {
    bool in_transaction = false;
};

IndexWriter::IndexWriter(const std::filesystem::path& dir, const WriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
    detail::open_writable_index(dir, options, *impl_);
    detail::xapian_call(ErrorCode::io, impl_->cannot_write(), [&] {
        // Flushed transaction: nothing of this writer is visible until commit_transaction().
        impl_->db.begin_transaction(true);
        impl_->in_transaction = true;
    });
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
    detail::xapian_call(
        ErrorCode::io,
        [&] { return "cannot write document " + doc.id + " to the index in " + impl_->where; },
        [&] {
            Xapian::PostingIterator it = impl_->db.postlist_begin(term);
            const bool exists = it != impl_->db.postlist_end(term);
            if (exists && !impl_->reindex_all &&
                impl_->db.get_document(*it).get_data() == encode_document_data(doc)) {
                ++stats_.unchanged;
                return;
            }
            detail::replace_in_index(impl_->db, term, detail::make_document(doc, impl_->tg));
            ++(exists ? stats_.changed : stats_.added);
        });
}

void IndexWriter::remove_all_except(const std::set<std::string>& keep) {
    const std::string prefix(schema::kPrefixId);
    detail::xapian_call(ErrorCode::io, "cannot remove documents from the index in " + impl_->where,
                        [&] {
                            std::vector<std::string> gone;
                            for (auto t = impl_->db.allterms_begin(prefix);
                                 t != impl_->db.allterms_end(prefix); ++t) {
                                std::string id = (*t).substr(prefix.size());
                                if (!keep.count(id)) gone.push_back(*t);
                            }
                            for (const std::string& term : gone) {
                                impl_->db.delete_document(term);
                                ++stats_.removed;
                            }
                        });
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    detail::xapian_call(ErrorCode::io, impl_->cannot_write(),
                        [&] { impl_->db.set_metadata(key, value); });
}

void IndexWriter::set_synonyms(const std::vector<SynonymEntry>& entries) {
    detail::xapian_call(ErrorCode::io, impl_->cannot_write(), [&] {
        std::vector<std::string> old(impl_->db.synonym_keys_begin(), impl_->db.synonym_keys_end());
        for (const std::string& key : old) impl_->db.clear_synonyms(key);
        std::size_t max_words = 0;
        for (const auto& [key, alternative] : synonym_pairs(entries)) {
            impl_->db.add_synonym(key, alternative);
            max_words = std::max(
                max_words, static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
        }
        impl_->db.set_metadata(schema::kVocabularyMaxWordsKey, std::to_string(max_words));
    });
}

void IndexWriter::set_sources(const std::vector<SourceInfo>& sources) {
    const std::string prefix = schema::kSourceKeyPrefix;
    detail::xapian_call(ErrorCode::io, impl_->cannot_write(), [&] {
        std::set<std::string> current;
        for (const SourceInfo& info : sources) {
            current.insert(schema::source_key(info.path));
            impl_->db.set_metadata(schema::source_key(info.path), encode_source_info(info));
        }
        std::vector<std::string> stale;
        for (auto k = impl_->db.metadata_keys_begin(prefix);
             k != impl_->db.metadata_keys_end(prefix); ++k) {
            if (!current.count(*k)) stale.push_back(*k);
        }
        // An empty value deletes a metadata entry.
        for (const std::string& key : stale) impl_->db.set_metadata(key, "");
    });
}

void IndexWriter::commit() {
    detail::xapian_call(ErrorCode::io, "cannot commit to the index in " + impl_->where, [&] {
        detail::stamp(impl_->db);
        impl_->db.commit_transaction();
        record_index_sound(impl_->where);
        impl_->in_transaction = false;
        impl_->db.begin_transaction(true);
        impl_->in_transaction = true;
    });
}

}  // namespace tpm
