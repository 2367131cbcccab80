// tests/hostile/hardening_repair_test.cpp: issue 14's damage that nothing repaired, and the
// searches that waited or failed where an answer was possible, on the real binaries in a fresh
// installation (tests/HOSTILE.md):
// - each damage (a zeroed block, a truncated table, a deleted or a garbage iamglass) of the
//   notes index and of the default index: the search says so with a command, and that command
//   (tpmindex --rebuild, or a plain tpmindex) restores a whole index with every registered
//   folder, and index/README.md;
// - a notes index whose tables are gone is never silent: the registry file beside them names
//   the folders, tpmsearch warns and --rebuild brings them back;
// - a stale default index whose write lock is held answers from the old index at once, with a
//   notice;
// - searches keep answering while tpmindex --rebuild swaps a new index in;
// - a missing notes index named with --index never suggests building the corpus into it.
#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "hostile/hostile_fixture.h"

namespace tpm::test {
namespace {

enum class Damage { zeroed_block, truncated_table, deleted_iamglass, garbage_iamglass };

std::string name_of(Damage d) {
    switch (d) {
        case Damage::zeroed_block:
            return "ZeroedBlock";
        case Damage::truncated_table:
            return "TruncatedTable";
        case Damage::deleted_iamglass:
            return "DeletedIamglass";
        case Damage::garbage_iamglass:
            return "GarbageIamglass";
    }
    return "";
}

// Xapian's own check of every table (Debian's xapian-tools), as the crash suite uses it.
int xapian_check(const fs::path& index) {
    return run_process(
               {"/bin/sh", "-c", "exec xapian-check \"$0\" >/dev/null 2>&1", index.string()})
        .status;
}

// Zeroes one block in the middle of `table`: one a search or a check reads.
void zero_block(const fs::path& table) {
    constexpr std::uintmax_t kBlock = 8192;
    const std::uintmax_t blocks = fs::file_size(table) / kBlock;
    ASSERT_GE(blocks, 3u) << table;
    std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(blocks / 2 * kBlock));
    const std::string zeros(kBlock, '\0');
    f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
}

void damage(const fs::path& index, Damage d) {
    switch (d) {
        case Damage::zeroed_block:
            zero_block(index / "docdata.glass");
            break;
        case Damage::truncated_table:
            fs::resize_file(index / "postlist.glass", 8192);
            break;
        case Damage::deleted_iamglass:
            fs::remove(index / "iamglass");
            break;
        case Damage::garbage_iamglass:
            write_file(index / "iamglass", "not a database, garbage\n");
            break;
    }
}

// A few dozen note files under `folder`, each with the folder's own word, so a search tells the
// folders apart and the index has blocks enough to damage one in the middle.
void write_notes(const fs::path& folder, const std::string& word) {
    const char* filler[] = {"latency",   "rollback", "capacity", "stakeholder", "roadmap",
                            "migration", "incident", "budget",   "milestone",   "dependency"};
    for (int f = 0; f < 40; ++f) {
        std::string text = "# " + word + " note " + std::to_string(f) + "\n\n";
        for (int p = 0; p < 6; ++p) {
            text += "## Part " + std::to_string(p) + "\n\n" + word;
            for (int w = 0; w < 60; ++w)
                text += std::string(" ") + filler[(f * 7 + p * 3 + w) % 10];
            text += " item" + std::to_string(f * 100 + p) + ".\n\n";
        }
        write_file(folder / ("note" + std::to_string(f) + ".md"), text);
    }
}

bool names_a_rebuild(const std::string& err) {
    return err.find("tpmindex --rebuild") != std::string::npos ||
           err.find("rebuild it with: tpmindex") != std::string::npos;
}

class Repair : public HostileInstall {
  protected:
    void SetUp() override {
        HostileInstall::SetUp();
        write_file(root_ / "index" / "README.md", "The shipped index.\n");
        write_notes(notes_ / "alpha", "zebrafinch");
        write_notes(notes_ / "beta", "quokkaridge");
        const ProcessResult r =
            tpmindex({"-q", (notes_ / "alpha").string(), (notes_ / "beta").string()});
        ASSERT_EQ(r.status, 0) << r.err;
        ASSERT_TRUE(both_folders_found());
    }

