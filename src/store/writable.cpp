#include "store/writable.h"

#include <atomic>
#include <string_view>
#include <system_error>

#include "model/error.h"
#include "store/database.h"
#include "store/morphology.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "text/normalize.h"

namespace tpm::detail {

// Changes to how terms are generated that leave the stored data alone still have to reach
// every document: the writer re-indexes all documents when this signature differs from the
// one recorded in the index.
std::string term_signature() {
    return std::string(schema::kStemLanguage) + ":" + std::to_string(schema::kWdfQuestion) + ":" +
           std::to_string(schema::kWdfLabel) + ":" + std::to_string(schema::kWdfBody) +
           ":cjk:one-copy-notes:morphology" + std::to_string(kMorphologyVersion);
}

namespace {

// The length of `doc` as BM25 sees it: the sum of its terms' wdf. It walks every term, so it
// is taken a fixed number of times per document, never per field: a note of 16,000 list items
// (16,000 fields) spent minutes here when every field measured the document it grew.
Xapian::termcount length_of(const Xapian::Document& doc) {
    Xapian::termcount sum = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) sum += t.get_wdf();
    return sum;
}

// How many terms (words, stems, CJK n-grams) `tg` makes of `folded`: each adds the wdf it is
// indexed with, whatever the document holds already. Counted in a scratch document, so it costs
// what indexing `folded` costs; `tg` is left on `doc` at the position it had.
Xapian::termcount terms_in(Xapian::TermGenerator& tg, const Xapian::Document& doc,
                           const std::string& folded) {
    const Xapian::termpos at = tg.get_termpos();
    Xapian::Document scratch;
    tg.set_document(scratch);
    tg.index_text(folded, 1);
    tg.set_document(doc);
    tg.set_termpos(at);
    return length_of(scratch);
}

// Indexes one field twice: without a prefix (weighted by `wdf`) for plain queries, and with its
// own prefix for field queries. Both copies start after a gap so phrases stay inside the field.
// Notes are the bulk of a large index, so a note keeps one copy of its text: its heading is
// indexed twice (question: finds it, phrases included), its body only without a prefix, and
// positions only for the plain words, not the stems. On the 144 MiB benchmark corpus the body's
// prefixed copy was two fifths of the indexing time and a quarter of the compacted index (516
// -> 400 MB); the stems' positions had been a third before that. The price, in the README:
// answer:, point:, example: and why: are fields of the shipped Q&A format and search its
// questions only, and multi-word vocabulary alternatives (phrases of stems) match there only.
//
// BM25 compares a document's length with the others', so a note must be as long as it would be
// with the copies it leaves out, or notes would outrank shipped questions, and long sections
// short ones, for being measured differently. The copy a note leaves out of a field is its
// plain copy's terms at wdf 1. FieldIndexer adds that up without measuring the document per field:
// the plain copies of body text (wdf kWdfBody, nearly all of a note) are measured together once
// the document is made, as its length less what the other fields added, and the other fields
// (the heading, labels: short) are counted one by one.
class FieldIndexer {
  public:
    FieldIndexer(Xapian::TermGenerator& tg, const Xapian::Document& doc, bool lean,
                 const std::atomic<bool>* stop)
        : tg_(tg), doc_(doc), lean_(lean), stop_(stop) {}

    void add(const std::string& text, Xapian::termcount wdf, std::string_view prefix) {
        if (text.empty() || stopped()) return;
        const std::string folded = text::fold(text);
        tg_.increase_termpos(schema::kFieldGap);
        if (!lean_ || prefix == schema::kPrefixQuestion) {
            // Both copies kept. A note has one such field, its heading: measuring the document
            // around it costs one walk.
            const Xapian::termcount before = lean_ ? length_of(doc_) : 0;
            tg_.index_text(folded, wdf);
            tg_.increase_termpos(schema::kFieldGap);
            tg_.index_text(folded, 1, std::string(prefix));
            if (lean_) counted_ += length_of(doc_) - before;
            return;
        }
        if (wdf != schema::kWdfBody) {
            const Xapian::termcount terms = terms_in(tg_, doc_, folded);
            counted_ += terms * wdf;
            left_out_ += terms;
        }
        tg_.index_text(folded, wdf);
    }

    // Once `stop` is set, the fields after are left out: the document is not whole.
    bool stopped() const { return stop_ && stop_->load(std::memory_order_relaxed); }

