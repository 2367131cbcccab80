// The Xapian documents make_document() builds, against a brute-force reference: the way they
// were built before indexing became linear in the number of fields, measuring the whole
// document around every field. Notes and shipped questions, labels, list items, CJK text,
// numbers and capitalised words: the terms, their wdf and positions, the left-out length
// (schema::kTermLength) and the document length in a real database must all be the same, or
// the ranking of every note changes. Also: a stop asked for cuts making short.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/notes_writer.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/writable.h"
#include "support/temp_dir.h"
#include "text/normalize.h"

namespace tpm {
namespace {

Xapian::termcount walk_length(const Xapian::Document& doc) {
    Xapian::termcount sum = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) sum += t.get_wdf();
    return sum;
}

// The reference: every field indexed as make_document() indexes it, in the same order, and a
// note's left-out length measured around each field by walking the whole document, as the
// indexer did before (quadratic in the fields, exact by construction).
Xapian::Document reference_document(const Document& doc, Xapian::TermGenerator& tg) {
    Xapian::Document xdoc;
    tg.set_document(xdoc);
    const bool lean = doc.origin == Origin::notes;
    tg.set_stemming_strategy(lean ? Xapian::TermGenerator::STEM_SOME
                                  : Xapian::TermGenerator::STEM_SOME_FULL_POS);
    Xapian::termcount left_out = 0;
    auto field = [&](const std::string& text, Xapian::termcount wdf, std::string_view prefix) {
        if (text.empty()) return;
        const std::string folded = text::fold(text);
        tg.increase_termpos(schema::kFieldGap);
        if (lean && prefix != schema::kPrefixQuestion) {
            const Xapian::termcount before = walk_length(xdoc);
            tg.index_text(folded, wdf);
            left_out += (walk_length(xdoc) - before) / wdf;
            return;
        }
        tg.index_text(folded, wdf);
        tg.increase_termpos(schema::kFieldGap);
        tg.index_text(folded, 1, std::string(prefix));
    };
    const std::size_t cut = lean ? doc.title.rfind(kHeadingSeparator) : std::string::npos;
    if (cut == std::string::npos) {
        field(doc.title, schema::kWdfQuestion, schema::kPrefixQuestion);
    } else {
        field(doc.title.substr(cut + kHeadingSeparator.size()), schema::kWdfQuestion,
              schema::kPrefixQuestion);
        field(doc.title.substr(0, cut), schema::kWdfBody, schema::kPrefixAnswer);
    }
    field(doc.answer, schema::kWdfBody, schema::kPrefixAnswer);
    for (const Point& p : doc.points) {
        field(p.label, schema::kWdfLabel, schema::kPrefixPoint);
        field(p.text, schema::kWdfBody, schema::kPrefixPoint);
        for (const std::string& item : p.items) field(item, schema::kWdfBody, schema::kPrefixPoint);
    }
    field(doc.example, schema::kWdfBody, schema::kPrefixExample);
    field(doc.why, schema::kWdfBody, schema::kPrefixWhy);
    if (left_out > 0) xdoc.add_term(std::string(schema::kTermLength), left_out);
    return xdoc;
}

struct TermData {
    Xapian::termcount wdf = 0;
    std::vector<Xapian::termpos> positions;
    bool operator==(const TermData&) const = default;
};

// Every term with a wdf (the text's terms and the left-out length; boolean terms and values
// are made the same way for both and are not the reference's business).
std::map<std::string, TermData> weighted_terms(const Xapian::Document& doc) {
    std::map<std::string, TermData> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (t.get_wdf() == 0) continue;
        TermData& data = out[*t];
        data.wdf = t.get_wdf();
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
            data.positions.push_back(*p);
        }
    }
    return out;
}

Xapian::termcount left_out_of(const Xapian::Document& doc) {
    auto t = doc.termlist_begin();
    t.skip_to(std::string(schema::kTermLength));
    if (t == doc.termlist_end() || *t != schema::kTermLength) return 0;
    return t.get_wdf();
}

// Deterministic text of every kind a note holds.
class TextMaker {
  public:
    explicit TextMaker(std::uint32_t seed) : x_(seed) {}

