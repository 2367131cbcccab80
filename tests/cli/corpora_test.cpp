// The notes indexer on real interview-prep repositories written by others (../shared/corpora:
// system-design-primer with its translations, coding-interview-university, the tech interview
// handbook): indexing completes, every skipped file is explained, and a search for a heading
// of each repository returns that very section first. Skipped when the corpora are not beside
// the project.
#include <gtest/gtest.h>

#include <regex>

#include "support/cli_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpora = fs::path(TPM_SOURCE_DIR) / ".." / "shared" / "corpora";

TEST(SharedCorpora, IndexCompletelyAndFindEachRepositorysHeadings) {
    if (!fs::is_directory(kCorpora)) GTEST_SKIP() << "no " << kCorpora;
    test::CliFixture f;
    f.set_env("XDG_DATA_HOME", (f.root() / "data").string());
    const auto indexed = f.index({kCorpora.string()});
    ASSERT_EQ(indexed.status, 0) << indexed.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(indexed.out, m,
                                  std::regex("notes: ([0-9,]+) added, .* ([0-9,]+) skipped")))
        << indexed.out;
    EXPECT_NE(m[1].str(), "0");
    // Every skipped file has its own warning line with the reason.
    std::size_t explained = 0;
    for (std::size_t at = 0; (at = indexed.err.find("skipped", at)) != std::string::npos; ++at) {
        ++explained;
    }
    EXPECT_GE(explained, std::stoul(m[2].str())) << indexed.err;

    struct Case {
        const char* query;
        const char* title;  // the heading path the first hit must have
    };
    const Case cases[] = {
        {"Consistency patterns", "The System Design Primer > Consistency patterns\""},
        {"Content delivery network", "The System Design Primer > Content delivery network\""},
        {"Don't Make My Mistakes", "Coding Interview University > Don't Make My Mistakes\""},
        {"Behavioral interview questions",
         "The 30 most common Software Engineer behavioral interview questions\""},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.query);
        const auto r = f.search({"--json", "-n", "1", "--source", "notes", c.query});
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find(std::string("\"question\":\"") + c.title), std::string::npos) << r.out;
    }
}

}  // namespace
}  // namespace tpm
