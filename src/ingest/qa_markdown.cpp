#include "ingest/qa_markdown.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/front_matter.h"
#include "ingest/ingest_text.h"
#include "text/ascii.h"

namespace tpm {
namespace {

using detail::bullet_length;
using detail::first_sentence;
using detail::join_nonempty;
using detail::Labelled;
using detail::rule_char;
using detail::split_label;
using detail::split_lines;
using detail::trim_space;

constexpr std::string_view kAnswerPrefix = "Answer:";
constexpr std::string_view kWhyPrefix = "Why this is important:";

// An unmarked list item ("Reallocating resources") is a short phrase without end punctuation.
constexpr std::size_t kMaxItemBytes = 100;
// An unlabelled tip is titled by its first sentence, or this many bytes of it.
constexpr std::size_t kMaxTitleBytes = 60;

// Consecutive non-blank lines, joined with single spaces.
struct Paragraph {
    std::string text;
    int line = 0;         // 1-based line of its first line
    bool bullet = false;  // began with a markdown list marker, removed from text
};

bool ends_with_colon(std::string_view s) { return !s.empty() && s.back() == ':'; }

// Reads the decimal number at the start of `s` into `n`; returns the digits' length, or 0.
std::size_t read_number(std::string_view s, int& n) {
    std::size_t len = 0;
    while (len < s.size() && text::is_ascii_digit(s[len])) ++len;
    if (len == 0 || len > 9) return 0;
    std::from_chars(s.data(), s.data() + len, n);
    return len;
}

struct QuestionLine {
    int number = 0;
    std::string text;
};

// "Question 26: How do you ...?" -> {26, "How do you ...?"}.
std::optional<QuestionLine> parse_question_line(std::string_view s) {
    constexpr std::string_view kWord = "Question";
    if (!s.starts_with(kWord)) return std::nullopt;
    s.remove_prefix(kWord.size());
    if (s.empty() || s.front() != ' ') return std::nullopt;
    s = trim_space(s);
    QuestionLine q;
    const std::size_t len = read_number(s, q.number);
    if (len == 0) return std::nullopt;
    s = trim_space(s.substr(len));
    if (s.empty() || s.front() != ':') return std::nullopt;
    q.text = std::string(trim_space(s.substr(1)));
    return q;
}

// "Top 50 Questions and Answers", the line that ends the preparation tips.
bool is_top_line(std::string_view s) {
    constexpr std::string_view kTop = "Top ";
    constexpr std::string_view kRest = " Questions and Answers";
    if (!s.starts_with(kTop)) return false;
    s.remove_prefix(kTop.size());
    int n = 0;
    const std::size_t len = read_number(s, n);
    if (len == 0) return false;
    s.remove_prefix(len);
    if (s.ends_with(':')) s.remove_suffix(1);
    return s == kRest;
}

bool is_question(const Paragraph& p) { return parse_question_line(p.text).has_value(); }

// Lines that open a new part of the document even without a blank line before them.
bool starts_block(std::string_view line) {
    return parse_question_line(line).has_value() || line.starts_with(kAnswerPrefix) ||
           line.starts_with(kWhyPrefix) || is_top_line(line);
}

// "---", "***" or "___": a markdown rule separates paragraphs and carries no text. An unclosed
// front matter's opening "---" is read this way too.
bool is_thematic_break(std::string_view line) { return rule_char(line, "-*_") != 0; }

std::vector<Paragraph> split_paragraphs(std::string_view text, int first_line) {
    std::vector<Paragraph> paras;
    bool open = false;
    int line_no = 0;
    for (std::string_view raw : split_lines(text)) {
        const std::string_view line = trim_space(raw);
        if (++line_no < first_line) continue;
        if (line.empty() || is_thematic_break(line)) {
            open = false;
            continue;
        }
        const std::size_t bullet = bullet_length(line);
        if (!open || bullet > 0 || starts_block(line)) {
            paras.push_back({std::string(trim_space(line.substr(bullet))), line_no, bullet > 0});
            open = true;
        } else {
            // A wrapped line continues the paragraph, as markdown reads it.
            paras.back().text.push_back(' ');
            paras.back().text.append(line);
        }
    }
    return paras;
}

bool looks_like_item(const Paragraph& p) {
    if (p.bullet) return true;
    if (p.text.size() > kMaxItemBytes) return false;
    const char last = p.text.back();
    return last != '.' && last != '?' && last != '!' && last != ':';
}

// Sorts the paragraphs of one answer into introduction, points, example and why. The answer
// is read in order: introduction until the first point, points (with their items) until a
// paragraph that is neither, then example, and everything from "Why this is important:" on.
class AnswerBuilder {
  public:
    explicit AnswerBuilder(Document& doc) : doc_(doc) {}

    void add(const Paragraph& p) {
        if (p.text.starts_with(kWhyPrefix)) {
            phase_ = Phase::why;
            const std::string_view rest =
                trim_space(std::string_view(p.text).substr(kWhyPrefix.size()));
            if (!rest.empty()) why_.emplace_back(rest);
            return;
        }
        if (phase_ == Phase::why) {
            why_.push_back(p.text);
        } else if (phase_ == Phase::example) {
            example_.push_back(p.text);
        } else if (auto labelled = split_label(p.text)) {
            add_labelled(p, *labelled);
        } else {
            add_unlabelled(p);
        }
    }

    // "Answer: text": the first introduction paragraph, which may open a list.
    void add_intro(std::string_view text) {
        if (text.empty()) return;
        intro_.emplace_back(text);
        list_open_ = ends_with_colon(text);
    }

    void finish() {
        doc_.answer = join_nonempty(intro_, "\n\n");
        doc_.example = join_nonempty(example_, "\n\n");
        doc_.why = join_nonempty(why_, "\n\n");
    }