    // Every registered folder is searched and listed, and the notes index is whole.
    bool both_folders_found() const {
        for (const char* word : {"zebrafinch", "quokkaridge"}) {
            const ProcessResult r = tpmsearch({"--source", "notes", "-n", "1", word});
            EXPECT_EQ(r.status, 0) << word << ": " << r.err;
            if (r.status != 0) return false;
        }
        const ProcessResult list = tpmindex({"--list"});
        EXPECT_NE(list.out.find((notes_ / "alpha").string() + "  40 files"), std::string::npos)
            << list.out << list.err;
        EXPECT_NE(list.out.find((notes_ / "beta").string() + "  40 files"), std::string::npos)
            << list.out << list.err;
        EXPECT_EQ(xapian_check(notes_index()), 0);
        return list.out.find("alpha") != std::string::npos &&
               list.out.find("beta") != std::string::npos;
    }

    fs::path notes_index() const { return root_ / "data" / "tpmsearch"; }
    fs::path default_index() const { return root_ / "index"; }
};

class NotesDamage : public Repair,
                    public ::testing::WithParamInterface<std::tuple<Damage, bool>> {};

// After each damage, the search is never silent about the notes (or answers them still), and
// the command it names, or a plain tpmindex, restores the notes of both folders.
TEST_P(NotesDamage, TheNamedCommandRestoresEveryRegisteredFolder) {
    const auto [kind, plain] = GetParam();
    damage(notes_index(), kind);
    ASSERT_NE(xapian_check(notes_index()), 0) << "the damage was not made";
    const ProcessResult searched = tpmsearch({"--source", "notes", "-n", "200", "zebrafinch"});
    TPM_EXPECT_FINISHED(searched);
    if (searched.status != 0) {
        EXPECT_TRUE(names_a_rebuild(searched.err)) << searched.err;
        EXPECT_LE(lines_of(searched.err).size(), 2u) << searched.err;
    }
    // The combined search still answers from the shipped corpus.
    if (kind != Damage::zeroed_block) {
        const ProcessResult combined = tpmsearch({"-n", "1", "canary"});
        EXPECT_EQ(combined.status, 0) << combined.err;
        EXPECT_TRUE(names_a_rebuild(combined.err)) << combined.err;
    }
    const ProcessResult repaired =
        tpmindex(plain ? std::vector<std::string>{} : std::vector<std::string>{"--rebuild"});
    TPM_EXPECT_FINISHED(repaired);
    EXPECT_EQ(repaired.status, 0) << repaired.err;
    EXPECT_TRUE(both_folders_found());
    EXPECT_TRUE(fs::exists(notes_index() / "registered-folders.json"));
    // Nothing of the rebuild is left beside the index.
    for (const auto& e : fs::directory_iterator(notes_index().parent_path())) {
        EXPECT_EQ(e.path().filename().string().find(".new-"), std::string::npos) << e.path();
    }
}

INSTANTIATE_TEST_SUITE_P(
    EachDamage, NotesDamage,
    ::testing::Combine(::testing::Values(Damage::zeroed_block, Damage::truncated_table,
                                         Damage::deleted_iamglass, Damage::garbage_iamglass),
                       ::testing::Bool()),
    [](const auto& p) {
        return name_of(std::get<0>(p.param)) +
               (std::get<1>(p.param) ? "ThenPlainTpmindex" : "ThenRebuild");
    });

class DefaultIndexDamage : public Repair, public ::testing::WithParamInterface<Damage> {};

// The default index is ours to rebuild: a search repairs it itself, or names the command that
// does; README.md, which lives in index/, survives either way.
TEST_P(DefaultIndexDamage, TheSearchOrTheNamedCommandRestoresIt) {
    damage(default_index(), GetParam());
    ASSERT_NE(xapian_check(default_index()), 0) << "the damage was not made";
    // Every shipped question listed: every document's data is read, the damaged block too.
    const ProcessResult searched = tpmsearch({"--source", "corpus"});
    TPM_EXPECT_FINISHED(searched);
    if (searched.status != 0) {
        EXPECT_TRUE(names_a_rebuild(searched.err)) << searched.err;
        const ProcessResult repaired = tpmindex({"--rebuild", "-q"});
        EXPECT_EQ(repaired.status, 0) << repaired.err;
    }
    const ProcessResult again = tpmsearch({"-n", "1", "canary"});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(xapian_check(default_index()), 0);
    EXPECT_TRUE(fs::exists(default_index() / "README.md"));
    EXPECT_TRUE(both_folders_found());
}

// A plain tpmindex, which used to fail the same way as the search, repairs it too.
TEST_P(DefaultIndexDamage, APlainTpmindexRepairsIt) {
    damage(default_index(), GetParam());
    const ProcessResult repaired = tpmindex({"-q"});
    EXPECT_EQ(repaired.status, 0) << repaired.err;
    EXPECT_EQ(xapian_check(default_index()), 0);
    EXPECT_TRUE(fs::exists(default_index() / "README.md"));
    const ProcessResult again = tpmsearch({"-n", "1", "canary"});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.err, "");
}

