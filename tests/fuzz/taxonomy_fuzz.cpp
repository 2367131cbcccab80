// tests/fuzz/taxonomy_fuzz.cpp: the topic taxonomy file (corpus/topics.yaml). Bytes reach the
// parser as read_taxonomy() passes them: a file that is not UTF-8 is reported and not parsed,
// the others go through text::clean_input. The taxonomy is then used as tpmindex and tpmsearch
// use it: stored in the index and read back, looked up by id and alias, asked for the nearest
// ids of an unknown name, and made into a tagger.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "store/stored_records.h"

#include "fuzz_support.h"

namespace {

// A question whose words signal several shipped topics, so the tagger has something to score.
tpm::Document sample_question() {
    tpm::Document d;
    d.id = "Q1";
    d.title = "How do you release software safely?";
    d.answer = "Canary releases and rollbacks limit the blast radius; stakeholders agree.";
    d.points = {{"Feature Flags", "Flags decouple deploy from release.", {}, 3}};
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tpm;
    const std::string_view bytes = fuzz::as_bytes(data, size);
    const std::string path = "corpus/topics.yaml";
    const auto parsed = fuzz::parse_data_file(
        bytes, path, [&](const std::string& text, std::vector<Diagnostic>& diagnostics) {
            return parse_taxonomy(text, path, diagnostics);
        });
    if (!parsed) return -1;
    const Taxonomy& taxonomy = *parsed;

    // Promised by taxonomy.h: the topics kept have a plain id, a name and signals, and no id
    // or alias names two of them, so each finds its own topic.
    std::set<std::string> ids;
    for (const Topic& topic : taxonomy.topics()) {
        TPM_FUZZ_CHECK(!topic.id.empty() && !topic.name.empty() && !topic.signals.empty());
        for (const char c : topic.id) {
            TPM_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        }
        TPM_FUZZ_CHECK(ids.insert(topic.id).second);
        TPM_FUZZ_CHECK(taxonomy.find(topic.id) == &topic);
        for (const std::string& alias : topic.aliases) {
            TPM_FUZZ_CHECK(taxonomy.find(alias) == &topic);
        }
        TPM_FUZZ_CHECK(taxonomy.nearest(topic.id, 1) == std::vector<std::string>{topic.id});
    }

    // The index keeps the taxonomy without its signals and lines (encode_taxonomy).
    const std::vector<Topic> stored =
        decode_taxonomy(encode_taxonomy(taxonomy.topics()));
    TPM_FUZZ_CHECK(stored.size() == taxonomy.topics().size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const Topic& t = taxonomy.topics()[i];
        TPM_FUZZ_CHECK(stored[i].id == t.id && stored[i].name == t.name &&
                       stored[i].description == t.description && stored[i].aliases == t.aliases);
    }

    // An unknown --topic value: its nearest ids, from the input's own first bytes.
    const std::string name(bytes.substr(0, 40));
    if (!taxonomy.find(name)) {
        TPM_FUZZ_CHECK(taxonomy.nearest(name).size() == std::min<std::size_t>(3, ids.size()));
    }

    const Xapian::Stem stem = index_stemmer();
    const Tagger tagger(taxonomy, [&stem](const std::string& word) { return stem(word); });
    const TagResult tags = tagger.tag(sample_question(), {"release-engineering", name});
    TPM_FUZZ_CHECK(tags.topics.size() <= Tagger::kMaxTopics);
    for (const std::string& id : tags.topics) TPM_FUZZ_CHECK(ids.count(id) == 1);
    return 0;
}
