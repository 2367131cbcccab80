#include "store/schema.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "model/error.h"
#include "store/fnv1a.h"
#include "text/normalize.h"
#include "text/words.h"

namespace tpm::schema {

namespace {

using Json = nlohmann::json;

DocKind kind_from_string(const std::string& s) {
    if (s == "tip") return DocKind::tip;
    if (s == "note") return DocKind::note;
    if (s == "story") return DocKind::story;
    return DocKind::question;
}

}  // namespace

std::string canonical_id(std::string_view id) {
    std::string out(id);
    if (out.size() > 1 && out[0] == 'q' && out[1] >= '0' && out[1] <= '9') out[0] = 'Q';
    return out;
}

std::string id_term(std::string_view id) {
    std::string term(kPrefixId);
    term += id;
    return term;
}

namespace {

// `prefix` and `path` when together they are at most `limit` bytes, else `prefix`, '#' and a
// hash of the path (store/fnv1a.h).
std::string hashed_if_long(std::string_view prefix, std::string_view path, std::size_t limit) {
    std::string out(prefix);
    if (out.size() + path.size() <= limit) return out + std::string(path);
    return out + "#" + detail::fnv1a_hex(path);
}

}  // namespace

std::string source_term(std::string_view path) {
    // Xapian terms are at most 245 bytes.
    return hashed_if_long(kPrefixSource, path, 200);
}

std::string source_key(std::string_view path) {
    // Glass stores a metadata key as two bytes and the key in a B-tree key of at most 255
    // bytes, so 253 is the longest key it accepts: every key an index could hold before long
    // paths were hashed is kept as it was, and only the keys it refused are hashed.
    constexpr std::size_t kLongestMetadataKey = 253;
    return hashed_if_long(kSourceKeyPrefix, path, kLongestMetadataKey);
}

std::string file_key(std::string_view path) { return hashed_if_long(kFileKeyPrefix, path, 200); }

// Stored documents and the taxonomy are a plain record of length-prefixed strings and numbers
// in a fixed order (like Xapian's own pack_string), not JSON: a search decodes every hit it
// prints, and parsing JSON (or MessagePack, through nlohmann's DOM) took 2.3M of a search's
// 12.4M instructions; this takes a copy of each string. Text is stored as it is, so ill-formed
// UTF-8 from a note reaches the printers, which neutralise it. Change the layout only with
// kSchemaVersion.
namespace {

class Packer {
  public:
    void number(std::uint64_t n) {
        for (; n >= 0x80; n >>= 7) out_ += static_cast<char>((n & 0x7f) | 0x80);
        out_ += static_cast<char>(n);
    }
    void text(std::string_view s) {
        number(s.size());
        out_ += s;
    }
    void texts(const std::vector<std::string>& list) {
        number(list.size());
        for (const std::string& s : list) text(s);
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

class Unpacker {
  public:
    Unpacker(std::string_view data, const char* what) : data_(data), what_(what) {}
    std::uint64_t number() {
        std::uint64_t n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ == data_.size()) fail();
            const auto byte = static_cast<unsigned char>(data_[at_++]);
            n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (byte < 0x80) return n;
        }
        fail();
    }
    int integer() {
        const std::uint64_t n = number();
        if (n > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) fail();
        return static_cast<int>(n);
    }
    std::string text() {
        const std::uint64_t n = number();
        if (n > data_.size() - at_) fail();
        std::string s(data_.substr(at_, n));
        at_ += n;
        return s;
    }
    std::vector<std::string> texts() {
        std::vector<std::string> list(count());
        for (std::string& s : list) s = text();
        return list;
    }
    // A count of items, each of at least one byte.
    std::size_t count() {
        const std::uint64_t n = number();
        if (n > data_.size() - at_) fail();
        return n;
    }
    void finish() const {
        if (at_ != data_.size()) fail();
    }

