// ingest/corpus.h: the shipped corpus folder: which files in it are Q&A documents, reading
// them safely, and a fingerprint that tells when an index built from it is stale.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "topics/taxonomy.h"

namespace tpm {

// The Q&A documents in `dir`: regular files ending in .txt or .md, except README* and the
// vocabulary pack (synonyms.txt), sorted by name. Throws tpm::Error(io) if `dir` cannot be listed.
std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir);

// Reads and parses every file of corpus_files(dir). Each Document's source is
// `display_dir + "/" + file name`. A file that cannot be read or is not UTF-8 becomes a
// Diagnostic and is skipped; so is a document id already taken by an earlier file. A file that
// yields no documents adds a Diagnostic. Throws tpm::Error(io) if `dir` cannot be listed.
IngestResult ingest_corpus(const std::filesystem::path& dir, const std::string& display_dir);

// A string that changes whenever a regular file in `dir` (the Q&A documents, and also the
// taxonomy and any other shipped file) is added, removed or modified (names, sizes and
// modification times). Throws tpm::Error(io) if `dir` cannot be listed.
std::string corpus_fingerprint(const std::filesystem::path& dir);

// The name of the taxonomy file in a corpus folder.
inline constexpr const char* kTaxonomyFileName = "topics.yaml";

// Reads and parses the taxonomy file `file`, shown to the user as `display`. Problems in it
// become Diagnostics (see parse_taxonomy). A missing file gives an empty Taxonomy and no
// diagnostic. Throws tpm::Error(io) when the file exists but cannot be read.
Taxonomy read_taxonomy(const std::filesystem::path& file, const std::string& display,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace tpm
