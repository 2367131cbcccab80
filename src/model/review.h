// model/review.h: the drill's memory of one card (a question or story, by its stable id), as
// prep/review_schedule.h updates it and prep/review_state.h keeps it. Plain data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tpm {

// How an answer went, the four buttons of Anki.
enum class Answer { again, hard, good, easy };

// Days since 1970-01-01 (UTC): the drill schedules whole days.
using Day = long;

struct ReviewCard {
    std::string id;
    int repetitions = 0;  // answers in a row that were not "again"
    double ease = 2.5;    // SM-2's easiness factor, at least 1.3
    long interval = 0;    // days until it is due again after the last answer
    Day due = 0;          // the day it is next shown
    Day last = 0;         // the day of the last answer
    int lapses = 0;       // times answered "again" after it had been learnt
    int reviews = 0;      // answers in all
    // Its document is no longer in the index (the note was deleted or its heading renamed):
    // kept, with its history, but never shown.
    bool retired = false;
};

// "2026-12-04" for a Day, and back (nothing for text that is no such date).
std::string day_text(Day day);
std::optional<Day> parse_day(std::string_view text);

// What one drill session did, for its last line.
struct DrillSummary {
    std::size_t done = 0;          // answers given
    std::size_t answers[4] = {};   // by Answer: again, hard, good, easy
    std::size_t due_tomorrow = 0;  // cards of this session due again tomorrow
    std::vector<std::pair<std::string, std::size_t>> topics;  // answers per topic, most first
    bool quit = false;  // ended by q or Ctrl-C before the last card
};

}  // namespace tpm
