#include "prep/review_schedule.h"

#include <algorithm>
#include <cmath>

namespace tpm {

namespace {

constexpr double kMinEase = 1.3;
constexpr double kHardFactor = 1.2;
constexpr double kEasyBonus = 1.3;

long grown(long interval, double factor) {
    return std::max(interval + 1,
                    static_cast<long>(std::lround(static_cast<double>(interval) * factor)));
}

}  // namespace

ReviewCard review(ReviewCard card, Answer answer, Day today) {
    ++card.reviews;
    card.last = today;
    switch (answer) {
        case Answer::again:
            if (card.repetitions > 0) ++card.lapses;
            card.repetitions = 0;
            card.interval = 0;
            card.ease = std::max(kMinEase, card.ease - 0.2);
            break;
        case Answer::hard:
            card.interval = card.repetitions == 0 ? 1 : grown(card.interval, kHardFactor);
            card.ease = std::max(kMinEase, card.ease - 0.15);
            ++card.repetitions;
            break;
        case Answer::good:
            card.interval = card.repetitions == 0   ? 1
                            : card.repetitions == 1 ? 6
                                                    : grown(card.interval, card.ease);
            ++card.repetitions;
            break;
        case Answer::easy:
            card.interval =
                card.repetitions == 0 ? 4 : grown(card.interval, card.ease * kEasyBonus);
            card.ease += 0.15;
            ++card.repetitions;
            break;
    }
    card.due = today + card.interval;
    return card;
}

bool is_due(const ReviewCard& card, Day today) { return !card.retired && card.due <= today; }

const char* to_string(Answer answer) {
    switch (answer) {
        case Answer::again:
            return "again";
        case Answer::hard:
            return "hard";
        case Answer::good:
            return "good";
        case Answer::easy:
            return "easy";
    }
    return "good";
}

}  // namespace tpm
