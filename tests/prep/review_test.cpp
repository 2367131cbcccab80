// The drill's schedule (SM-2 with four answers) and its state file: exact intervals, a file
// that survives what a session may meet (a damaged file, two writers at once).
#include "model/review.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "model/error.h"
#include "prep/review_schedule.h"
#include "prep/review_state.h"
#include "support/temp_dir.h"

namespace tpm {
namespace {

constexpr Day kToday = 20000;

TEST(ReviewSchedule, GoodGrowsOneSixThenByTheEase) {
    ReviewCard c;
    c.id = "Q26";
    EXPECT_TRUE(is_due(c, kToday));  // new
    c = review(c, Answer::good, kToday);
    EXPECT_EQ(c.interval, 1);
    EXPECT_EQ(c.due, kToday + 1);
    EXPECT_FALSE(is_due(c, kToday));
    c = review(c, Answer::good, kToday + 1);
    EXPECT_EQ(c.interval, 6);
    c = review(c, Answer::good, kToday + 7);
    EXPECT_EQ(c.interval, 15);  // 6 x 2.5
    EXPECT_DOUBLE_EQ(c.ease, 2.5);
    EXPECT_EQ(c.reviews, 3);
}

TEST(ReviewSchedule, AgainMakesItDueTodayAndLowersTheEase) {
    ReviewCard c = review(ReviewCard{}, Answer::good, kToday);
    c = review(c, Answer::good, kToday + 1);
    c = review(c, Answer::again, kToday + 7);
    EXPECT_EQ(c.due, kToday + 7);
    EXPECT_TRUE(is_due(c, kToday + 7));
    EXPECT_EQ(c.repetitions, 0);
    EXPECT_EQ(c.lapses, 1);
    EXPECT_DOUBLE_EQ(c.ease, 2.3);
    // The ease never falls under 1.3.
    for (int i = 0; i < 10; ++i) c = review(c, Answer::again, kToday + 7);
    EXPECT_DOUBLE_EQ(c.ease, 1.3);
}

TEST(ReviewSchedule, HardGrowsLessAndEasyMore) {
    const ReviewCard learnt =
        review(review(ReviewCard{}, Answer::good, kToday), Answer::good, kToday + 1);
    const ReviewCard hard = review(learnt, Answer::hard, kToday + 7);
    const ReviewCard good = review(learnt, Answer::good, kToday + 7);
    const ReviewCard easy = review(learnt, Answer::easy, kToday + 7);
    EXPECT_EQ(hard.interval, 7);   // 6 x 1.2
    EXPECT_EQ(good.interval, 15);  // 6 x 2.5
    EXPECT_EQ(easy.interval, 20);  // 6 x 2.5 x 1.3
    EXPECT_LT(hard.ease, good.ease);
    EXPECT_GT(easy.ease, good.ease);
    EXPECT_EQ(review(ReviewCard{}, Answer::easy, kToday).interval, 4);
}

TEST(ReviewState, SavesAndLoadsEveryFieldAndKeepsOtherCards) {
    test::TempDir dir;
    const ReviewState state(dir / "state" / "drill.json");
    EXPECT_TRUE(state.load().empty());
    ReviewCard a = review(ReviewCard{"Q1"}, Answer::good, kToday);
    ReviewCard b = review(ReviewCard{"notes.md#x"}, Answer::again, kToday);
    b.retired = true;
    state.save({a});
    state.save({b});
    const auto cards = state.load();
    ASSERT_EQ(cards.size(), 2u);
    EXPECT_EQ(cards.at("Q1").due, a.due);
    EXPECT_EQ(cards.at("Q1").interval, 1);
    EXPECT_TRUE(cards.at("notes.md#x").retired);
    EXPECT_DOUBLE_EQ(cards.at("notes.md#x").ease, b.ease);
    EXPECT_EQ(day_text(kToday), "2024-10-04");
    EXPECT_EQ(parse_day("2024-10-04"), kToday);
    EXPECT_FALSE(parse_day("2024-02-30"));
    EXPECT_FALSE(parse_day("yesterday"));
}

TEST(ReviewState, ADamagedFileIsAnErrorNamingItAndIsNeverOverwritten) {
    test::TempDir dir;
    const auto file = dir / "drill.json";
    for (const std::string text : {"{not json", "{\"format\":\"other\"}", "[1,2]",
                                   "{\"format\":\"tpmsearch-drill\",\"version\":1,\"cards\":"
                                   "{\"Q1\":{\"due\":\"soon\"}}}"}) {
        test::write_file(file, text);
        const ReviewState state(file);
        try {
            state.save({ReviewCard{"Q1"}});
            FAIL() << "saved over " << text;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("not a drill state file"), std::string::npos);
        }
        EXPECT_EQ(test::read_file(file), text);
    }
}

TEST(ReviewState, TwoWritersAtOnceKeepEveryAnswer) {
    test::TempDir dir;
    const ReviewState state(dir / "drill.json");
    auto writer = [&state](const std::string& prefix) {
        for (int i = 0; i < 40; ++i) {
            state.save({review(ReviewCard{prefix + std::to_string(i)}, Answer::good, kToday)});
        }
    };
    std::thread one(writer, "a");
    std::thread two(writer, "b");
    one.join();
    two.join();
    EXPECT_EQ(state.load().size(), 80u);
}

}  // namespace
}  // namespace tpm