    // The length the copies left out would have had; call once every field is indexed.
    Xapian::termcount left_out() const {
        if (!lean_ || stopped()) return 0;
        return left_out_ + (length_of(doc_) - counted_) / schema::kWdfBody;
    }

  private:
    Xapian::TermGenerator& tg_;
    const Xapian::Document& doc_;
    const bool lean_;
    const std::atomic<bool>* stop_;
    Xapian::termcount counted_ = 0;   // wdf added by every field but the lean body text
    Xapian::termcount left_out_ = 0;  // the left-out copies of those fields
};

Xapian::WritableDatabase open_writable(const std::string& where, int action, bool wait) {
    try {
        return Xapian::WritableDatabase(
            where, action | Xapian::DB_BACKEND_GLASS | (wait ? Xapian::DB_RETRY_LOCK : 0));
    } catch (const Xapian::DatabaseLockError& e) {
        // Xapian says "lock" also when the lock file cannot be made: a read-only disk, or an
        // index that belongs to someone else. Only a lock that is held is another tpmindex.
        if (index_locked(where)) {
            throw Error(ErrorCode::index_locked,
                        "the index in " + where + " is being written by another tpmindex");
        }
        throw Error(ErrorCode::io, "cannot write the index in " + where + ": " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error(ErrorCode::index_corrupt,
                    "cannot open the index in " + where + " for writing: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io, "cannot write the index in " + where + ": " + e.get_msg());
    }
}

}  // namespace

Xapian::Document make_document(const Document& doc, Xapian::TermGenerator& tg,
                               const std::atomic<bool>* stop, std::string_view root) {
    Xapian::Document xdoc;
    tg.set_document(xdoc);
    const bool lean = doc.origin == Origin::notes;
    // Stems with positions serve phrases of stems (the vocabulary's alternatives); see above.
    tg.set_stemming_strategy(lean ? Xapian::TermGenerator::STEM_SOME
                                  : Xapian::TermGenerator::STEM_SOME_FULL_POS);
    FieldIndexer fields(tg, xdoc, lean, stop);
    // A note section's title is its heading path ("Acme onsite > System design > Caching"). Its
    // own heading says what the section is about and counts as the title; the headings above
    // it are shared by all its siblings and count as body text, so a search for a heading
    // finds that section before its subsections.
    const std::size_t cut =
        doc.origin == Origin::notes ? doc.title.rfind(kHeadingSeparator) : std::string::npos;
    const std::string own_heading =
        cut == std::string::npos ? doc.title : doc.title.substr(cut + kHeadingSeparator.size());
    fields.add(own_heading, schema::kWdfQuestion, schema::kPrefixQuestion);
    if (cut != std::string::npos) {
        fields.add(doc.title.substr(0, cut), schema::kWdfBody, schema::kPrefixAnswer);
    }
    if (lean && !own_heading.empty()) {
        xdoc.add_value(schema::kSlotHeading, text::fold(own_heading));
    }
    fields.add(doc.answer, schema::kWdfBody, schema::kPrefixAnswer);
    for (const Point& p : doc.points) {
        // A label names what the point is about ("Canary Releases"): it counts above the body.
        fields.add(p.label, schema::kWdfLabel, schema::kPrefixPoint);
        fields.add(p.text, schema::kWdfBody, schema::kPrefixPoint);
        for (const std::string& item : p.items) {
            fields.add(item, schema::kWdfBody, schema::kPrefixPoint);
        }
    }
    fields.add(doc.example, schema::kWdfBody, schema::kPrefixExample);
    fields.add(doc.why, schema::kWdfBody, schema::kPrefixWhy);
    // Only the prefixed copy: a phrasing is evidence of what the question is about, not text
    // of its answer, and the query weighs it below the question's own words.
    for (const std::string& phrasing : doc.paraphrases) {
        tg.increase_termpos(schema::kFieldGap);
        tg.index_text(text::fold(phrasing), 1, std::string(schema::kPrefixParaphrase));
    }

    const Xapian::termcount left_out = fields.left_out();
    if (left_out > 0) xdoc.add_term(std::string(schema::kTermLength), left_out);
    xdoc.add_boolean_term(schema::id_term(doc.id));
    xdoc.add_boolean_term(std::string(schema::kPrefixKind) + to_string(doc.kind));
    xdoc.add_boolean_term(schema::source_term(doc.source));
    for (const std::string& folder : schema::folder_terms(doc.source, root)) {
        xdoc.add_boolean_term(folder);
    }
    for (const std::string& tag : doc.tags) {
        if (std::string term = schema::tag_term(tag); !term.empty()) xdoc.add_boolean_term(term);
    }
    for (const std::string& question : doc.answers) {
        xdoc.add_boolean_term(schema::answers_term(question));
    }
    xdoc.add_boolean_term(std::string(schema::kPrefixOrigin) + to_string(doc.origin));
    std::string topics;
    for (const std::string& topic : doc.topics) {
        xdoc.add_boolean_term(std::string(schema::kPrefixTopic) + topic);
        topics += (topics.empty() ? "" : "\n") + topic;
    }
    if (!topics.empty()) xdoc.add_value(schema::kSlotTopics, topics);
    xdoc.add_value(schema::kSlotOrder, schema::order_key(doc));
    xdoc.add_value(schema::kSlotLine, Xapian::sortable_serialise(doc.line));
    xdoc.set_data(encode_document_data(doc));
    return xdoc;
}

void open_writable_index(const std::filesystem::path& dir, const WriterOptions& options,
                         WritableIndex& out) {
    out.where = dir.string();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw Error(ErrorCode::io,
                    "cannot create the index folder " + out.where + ": " + ec.message());
    }
    out.db = open_writable(out.where, Xapian::DB_CREATE_OR_OPEN, options.wait_for_lock);
    const int version = index_schema_version(out.db);
    const bool empty = out.db.get_doccount() == 0 && version == 0;
    if (!empty && version != schema::kSchemaVersion) {
        if (!options.rebuild_on_schema_mismatch) {
            throw Error(ErrorCode::schema_mismatch,
                        "the index in " + out.where + " was built with schema " +
                            std::to_string(version) + ", this tpmindex writes schema " +
                            std::to_string(schema::kSchemaVersion));
        }
        // Drop our handle (and its lock) first: overwriting takes the lock itself.
        out.db.close();
        out.db = open_writable(out.where, Xapian::DB_CREATE_OR_OVERWRITE, options.wait_for_lock);
    }
    // An empty index has nothing to index again.
    out.reindex_all = out.db.get_doccount() > 0 &&
                      out.db.get_metadata(schema::kTermSignatureKey) != term_signature();
    out.tg = make_term_generator(caching_stemmer());
}

Xapian::TermGenerator make_term_generator(const Xapian::Stem& stem) {
    Xapian::TermGenerator tg;
    tg.set_stemmer(stem);
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    // CJK text has no spaces between words: Xapian indexes it as overlapping n-grams, and the
    // query parser splits a query the same way (search/query_builder.cpp).
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    return tg;
}

namespace {

// Whether `term` can ever be a spelling suggestion. The query side corrects only words of four
// or more letters a-z (search/query_builder.cpp: correctable()), within two edits: a word with
// a digit ("k8s", "0x00", a URL's id) is a name, not a correction, and CJK text is indexed as
// two-character n-grams, at least two edits from any such word. In notes with CJK text these
// were two fifths of the distinct words, each costing Xapian its n-gram fragments.
bool may_suggest(std::string_view term) {
    for (std::size_t i = 0; i < term.size(); ++i) {
        const auto b = static_cast<unsigned char>(term[i]);
        if (b >= '0' && b <= '9') return false;
        // UTF-8 for U+2E80 (CJK radicals) and up: E2 BA..BF, E3..EF, F0.. lead bytes.
        if (b >= 0xE3) return false;
        if (b == 0xE2 && i + 1 < term.size() && static_cast<unsigned char>(term[i + 1]) >= 0xBA) {
            return false;
        }
    }
    return true;
}

void add_spelling(Xapian::WritableDatabase& db, const Xapian::Document& xdoc) {
    for (auto t = xdoc.termlist_begin(); t != xdoc.termlist_end(); ++t) {
        const std::string& term = *t;
        // Prefixed terms (field copies, stems, filters) start with a capital letter.
        if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && may_suggest(term)) {
            db.add_spelling(term, t.get_wdf());
        }
    }
}

}  // namespace

void add_to_index(Xapian::WritableDatabase& db, const Xapian::Document& xdoc) {
    db.add_document(xdoc);
    add_spelling(db, xdoc);
}

void replace_in_index(Xapian::WritableDatabase& db, const std::string& term,
                      const Xapian::Document& xdoc) {
    db.replace_document(term, xdoc);
    add_spelling(db, xdoc);
}

void stamp(Xapian::WritableDatabase& db, bool terms) {
    db.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
    if (terms) db.set_metadata(schema::kTermSignatureKey, term_signature());
}

}  // namespace tpm::detail
