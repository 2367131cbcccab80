// search/query_checks.h: internal to search/. What QueryBuilder checks before it parses a
// query, so that a malformed one is refused with a sentence naming the problem instead of
// being searched as something the user did not mean: its size, its quotes and brackets, its
// field names and kind: values.
// May include model/, text/, store/schema.h.
#pragma once

#include <string>
#include <string_view>

namespace tpm::detail {

// Throws tpm::Error(bad_query): "<reason> in query: <text, clipped>".
[[noreturn]] void bad_query(std::string_view text, const std::string& reason);

// At most kMaxQueryWords words and kMaxQueryWildcards wildcards (query_checks.cpp says why).
void check_size(std::string_view text);

// Quotes and parentheses balanced (Xapian would silently read something else).
void check_balance(std::string_view text);

// Every NAME: before a value names a field of store/schema.h, and kind:VALUE a kind.
void check_fields(std::string_view text);

// The kind a kind:VALUE filter names, in the index's spelling ("TIP" is "tip"). Throws
// tpm::Error(bad_query) listing the kinds for one there is none of: it would match nothing.
std::string kind_value(std::string_view value);

}  // namespace tpm::detail
