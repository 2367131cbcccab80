// ingest/corpus.h: the shipped corpus folder: which files in it are Q&A documents, reading
// them safely, and a fingerprint that tells when an index built from it is stale.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

// The Q&A documents in `dir`: regular files ending in .txt or .md, except README*, sorted by
// name. Throws tpm::Error(io) if `dir` cannot be listed.
std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir);

// Reads and parses every file of corpus_files(dir). Each Document's source is
// `display_dir + "/" + file name`. A file that cannot be read or is not UTF-8 becomes a
// Diagnostic and is skipped; so is a document id already taken by an earlier file. A file that
// yields no documents adds a Diagnostic. Throws tpm::Error(io) if `dir` cannot be listed.
IngestResult ingest_corpus(const std::filesystem::path& dir, const std::string& display_dir);

// A string that changes whenever a file of corpus_files(dir) is added, removed or modified
// (names, sizes and modification times). Throws tpm::Error(io) if `dir` cannot be listed.
std::string corpus_fingerprint(const std::filesystem::path& dir);

}  // namespace tpm
