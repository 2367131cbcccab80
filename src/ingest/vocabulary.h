// ingest/vocabulary.h: reads a vocabulary pack: the shipped corpus/synonyms.txt or a user's own
// file, in Solr's synonym file format (one entry a line; '#' starts a comment).
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/synonym.h"

namespace tpm {

// The name of the shipped vocabulary pack in a corpus folder.
inline constexpr const char* kVocabularyFileName = "synonyms.txt";

// How much of a user's own vocabulary file is read: it is read and stemmed at every search, so
// its size is a cost of every search (about 0.3 s a MiB of three-word groups; 30 MB took 4 s
// and 800 MB). The shipped pack is 21 KB (427 lines); 1 MiB holds some 36,000 groups of three.
inline constexpr std::size_t kMaxUserVocabularyBytes = std::size_t{1} << 20;

// Parses the text of a vocabulary file. Each line is "a, b, c" (equivalent phrases) or
// "a, b => c, d" (a and b expand to c and d). Problems become Diagnostics naming `path` and the
// line (an empty side, a lone phrase, more than one "=>") and the line is skipped. Never throws.
std::vector<SynonymEntry> parse_vocabulary(std::string_view text, const std::string& path,
                                           std::vector<Diagnostic>& diagnostics);

// Reads and parses the file `file`, shown as `display`. A missing file gives no entries and
// no diagnostic; a file that is not UTF-8 gives a diagnostic. Only the whole lines within the
// first `max_bytes` bytes are read, and a diagnostic names the first line left out. Throws
// tpm::Error(io) when the file exists but cannot be read.
std::vector<SynonymEntry> read_vocabulary(const std::filesystem::path& file,
                                          const std::string& display,
                                          std::vector<Diagnostic>& diagnostics,
                                          std::size_t max_bytes = std::string::npos);

}  // namespace tpm
