#include "store/schema.h"

#include <nlohmann/json.hpp>

#include "model/error.h"

namespace tpm::schema {

namespace {

using Json = nlohmann::json;

DocKind kind_from_string(const std::string& s) {
    if (s == "tip") return DocKind::tip;
    if (s == "note") return DocKind::note;
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

std::string encode_document_data(const Document& doc) {
    Json points = Json::array();
    for (const Point& p : doc.points) {
        points.push_back(
            {{"label", p.label}, {"text", p.text}, {"items", p.items}, {"line", p.line}});
    }
    Json j = {{"id", doc.id},           {"kind", to_string(doc.kind)},
              {"title", doc.title},     {"source", doc.source},
              {"line", doc.line},       {"order", doc.order},
              {"answer", doc.answer},   {"points", std::move(points)},
              {"example", doc.example}, {"why", doc.why},
              {"topics", doc.topics},   {"tags", doc.tags}};
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

std::string encode_vocabulary(const std::vector<SynonymEntry>& entries) {
    Json list = Json::array();
    for (const SynonymEntry& e : entries) {
        list.push_back({{"from", e.from}, {"to", e.to}, {"two_way", e.two_way}, {"line", e.line}});
    }
    return list.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<SynonymEntry> decode_vocabulary(std::string_view data) {
    try {
        std::vector<SynonymEntry> entries;
        for (const Json& e : Json::parse(data)) {
            entries.push_back({e.at("from").get<std::vector<std::string>>(),
                               e.at("to").get<std::vector<std::string>>(),
                               e.at("two_way").get<bool>(), e.at("line").get<int>()});
        }
        return entries;
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::index_corrupt,
                    std::string("cannot read the stored vocabulary: ") + e.what());
    }
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
