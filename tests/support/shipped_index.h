// tests/support/shipped_index.h: one real index of the shipped corpus, built by the real
// pipeline (parse, tag, write) in a fresh temporary folder, shared by the tests of one suite:
// derive the suite's fixture from ShippedIndexTest.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include "index/corpus_indexer.h"
#include "store/database.h"
#include "support/temp_dir.h"

namespace tpm::test {

class ShippedIndexTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        build_corpus_index(TPM_CORPUS_DIR, "corpus", dir_->path());
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static inline TempDir* dir_ = nullptr;
    Xapian::Database db_ = open_index(dir_->path());
};

}  // namespace tpm::test
