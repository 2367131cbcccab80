#include "store/morphology.h"

#include <string_view>
#include <unordered_map>

namespace tpm {

namespace {

// Words Snowball would join to a word of another meaning, and the stem each keeps instead.
// Every form of the word is listed: these are whole words, looked up before stemming.
const std::unordered_map<std::string_view, std::string_view> kOwnStems = {
    // accessibility (a11y) is not access (permissions)
    {"accessibility", "accessibl"},
    {"accessible", "accessibl"},
    {"inaccessible", "accessibl"},
    // availability (uptime) is not "available"
    {"availability", "availabl"},
    {"unavailability", "availabl"},
    // production (the live environment) is not product
    {"production", "production"},
    {"productions", "production"},
    // an executive is not an execution
    {"executive", "executiv"},
    {"executives", "executiv"},
    // a university is not the universe
    {"university", "universiti"},
    {"universities", "universiti"},
    // a container is not what something contains
    {"container", "container"},
    {"containers", "container"},
    // news is not new
    {"news", "news"},
};

// Snowball stems of one family, and the stem they all take. Derivations people use for the same
// thing, and British and American spellings that Snowball leaves apart.
const std::unordered_map<std::string_view, std::string_view> kFamilies = {
    // derivations
    {"failur", "fail"},         // failure
    {"decis", "decid"},         // decision, decisive
    {"prioriti", "prioritis"},  // priority, priorities (prioritise, prioritisation)
    {"analysi", "analys"},      // analysis (analyse, analyze)
    {"persuas", "persuad"},     // persuasion
    {"mentorship", "mentor"},
    {"recoveri", "recov"},    // recovery
    {"complianc", "compli"},  // compliance (comply)
    {"compliant", "compli"},
    {"succeed", "success"},   // succeed, succeeded (success, successful)
    {"deliveri", "deliv"},    // delivery
    {"conclus", "conclud"},   // conclusion
    {"summari", "summaris"},  // summary (summarise, summarize)
    {"criticis", "critic"},   // criticise, criticize (criticism, critic)
    // British and American spellings that -ize / -yze do not cover
    {"behaviour", "behavior"},
    {"favour", "favor"},
    {"colour", "color"},
    {"labour", "labor"},
    {"honour", "honor"},
    {"neighbour", "neighbor"},
    {"endeavour", "endeavor"},
    {"humour", "humor"},
    {"rumour", "rumor"},
    {"flavour", "flavor"},
    {"harbour", "harbor"},
    {"judgement", "judgment"},
    {"centr", "center"},  // centre
    {"catalogu", "catalog"},
    {"dialogu", "dialog"},
    {"licenc", "licens"},  // licence
    {"defenc", "defens"},  // defence
    {"offenc", "offens"},  // offence
};

// The shortest stem before -ize that is a suffix and not part of the word: "size", "prize" and
// "seize" keep their z.
constexpr std::size_t kMinBeforeIze = 3;

// "organization" -> "organisation", "analyze" -> "analyse": American -ize / -yze and their
// inflections and derivations written as British -ise / -yse.
std::string british_spelling(const std::string& word) {
    for (const std::string_view z : {std::string_view("iz"), std::string_view("yz")}) {
        const std::size_t at = word.rfind(z);
        if (at == std::string::npos || at < kMinBeforeIze) continue;
        const std::string_view rest = std::string_view(word).substr(at + 2);
        for (const std::string_view ending :
             {"e", "ed", "es", "ing", "er", "ers", "ation", "ations", "ational", "able"}) {
            if (rest == ending) {
                std::string out = word;
                out[at + 1] = 's';
                return out;
            }
        }
    }
    return word;
}

}  // namespace

std::string conflated_stem(const Xapian::Stem& english, const std::string& word) {
    if (const auto own = kOwnStems.find(word); own != kOwnStems.end()) {
        return std::string(own->second);
    }
    std::string stem = english(british_spelling(word));
    if (const auto family = kFamilies.find(stem); family != kFamilies.end()) {
        stem = family->second;
    }
    return stem;
}

}  // namespace tpm