INSTANTIATE_TEST_SUITE_P(EachDamage, DefaultIndexDamage,
                         ::testing::Values(Damage::zeroed_block, Damage::truncated_table,
                                           Damage::deleted_iamglass, Damage::garbage_iamglass),
                         [](const auto& p) { return name_of(p.param); });

// The tables gone, the registry file left: the notes never vanish silently, and --rebuild
// brings both folders back from the file alone.
TEST_F(Repair, ANotesIndexWithoutTablesWarnsAndIsRebuiltFromTheRegistryFile) {
    for (const auto& e : fs::directory_iterator(notes_index())) {
        if (e.path().filename() != "registered-folders.json") fs::remove(e.path());
    }
    const ProcessResult searched = tpmsearch({"-n", "1", "canary"});
    EXPECT_EQ(searched.status, 0) << searched.err;
    EXPECT_EQ(lines_of(searched.err).size(), 1u) << searched.err;
    EXPECT_NE(searched.err.find("your notes index in " + notes_index().string() + " is missing"),
              std::string::npos)
        << searched.err;
    EXPECT_NE(searched.err.find("tpmindex --rebuild restores it"), std::string::npos)
        << searched.err;
    const ProcessResult rebuilt = tpmindex({"--rebuild", "-q"});
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.err;
    EXPECT_TRUE(both_folders_found());
}

// `tpmindex --rebuild --index NOTES` rebuilds the notes from their folders, never the corpus.
TEST_F(Repair, RebuildingTheNotesIndexByNameKeepsItANotesIndex) {
    const ProcessResult rebuilt = tpmindex({"--rebuild", "--index", notes_index().string()});
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.err;
    EXPECT_TRUE(both_folders_found());
    const ProcessResult corpus =
        tpmsearch({"--source", "corpus", "-n", "1", "canary", "--index", notes_index().string()});
    EXPECT_EQ(corpus.status, 1) << corpus.out;
}

