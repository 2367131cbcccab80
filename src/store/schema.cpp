#include "store/schema.h"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "model/error.h"
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

std::string source_term(std::string_view path) {
    std::string term(kPrefixSource);
    // Xapian terms are at most 245 bytes; a path that would not fit is named by a hash (FNV-1a,
    // 64 bits: collisions among one user's files are not a practical concern).
    if (term.size() + path.size() <= 200) return term + std::string(path);
    std::uint64_t h = 14695981039346656037ull;
    for (char c : path) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return term + "#" + hex;
}

std::string encode_document_data(const Document& doc) {
    Json points = Json::array();
    for (const Point& p : doc.points) {
        points.push_back(
            {{"label", p.label}, {"text", p.text}, {"items", p.items}, {"line", p.line}});
    }
    Json j = {{"id", doc.id},
              {"kind", to_string(doc.kind)},
              {"title", doc.title},
              {"source", doc.source},
              {"line", doc.line},
              {"order", doc.order},
              {"origin", to_string(doc.origin)},
              {"answer", doc.answer},
              {"points", std::move(points)},
              {"example", doc.example},
              {"why", doc.why},
              {"topics", doc.topics},
              {"tags", doc.tags}};
    // Parsers pass text through, so it may hold ill-formed UTF-8; never let that fail a write.
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Document decode_document_data(std::string_view data) {
    try {
        const Json j = Json::parse(data);
        Document doc;
        doc.id = j.at("id").get<std::string>();
        doc.kind = kind_from_string(j.at("kind").get<std::string>());
        doc.title = j.at("title").get<std::string>();
        doc.source = j.at("source").get<std::string>();
        doc.line = j.at("line").get<int>();
        doc.order = j.at("order").get<int>();
        doc.origin = j.at("origin").get<std::string>() == "notes" ? Origin::notes : Origin::corpus;
        doc.answer = j.at("answer").get<std::string>();
        for (const Json& p : j.at("points")) {
            doc.points.push_back(
                Point{p.at("label").get<std::string>(), p.at("text").get<std::string>(),
                      p.at("items").get<std::vector<std::string>>(), p.at("line").get<int>()});
        }
        doc.example = j.at("example").get<std::string>();
        doc.why = j.at("why").get<std::string>();
        doc.topics = j.at("topics").get<std::vector<std::string>>();
        doc.tags = j.at("tags").get<std::vector<std::string>>();
        return doc;
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read a stored document: ") + e.what());
    }
}

std::string order_key(const Document& doc) {
    // The '\0' sorts a path before any longer path it is a prefix of.
    return doc.source + '\0' + Xapian::sortable_serialise(doc.order);
}

std::string encode_taxonomy(const std::vector<Topic>& topics) {
    Json list = Json::array();
    for (const Topic& t : topics) {
        list.push_back({{"id", t.id},
                        {"name", t.name},
                        {"description", t.description},
                        {"aliases", t.aliases}});
    }
    return list.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<Topic> decode_taxonomy(std::string_view data) {
    try {
        std::vector<Topic> topics;
        for (const Json& t : Json::parse(data)) {
            Topic topic;
            topic.id = t.at("id").get<std::string>();
            topic.name = t.at("name").get<std::string>();
            topic.description = t.at("description").get<std::string>();
            topic.aliases = t.at("aliases").get<std::vector<std::string>>();
            topics.push_back(std::move(topic));
        }
        return topics;
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read the stored taxonomy: ") + e.what());
    }
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

}  // namespace tpm::schema
