#include "prep/review_state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/error.h"
#include "prep/export_file.h"
#include "prep/review_schedule.h"

namespace tpm {

namespace {

constexpr const char* kFormat = "tpmsearch-drill";
constexpr int kFormatVersion = 1;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw Error(ErrorCode::io, file.string() + ": " + what);
}

nlohmann::json card_json(const ReviewCard& c) {
    return {{"repetitions", c.repetitions}, {"ease", c.ease},           {"interval", c.interval},
            {"due", day_text(c.due)},       {"last", day_text(c.last)}, {"lapses", c.lapses},
            {"reviews", c.reviews},         {"retired", c.retired}};
}

ReviewCard card_from(const std::string& id, const nlohmann::json& j) {
    ReviewCard c;
    c.id = id;
    c.repetitions = j.at("repetitions").get<int>();
    c.ease = j.at("ease").get<double>();
    c.interval = j.at("interval").get<long>();
    const auto due = parse_day(j.at("due").get<std::string>());
    const auto last = parse_day(j.at("last").get<std::string>());
    if (!due || !last) throw std::invalid_argument("a date is not YYYY-MM-DD");
    c.due = *due;
    c.last = *last;
    c.lapses = j.at("lapses").get<int>();
    c.reviews = j.at("reviews").get<int>();
    c.retired = j.at("retired").get<bool>();
    return c;
}

std::map<std::string, ReviewCard> read_cards(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) return {};
        fail(file, std::string("cannot read the drill state: ") + std::strerror(errno));
    }
    std::stringstream text;
    text << in.rdbuf();
    std::map<std::string, ReviewCard> cards;
    try {
        const nlohmann::json j = nlohmann::json::parse(text.str());
        if (j.at("format") != kFormat || j.at("version").get<int>() > kFormatVersion) {
            throw std::invalid_argument("not a drill state of this version");
        }
        for (const auto& [id, card] : j.at("cards").items()) cards[id] = card_from(id, card);
    } catch (const std::exception& e) {
        fail(file, std::string("not a drill state file (") + e.what() +
                       "); move it away to start afresh");
    }
    return cards;
}

// Holds an exclusive flock on FILE.lock while it lives.
class StateLock {
  public:
    explicit StateLock(const std::filesystem::path& file) {
        const std::string lock = file.string() + ".lock";
        fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0)
            fail(file, std::string("cannot lock the drill state: ") + std::strerror(errno));
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno == EINTR) continue;
            const int e = errno;
            ::close(fd_);
            fail(file, std::string("cannot lock the drill state: ") + std::strerror(e));
        }
    }
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;
    ~StateLock() { ::close(fd_); }

  private:
    int fd_ = -1;
};

}  // namespace

std::map<std::string, ReviewCard> ReviewState::load() const { return read_cards(file_); }

void ReviewState::save(const std::vector<ReviewCard>& cards) const {
    modify([&](std::map<std::string, ReviewCard>& all) {
        for (const ReviewCard& card : cards) all[card.id] = card;
    });
}

ReviewCard ReviewState::record_answer(const std::string& id, Answer answer, Day today) const {
    ReviewCard after;
    modify([&](std::map<std::string, ReviewCard>& all) {
        ReviewCard& card = all[id];
        card.id = id;
        card = review(card, answer, today);
        after = card;
    });
    return after;
}

void ReviewState::retire(const std::vector<std::string>& ids) const {
    modify([&](std::map<std::string, ReviewCard>& all) {
        for (const std::string& id : ids) {
            if (const auto card = all.find(id); card != all.end()) card->second.retired = true;
        }
    });
}

void ReviewState::revive(const std::vector<std::string>& ids) const {
    modify([&](std::map<std::string, ReviewCard>& all) {
        for (const std::string& id : ids) {
            if (const auto card = all.find(id); card != all.end()) card->second.retired = false;
        }
    });
}

void ReviewState::modify(
    const std::function<void(std::map<std::string, ReviewCard>&)>& change) const {
    std::error_code ec;
    std::filesystem::create_directories(file_.parent_path(), ec);
    if (ec) fail(file_, "cannot create its folder: " + ec.message());
    const StateLock lock(file_);
    std::map<std::string, ReviewCard> all = read_cards(file_);
    change(all);
    nlohmann::json j;
    j["format"] = kFormat;
    j["version"] = kFormatVersion;
    j["cards"] = nlohmann::json::object();
    for (const auto& [id, card] : all) j["cards"][id] = card_json(card);
    write_file_atomically(file_, j.dump(1) + "\n");
}

Day today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const std::chrono::year_month_day date{
        std::chrono::year(local.tm_year + 1900),
        std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
        std::chrono::day(static_cast<unsigned>(local.tm_mday))};
    return std::chrono::sys_days(date).time_since_epoch().count();
}

}  // namespace tpm
