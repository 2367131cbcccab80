// Checks every #include under src/ against the layering table of ../shared/STYLE.md §2: each
// layer includes only the layers below it, and each third-party library stays in its layer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Rule {
    std::set<std::string> layers;  // project layers it may include (besides itself)
    std::set<std::string> files;   // single files of other layers it may include
    std::set<std::string> banned;  // third-party header prefixes it must not include
};

const std::map<std::string, Rule>& rules() {
    static const std::map<std::string, Rule> r = {
        {"model", {{}, {}, {"xapian", "unicode/", "CLI/", "nlohmann/", "yaml-cpp/"}}},
        {"text", {{"model"}, {}, {"xapian", "CLI/"}}},
        {"topics", {{"model", "text"}, {}, {"xapian", "unicode/", "CLI/"}}},
        {"ingest", {{"model", "text", "topics"}, {}, {"xapian", "unicode/", "CLI/"}}},
        {"store", {{"model", "text", "topics"}, {}, {"unicode/", "CLI/"}}},
        {"index", {{"model", "text", "topics", "ingest", "store"}, {}, {"unicode/", "CLI/"}}},
        // search/ reads the index through the schema and the store's codecs, never its writers.
        {"search",
         {{"model", "text", "topics"},
          {"store/schema.h", "store/stored_records.h", "store/stemmer.h", "store/synonym_table.h",
           "store/xapian_error.h"},
          {"unicode/", "CLI/"}}},
        {"output", {{"model", "text"}, {}, {"xapian", "unicode/", "CLI/"}}},
        // prep/ (drill scheduling and its state, coverage, the story map) works on what search/
        // finds; its results are model/ data that output/ renders.
        {"prep",
         {{"model", "text", "topics", "search"},
          {"store/schema.h", "store/xapian_error.h"},
          {"unicode/", "CLI/"}}},
        {"cli",
         {{"model", "text", "topics", "ingest", "store", "index", "search", "output", "prep"},
          {},
          {}}},
    };
    return r;
}

TEST(Layering, EveryIncludeRespectsTheTable) {
    const fs::path src = fs::path(TPM_SOURCE_DIR) / "src";
    const std::regex project_include(R"re(^\s*#\s*include\s+"([a-z_]+)/([^"]+)")re");
    const std::regex system_include(R"re(^\s*#\s*include\s+<([^>]+)>)re");
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) continue;
        const std::string layer = entry.path().parent_path().filename().string();
        ASSERT_TRUE(rules().count(layer)) << "unknown layer folder " << layer;
        const Rule& rule = rules().at(layer);
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            std::smatch m;
            const std::string where = entry.path().string() + ":" + std::to_string(n);
            if (std::regex_search(line, m, project_include)) {
                const std::string to = m[1].str();
                const std::string file = to + "/" + m[2].str();
                EXPECT_TRUE(to == layer || rule.layers.count(to) || rule.files.count(file))
                    << where << ": " << layer << "/ must not include " << file;
                ++checked;
            } else if (std::regex_search(line, m, system_include)) {
                for (const std::string& banned : rule.banned) {
                    EXPECT_FALSE(m[1].str().starts_with(banned))
                        << where << ": " << layer << "/ must not include <" << m[1].str() << ">";
                }
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 50u) << "the scan found too few includes to be looking at src/";
}

}  // namespace