    std::string words(int n) {
        static const char* const pool[] = {
            "canary",
            "Rollouts",
            "rolling",
            "deployments",
            "Kubernetes",
            "k8s",
            "v2.3.1",
            "3.5%",
            "1,000",
            "2024-05-01",
            "don't",
            "e-mail",
            "on-call@example.com",
            "caf\u00E9",
            "R\u00E9SUM\u00E9",
            "na\u00EFve",
            "STAKEHOLDERS",
            "running",
            "ran",
            "\u6570\u636E\u5E93\u7684\u7D22\u5F15",
            "\u9762\u63A5\u306E\u8CEA\u554F",
            "\uD55C\uAD6D\uC5B4",
            "\u0928\u092E\u0938\u094D\u0924\u0947",
            "x",
            "https://example.com/a?b=c",
            "C++20",
            "#tag",
            "\u2014",
            "(note)",
            "Latency",
            "p99",
            "throughput",
            "Amazon's",
            "the",
        };
        constexpr std::uint32_t kPool = sizeof pool / sizeof pool[0];
        std::string out;
        for (int i = 0; i < n; ++i) {
            if (i > 0) out += next() % 7 == 0 ? ", " : " ";
            out += pool[next() % kPool];
        }
        return out;
    }
    std::uint32_t next() {
        x_ = x_ * 1103515245u + 12345u;
        return (x_ >> 8) & 0xffffff;
    }

  private:
    std::uint32_t x_;
};

Document random_document(std::uint32_t seed, Origin origin) {
    TextMaker m(seed);
    Document d;
    d.id = "doc" + std::to_string(seed);
    d.kind = origin == Origin::notes ? DocKind::note : DocKind::question;
    d.origin = origin;
    d.source = "/notes/f" + std::to_string(seed) + ".md";
    d.title = m.words(1 + static_cast<int>(m.next() % 5));
    for (std::uint32_t depth = m.next() % 3; depth > 0; --depth) {
        d.title = m.words(1 + static_cast<int>(m.next() % 4)) +
                  std::string(kHeadingSeparator) + d.title;
    }
    if (m.next() % 3 != 0) d.answer = m.words(static_cast<int>(m.next() % 40));
    for (std::uint32_t i = m.next() % 12; i > 0; --i) {
        Point p;
        if (m.next() % 2 == 0) p.label = m.words(1 + static_cast<int>(m.next() % 3));
        if (m.next() % 3 != 0) p.text = m.words(static_cast<int>(m.next() % 20));
        for (std::uint32_t k = m.next() % 30; k > 0; --k) {
            p.items.push_back(m.words(static_cast<int>(m.next() % 9)));
        }
        d.points.push_back(std::move(p));
    }
    if (m.next() % 2 == 0) d.example = m.words(static_cast<int>(m.next() % 25));
    if (m.next() % 2 == 0) d.why = m.words(static_cast<int>(m.next() % 25));
    return d;
}

// A few hand-made ones where a mistake would show most: labels only (the fields counted one by
// one), a list of many items (the case that was quadratic), CJK labels, a heading alone.
std::vector<Document> hand_made_documents() {
    std::vector<Document> docs;
    Document labels;
    labels.id = "labels";
    labels.origin = Origin::notes;
    labels.title = "Acme onsite > System Design > Caching";
    for (const char* label :
         {"Canary Releases", "\u6570\u636E\u5E93 Index", "Run 3 TIMES", "Don't", "v2.3"}) {
        labels.points.push_back(Point{label, "", {}, 0});
    }
    docs.push_back(labels);
    Document list;
    list.id = "list";
    list.origin = Origin::notes;
    list.title = "Checklist";
    Point items;
    TextMaker m(99);
    for (int i = 0; i < 2000; ++i)
        items.items.push_back("item " + std::to_string(i) + " " + m.words(6));
    list.points.push_back(items);
    docs.push_back(list);
    Document heading;
    heading.id = "heading";
    heading.origin = Origin::notes;
    heading.title = "Only A Heading";
    docs.push_back(heading);
    Document cjk;
    cjk.id = "cjk";
    cjk.origin = Origin::notes;
    cjk.title = "\u9762\u63A5 > \u8CEA\u554F";
    cjk.answer = "\u6570\u636E\u5E93\u7684\u7D22\u5F15\u548C\u7F13\u5B58";
    cjk.points.push_back(Point{"\u7F13\u5B58", "\u4E00\u81F4\u6027", {"\u5206\u7247", "CDN"}, 0});
    docs.push_back(cjk);
    return docs;
}

