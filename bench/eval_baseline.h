// bench/eval_baseline.h: plain Xapian BM25, the baseline every relevance figure is compared
// with: one Xapian document per judged document, TermGenerator and QueryParser with their
// defaults and the English stemmer (STEM_SOME), BM25Weight's defaults. Nothing of tpmsearch:
// no fields, no stop words, no vocabulary, no spelling, no feedback.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace tpm::eval {

class PlainBm25 {
  public:
    PlainBm25() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
        generator_.set_stemmer(Xapian::Stem("en"));
        parser_.set_stemmer(Xapian::Stem("en"));
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    }

    void add(const std::string& id, const std::string& text) {
        Xapian::Document doc;
        generator_.set_document(doc);
        generator_.index_text(text);
        doc.set_data(id);
        db_.add_document(doc);
    }

    // The ids of the best `limit` documents for `query`; none when the parser rejects it.
    std::vector<std::string> rank(const std::string& query, unsigned limit = 10) {
        parser_.set_database(db_);
        Xapian::Query parsed;
        try {
            parsed = parser_.parse_query(query);
        } catch (const Xapian::QueryParserError&) {
            return {};
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(parsed);
        std::vector<std::string> out;
        const Xapian::MSet mset = enquire.get_mset(0, limit);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            out.push_back(it.get_document().get_data());
        }
        return out;
    }

  private:
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator generator_;
    Xapian::QueryParser parser_;
};

}  // namespace tpm::eval
