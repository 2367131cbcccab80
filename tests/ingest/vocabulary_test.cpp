#include "ingest/vocabulary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/error.h"
#include "support/temp_dir.h"
#include "text/normalize.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;

SynonymEntry two_way(std::vector<std::string> phrases, int line) {
    return SynonymEntry{std::move(phrases), {}, true, line};
}

SynonymEntry one_way(std::vector<std::string> from, std::vector<std::string> to, int line) {
    return SynonymEntry{std::move(from), std::move(to), false, line};
}

const std::string kGroupTooSmall = "a synonym group needs at least two phrases; line skipped";
const std::string kTwoArrows = "more than one \"=>\"; line skipped";
const std::string kEmptySide = "\"=>\" needs phrases on both sides; line skipped";

struct ParseCase {
    const char* name;
    const char* input;
    std::vector<SynonymEntry> entries;
    std::vector<Diagnostic> diagnostics;
};

const std::vector<ParseCase> kParseCases = {
    {"two-way",
     "SLO, service level objective\n",
     {two_way({"SLO", "service level objective"}, 1)},
     {}},
    {"three equivalents",
     "post-mortem, postmortem, post mortem\n",
     {two_way({"post-mortem", "postmortem", "post mortem"}, 1)},
     {}},
    {"one-way", "k8s => kubernetes\n", {one_way({"k8s"}, {"kubernetes"}, 1)}, {}},
    {"one-way with several phrases each side",
     "kill switch, killswitch => feature flag, toggle",
     {one_way({"kill switch", "killswitch"}, {"feature flag", "toggle"}, 1)},
     {}},
    {"phrases trimmed and inner whitespace collapsed",
     "  feature \t  flag ,feature toggle  \n",
     {two_way({"feature flag", "feature toggle"}, 1)},
     {}},
    {"spaces around the arrow are optional",
     "RCA=>root cause analysis",
     {one_way({"RCA"}, {"root cause analysis"}, 1)},
     {}},
    {"case and punctuation kept as written",
     "CI/CD, A/B test, e-mail\n",
     {two_way({"CI/CD", "A/B test", "e-mail"}, 1)},
     {}},
    {"comments and comment-only lines",
     "# header\n   # indented\nSLI, indicator # why\n",
     {two_way({"SLI", "indicator"}, 3)},
     {}},
    {"a hash always starts a comment", "a, b # , c\n", {two_way({"a", "b"}, 1)}, {}},
    {"blank and whitespace-only lines counted",
     "\n  \n\t\na, b\n\nc => d",
     {two_way({"a", "b"}, 4), one_way({"c"}, {"d"}, 6)},
     {}},
    {"empty phrases dropped", "a,, b ,\n", {two_way({"a", "b"}, 1)}, {}},
    // Trimmed as every ingest parser trims (ingest/ingest_text.h); before, only ASCII
    // whitespace was, so line 2 was a one-phrase group. Inside a phrase the space stays.
    {"no-break and zero-width spaces trimmed",
     "k8s,\u00a0kubernetes\u200b\n\u00a0\nfeature\u00a0flag, toggle\n",
     {two_way({"k8s", "kubernetes"}, 1), two_way({"feature\u00a0flag", "toggle"}, 3)},
     {}},
    {"empty text", "", {}, {}},
    {"lone phrase", "x, y\nrollback\n", {two_way({"x", "y"}, 1)}, {{"p", 2, kGroupTooSmall}}},
    {"lone phrase among empty ones", ", rollback ,", {}, {{"p", 1, kGroupTooSmall}}},
    {"only commas", " , ,", {}, {{"p", 1, kGroupTooSmall}}},
    {"two arrows", "a => b => c\n", {}, {{"p", 1, kTwoArrows}}},
    {"nothing before the arrow", "=> b\n", {}, {{"p", 1, kEmptySide}}},
    {"nothing after the arrow", "a =>  # later\n", {}, {{"p", 1, kEmptySide}}},
    {"only commas after the arrow", "a => , ,\n", {}, {{"p", 1, kEmptySide}}},
    {"a bad line does not stop the file",
     "a\n# c\nb => \nx, y\n=>\np => q\n",
     {two_way({"x", "y"}, 4), one_way({"p"}, {"q"}, 6)},
     {{"p", 1, kGroupTooSmall}, {"p", 3, kEmptySide}, {"p", 5, kEmptySide}}},
};

TEST(Vocabulary, ParsesEachLineForm) {
    for (const ParseCase& c : kParseCases) {
        SCOPED_TRACE(c.name);
        std::vector<Diagnostic> diagnostics;
        EXPECT_EQ(parse_vocabulary(c.input, "p", diagnostics), c.entries);
        EXPECT_EQ(diagnostics, c.diagnostics);
    }
}

TEST(Vocabulary, ReadsAFileWithCrlfAndByteOrderMark) {
    test::TempDir dir;
    test::write_file(dir / "mine.txt",
                     "\xEF\xBB\xBFslo, service level objective\r\n\r\nk8s => "
                     "kubernetes\r\nbroken\r\n");
    std::vector<Diagnostic> diagnostics;
    const std::vector<SynonymEntry> entries =
        read_vocabulary(dir / "mine.txt", "notes/mine.txt", diagnostics);
    EXPECT_EQ(entries, (std::vector<SynonymEntry>{two_way({"slo", "service level objective"}, 1),
                                                  one_way({"k8s"}, {"kubernetes"}, 3)}));
    EXPECT_EQ(diagnostics, (std::vector<Diagnostic>{{"notes/mine.txt", 4, kGroupTooSmall}}));
}

