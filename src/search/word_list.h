// search/word_list.h: a list of real English words (a system dictionary such as Debian's
// wamerican /usr/share/dict/words), so spelling correction leaves alone words that are spelt
// right but happen not to be in the index ("site", "shipping"). cli/ decides the file.
// May include model/, text/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tpm {

class WordList {
  public:
    // Nothing is read until contains(), which reads the file through once per call: most
    // queries never ask, and the rest ask about one or two words.
    explicit WordList(std::filesystem::path path);

    // True when the folded `word` is in the list (compared folded). A list that cannot be read
    // is empty.
    bool contains(std::string_view word) const;

  private:
    std::filesystem::path path_;
};

}  // namespace tpm
