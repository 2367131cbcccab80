#include "search/query_expansion.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "search/stopwords.h"
#include "search/synonyms.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "text/normalize.h"
#include "text/words.h"
#include "topics/taxonomy.h"

namespace tpm::detail {

namespace {

// How much the vocabulary's alternatives count next to the user's own words. The pack's
// entries are precise equivalents, and weights 0.5, 0.65 and 0.8 all measured lower than 1
// (bench/RELEVANCE.md); a document saying exactly what was typed still matches more terms.
constexpr double kSynonymWeight = 1.0;

// Each alternative as a phrase of stems in the field `prefix` ("" for all text).
Xapian::Query alternatives_query(const std::vector<Expansion>& expansions,
                                 std::string_view prefix) {
    std::vector<Xapian::Query> parts;
    std::vector<Xapian::Query> phrases;
    for (const Expansion& e : expansions) {
        for (const std::vector<std::string>& alt : e.alternatives) {
            std::vector<std::string> terms;
            for (const std::string& stem : alt) terms.push_back(schema::stem_term(stem, prefix));
            if (terms.size() == 1) {
                parts.emplace_back(terms.front());
            } else {
                phrases.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                     static_cast<Xapian::termcount>(terms.size()));
            }
        }
    }
    Xapian::Query phrased(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
    // Notes keep no positions for stems outside the question field (store/writable.cpp), so
    // there these phrases can only match the corpus. Saying so spares the notes database a walk
    // through common words' postings ("code" of "code debt") that can find nothing: on 21,000
    // notes, "technical debt" took a fifth fewer instructions.
    if (!phrased.empty() && prefix != schema::kPrefixQuestion) {
        phrased = Xapian::Query(
            Xapian::Query::OP_FILTER, phrased,
            Xapian::Query(std::string(schema::kPrefixOrigin) + to_string(Origin::corpus)));
    }
    if (!phrased.empty()) parts.push_back(std::move(phrased));
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                         kSynonymWeight);
}

// How much a document of a topic the query names gains: about what one good query word
// scores, so the topic decides between otherwise close documents. Measured in
// bench/RELEVANCE.md.
constexpr double kTopicBoost = 2.0;

// A plain query that contains every word of a topic's id or of one alias ("security",
// "behavioral", "technical debt"; not "team" alone for cross-team-collaboration) also matches
// that topic's documents, with a fixed weight: a document tagged "behavioural" is an answer to
// "behavioral" even where it never says the word. Only plain queries get here, so -word and
// NOT still exclude.
//
// Whether a topic is named: every word of one of its names (but "and") is among the query's
// stems once stemmed, as phrase_stems() would stem it. An English Snowball stem keeps
// its word's first letter (only endings after the first vowel are cut or rewritten; the test
// Highlighter.EveryWordStartsWithItsStemLessTwoBytes checks every dictionary word), so a word
// whose first letter starts none of the query's stems is never stemmed: stemming the
// taxonomy's 90 names cost more than the rest of building the query.
bool names_topic(const std::string& name, const std::vector<std::string>& stems) {
    static const Xapian::Stem stem = index_stemmer();
    // Most names fail on their first letter: tell without folding them into words.
    const char first = name.empty() ? '\0' : name[0];
    if (((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9')) &&
        !name.starts_with("and")) {
        const bool may_start = std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
            return !s.empty() && s[0] == first;
        });
        if (!may_start) return false;
    }
    const std::string folded = text::fold(name);
    for (const text::WordSpan& w : text::word_spans(folded)) {
        const std::string word = folded.substr(w.start, w.end - w.start);
        if (word == "and") continue;
        const bool may_match = std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
            return !s.empty() && s[0] == word[0];
        });
        if (!may_match || std::find(stems.begin(), stems.end(), stem(word)) == stems.end()) {
            return false;
        }
    }
    return true;
}

// A query names a topic when the topic's name is what it is about, not one word among many:
// "security", "behavioral questions", "tech debt" name one; "how do I make my profile
// available only to friends" does not name reliability, although "available" shares a stem
// with one of its aliases. The name's words must be at least this share of the query's words
// that are not stop words.
constexpr double kNameShareOfQuery = 0.5;

// Whether `name` (an id or alias, already known to be in the query) is most of a query of
// `query_words` words that are not stop words.
bool is_the_subject(const std::string& name, std::size_t query_words) {
    return static_cast<double>(meaningful_words(text::fold(name))) >=
           kNameShareOfQuery * static_cast<double>(query_words);
}

}  // namespace

SynonymAlternatives synonym_alternatives(const SynonymExpander& synonyms,
                                         const std::vector<std::string>& stems) {
    SynonymAlternatives out;
    const std::vector<Expansion> expansions = synonyms.expand(stems, &out.capped);
    if (expansions.empty()) return out;
    out.anywhere = alternatives_query(expansions, "");
    out.in_question = alternatives_query(expansions, schema::kPrefixQuestion);
    for (const Expansion& e : expansions) {
        std::string line;
        for (std::size_t k = e.start; k < e.end; ++k) line += (k > e.start ? " " : "") + stems[k];
        line += " ->";
        for (std::size_t a = 0; a < e.alternatives.size(); ++a) {
            line += a ? " |" : "";
            for (const std::string& s : e.alternatives[a]) {
                line += " " + s;
                out.stems.push_back(s);
            }
        }
        out.described.push_back(std::move(line));
    }
    return out;
}

Xapian::Query topic_boost(const Taxonomy& taxonomy, const std::vector<std::string>& stems,
                          std::size_t query_words) {
    std::vector<Xapian::Query> boosts;
    for (const Topic& topic : taxonomy.topics()) {
        std::vector<std::string> names = topic.aliases;
        names.push_back(topic.id);
        const bool named = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
            return names_topic(name, stems) && is_the_subject(name, query_words);
        });
        if (!named) continue;
        Xapian::Query fixed((new Xapian::FixedWeightPostingSource(kTopicBoost))->release());
        boosts.emplace_back(Xapian::Query::OP_FILTER, fixed,
                            Xapian::Query(std::string(schema::kPrefixTopic) + topic.id));
    }
    return Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
}

}  // namespace tpm::detail