// The user's file is read at every search: past the limit, whole lines only, and one
// diagnostic naming the first line left out.
TEST(Vocabulary, ReadsOnlyTheWholeLinesWithinTheLimit) {
    test::TempDir dir;
    const std::string text = "a, b\nc, d\ne, f\n";  // lines of 5 bytes
    test::write_file(dir / "mine.txt", text);
    struct Case {
        std::size_t max_bytes;
        std::size_t entries;
        std::vector<Diagnostic> diagnostics;
    };
    const std::string cut = "vocabulary file larger than ";
    const Case cases[] = {
        {text.size(), 3, {}},  // exactly the limit: all of it
        {text.size() - 1, 2, {{"m", 3, cut + "14 bytes; this line and the rest are not read"}}},
        {10, 2, {{"m", 3, cut + "10 bytes; this line and the rest are not read"}}},
        {9, 1, {{"m", 2, cut + "9 bytes; this line and the rest are not read"}}},
        {3, 0, {{"m", 1, cut + "3 bytes; this line and the rest are not read"}}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.max_bytes);
        std::vector<Diagnostic> diagnostics;
        EXPECT_EQ(read_vocabulary(dir / "mine.txt", "m", diagnostics, c.max_bytes).size(),
                  c.entries);
        EXPECT_EQ(diagnostics, c.diagnostics);
    }
}

TEST(Vocabulary, MissingFileIsEmptyWithoutDiagnostic) {
    test::TempDir dir;
    std::vector<Diagnostic> diagnostics;
    EXPECT_TRUE(read_vocabulary(dir / kVocabularyFileName, "synonyms.txt", diagnostics).empty());
    EXPECT_TRUE(diagnostics.empty());
}

TEST(Vocabulary, NonUtf8FileIsADiagnostic) {
    test::TempDir dir;
    test::write_file(dir / "latin1.txt", "caf\xE9, coffee\n");
    std::vector<Diagnostic> diagnostics;
    EXPECT_TRUE(read_vocabulary(dir / "latin1.txt", "l.txt", diagnostics).empty());
    EXPECT_EQ(diagnostics,
              (std::vector<Diagnostic>{{"l.txt", 0, "not valid UTF-8; no synonyms read"}}));
}

TEST(Vocabulary, UnreadableFileThrowsIoError) {
    test::TempDir dir;
    // A folder where the file should be exists but cannot be read, even by root.
    fs::create_directory(dir / kVocabularyFileName);
    std::vector<Diagnostic> diagnostics;
    try {
        read_vocabulary(dir / kVocabularyFileName, "synonyms.txt", diagnostics);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
    }
}

std::vector<SynonymEntry> shipped_pack(std::vector<Diagnostic>& diagnostics) {
    return read_vocabulary(fs::path(TPM_CORPUS_DIR) / kVocabularyFileName, "corpus/synonyms.txt",
                           diagnostics);
}

TEST(ShippedVocabulary, ParsesCleanlyWithEnoughEntries) {
    std::vector<Diagnostic> diagnostics;
    const std::vector<SynonymEntry> entries = shipped_pack(diagnostics);
    for (const Diagnostic& d : diagnostics) ADD_FAILURE() << format_diagnostic(d);
    EXPECT_GE(entries.size(), 1000u);
    EXPECT_LE(entries.size(), 1500u);
}

// A phrase in two equivalence groups makes the groups one in effect, but only from that phrase:
// the other members of each group would not reach each other. Such groups must be merged (or
// one made one-way), so the file says what the search does. Phrases are compared folded, as the
// search layer matches them.
TEST(ShippedVocabulary, NoPhraseInTwoEquivalenceGroups) {
    std::vector<Diagnostic> diagnostics;
    std::map<std::string, int> group_of;  // folded phrase -> line of its two-way group
    for (const SynonymEntry& entry : shipped_pack(diagnostics)) {
        if (!entry.two_way) continue;
        for (const std::string& phrase : entry.from) {
            const auto [it, inserted] = group_of.emplace(text::fold(phrase), entry.line);
            if (!inserted) {
                ADD_FAILURE() << "\"" << phrase << "\" is on line " << entry.line << " and line "
                              << it->second;
            }
        }
    }
}

// A one-way entry that leads back to its own phrase, or repeats a phrase, is a typing slip.
TEST(ShippedVocabulary, NoPhraseRepeatedWithinAnEntry) {
    std::vector<Diagnostic> diagnostics;
    for (const SynonymEntry& entry : shipped_pack(diagnostics)) {
        std::map<std::string, int> seen;
        for (const auto* side : {&entry.from, &entry.to}) {
            for (const std::string& phrase : *side) {
                if (++seen[text::fold(phrase)] == 2) {
                    ADD_FAILURE() << "\"" << phrase << "\" twice on line " << entry.line;
                }
            }
        }
    }
}

}  // namespace
}  // namespace tpm
