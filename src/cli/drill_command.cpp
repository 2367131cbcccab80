#include "cli/drill_command.h"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <deque>
#include <map>

#include "cli/app_runner.h"
#include "cli/search_command.h"
#include "output/drill_printer.h"
#include "output/json_printer.h"
#include "output/text_printer.h"
#include "prep/drill_deck.h"
#include "prep/review_schedule.h"
#include "prep/review_state.h"
#include "search/similar.h"

namespace tpm::cli {

namespace {

// The terminal's modes before the session, put back however it ends: by the session's end, by
// SIGTERM or SIGHUP (handled below), or by an exception unwinding.
termios g_saved_modes{};
volatile std::sig_atomic_t g_raw = 0;

extern "C" void restore_and_die(int sig) {
    if (g_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_modes);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Keys one at a time, without echo; Ctrl-C and Ctrl-\ arrive as keys (ISIG off), so that
// quitting always goes through the session's own end and saves nothing half done.
class RawTerminal {
  public:
    RawTerminal() {
        if (tcgetattr(STDIN_FILENO, &g_saved_modes) != 0) return;
        termios raw = g_saved_modes;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        std::signal(SIGTERM, restore_and_die);
        std::signal(SIGHUP, restore_and_die);
        g_raw = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;
    ~RawTerminal() {
        if (g_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_modes);
        g_raw = 0;
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGHUP, SIG_DFL);
    }
};

// One byte of input; 'q' at its end.
char read_byte() {
    char c = 0;
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n == 1) return c;
        if (n < 0 && errno == EINTR) continue;
        return 'q';
    }
}

// Whether another byte arrives within `ms` milliseconds.
bool more_input(int ms) {
    pollfd p{STDIN_FILENO, POLLIN, 0};
    return ::poll(&p, 1, ms) > 0;
}

// The next key; 'q' at the end of input. A key that sends an escape sequence (Delete is
// ESC [ 3 ~, F5 ESC [ 1 5 ~) is read whole and comes back as ESC, which nothing takes, so that
// its digits never grade a card.
char read_key() {
    const char c = read_byte();
    if (c != '\x1b' || !more_input(50)) return c;
    const char kind = read_byte();
    if (kind != '[' && kind != 'O') return '\x1b';
    for (int i = 0; i < 16 && more_input(50); ++i) {
        const char b = read_byte();
        if (b >= '@' && b <= '~') break;  // the sequence's final byte
    }
    return '\x1b';
}

bool quits(char key) { return key == 'q' || key == 'Q' || key == 3 || key == 4 || key == 0x1c; }

// The answer a key gives, or nothing for a key that means none.
std::optional<Answer> answer_of(char key) {
    switch (key) {
        case '1':
        case 'a':
            return Answer::again;
        case '2':
        case 'h':
            return Answer::hard;
        case '3':
        case 'g':
            return Answer::good;
        case '4':
        case 'e':
            return Answer::easy;
        default:
            return std::nullopt;
    }
}

DeckRequest deck_request(const SearchOptions& options, const Environment& env) {
    DeckRequest request;
    for (const std::string& w : options.words)
        request.query += (request.query.empty() ? "" : " ") + w;
    request.topics = options.topics;
    if (!options.origin.empty()) {
        request.origin = options.origin == "notes" ? Origin::notes : Origin::corpus;
    }
    if (options.drill.kind == "question") request.kind = DocKind::question;
    if (options.drill.kind == "story") request.kind = DocKind::story;
    request.all = options.drill.all;
    request.limit = options.limit ? options.limit : 20;
    request.today = today();
    request.retire = options.index.empty() && !env.index_override;
    return request;
}

struct Session {
    const Xapian::Database& db;
    const Searcher& searcher;
    const ReviewState& state;
    std::map<std::string, ReviewCard> saved;
    Day today = 0;
    TextStyle style;
    std::ostream& out;
    DrillSummary summary;
    std::map<std::string, std::size_t> topics;
    std::size_t total = 0;  // cards of the session, a card answered "again" counted again
};

// Shows `card` and takes an answer; false when the user quits.
bool drill_card(Session& s, const Document& card, std::size_t number, std::deque<Document>& queue) {
    const bool is_new = !s.saved.count(card.id);
    s.out << '\n';
    print_card_front(s.out, card, number, s.total, is_new, s.style);
    print_keys(s.out, "space: show the answer    q: quit", s.style);
    s.out.flush();
    for (char key = read_key();; key = read_key()) {
        if (quits(key)) return false;
        if (key == ' ' || key == '\n' || key == '\r') break;
    }
    std::vector<Document> notes;
    if (card.origin == Origin::corpus) {
        for (Hit& hit : find_similar(s.db, card.id, 3, Origin::notes).hits) {
            notes.push_back(std::move(hit.doc));
        }
    }
    s.out << '\n';
    print_document_body(s.out, card, s.style, notes);
    s.out << '\n';
    print_keys(s.out, "1 again    2 hard    3 good    4 easy    q: quit", s.style);
    s.out.flush();
    std::optional<Answer> answer;
    while (!answer) {
        const char key = read_key();
        if (quits(key)) return false;
        answer = answer_of(key);
    }
    const ReviewCard after = s.state.record_answer(card.id, *answer, s.today);
    s.saved[card.id] = after;
    ++s.summary.done;
    ++s.summary.answers[static_cast<std::size_t>(*answer)];
    for (const std::string& topic : card.topics) ++s.topics[topic];
    if (*answer == Answer::again &&
        std::find_if(queue.begin(), queue.end(),
                     [&](const Document& d) { return d.id == card.id; }) == queue.end()) {
        queue.push_back(card);  // once more before the session ends, as Anki relearns it
        ++s.total;
    }
    return true;
}

void finish_summary(Session& s) {
    for (const auto& [id, card] : s.saved) {
        if (!card.retired && card.last == s.today && card.due == s.today + 1) {
            ++s.summary.due_tomorrow;
        }
    }
    for (const auto& [topic, n] : s.topics) s.summary.topics.emplace_back(topic, n);
    std::stable_sort(s.summary.topics.begin(), s.summary.topics.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
}

// `drill --due`: the cards a session would show now, one a card or as JSON.
int list_due(const Deck& deck, const std::map<std::string, ReviewCard>& saved, Day day,
             const SearchOptions& options, const Environment& env, std::ostream& out) {
    if (options.json) {
        print_drill_due_json(out, deck.cards, saved, day_text(day));
    } else {
        const TextStyle style = text_style(options, env);
        for (std::size_t i = 0; i < deck.cards.size(); ++i) {
            const auto card = saved.find(deck.cards[i].id);
            print_card_front(out, deck.cards[i], i + 1, deck.cards.size(), card == saved.end(),
                             style);
        }
    }
    return deck.cards.empty() ? 1 : 0;
}

}  // namespace

std::vector<std::string> due_question_ids(const Searcher& searcher, const SearchOptions& options,
                                          const Environment& env) {
    DeckRequest request = deck_request(options, env);
    request.kind = DocKind::question;
    request.limit = 100000;
    const std::map<std::string, ReviewCard> saved = env.drill_state
                                                        ? ReviewState(*env.drill_state).load()
                                                        : std::map<std::string, ReviewCard>{};
    std::vector<std::string> ids;
    for (const Document& card : build_deck(searcher, saved, request).cards) {
        // New cards are not due yet for a sheet: only what the drill has scheduled for today.
        if (saved.count(card.id)) ids.push_back(card.id);
    }
    return ids;
}

void setup_drill(CLI::App& app, DrillOptions& options) {
    CLI::App* command = app.add_subcommand(
        "drill", "Practise the questions and your stories with spaced repetition (SM-2)");
    command->add_flag("--all", options.all, "Also the cards that are not due yet");
    command->add_flag("--due", options.due,
                      "List the due cards instead of drilling (with --json, for scripts)");
    command->add_option("--kind", options.kind, "Only questions or only stories")
        ->check(CLI::IsMember({"question", "story"}));
    command->footer(
        "Keys: space shows the answer; 1 again, 2 hard, 3 good, 4 easy (or a, h, g, e); q or "
        "Ctrl-C quits, keeping every answer given. The cards are the shipped questions and "
        "your own questions and stories (words, --topic, --source and --kind pick), due ones "
        "first, then new ones; -n caps them (default 20).\n\n"
        "Examples:\n"
        "  tpmsearch drill --topic release-engineering\n"
        "  tpmsearch drill --kind story\n"
        "  tpmsearch drill --due --json");
    command->fallthrough();
    command->callback([&options] { options.requested = true; });
}

int run_drill(const Xapian::Database& db, const Searcher& searcher, const SearchOptions& options,
              const Environment& env, std::ostream& out, std::ostream& err) {
    if (!env.drill_state) {
        return report_error(err, "tpmsearch",
                            "drill has nowhere to keep its state: set HOME or XDG_STATE_HOME");
    }
    const ReviewState state(*env.drill_state);
    const DeckRequest request = deck_request(options, env);
    std::map<std::string, ReviewCard> saved = state.load();
    const Deck deck = build_deck(searcher, saved, request);
    if (!deck.retired.empty()) {
        std::vector<std::string> ids;
        for (const ReviewCard& card : deck.retired) ids.push_back(card.id);
        state.retire(ids);
        for (const ReviewCard& card : deck.retired) saved[card.id] = card;
        err << "tpmsearch: notice: " << deck.retired.size()
            << (deck.retired.size() == 1 ? " card is" : " cards are")
            << " retired: its document is no longer in the index (kept in " << state.file().string()
            << ")\n";
    }
    if (!deck.revived.empty()) {
        state.revive(deck.revived);
        for (const std::string& id : deck.revived) saved[id].retired = false;
    }
    if (options.drill.due) return list_due(deck, saved, request.today, options, env, out);
    if (!env.stdin_is_tty || !env.stdout_is_tty) {
        return report_error(err, "tpmsearch",
                            "drill needs a terminal to read keys from and show cards on; for "
                            "scripts: tpmsearch drill --due --json");
    }
    if (deck.cards.empty()) {
        err << "tpmsearch: nothing to drill: no card is due"
            << (deck.next_due ? " (the next on " + day_text(*deck.next_due) + ")" : std::string())
            << "; --all drills them anyway\n";
        return 1;
    }
    Session s{db, searcher, state, saved, request.today, text_style(options, env), out, {}, {}};
    std::deque<Document> queue(deck.cards.begin(), deck.cards.end());
    s.total = queue.size();
    {
        const RawTerminal raw;
        for (std::size_t number = 1; !queue.empty(); ++number) {
            const Document card = queue.front();
            queue.pop_front();
            if (!drill_card(s, card, number, queue)) {
                s.summary.quit = true;
                break;
            }
        }
    }
    finish_summary(s);
    out << '\n';
    print_drill_summary(out, s.summary, s.style);
    return 0;
}

}  // namespace tpm::cli