// L3: a missing notes index named with --index: the fix indexes notes into it; building the
// shipped corpus there (tpmindex --index DIR) would show every question twice from then on.
TEST_F(Repair, AMissingNotesIndexNeverSuggestsBuildingTheCorpusIntoIt) {
    fs::remove_all(notes_index());
    const ProcessResult r = tpmsearch({"--index", notes_index().string(), "x"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_EQ(r.err.find("tpmindex --index"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tpmindex FOLDER"), std::string::npos) << r.err;
    // With its registry file left, the fix is the rebuild, and it works.
    fs::create_directories(notes_index());
    const ProcessResult registered =
        tpmindex({"-q", (notes_ / "alpha").string(), (notes_ / "beta").string()});
    ASSERT_EQ(registered.status, 0) << registered.err;
    fs::remove(notes_index() / "iamglass");
    const ProcessResult named = tpmsearch({"--index", notes_index().string(), "x"});
    EXPECT_EQ(named.status, 2);
    EXPECT_NE(named.err.find("tpmindex --rebuild --index " + notes_index().string()),
              std::string::npos)
        << named.err;
    EXPECT_EQ(tpmindex({"--rebuild", "--index", notes_index().string(), "-q"}).status, 0);
    EXPECT_TRUE(both_folders_found());
}

// H3: another writer holds the lock of a stale default index. The search answered nothing and
// never ended; now it answers from the old index at once, with a one-line notice.
TEST_F(Repair, ALockedStaleIndexAnswersAtOnceWithANotice) {
    // The lock as Xapian (or another tpmindex) holds it: an open file description lock.
    const int fd = ::open((default_index() / "flintlock").c_str(), O_RDWR | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    ASSERT_EQ(::fcntl(fd, F_OFD_SETLK, &lock), 0);
    const fs::path qa = root_ / "corpus" / "netflix-tpm-interview-questions.txt";
    fs::last_write_time(qa, fs::last_write_time(qa) + std::chrono::seconds(10));
    const ProcessResult r = tpmsearch({"-n", "1", "canary"});
    ::close(fd);
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_LT(r.seconds, 2.0);
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("tpmsearch: notice: index/ is older than corpus/ and cannot be rebuilt "
                         "now (another tpmindex is writing it)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("run tpmindex"), std::string::npos) << r.err;
    // Once the lock is free, the next search refreshes it.
    const ProcessResult refreshed = tpmsearch({"-n", "1", "canary"});
    EXPECT_EQ(refreshed.status, 0) << refreshed.err;
    EXPECT_NE(refreshed.err.find("building the index"), std::string::npos) << refreshed.err;
    EXPECT_EQ(tpmsearch({"-n", "1", "canary"}).err, "");
}

// An index whose terms an older build made (another stemmer table) is rebuilt before it is
// searched: its stems would no longer meet the query's ("failure" is stemmed "fail" now).
TEST_F(Repair, AnIndexWhoseTermsAnOlderBuildMadeIsRebuiltFirst) {
    {
        Xapian::WritableDatabase db(default_index().string(), Xapian::DB_OPEN);
        db.set_metadata("tpmsearch:terms", "english:older-build");
        db.commit();
    }
    const ProcessResult r = tpmsearch({"-n", "1", "canary"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("building the index"), std::string::npos) << r.err;
    EXPECT_NE(Xapian::Database(default_index().string()).get_metadata("tpmsearch:terms"),
              "english:older-build");
    EXPECT_EQ(tpmsearch({"-n", "1", "canary"}).err, "");
}

// Readers open either the old index or the new one: a search running over and over while both
// indexes are rebuilt and swapped in never fails.
TEST_F(Repair, SearchesKeepAnsweringWhileTheIndexesAreRebuilt) {
    std::atomic<bool> done{false};
    std::vector<ProcessResult> searches;
    std::thread reader([&] {
        while (!done.load()) searches.push_back(tpmsearch({"-n", "3", "zebrafinch canary"}));
    });
    for (int i = 0; i < 4; ++i) {
        const ProcessResult r = tpmindex({"--rebuild", "-q"});
        EXPECT_EQ(r.status, 0) << r.err;
    }
    done.store(true);
    reader.join();
    EXPECT_GE(searches.size(), 4u);
    for (const ProcessResult& s : searches) {
        EXPECT_EQ(s.status, 0) << s.err;
        EXPECT_EQ(s.err, "");
    }
    EXPECT_TRUE(both_folders_found());
}

}  // namespace
}  // namespace tpm::test
