// Excerpts: which passages are chosen, and that highlights cover exactly the matched words,
// stemmed and accent-folded forms included.
#include "search/highlighter.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/sample_index.h"
#include "text/normalize.h"

namespace tpm {
namespace {

std::vector<std::string> marked(const Excerpt& e) {
    std::vector<std::string> out;
    for (const Span& s : e.highlights) out.push_back(e.text.substr(s.start, s.end - s.start));
    return out;
}

Highlighter highlighter(std::vector<std::string> stems, std::vector<std::string> words = {},
                        std::vector<std::string> prefixes = {}) {
    return Highlighter(QueryTerms{std::move(words), std::move(stems), std::move(prefixes)}, {});
}

TEST(Highlighter, MatchesStemmedFoldedAndPrefixForms) {
    struct Case {
        Highlighter h;
        const char* text;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {highlighter({"rollback"}),
         "Rollbacks, rollback and roll back.",
         {"Rollbacks", "rollback"}},
        {highlighter({"resum"}), "Read the Résumé and RESUMES.", {"Résumé", "RESUMES"}},
        {highlighter({}, {"flags"}), "Flags and flag.", {"Flags"}},
        {highlighter({}, {}, {"deploy"}),
         "Deployments deploy; redeploy.",
         {"Deployments", "deploy"}},
        {highlighter({"canari"}), "", {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        std::vector<std::string> got;
        const std::string text = c.text;
        for (const auto& m : c.h.matches(text)) {
            got.push_back(text.substr(m.span.start, m.span.end - m.span.start));
        }
        EXPECT_EQ(got, c.expected);
    }
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The excerpt highlighter splits ASCII text into words only near an "anchor" of each stem (the
// stem less its last two bytes), which is sound only if English stemming never changes a word
// before that point. Checked on every word of the shipped corpus and of the system word list.
TEST(Highlighter, EveryWordStartsWithItsStemLessTwoBytes) {
    const Xapian::Stem stem("english");
    std::istringstream words(
        read_all(std::filesystem::path(TPM_CORPUS_DIR) / "netflix-tpm-interview-questions.txt") +
        " " + read_all("/usr/share/dict/american-english"));
    std::size_t checked = 0;
    for (std::string w; words >> w;) {
        std::string word;
        for (char c : w) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c >= 'a' && c <= 'z') word += c;
        }
        if (word.empty()) continue;
        const std::string s = stem(word);
        const std::size_t keep = s.size() > 2 ? s.size() - 2 : 1;
        EXPECT_EQ(word.rfind(s.substr(0, keep), 0), 0u) << word << " -> " << s;
        ++checked;
    }
    EXPECT_GT(checked, 5000u);
}

// ... and so it finds exactly what splitting the whole text finds (non-ASCII text is split
// whole, so appending an accented word forces that path on the same words).
TEST(Highlighter, NearAnchorsFindsWhatTheWholeTextFinds) {
    const std::string text =
        read_all(std::filesystem::path(TPM_CORPUS_DIR) / "netflix-tpm-interview-questions.txt");
    const std::string whole = text + "\nrésumé";
    const Xapian::Stem stem("english");
    const std::vector<std::vector<std::string>> queries = {{"canary", "rollbacks"},
                                                           {"stakeholders", "communication"},
                                                           {"ability", "dying"},
                                                           {"relational", "happy"},
                                                           {"e", "g"},
                                                           {"data-driven", "ci"}};
    for (const auto& q : queries) {
        std::vector<std::string> stems;
        for (const std::string& w : q) stems.push_back(stem(w));
        const Highlighter h = highlighter(stems, q, {"deploy"});
        const auto fast = h.matches(text);
        const auto slow = h.matches(whole);  // "résumé" matches none of them
        EXPECT_FALSE(slow.empty()) << q[0];
        ASSERT_EQ(fast.size(), slow.size()) << q[0];
        for (std::size_t i = 0; i < fast.size(); ++i) {
            EXPECT_EQ(fast[i].span.start, slow[i].span.start);
            EXPECT_EQ(fast[i].span.end, slow[i].span.end);
            EXPECT_EQ(fast[i].key, slow[i].key);
        }
    }
}

TEST(Excerpts, PreferLabelledPointsThatMatchBestFirst) {
    const Document doc = test::sample_documents()[0];
    const auto excerpts = make_excerpts(doc, highlighter({"canari", "rollback"}), {});
    ASSERT_EQ(excerpts.size(), 3u);
    EXPECT_EQ(excerpts[0].label, "Canary Releases");
    EXPECT_EQ(excerpts[1].label, "Rollbacks");
    EXPECT_EQ(excerpts[2].label, "example");
    EXPECT_EQ(marked(excerpts[2]), std::vector<std::string>{"canary"});
}

TEST(Excerpts, AtMostTheRequestedNumber) {
    const Document doc = test::sample_documents()[0];
    const auto excerpts = make_excerpts(doc, highlighter({"canari", "rollback"}), {1, 240});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "Canary Releases");
}

TEST(Excerpts, ItemsStayWithTheirPoint) {
    const Document doc = test::sample_documents()[3];
    const auto excerpts = make_excerpts(doc, highlighter({"realloc"}), {});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "Develop a Recovery Plan");
    EXPECT_NE(excerpts[0].text.find("Reallocating resources"), std::string::npos);
    EXPECT_EQ(marked(excerpts[0]), std::vector<std::string>{"Reallocating"});
}

TEST(Excerpts, WithoutAMatchTheAnswerStartIsShownPlain) {
    const Document doc = test::sample_documents()[1];
    const auto excerpts = make_excerpts(doc, highlighter({"zebra"}), {});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_EQ(excerpts[0].label, "answer");
    EXPECT_TRUE(excerpts[0].highlights.empty());
}

TEST(Excerpts, LongPassagesAreCutAroundTheMatchWithSpansShifted) {
    Document doc = test::sample_documents()[0];
    std::string filler;
    for (int i = 0; i < 30; ++i)
        filler += "Nothing relevant happens in sentence " + std::to_string(i) + ". ";
    doc.example = filler + "Then the canary caught the leak. " + filler;
    doc.points.clear();
    const auto excerpts = make_excerpts(doc, highlighter({"canari"}), {3, 200});
    ASSERT_EQ(excerpts.size(), 1u);
    const Excerpt& e = excerpts[0];
    EXPECT_EQ(e.label, "example");
    EXPECT_LE(e.text.size(), 260u);
    EXPECT_TRUE(e.truncated_start);
    EXPECT_TRUE(e.truncated_end);
    EXPECT_EQ(marked(e), std::vector<std::string>{"canary"});
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// A note section can be a 10 MB table: its excerpt looks at kPassageScanBytes around the first
// possible match, and shows what the whole passage would have shown there.
TEST(Excerpts, AHugePassageShowsWhatItsPartAroundTheMatchShows) {
    auto filler = [](int sentences) {
        std::string out;
        for (int i = 0; i < sentences; ++i)
            out += "Nothing relevant happens in sentence " + std::to_string(i % 50) + ". ";
        return out;
    };
    Document small = test::sample_documents()[0];
    small.points.clear();
    small.example = filler(30) + "Then the Canary caught the leak. " + filler(30);
    Document huge = small;
    // About 2.5 MB before the match and 2.5 MB after, so 80 times the part looked at.
    huge.example = filler(60000) + "Then the Canary caught the leak. " + filler(60000);
    const auto want = make_excerpts(small, highlighter({"canari"}), {3, 200});
    const auto got = make_excerpts(huge, highlighter({"canari"}), {3, 200});
    ASSERT_EQ(got.size(), 1u);
    ASSERT_EQ(want.size(), 1u);
    EXPECT_EQ(got[0].text, want[0].text);
    EXPECT_EQ(got[0].highlights, want[0].highlights);
    EXPECT_EQ(marked(got[0]), std::vector<std::string>{"Canary"});
    EXPECT_TRUE(got[0].truncated_start);
    EXPECT_TRUE(got[0].truncated_end);
}

TEST(Excerpts, AHugePassageWithoutAMatchNearItsStartShowsItsStart) {
    Document doc;
    // The only match lies past kLocateBytes: the excerpt is the passage's start, plain.
    doc.answer = repeat("| cell one | cell two |\n", static_cast<int>(kLocateBytes / 24) + 10) +
                 "| canary |\n";
    ASSERT_GT(doc.answer.size(), kLocateBytes);
    const auto excerpts = make_excerpts(doc, highlighter({"canari"}), {3, 240});
    ASSERT_EQ(excerpts.size(), 1u);
    EXPECT_TRUE(excerpts[0].highlights.empty());
    EXPECT_FALSE(excerpts[0].truncated_start);
    EXPECT_TRUE(excerpts[0].truncated_end);
    EXPECT_EQ(doc.answer.substr(0, excerpts[0].text.size()), excerpts[0].text);
}

// Found by tests/fuzz/notes_fuzz: a sentence too long to show whole and without a word to cut
// at was cut at a byte count, inside a character, and the excerpt was not UTF-8.
TEST(Excerpts, LongRunWithoutWordsIsCutBetweenCharacters) {
    struct Case {
        const char* what;
        std::string answer;
    };
    const Case cases[] = {
        // A file that is not really UTF-32 read as UTF-32BE (it starts with that BOM): U+FFFD
        // and the NULs of its few valid code points.
        {"mis-decoded file",
         repeat("\xEF\xBF\xBD", 40) + std::string(7, '\0') + repeat("\xEF\xBF\xBD", 120)},
        {"a rule of box-drawing characters", "\xC2\xB7" + repeat("\xE2\x94\x81", 150)},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        Document doc;
        doc.answer = c.answer;
        const auto excerpts = make_excerpts(doc, highlighter({"zebra"}), {3, 240});
        ASSERT_EQ(excerpts.size(), 1u);
        const Excerpt& e = excerpts[0];
        EXPECT_TRUE(text::is_valid_utf8(e.text));
        EXPECT_TRUE(e.truncated_end);
        EXPECT_LE(e.text.size(), 240u);
        EXPECT_EQ(c.answer.substr(0, e.text.size()), e.text);
    }
}

// Found by tests/fuzz/notes_fuzz: U+3164 HANGUL FILLER is a letter to ICU's word rules, so
// a word, but folding drops it (it is default-ignorable) and the empty word was read at its
// first byte (libstdc++'s assertions, on in the sanitizer and fuzz builds, stop there).
TEST(Highlighter, AWordThatFoldsToNothingIsSkipped) {
    const std::string filler = "\xE3\x85\xA4";  // U+3164
    const std::string title = "Caf\xC3\xA9 " + filler + " zebras " + filler + filler + " zebra";
    const auto found = highlighter({"zebra"}).matches(title);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(title.substr(found[0].span.start, found[0].span.end - found[0].span.start), "zebras");
    EXPECT_EQ(title.substr(found[1].span.start, found[1].span.end - found[1].span.start), "zebra");
}

}  // namespace
}  // namespace tpm
