#include "store/notes_writer.h"

#include <xapian.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "model/error.h"
#include "store/fnv1a.h"
#include "store/index_repair.h"
#include "store/notes_registry.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "store/writable.h"
#include "store/xapian_error.h"

namespace tpm {

namespace {

using Json = nlohmann::json;

// How many finished files are made durable together. Each file is still its own transaction;
// a commit is what costs (fsync), so committing per file would make a first index of 10,000
// notes spend its time syncing.
constexpr std::size_t kFilesPerCommit = 500;
// ... or once this much section text is pending: Xapian's cost per added document grows with
// what it holds in memory. The 6.3 MB of ../shared/corpora took 20 s as one batch, and 8.5 to
// 10.7 s committing every 0.25, 1 or 4 MB.
constexpr std::size_t kBytesPerCommit = 1000000;

std::string encode_state(const FileState& s) {
    const Json j = {{"path", s.path},      {"root", s.root}, {"size", s.size},
                    {"mtime", s.mtime_ns}, {"hash", s.hash}, {"documents", s.documents}};
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

FileState decode_state(const std::string& data) {
    try {
        const Json j = Json::parse(data);
        return FileState{j.at("path").get<std::string>(),    j.at("root").get<std::string>(),
                         j.at("size").get<std::uintmax_t>(), j.at("mtime").get<std::int64_t>(),
                         j.at("hash").get<std::string>(),    j.at("documents").get<std::size_t>()};
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read a stored file record: ") + e.what());
    }
}

// About how much text `doc` holds: what indexing it costs.
std::size_t text_size(const Document& doc) {
    std::size_t n = doc.title.size() + doc.answer.size() + doc.example.size() + doc.why.size();
    for (const Point& p : doc.points) {
        n += p.label.size() + p.text.size();
        for (const std::string& item : p.items) n += item.size();
    }
    return n;
}

}  // namespace

std::vector<std::string> notes_roots(const Xapian::Database& db) {
    const std::string data =
        detail::xapian_call(ErrorCode::index_corrupt, "cannot use the notes index",
                            [&] { return db.get_metadata(schema::kNotesRootsKey); });
    if (data.empty()) return {};
    try {
        return Json::parse(data).get<std::vector<std::string>>();
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read the registered folders: ") + e.what());
    }
}

std::map<std::string, FileState> notes_files(const Xapian::Database& db) {
    std::map<std::string, FileState> out;
    const std::string prefix = schema::kFileKeyPrefix;
    detail::xapian_call(ErrorCode::index_corrupt, "cannot use the notes index", [&] {
        for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
            FileState state = decode_state(db.get_metadata(*k));
            std::string path = state.path;
            out.emplace(std::move(path), std::move(state));
        }
    });
    return out;
}

std::string content_hash(std::string_view bytes) { return detail::fnv1a_hex(bytes); }

namespace {

// The last component of `path` ("/home/me/prep/" -> "prep").
std::string last_name(const std::string& path) {
    std::filesystem::path p(path);
    if (!p.has_filename()) p = p.parent_path();
    return p.filename().string();
}

}  // namespace

std::string note_id_base(const std::vector<std::string>& roots, const std::string& root,
                         const std::string& path) {
    const bool is_file = path == root;
    std::string relative = is_file ? last_name(path) : path;
    const std::string folder = root.ends_with('/') ? root : root + "/";
    if (!is_file && path.starts_with(folder)) relative = path.substr(folder.size());
    const auto at = std::find(roots.begin(), roots.end(), root);
    if (at == roots.begin() || at == roots.end()) return relative;
    const std::string name = last_name(root);
    const auto same = std::count_if(roots.begin(), at,
                                    [&](const std::string& r) { return last_name(r) == name; });
    return (same ? name + "-" + std::to_string(same + 1) : name) + ":" + relative;
}

std::string stored_note_id(std::string_view id) {
    // Xapian terms are at most 245 bytes; the id term adds its prefix.
    constexpr std::size_t kLongestId = 200;
    if (id.size() <= kLongestId) return std::string(id);
    return "n" + detail::fnv1a_hex(id);
}

struct NotesWriter::Impl : detail::WritableIndex {
    std::size_t uncommitted = 0;        // finished files since the last commit
    std::size_t uncommitted_bytes = 0;  // the text of their sections

    // Runs `change` as one transaction; on any failure the transaction is cancelled, so the
    // file keeps its previous state, and the error is translated.
    template <typename F>
    void transaction(const std::string& what, F change) {
        detail::xapian_call(ErrorCode::io, "cannot " + what + " in the index in " + where, [&] {
            db.begin_transaction(false);
            try {
                change();
                db.commit_transaction();
            } catch (...) {
                db.cancel_transaction();
                throw;
            }
        });
        if (++uncommitted >= kFilesPerCommit || uncommitted_bytes >= kBytesPerCommit) commit();
    }

