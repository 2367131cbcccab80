// Checks that no file under src/ but store/schema.{h,cpp} spells a term prefix or a metadata key
// in a string literal: the schema is one table (docs/STYLE.md section 3), and a prefix written
// by hand elsewhere drifts from it unseen. As tests/layering_test.cpp does for includes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The string literals of C++ `code`, comments skipped (raw strings are not used in src/).
std::vector<std::string> string_literals(const std::string& code) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < code.size()) {
        if (code.compare(i, 2, "//") == 0) {
            i = code.find('\n', i);
            if (i == std::string::npos) break;
        } else if (code.compare(i, 2, "/*") == 0) {
            i = code.find("*/", i + 2);
            if (i == std::string::npos) break;
            i += 2;
        } else if (code[i] == '\'') {
            // A character literal: '"' must not open a string.
            ++i;
            while (i < code.size() && code[i] != '\'') i += code[i] == '\\' ? 2u : 1u;
            ++i;
        } else if (code[i] == '"') {
            std::string literal;
            ++i;
            while (i < code.size() && code[i] != '"') {
                if (code[i] == '\\' && i + 1 < code.size()) literal += code[i++];
                literal += code[i++];
            }
            ++i;
            out.push_back(std::move(literal));
        } else {
            ++i;
        }
    }
    return out;
}

// A literal that is one of schema.h's prefixes, or a term or metadata key built on one. A
// one-letter prefix counts only alone ("Z" + stem): "Search ..." or "Sept." are words, and
// "Q" + number is a question id as users type it (its term is schema::id_term()).
bool spells_schema(const std::string& literal) {
    static const std::regex prefix_term(
        R"(^(Z?(XKIND|XTOPIC|XSOURCE|XORIGIN|XA|XP|XE|XW|XLENGTH)([a-z0-9].*)?|Z|S|ZS)$)");
    static const std::regex metadata_key(R"(^tpmsearch:[a-z])");
    return std::regex_search(literal, metadata_key) || std::regex_match(literal, prefix_term);
}

TEST(SchemaSpelling, RecognisesPrefixesAndKeys) {
    EXPECT_TRUE(spells_schema("Z"));
    EXPECT_TRUE(spells_schema("ZXA"));
    EXPECT_TRUE(spells_schema("XKIND"));
    EXPECT_TRUE(spells_schema("XTOPICreliability"));
    EXPECT_TRUE(spells_schema("tpmsearch:terms"));
    EXPECT_FALSE(spells_schema("tpmsearch: warning: "));
    EXPECT_FALSE(spells_schema("Q26"));
    EXPECT_FALSE(spells_schema("Q"));
    EXPECT_FALSE(spells_schema("Search TPM interview questions"));
    EXPECT_FALSE(spells_schema("Sept."));
    EXPECT_EQ(string_literals("a = \"Z\"; // \"XKIND\"\nb = '\"'; c = \"x\\\"y\";"),
              (std::vector<std::string>{"Z", "x\\\"y"}));
}

TEST(SchemaSpelling, NoFileButTheSchemaSpellsAPrefixOrKey) {
    const fs::path src = fs::path(TPM_SOURCE_DIR) / "src";
    const std::set<std::string> schema_files = {"store/schema.h", "store/schema.cpp"};
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) continue;
        const std::string relative = fs::relative(entry.path(), src).generic_string();
        if (schema_files.count(relative)) continue;
        std::ifstream in(entry.path());
        std::stringstream code;
        code << in.rdbuf();
        for (const std::string& literal : string_literals(code.str())) {
            EXPECT_FALSE(spells_schema(literal))
                << "src/" << relative << " spells \"" << literal
                << "\": take it from store/schema.h";
        }
        ++files;
    }
    EXPECT_GT(files, 50u);
}

}  // namespace
