// read_bytes on what a notes folder can hold besides files: a FIFO must never block the
// indexer, and every failure says why.
#include "ingest/file_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/temp_dir.h"

namespace tpm {
namespace {

TEST(ReadBytes, ReadsAWholeFileWhateverItsSize) {
    const test::TempDir dir;
    const std::string big(3 * 65536 + 17, 'x');
    std::ofstream(dir / "big.md", std::ios::binary) << big;
    std::ofstream(dir / "empty.md", std::ios::binary);
    EXPECT_EQ(read_bytes(dir / "big.md"), big);
    EXPECT_EQ(read_bytes(dir / "empty.md"), std::string());
}

TEST(ReadBytes, AFifoIsRefusedAtOnceAsNotARegularFile) {
    const test::TempDir dir;
    ASSERT_EQ(mkfifo((dir / "pipe.md").c_str(), 0600), 0);
    std::string why;
    // Without a writer, a blocking open would never return and the test would hang.
    EXPECT_EQ(read_bytes(dir / "pipe.md", &why), std::nullopt);
    EXPECT_EQ(why, "not a regular file");
}

TEST(ReadBytes, FailuresSayWhy) {
    const test::TempDir dir;
    std::string why;
    EXPECT_EQ(read_bytes(dir / "gone.md", &why), std::nullopt);
    EXPECT_EQ(why, "No such file or directory");
    EXPECT_EQ(read_bytes(dir.path(), &why), std::nullopt);
    EXPECT_EQ(why, "not a regular file");
}

}  // namespace
}  // namespace tpm
