// search/document_lookup.h: internal to search/ (Searcher::lookup). Finds the document a
// person names: by id, or by the file it is in and a line of that file.
// May include model/, store/schema.h, Xapian.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string_view>

#include "model/document.h"

namespace tpm::detail {

// See Searcher::lookup.
std::optional<Document> lookup_document(const Xapian::Database& db, std::string_view ref,
                                        const std::filesystem::path& cwd);

}  // namespace tpm::detail