    void commit() {
        detail::xapian_call(ErrorCode::io, "cannot commit to the index in " + where, [&] {
            detail::stamp(db, !reindex_all);
            db.commit();
            record_index_sound(where);
            uncommitted = 0;
            uncommitted_bytes = 0;
        });
    }

    void delete_sections(const std::string& path) {
        db.delete_document(schema::source_term(path));
        db.set_metadata(schema::source_key(path), "");
    }
};

NotesWriter::NotesWriter(const std::filesystem::path& dir, const WriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
    detail::open_writable_index(dir, options, *impl_);
}

NotesWriter::~NotesWriter() {
    if (!impl_ || impl_->uncommitted == 0) return;
    try {
        impl_->commit();
    } catch (const Error&) {
        // A destructor cannot report; the index keeps its last committed state, and every file
        // in it is whole.
    }
}

std::vector<std::string> NotesWriter::roots() const { return notes_roots(impl_->db); }

void NotesWriter::set_roots(const std::vector<std::string>& roots) {
    set_metadata(schema::kNotesRootsKey, Json(roots).dump());
    // A copy outside the tables: tpmindex --rebuild finds the folders in it when the tables are
    // too damaged to say.
    write_notes_registry(impl_->where, roots);
}

std::map<std::string, FileState> NotesWriter::files() const { return notes_files(impl_->db); }

SectionMaker::SectionMaker() : tg_(detail::make_term_generator(caching_stemmer())) {}

SectionMaker::SectionMaker(const Xapian::Stem& stem) : tg_(detail::make_term_generator(stem)) {}

MadeSections SectionMaker::make(std::vector<Document> docs, const std::atomic<bool>* stop,
                                std::string_view root) {
    MadeSections out;
    out.made.reserve(docs.size());
    for (const Document& doc : docs) {
        Xapian::Document made = detail::make_document(doc, tg_, stop, root);
        // Checked after the document: make_document() may have cut it short.
        if (stop && stop->load(std::memory_order_relaxed)) {
            out.stopped = true;
            break;
        }
        out.made.push_back(std::move(made));
    }
    // The term generator holds a reference to the last document it filled. Xapian's reference
    // counts are not atomic, so it must let go before the documents cross to the writing thread.
    tg_.set_document(Xapian::Document());
    out.docs = std::move(docs);
    return out;
}

void NotesWriter::replace_file(const FileState& state, const std::vector<Document>& docs,
                               const SourceInfo* info) {
    replace_file(state, SectionMaker().make(docs, nullptr, state.root), info);
}

void NotesWriter::replace_file(const FileState& state, const MadeSections& sections,
                               const SourceInfo* info) {
    const std::vector<Document>& docs = sections.docs;
    assert(sections.made.size() == docs.size());
    impl_->transaction("index " + state.path, [&] {
        impl_->delete_sections(state.path);
        // The file's sections are all gone now and their ids are made from its path, so they
        // are added, not replaced: replace_document() looks its term up among every pending
        // change, which made a first index of 5,000 sections take 20 s instead of 1.
        for (std::size_t i = 0; i < docs.size(); ++i) {
            assert(docs[i].source == state.path);
            detail::add_to_index(impl_->db, sections.made[i]);
            impl_->uncommitted_bytes += text_size(docs[i]);
        }
        if (info) {
            impl_->db.set_metadata(schema::source_key(state.path), encode_source_info(*info));
        }
        FileState stored = state;
        stored.documents = docs.size();
        impl_->db.set_metadata(schema::file_key(state.path), encode_state(stored));
    });
}

void NotesWriter::update_state(const FileState& state) {
    impl_->transaction("record " + state.path, [&] {
        impl_->db.set_metadata(schema::file_key(state.path), encode_state(state));
    });
}

void NotesWriter::remove_file(const std::string& path) {
    impl_->transaction("remove " + path, [&] {
        impl_->delete_sections(path);
        impl_->db.set_metadata(schema::file_key(path), "");
    });
}

void NotesWriter::set_metadata(const std::string& key, const std::string& value) {
    detail::xapian_call(ErrorCode::io, impl_->cannot_write(),
                        [&] { impl_->db.set_metadata(key, value); });
}

void NotesWriter::commit() { impl_->commit(); }

bool NotesWriter::terms_outdated() const { return impl_->reindex_all; }

void NotesWriter::terms_updated() { impl_->reindex_all = false; }

}  // namespace tpm
