#include "search/word_list.h"

#include <algorithm>
#include <fstream>

#include "text/normalize.h"

namespace tpm {

namespace {

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

WordList::WordList(std::filesystem::path path) : path_(std::move(path)) {}

// One pass over the file: a query asks about one or two words, and building a sorted list of
// a hundred thousand words first cost forty times the rest of the search.
bool WordList::contains(std::string_view word) const {
    std::ifstream in(path_);
    for (std::string line; std::getline(in, line);) {
        if (is_ascii(line)) {
            // Folding plain ASCII is lower-casing (checked on every line of wamerican).
            if (line.size() == word.size() &&
                std::equal(line.begin(), line.end(), word.begin(),
                           [](char a, char b) { return lower(a) == b; })) {
                return true;
            }
        } else if (!line.empty() && text::fold(line) == word) {
            return true;
        }
    }
    return false;
}

}  // namespace tpm
