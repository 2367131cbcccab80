// ingest/paraphrases.h: reads the paraphrase pack, corpus/paraphrases.txt: for each shipped
// question and tip, other ways a candidate asks for it. The indexer adds them to the document
// as a low-weight field (Document::paraphrases), so a query worded differently from the
// question still finds it, while the question's own words count more.
// May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace tpm {

// The name of the shipped paraphrase pack in a corpus folder.
inline constexpr const char* kParaphrasesFileName = "paraphrases.txt";

// One block of the pack: "[Q26] title" and the phrasings under it.
struct ParaphraseBlock {
    std::string id;  // as written in the header ("Q26", "tips/1")
    int line = 0;    // the header's line
    std::vector<std::string> phrasings;
};

// Parses the text of a paraphrase pack. A block starts with a header line "[ID] anything" and
// holds the lines under it, one phrasing each; blank lines and lines starting with '#' are
// ignored. Problems become Diagnostics naming `path` and the line, and are skipped: a phrasing
// before any header, a header without "]" or without an id, an id that has a block already.
// Never throws.
std::vector<ParaphraseBlock> parse_paraphrases(std::string_view text, const std::string& path,
                                               std::vector<Diagnostic>& diagnostics);

// Reads and parses the file `file`, shown as `display`, as read_data_file() reads (a missing
// file is no pack and no diagnostic). Throws tpm::Error(io) when it exists but cannot be read.
std::vector<ParaphraseBlock> read_paraphrases(const std::filesystem::path& file,
                                              const std::string& display,
                                              std::vector<Diagnostic>& diagnostics);

}  // namespace tpm
