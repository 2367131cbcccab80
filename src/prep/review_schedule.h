// prep/review_schedule.h: when a drilled card is shown again. SM-2 (P. A. Wozniak, "Optimization
// of learning", 1990, the algorithm of SuperMemo 2 and the ancestor of Anki's), with Anki's four
// answers: "again" forgets the card (shown again today), "hard" grows the interval by 1.2 and
// lowers the ease, "good" grows it by the ease, "easy" by the ease and a bonus and raises the
// ease. SM-2 and not FSRS: it is published, deterministic and needs no parameters; FSRS is
// better once its parameters are fitted to a person's review history, which a new user of
// tpmsearch does not have, and with default parameters it gives no better schedule to explain.
// Pure functions; may include model/.
#pragma once

#include "model/review.h"

namespace tpm {

// `card` after `answer` on day `today`: its repetitions, ease, interval and due day.
ReviewCard review(ReviewCard card, Answer answer, Day today);

// Whether `card` is to be shown on `today` (a new card, never answered, is).
bool is_due(const ReviewCard& card, Day today);

// "again", "hard", "good", "easy".
const char* to_string(Answer answer);

}  // namespace tpm
