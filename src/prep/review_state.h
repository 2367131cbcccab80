// prep/review_state.h: what the drill remembers between sessions: one ReviewCard per stable
// document id, in a JSON file of the user's ($XDG_STATE_HOME/tpmsearch/drill.json). Every
// answer is saved at once, as one locked read-modify-write (flock on FILE.lock) that replaces the
// file atomically (a temporary file beside it, fsync, rename, fsync of the folder): a session
// killed at any moment leaves the last completed answer saved and a file that parses, and two
// sessions at once each keep their answers. May include model/ and nlohmann-json.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/review.h"

namespace tpm {

class ReviewState {
  public:
    explicit ReviewState(std::filesystem::path file) : file_(std::move(file)) {}

    // The cards saved so far by id; none when there is no file yet. Throws tpm::Error(io)
    // naming the file when it cannot be read or is not a drill state file (it is then left as
    // it is, never overwritten).
    std::map<std::string, ReviewCard> load() const;

    // Saves `cards` over those of the same ids, keeping every other card the file holds now
    // (another session's answers included). Creates the folder and the file when needed.
    // Throws tpm::Error(io) naming the file when it cannot be written or read.
    void save(const std::vector<ReviewCard>& cards) const;

    // Answers the card `id` as saved now (another session's answers included, or a new card)
    // and saves it; returns the card after the answer. Throws as save().
    ReviewCard record_answer(const std::string& id, Answer answer, Day today) const;

    // Marks the cards `ids` retired as saved now. Throws as save().
    void retire(const std::vector<std::string>& ids) const;

    // Marks the cards `ids` not retired, their history as it was. Throws as save().
    void revive(const std::vector<std::string>& ids) const;

    const std::filesystem::path& file() const { return file_; }

  private:
    // Under the lock: reads the cards, lets `change` change them, writes them back.
    void modify(const std::function<void(std::map<std::string, ReviewCard>&)>& change) const;

    std::filesystem::path file_;
};

// Today in the local time zone, as a Day: a drill day ends at the user's midnight.
Day today();

}  // namespace tpm
