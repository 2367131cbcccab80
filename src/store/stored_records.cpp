#include "store/stored_records.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "model/error.h"

namespace tpm {

namespace {

using Json = nlohmann::json;

DocKind kind_from_string(const std::string& s) {
    if (s == "tip") return DocKind::tip;
    if (s == "note") return DocKind::note;
    if (s == "story") return DocKind::story;
    return DocKind::question;
}

// Stored documents and the taxonomy are a plain record of length-prefixed strings and numbers
// in a fixed order (like Xapian's own pack_string), not JSON: a search decodes every hit it
// prints, and parsing JSON (or MessagePack, through nlohmann's DOM) took 2.3M of a search's
// 12.4M instructions; this takes a copy of each string. Text is stored as it is, so ill-formed
// UTF-8 from a note reaches the printers, which neutralise it. Change the layout only with
// schema::kSchemaVersion.

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
    p.texts(doc.paraphrases);
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
    doc.paraphrases = u.texts();
    u.finish();
    return doc;
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

}  // namespace tpm
