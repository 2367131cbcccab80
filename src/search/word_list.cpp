#include "search/word_list.h"

#include <algorithm>
#include <fstream>

#include "text/normalize.h"

namespace tpm {

WordList::WordList(std::filesystem::path path) : path_(std::move(path)) {}

bool WordList::contains(std::string_view word) const {
    if (!words_) {
        words_.emplace();
        std::ifstream in(path_);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) words_->push_back(text::fold(line));
        }
        // The file is sorted by locale, with mixed case; we need byte order of folded words.
        std::sort(words_->begin(), words_->end());
    }
    return std::binary_search(words_->begin(), words_->end(), word);
}

}  // namespace tpm
