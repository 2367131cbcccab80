// store/stored_records.h: what the index stores besides its terms, and how: each document's
// record (Xapian document data), the taxonomy it was tagged with, and each source file's front
// matter (metadata values). Decoding throws tpm::Error(index_corrupt) on what it cannot read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "model/topic.h"

namespace tpm {

// The document data: the whole Document, which the printers need (title, source, line, the
// structured answer), as a packed record (see stored_records.cpp for why not JSON).
std::string encode_document_data(const Document& doc);

// The inverse of encode_document_data(). Throws tpm::Error(index_corrupt) on data it cannot
// read.
Document decode_document_data(std::string_view data);

// The taxonomy (id, name, description, aliases; not the signals) as a packed record, and back.
// Decoding throws tpm::Error(index_corrupt) on data it cannot read.
std::string encode_taxonomy(const std::vector<Topic>& topics);
std::vector<Topic> decode_taxonomy(std::string_view data);

// A source file's front matter (title, date, excerpt) as compact JSON, and back. Decoding
// throws tpm::Error(index_corrupt) on data it cannot read.
std::string encode_source_info(const SourceInfo& info);
SourceInfo decode_source_info(std::string_view data);

}  // namespace tpm