  private:
    [[noreturn]] void fail() const {
        throw Error(ErrorCode::index_corrupt, std::string("cannot read ") + what_ +
                                                  " (the index is damaged; tpmindex rebuilds it)");
    }
    std::string_view data_;
    std::size_t at_ = 0;
    const char* what_;
};

}  // namespace

std::string encode_document_data(const Document& doc) {
    Packer p;
    p.text(doc.id);
    p.text(to_string(doc.kind));
    p.text(doc.title);
    p.text(doc.source);
    p.number(static_cast<std::uint64_t>(std::max(doc.line, 0)));
    p.number(static_cast<std::uint64_t>(std::max(doc.order, 0)));
    p.text(to_string(doc.origin));
    p.text(doc.answer);
    p.number(doc.points.size());
    for (const Point& point : doc.points) {
        p.text(point.label);
        p.text(point.text);
        p.texts(point.items);
        p.number(static_cast<std::uint64_t>(std::max(point.line, 0)));
    }
    p.text(doc.example);
    p.text(doc.why);
    p.texts(doc.topics);
    p.texts(doc.tags);
    return p.take();
}

Document decode_document_data(std::string_view data) {
    Unpacker u(data, "a stored document");
    Document doc;
    doc.id = u.text();
    doc.kind = kind_from_string(u.text());
    doc.title = u.text();
    doc.source = u.text();
    doc.line = u.integer();
    doc.order = u.integer();
    doc.origin = u.text() == "notes" ? Origin::notes : Origin::corpus;
    doc.answer = u.text();
    doc.points.resize(u.count());
    for (Point& point : doc.points) {
        point.label = u.text();
        point.text = u.text();
        point.items = u.texts();
        point.line = u.integer();
    }
    doc.example = u.text();
    doc.why = u.text();
    doc.topics = u.texts();
    doc.tags = u.texts();
    u.finish();
    return doc;
}

std::string order_key(const Document& doc) {
    // The '\0' sorts a path before any longer path it is a prefix of.
    return doc.source + '\0' + Xapian::sortable_serialise(doc.order);
}

std::string encode_taxonomy(const std::vector<Topic>& topics) {
    Packer p;
    p.number(topics.size());
    for (const Topic& t : topics) {
        p.text(t.id);
        p.text(t.name);
        p.text(t.description);
        p.texts(t.aliases);
    }
    return p.take();
}

std::vector<Topic> decode_taxonomy(std::string_view data) {
    Unpacker u(data, "the stored taxonomy");
    std::vector<Topic> topics(u.count());
    for (Topic& t : topics) {
        t.id = u.text();
        t.name = u.text();
        t.description = u.text();
        t.aliases = u.texts();
    }
    u.finish();
    return topics;
}

namespace {

class CachingStem : public Xapian::StemImplementation {
  public:
    explicit CachingStem(std::size_t max_words) : stem_(kStemLanguage), max_words_(max_words) {}

    std::string operator()(const std::string& word) override {
        if (const auto it = cache_.find(word); it != cache_.end()) return it->second;
        if (cache_.size() >= max_words_) cache_.clear();
        return cache_.emplace(word, stem_(word)).first->second;
    }

    std::string get_description() const override { return stem_.get_description() + " (cached)"; }

  private:
    Xapian::Stem stem_;
    std::size_t max_words_;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

Xapian::Stem caching_stemmer(std::size_t max_words) {
    // Xapian::Stem owns the implementation (reference counted).
    return Xapian::Stem(new CachingStem(max_words == 0 ? 1 : max_words));
}

std::vector<std::string> phrase_stems(std::string_view text) {
    static const Xapian::Stem stem(kStemLanguage);
    const std::string folded = text::fold(text);
    std::vector<std::string> out;
    for (const text::WordSpan& w : text::word_spans(folded)) {
        out.push_back(stem(folded.substr(w.start, w.end - w.start)));
    }
    return out;
}

std::string synonym_key(const std::vector<std::string>& stems) {
    std::string key;
    for (const std::string& s : stems) key += (key.empty() ? "" : " ") + s;
    return key;
}

std::vector<std::pair<std::string, std::string>> synonym_pairs(
    const std::vector<SynonymEntry>& entries) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const SynonymEntry& entry : entries) {
        std::vector<std::string> targets;
        for (const std::string& phrase : entry.two_way ? entry.from : entry.to) {
            if (std::string t = synonym_key(phrase_stems(phrase)); !t.empty()) targets.push_back(t);
        }
        for (const std::string& phrase : entry.from) {
            const std::string key = synonym_key(phrase_stems(phrase));
            if (key.empty()) continue;
            for (const std::string& target : targets) {
                if (target != key) pairs.emplace_back(key, target);
            }
        }
    }
    return pairs;
}

std::string encode_source_info(const SourceInfo& info) {
    const Json j = {{"path", info.path},
                    {"title", info.title},
                    {"date", info.date},
                    {"excerpt", info.excerpt},
                    {"tags", info.tags}};
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

SourceInfo decode_source_info(std::string_view data) {
    try {
        const Json j = Json::parse(data);
        return SourceInfo{j.at("path").get<std::string>(), j.at("title").get<std::string>(),
                          j.at("date").get<std::string>(), j.at("excerpt").get<std::string>(),
                          j.at("tags").get<std::vector<std::string>>()};
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read stored source information: ") + e.what());
    }
}

std::string stem_term(std::string_view stem, std::string_view field_prefix) {
    std::string term;
    term.reserve(kPrefixStem.size() + field_prefix.size() + stem.size());
    term.append(kPrefixStem).append(field_prefix).append(stem);
    return term;
}

TextTerm split_text_term(std::string_view term) {
    TextTerm out;
    out.stemmed = term.starts_with(kPrefixStem);
    if (out.stemmed) term.remove_prefix(kPrefixStem.size());
    std::size_t prefix_end = 0;
    while (prefix_end < term.size() && term[prefix_end] >= 'A' && term[prefix_end] <= 'Z') {
        ++prefix_end;
    }
    out.field_prefix = term.substr(0, prefix_end);
    out.word = term.substr(prefix_end);
    return out;
}

bool is_boolean_term(std::string_view term) {
    return std::any_of(std::begin(kBooleanFields), std::end(kBooleanFields),
                       [&](const QueryField& f) { return term.starts_with(f.prefix); });
}

}  // namespace tpm::schema