std::vector<Document> all_documents() {
    std::vector<Document> docs = hand_made_documents();
    for (std::uint32_t seed = 1; seed <= 150; ++seed) {
        docs.push_back(random_document(seed, seed % 4 == 0 ? Origin::corpus : Origin::notes));
    }
    for (Document& d : docs) {
        if (d.source.empty()) d.source = "/notes/" + d.id + ".md";
    }
    return docs;
}

TEST(DocumentLength, EveryTermWdfPositionAndLeftOutLengthIsThatOfTheFieldByFieldWalk) {
    Xapian::TermGenerator tg = detail::make_term_generator(caching_stemmer());
    Xapian::TermGenerator reference_tg = detail::make_term_generator(caching_stemmer());
    std::size_t with_labels = 0, left_out = 0;
    for (const Document& doc : all_documents()) {
        SCOPED_TRACE(doc.id);
        const Xapian::Document made = detail::make_document(doc, tg);
        const Xapian::Document reference = reference_document(doc, reference_tg);
        EXPECT_EQ(left_out_of(made), left_out_of(reference));
        EXPECT_EQ(weighted_terms(made), weighted_terms(reference));
        if (doc.origin == Origin::notes) {
            left_out += left_out_of(made) > 0;
            for (const Point& p : doc.points) with_labels += !p.label.empty();
        } else {
            EXPECT_EQ(left_out_of(made), 0u);
        }
    }
    // The cases that matter were there.
    EXPECT_GT(left_out, 100u);
    EXPECT_GT(with_labels, 100u);
}

TEST(DocumentLength, DocumentLengthsInARealIndexAreThoseOfTheReference) {
    test::TempDir dir;
    Xapian::WritableDatabase made_db((dir / "made").string(), Xapian::DB_CREATE);
    Xapian::WritableDatabase reference_db((dir / "reference").string(), Xapian::DB_CREATE);
    Xapian::TermGenerator tg = detail::make_term_generator(caching_stemmer());
    Xapian::TermGenerator reference_tg = detail::make_term_generator(caching_stemmer());
    const std::vector<Document> docs = all_documents();
    for (const Document& doc : docs) {
        detail::add_to_index(made_db, detail::make_document(doc, tg));
        reference_db.add_document(reference_document(doc, reference_tg));
    }
    made_db.commit();
    reference_db.commit();
    ASSERT_EQ(made_db.get_doccount(), docs.size());
    for (Xapian::docid id = 1; id <= docs.size(); ++id) {
        SCOPED_TRACE(docs[id - 1].id);
        EXPECT_EQ(made_db.get_doclength(id), reference_db.get_doclength(id));
    }
    EXPECT_EQ(made_db.get_total_length(), reference_db.get_total_length());
}

TEST(DocumentLength, AStopAskedForCutsMakingShort) {
    std::vector<Document> docs = hand_made_documents();
    const std::atomic<bool> go{false};
    const MadeSections whole = SectionMaker().make(docs, &go);
    EXPECT_FALSE(whole.stopped);
    EXPECT_EQ(whole.made.size(), docs.size());

    const std::atomic<bool> stop{true};
    const MadeSections cut = SectionMaker().make(docs, &stop);
    EXPECT_TRUE(cut.stopped);
    EXPECT_LT(cut.made.size(), docs.size());
    Xapian::TermGenerator tg = detail::make_term_generator(caching_stemmer());
    const Xapian::Document list = detail::make_document(docs[1], tg, &stop);
    EXPECT_LT(list.termlist_count(), detail::make_document(docs[1], tg).termlist_count());
}

}  // namespace
}  // namespace tpm
