// tests/fuzz/fuzz_support.h: what the libFuzzer targets share. A target feeds its bytes in the
// way real input arrives and checks what the code under test promises in its header; a broken
// promise stops the run like a crash, so libFuzzer keeps the input (tests/fuzz/run).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ingest/corpus.h"
#include "model/diagnostic.h"
#include "model/document.h"
#include "output/json_printer.h"
#include "output/text_printer.h"
#include "search/highlighter.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "text/normalize.h"
#include "text/words.h"
#include "topics/tagger.h"
#include "topics/taxonomy.h"

// A failed check is a finding, not an error to recover from: abort so that libFuzzer saves the
// input, as for a sanitizer report.
#define TPM_FUZZ_CHECK(cond)                                                              \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (false)

namespace tpm::fuzz {

inline std::string_view as_bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The shipped taxonomy, read once: the indexer tags every parsed document with it.
inline const Taxonomy& shipped_taxonomy() {
    static const Taxonomy taxonomy = [] {
        std::vector<Diagnostic> diagnostics;
        Taxonomy t = read_taxonomy(std::string(TPM_CORPUS_DIR) + "/" + kTaxonomyFileName,
                                   "corpus/topics.yaml", diagnostics);
        TPM_FUZZ_CHECK(!t.empty() && diagnostics.empty());
        return t;
    }();
    return taxonomy;
}

// A tagger over the shipped taxonomy with the index's stemmer, as tpmindex builds it.
inline const Tagger& shipped_tagger() {
    static const Xapian::Stem stem = index_stemmer();
    static const Tagger tagger(shipped_taxonomy(),
                               [](const std::string& word) { return stem(word); });
    return tagger;
}

inline void check_utf8(const std::string& s) { TPM_FUZZ_CHECK(text::is_valid_utf8(s)); }

// `doc` as a search hit for a few words of its own text (as a word, a stem and a prefix),
// made as Searcher makes hits: title highlights, excerpts cut around the matches; then printed
// by both printers. This is where arbitrary text meets the byte offsets of highlights.
inline void check_hit(const Document& doc) {
    static const Xapian::Stem stem = index_stemmer();
    const std::string text = doc.title + " " + doc.answer + " " +
                             (doc.points.empty() ? doc.example : doc.points.back().text);
    const std::string folded = text::fold(text);
    QueryTerms terms;
    std::size_t n = 0;
    for (const text::WordSpan& w : text::word_spans(folded)) {
        if (n++ % 5 != 0) continue;
        const std::string word = folded.substr(w.start, w.end - w.start);
        switch (n % 3) {
            case 0:
                terms.words.push_back(word);
                break;
            case 1:
                terms.stems.push_back(stem(word));
                break;
            default:
                terms.prefixes.push_back(word.substr(0, word.size() > 3 ? word.size() - 1 : 1));
        }
        if (n > 20) break;
    }
    const Highlighter highlighter(terms, {});
    Hit hit;
    hit.rank = 1;
    hit.score = 1.5;
    hit.doc = doc;
    for (const Highlighter::Match& m : highlighter.matches(doc.title)) {
        TPM_FUZZ_CHECK(m.span.start < m.span.end && m.span.end <= doc.title.size());
        hit.title_highlights.push_back(m.span);
    }
    hit.excerpts = make_excerpts(doc, highlighter, ExcerptOptions{});
    TPM_FUZZ_CHECK(hit.excerpts.size() <= ExcerptOptions{}.max_excerpts);
    for (const Excerpt& e : hit.excerpts) {
        check_utf8(e.text);
        std::size_t end = 0;
        for (const Span& span : e.highlights) {
            TPM_FUZZ_CHECK(span.start >= end && span.start < span.end && span.end <= e.text.size());
            end = span.end;
        }
    }
    SearchResults results;
    results.query = "fuzz";
    results.estimated_total = 1;
    results.hits.push_back(std::move(hit));
    std::ostringstream out;
    print_results(out, results, TextStyle{.color = true, .width = 60});
    print_results(out, results, TextStyle{});
    print_results_json(out, results);
}

// What a parsed document must survive on its way to the user: UTF-8 text throughout (the
// input was) and, when `deep`, tagging, the round trip through the index's document data, and
// `show` in both output formats. These take most of a run's time while the parser's paths
// matter most, so the targets go deep on only a few documents of each input.
inline void check_document(const Document& doc, const std::vector<std::string>& explicit_tags,
                           bool deep) {
    check_utf8(doc.id);
    check_utf8(doc.title);
    check_utf8(doc.answer);
    check_utf8(doc.example);
    check_utf8(doc.why);
    for (const Point& p : doc.points) {
        check_utf8(p.label);
        check_utf8(p.text);
        for (const std::string& item : p.items) check_utf8(item);
    }
    if (!deep) return;
    Document tagged = doc;
    TagResult tags = shipped_tagger().tag(doc, explicit_tags);
    TPM_FUZZ_CHECK(tags.topics.size() <= Tagger::kMaxTopics);
    tagged.topics = std::move(tags.topics);
    tagged.tags = std::move(tags.unknown);
    TPM_FUZZ_CHECK(decode_document_data(encode_document_data(tagged)) == tagged);
    std::ostringstream out;
    print_document(out, tagged, TextStyle{.color = true, .width = 60});
    print_document_json(out, tagged);
    check_hit(tagged);
}

inline void check_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::string& path) {
    for (const Diagnostic& d : diagnostics) {
        TPM_FUZZ_CHECK(d.path == path);
        TPM_FUZZ_CHECK(d.line >= 0);
        TPM_FUZZ_CHECK(!d.message.empty());
    }
}

// A data file's bytes (topics.yaml, synonyms.txt) as read_data_file() hands them to `parse`:
// one that is not UTF-8 is reported there and never parsed (nullopt); the others go through
// text::clean_input, and what the parser reports must name the file.
template <typename Parse>
auto parse_data_file(std::string_view bytes, const std::string& path, Parse parse)
    -> std::optional<std::invoke_result_t<Parse, const std::string&, std::vector<Diagnostic>&>> {
    if (!text::is_valid_utf8(bytes)) return std::nullopt;
    std::vector<Diagnostic> diagnostics;
    auto parsed = parse(text::clean_input(bytes), diagnostics);
    check_diagnostics(diagnostics, path);
    return parsed;
}

}  // namespace tpm::fuzz
