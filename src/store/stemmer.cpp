#include "store/stemmer.h"

#include <string>
#include <unordered_map>

#include "store/morphology.h"
#include "store/schema.h"
#include "text/normalize.h"
#include "text/words.h"

namespace tpm {

namespace {

// Snowball's English stemmer with the corrections of store/morphology.h.
class ConflatingStem : public Xapian::StemImplementation {
  public:
    ConflatingStem() : english_(schema::kStemLanguage) {}

    std::string operator()(const std::string& word) override {
        return conflated_stem(english_, word);
    }

    std::string get_description() const override {
        return english_.get_description() + " (conflated)";
    }

  private:
    Xapian::Stem english_;
};

class CachingStem : public Xapian::StemImplementation {
  public:
    explicit CachingStem(std::size_t max_words) : stem_(index_stemmer()), max_words_(max_words) {}

    std::string operator()(const std::string& word) override {
        if (const auto it = cache_.find(word); it != cache_.end()) return it->second;
        if (cache_.size() >= max_words_) cache_.clear();
        return cache_.emplace(word, stem_(word)).first->second;
    }

    std::string get_description() const override { return stem_.get_description() + " (cached)"; }

  private:
    Xapian::Stem stem_;
    std::size_t max_words_;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

Xapian::Stem index_stemmer() {
    // Xapian::Stem owns the implementation (reference counted).
    return Xapian::Stem(new ConflatingStem);
}

Xapian::Stem caching_stemmer(std::size_t max_words) {
    // Xapian::Stem owns the implementation (reference counted).
    return Xapian::Stem(new CachingStem(max_words == 0 ? 1 : max_words));
}

std::vector<std::string> phrase_stems(std::string_view text) {
    static const Xapian::Stem stem = index_stemmer();
    return text::folded_stems(text, stem);
}

}  // namespace tpm