  private:
    enum class Phase { intro, points, example, why };

    void add_labelled(const Paragraph& p, const Labelled& labelled) {
        if (text::ascii_lower(labelled.label) == "example") {
            phase_ = Phase::example;
            example_.emplace_back(labelled.text);
            return;
        }
        // "Develop a Recovery Plan: ..., which might include:" takes the items that follow.
        collecting_ = ends_with_colon(labelled.text);
        list_open_ = false;
        phase_ = Phase::points;
        doc_.points.push_back(
            {std::string(labelled.label), std::string(labelled.text), {}, p.line});
    }

    void add_unlabelled(const Paragraph& p) {
        const bool item = looks_like_item(p);
        if (item && collecting_) {
            doc_.points.back().items.push_back(p.text);
        } else if (item && (list_open_ || p.bullet)) {
            // A list after a lead-in ("Key aspects of my approach included:"): each item is a
            // point of the answer, without a label.
            doc_.points.push_back({"", p.text, {}, p.line});
            phase_ = Phase::points;
            list_open_ = true;
        } else if (phase_ == Phase::intro) {
            intro_.push_back(p.text);
            list_open_ = ends_with_colon(p.text);
        } else {
            phase_ = Phase::example;
            example_.push_back(p.text);
        }
    }

    Document& doc_;
    Phase phase_ = Phase::intro;
    bool list_open_ = false;   // the previous paragraph opened or continued an answer list
    bool collecting_ = false;  // the last point ends with ':' and takes the items that follow
    std::vector<std::string> intro_, example_, why_;
};

class QaParser {
  public:
    QaParser(std::vector<Paragraph> paras, const std::string& source, IngestResult& result)
        : paras_(std::move(paras)), source_(source), result_(result) {}

    void run() {
        std::size_t i = parse_tips();
        if (i < paras_.size() && is_top_line(paras_[i].text)) ++i;
        for (; i < paras_.size() && !is_question(paras_[i]); ++i) {
            warn(paras_[i].line, "text outside any question; ignored");
        }
        while (i < paras_.size()) i = parse_question(i);
    }

  private:
    void warn(int line, std::string message) {
        result_.diagnostics.push_back({source_, line, std::move(message)});
    }

    Document new_document(DocKind kind, std::string id, int line) {
        Document doc;
        doc.id = std::move(id);
        doc.kind = kind;
        doc.source = source_;
        doc.line = line;
        doc.order = static_cast<int>(result_.docs.size()) + 1;
        return doc;
    }

    // Every paragraph before "Top N Questions and Answers" (or the first question) is a tip.
    // Returns the index of the paragraph that ended them.
    std::size_t parse_tips() {
        std::size_t i = 0;
        int tip_count = 0;
        for (; i < paras_.size(); ++i) {
            const Paragraph& p = paras_[i];
            if (is_top_line(p.text) || is_question(p)) break;
            if (p.text.starts_with(kAnswerPrefix) || p.text.starts_with(kWhyPrefix)) {
                warn(p.line, "answer text outside any question; ignored");
                continue;
            }
            Document doc =
                new_document(DocKind::tip, "tips/" + std::to_string(++tip_count), p.line);
            if (auto labelled = split_label(p.text)) {
                doc.title = labelled->label;
                doc.answer = labelled->text;
            } else {
                doc.title = first_sentence(p.text, kMaxTitleBytes);
                doc.answer = p.text;
            }
            result_.docs.push_back(std::move(doc));
        }
        return i;
    }

    // Parses the question at paras_[start]; returns the index of the next question (or end).
    std::size_t parse_question(std::size_t start) {
        const Paragraph& head = paras_[start];
        const QuestionLine q = *parse_question_line(head.text);
        std::size_t end = start + 1;
        std::optional<std::size_t> answer;
        for (; end < paras_.size() && !is_question(paras_[end]); ++end) {
            if (!answer && paras_[end].text.starts_with(kAnswerPrefix)) answer = end;
        }
        const std::string num = std::to_string(q.number);
        if (const auto first = accepted_.find(q.number); first != accepted_.end()) {
            warn(head.line, "duplicate question number " + num + " (first at line " +
                                std::to_string(first->second) + "); skipped");
            return end;
        }
        if (!answer) {
            warn(head.line, "question " + num + " has no \"Answer:\"; skipped");
            return end;
        }
        for (std::size_t k = start + 1; k < *answer; ++k) {
            warn(paras_[k].line, "text between question " + num + " and its \"Answer:\"; ignored");
        }
        Document doc = new_document(DocKind::question, "Q" + num, head.line);
        doc.title = q.text;
        AnswerBuilder builder(doc);
        builder.add_intro(
            trim_space(std::string_view(paras_[*answer].text).substr(kAnswerPrefix.size())));
        for (std::size_t k = *answer + 1; k < end; ++k) builder.add(paras_[k]);
        builder.finish();
        accepted_[q.number] = head.line;
        result_.docs.push_back(std::move(doc));
        return end;
    }

    std::vector<Paragraph> paras_;
    const std::string& source_;
    IngestResult& result_;
    std::map<int, int> accepted_;  // question number -> line of the one kept
};

}  // namespace

IngestResult parse_qa_markdown(std::string_view text, const std::string& source) {
    IngestResult result;
    const FrontMatter fm = parse_front_matter(text, source, result.diagnostics);
    result.sources.push_back({source, front_matter_field(fm, "title"),
                              front_matter_field(fm, "date"), front_matter_field(fm, "excerpt"),
                              front_matter_tags(fm)});
    QaParser(split_paragraphs(text, fm.body_line), source, result).run();
    return result;
}

}  // namespace tpm
