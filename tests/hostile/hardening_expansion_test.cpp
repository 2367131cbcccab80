// Bounded expansion and excerpts of issue 14, through the real binaries: a user's vocabulary of
// tens of thousands of alternatives, a file of megabytes, a query of 1,000 phrases, and a note
// section that is a table of megabytes each give results and one warning (naming the file and
// line) within a ceiling that catches a hang, not a slow machine.
#include <nlohmann/json.hpp>

#include "hostile/hostile_fixture.h"
#include "ingest/vocabulary.h"
#include "search/synonyms.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::write_file;

class HardeningExpansion : public test::HostileInstall {
  protected:
    fs::path vocabulary() const { return root_ / "config" / "tpmsearch" / "synonyms.txt"; }

    void write_vocabulary(const std::string& text) const {
        fs::create_directories(vocabulary().parent_path());
        write_file(vocabulary(), text);
    }

    // The lines of the run's stderr that are warnings.
    static std::vector<std::string> warnings(const ProcessResult& r) {
        std::vector<std::string> out;
        for (const std::string& line : test::lines_of(r.err)) {
            if (line.starts_with("tpmsearch: warning: ")) out.push_back(line);
        }
        return out;
    }
};

// "w0, w1, ..." as `n` distinct words (each its own stem), joined by `sep`.
std::string alternatives(const std::string& stem, std::size_t n, const std::string& sep = ", ") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? sep : "") + stem + std::to_string(i);
    return out;
}

TEST_F(HardeningExpansion, TwentyThousandAlternativesGiveResultsAndOneWarning) {
    struct Case {
        const char* what;
        std::string line;
        std::string warning;
    };
    const Case cases[] = {
        {"one way", "canary => " + alternatives("alt", 20000),
         "20000 alternatives, more than 64; only the first 64 are searched"},
        {"five-word alternatives", "canary => " + alternatives("alt", 20000, " a b c d, "),
         "20000 alternatives, more than 64; only the first 64 are searched"},
        {"a group", "canary, " + alternatives("alt", 20000),
         "a group of 20001 phrases, more than 65; only the first 65 are used"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        write_vocabulary("# mine\n" + c.line + "\n");
        const ProcessResult r = tpmsearch({"-n", "2", "canary", "rollback"});
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find("1. Q"), std::string::npos) << r.out;
        EXPECT_EQ(warnings(r),
                  (std::vector<std::string>{"tpmsearch: warning: " + vocabulary().string() +
                                            ":2: " + c.warning}))
            << r.err;
    }
}

TEST_F(HardeningExpansion, AFileOfMegabytesIsReadOnlyToItsCap) {
    // Lines of 29 bytes: "aa000000, bb000000, cc000000\n".
    const std::size_t line_bytes = 29;
    std::string text;
    for (std::size_t i = 0; text.size() < 3 * kMaxUserVocabularyBytes; ++i) {
        char line[64];
        std::snprintf(line, sizeof line, "aa%06zu, bb%06zu, cc%06zu\n", i, i, i);
        text += line;
    }
    ASSERT_EQ(text.size() % line_bytes, 0u);
    write_vocabulary(text);
    const std::size_t first_left_out = kMaxUserVocabularyBytes / line_bytes + 1;
    for (const char* query : {"canary", "bb000001"}) {
        SCOPED_TRACE(query);
        const ProcessResult r = tpmsearch({"--no-excerpts", query});
        TPM_EXPECT_FINISHED(r);
        EXPECT_EQ(warnings(r),
                  (std::vector<std::string>{"tpmsearch: warning: " + vocabulary().string() + ":" +
                                            std::to_string(first_left_out) +
                                            ": vocabulary file larger than " +
                                            std::to_string(kMaxUserVocabularyBytes) +
                                            " bytes; this line and the rest are not read"}))
            << r.err;
    }
    // `show` reads the file too, and is as quick.
    const ProcessResult shown = tpmsearch({"show", "Q1"});
    TPM_EXPECT_FINISHED(shown);
    EXPECT_EQ(shown.status, 0) << shown.err;
}

TEST_F(HardeningExpansion, AThousandWordQueryOfPhrasesWithFiftyAlternativesEach) {
    std::string text;
    std::vector<std::string> args = {"-n", "2"};
    for (int k = 0; k < 999; ++k) {  // with "canary", the longest query there may be
        const std::string key = "key" + std::to_string(k) + "x";
        text += key + " => " + alternatives("k" + std::to_string(k) + "alt", 50) + "\n";
        args.push_back(key);
    }
    write_vocabulary(text);
    args.push_back("canary");
    const ProcessResult r = tpmsearch(args);
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 0) << r.err;
    // Five phrases and six of the sixth fill the query's 256: the sixth's line is named.
    EXPECT_EQ(warnings(r), (std::vector<std::string>{
                               "tpmsearch: warning: " + vocabulary().string() +
                               ":6: the query's phrases have more than " +
                               std::to_string(kMaxQueryAlternatives) +
                               " alternatives in the vocabulary; from those of \"key5x\" on, the "
                               "rest are not searched"}))
        << r.err;
}

// A markdown table of megabytes is one section: its excerpt shows the row that matches.
TEST_F(HardeningExpansion, AHugeTableNoteGivesAnExcerptOfItsMatch) {
    std::string table = "# Big table\n\n| a | b | c |\n|---|---|---|\n";
    for (int i = 0; i < 120000; ++i) {
        if (i == 90000) table += "| zanzibar canary | found | here |\n";
        table += "| cell " + std::to_string(i) + " | other words | more |\n";
    }
    ASSERT_GT(table.size(), std::size_t{4} << 20);
    write_file(notes_ / "table.md", table);
    const ProcessResult indexed = tpmindex({"-q", notes_.string()}, std::chrono::seconds(120));
    TPM_EXPECT_FINISHED(indexed);
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    const ProcessResult r = tpmsearch({"--json", "--source", "notes", "zanzibar"});
    TPM_EXPECT_FINISHED(r);
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j.at("hits").size(), 1u);
    const nlohmann::json& excerpt = j.at("hits")[0].at("excerpts").at(0);
    const std::string text = excerpt.at("text").get<std::string>();
    ASSERT_EQ(excerpt.at("highlights").size(), 1u) << text;
    const auto span = excerpt.at("highlights")[0].get<std::vector<std::size_t>>();
    EXPECT_EQ(text.substr(span[0], span[1] - span[0]), "zanzibar");
    EXPECT_LE(text.size(), 400u);
}

}  // namespace
}  // namespace tpm
