// The markdown reader of the notes: md4c's callbacks flattened into Blocks. md4c reports no
// positions, but its text callbacks point into the input, so a block's line is found from the
// offset of its first text.
#include <md4c.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/notes_blocks.h"
#include "text/ascii.h"

namespace tpm::detail {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kMaxEntityBytes = 32;

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Appends the character an entity ("&amp;", "&#39;", "&#x2014;") stands for; an entity this
// does not know is kept as written.
void append_entity(std::string& out, std::string_view entity) {
    const std::string_view name = entity.substr(1, entity.size() - 2);
    if (name.starts_with('#') && name.size() > 1) {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        std::uint32_t cp = 0;
        const std::string_view digits = name.substr(hex ? 2 : 1);
        for (char c : digits) {
            std::uint32_t d = 0;
            if (c >= '0' && c <= '9') {
                d = static_cast<std::uint32_t>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                d = static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (hex && c >= 'A' && c <= 'F') {
                d = static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                out.append(entity);
                return;
            }
            cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + d, 0x110000);
        }
        if (!digits.empty()) {
            append_utf8(out, cp);
            return;
        }
    }
    static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", " "},
        {"mdash", "\xE2\x80\x94"},
        {"ndash", "\xE2\x80\x93"},
        {"hellip", "\xE2\x80\xA6"},
        {"rarr", "\xE2\x86\x92"},
        {"copy", "\xC2\xA9"},
    };
    for (const auto& [key, value] : kNamed) {
        if (name == key) {
            out.append(value);
            return;
        }
    }
    out.append(entity);
}

// Tags that end a run of text in an HTML block, so their contents become separate paragraphs.
bool is_break_tag(std::string_view name) {
    static constexpr std::string_view kTags[] = {
        "p",     "div",        "br",      "li",         "ul",     "ol",     "tr",
        "table", "pre",        "hr",      "dl",         "dt",     "dd",     "td",
        "th",    "blockquote", "section", "article",    "center", "head",   "body",
        "html",  "img",        "figure",  "figcaption", "nav",    "header", "footer",
    };
    return std::find(std::begin(kTags), std::end(kTags), name) != std::end(kTags);
}

// "<import X from './x';>" lines of MDX files (Docusaurus writes them in .md too): code, not
// prose.
bool is_mdx_statement(std::string_view text) {
    if (text.find('\n') != std::string_view::npos) return false;
    if (!text.starts_with("import ") && !text.starts_with("export ")) return false;
    return text.find(" from ") != std::string_view::npos || text.ends_with(';');
}

// One HTML block of the markdown: its text becomes paragraphs (and <h1>-<h6> headings),
// <details> and </details> become details blocks with the <summary> text; other tags are
// dropped. A details block may get its summary from a later HTML block, when a blank line
// separates them.
class HtmlReader {
  public:
    HtmlReader(std::vector<Block>& blocks, std::size_t& open_summary, int line)
        : blocks_(blocks), open_summary_(open_summary), line_(line) {}

    void read(std::string_view html) {
        html_ = html;
        while (pos_ < html_.size()) {
            if (html_.substr(pos_).starts_with("<!--")) {
                const std::size_t end = html_.find("-->", pos_ + 4);
                advance_to(end == std::string_view::npos ? html_.size() : end + 3);
                continue;
            }
            if (html_[pos_] != '<') {
                read_char();
                continue;
            }
            std::size_t name_start = pos_ + 1;
            const bool closing = name_start < html_.size() && html_[name_start] == '/';
            if (closing) ++name_start;
            std::size_t name_end = name_start;
            while (name_end < html_.size() && text::is_ascii_alnum(html_[name_end])) ++name_end;
            if (name_end == name_start) {
                read_char();  // a '<' that opens no tag ("a < b")
                continue;
            }
            const std::size_t gt = html_.find('>', name_end);
            advance_to(gt == std::string_view::npos ? html_.size() : gt + 1);
            on_tag(text::ascii_lower(html_.substr(name_start, name_end - name_start)), closing);
        }
        flush();
    }

  private:
    void advance_to(std::size_t end) {
        const auto from = html_.begin() + static_cast<std::ptrdiff_t>(pos_);
        line_ += static_cast<int>(
            std::count(from, html_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
        pos_ = end;
    }

    void read_char() {
        const char c = html_[pos_];
        std::string& out = in_summary_ ? summary_ : text_;
        if (c == '&') {
            // Entities are short; looking further would make "&&&..." quadratic.
            const std::size_t semi = html_.substr(pos_, kMaxEntityBytes).find(';');
            if (semi != std::string_view::npos) {
                append_entity(out, html_.substr(pos_, semi + 1));
                advance_to(pos_ + semi + 1);
                return;
            }
        }
        if (text_line_ == 0 && !in_summary_ && c != ' ' && c != '\n' && c != '\t') {
            text_line_ = line_;
        }
        out.push_back(c);
        advance_to(pos_ + 1);
    }

    void on_tag(const std::string& name, bool closing) {
        if (name == "details") {
            flush();
            Block block;
            block.type = closing ? BlockType::details_close : BlockType::details_open;
            block.line = line_;
            blocks_.push_back(std::move(block));
            if (!closing) open_summary_ = blocks_.size() - 1;
        } else if (name == "summary") {
            in_summary_ = !closing;
            if (!closing) {
                flush();
                summary_.clear();
                summary_line_ = line_;
            } else if (open_summary_ != kNone) {
                blocks_[open_summary_].text = collapse_space(summary_);
                open_summary_ = kNone;
            } else {
                // A summary outside <details> is plain text.
                if (text_line_ == 0) text_line_ = summary_line_;
                text_.append(summary_);
            }
        } else if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
            flush();
            heading_ = closing ? 0 : name[1] - '0';
        } else if (is_break_tag(name)) {
            flush();
        } else if ((name == "script" || name == "style") && !closing) {
            const std::size_t end = html_.find("</", pos_);
            advance_to(end == std::string_view::npos ? html_.size() : end);
        }
    }

    // The text so far becomes a paragraph, or a heading inside <hN>.
    void flush() {
        std::string clean = collapse_space(text_);
        if (!clean.empty()) {
            Block block;
            block.type = heading_ > 0 ? BlockType::heading : BlockType::paragraph;
            block.level = heading_;
            block.line = text_line_ > 0 ? text_line_ : line_;
            block.text = std::move(clean);
            blocks_.push_back(std::move(block));
        }
        text_.clear();
        text_line_ = 0;
    }

    std::vector<Block>& blocks_;
    std::size_t& open_summary_;  // a details block still waiting for its <summary>
    std::string_view html_;
    std::size_t pos_ = 0;
    int line_;
    std::string text_, summary_;
    int text_line_ = 0;  // line of the first character of text_
    int heading_ = 0;    // level of the <hN> being read
    int summary_line_ = 0;
    bool in_summary_ = false;
};

class MarkdownReader {
  public:
    MarkdownReader(std::string_view body, int first_line, std::vector<Block>& blocks)
        : body_(body), first_line_(first_line), blocks_(blocks) {
        for (std::size_t nl = body.find('\n'); nl != std::string_view::npos;
             nl = body.find('\n', nl + 1)) {
            newlines_.push_back(nl);
        }
    }

    bool run() {
        MD_PARSER parser{};
        parser.flags = MD_DIALECT_GITHUB;
        parser.enter_block = &MarkdownReader::on_enter_block;
        parser.leave_block = &MarkdownReader::on_leave_block;
        parser.enter_span = &MarkdownReader::on_enter_span;
        parser.leave_span = &MarkdownReader::on_leave_span;
        parser.text = &MarkdownReader::on_text;
        const int rc = md_parse(body_.data(), static_cast<MD_SIZE>(body_.size()), &parser, this);
        // An exception cannot cross md4c's C frames, so a callback keeps it until md4c returns.
        if (error_) std::rethrow_exception(error_);
        return rc == 0;
    }

  private:
    template <typename F>
    static int guard(void* self, F&& f) {
        auto* reader = static_cast<MarkdownReader*>(self);
        try {
            f(*reader);
            return 0;
        } catch (...) {
            reader->error_ = std::current_exception();
            return 1;
        }
    }
    static int on_enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
        return guard(self, [&](MarkdownReader& r) { r.enter_block(type, detail); });
    }
    static int on_leave_block(MD_BLOCKTYPE type, void*, void* self) {
        return guard(self, [&](MarkdownReader& r) { r.leave_block(type); });
    }
    static int on_enter_span(MD_SPANTYPE type, void*, void* self) {
        return guard(self, [&](MarkdownReader& r) { r.enter_span(type); });
    }
    static int on_leave_span(MD_SPANTYPE type, void*, void* self) {
        return guard(self, [&](MarkdownReader& r) { r.leave_span(type); });
    }
    static int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        return guard(self, [&](MarkdownReader& r) { r.text(type, std::string_view(text, size)); });
    }

    int line_at(std::size_t offset) const {
        const auto before = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
        return first_line_ + static_cast<int>(before - newlines_.begin());
    }

    // Starts a block and makes it take the text that follows. Its line is a guess (the line of
    // the last text seen) until its own first text arrives.
    void open(BlockType type, int level) {
        Block block;
        block.type = type;
        block.level = level;
        block.line = line_at(last_offset_);
        blocks_.push_back(std::move(block));
        target_ = blocks_.size() - 1;
        positioned_ = false;
    }

    // Text goes back to the enclosing list item, if any, once a block inside it ends.
    void close() {
        target_ = items_.empty() ? kNone : items_.back();
        positioned_ = true;
    }

    void enter_block(MD_BLOCKTYPE type, void* detail) {
        switch (type) {
            case MD_BLOCK_LI:
                open(BlockType::item, static_cast<int>(items_.size()) + 1);
                items_.push_back(target_);
                break;
            case MD_BLOCK_H:
                open(BlockType::heading,
                     static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
                in_heading_ = true;
                break;
            case MD_BLOCK_CODE:
                open(BlockType::code, 0);
                break;
            case MD_BLOCK_HTML:
                html_.clear();
                html_offset_ = kNone;
                in_html_ = true;
                break;
            case MD_BLOCK_P:
                if (!items_.empty()) {
                    // A paragraph of a loose list item is the item's text.
                    Block& item = blocks_[items_.back()];
                    if (!item.text.empty()) item.text.push_back('\n');
                    target_ = items_.back();
                } else {
                    open(BlockType::paragraph, 0);
                }
                break;
            case MD_BLOCK_TABLE:
                open(BlockType::paragraph, 0);
                blocks_.back().keep_lines = true;
                break;
            case MD_BLOCK_TR:
                if (target_ != kNone && !blocks_[target_].text.empty()) {
                    blocks_[target_].text.push_back('\n');
                }
                cells_ = 0;
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                if (target_ != kNone && cells_++ > 0) blocks_[target_].text.append(" | ");
                break;
            default:
                break;
        }
    }

    void leave_block(MD_BLOCKTYPE type) {
        switch (type) {
            case MD_BLOCK_LI:
                items_.pop_back();
                close();
                break;
            case MD_BLOCK_H:
                in_heading_ = false;
                close();
                break;
            case MD_BLOCK_CODE:
                if (target_ != kNone) {
                    std::string& code = blocks_[target_].text;
                    while (!code.empty() && code.back() == '\n') code.pop_back();
                }
                close();
                break;
            case MD_BLOCK_P:
                if (items_.empty() && !blocks_.empty() && is_mdx_statement(blocks_.back().text)) {
                    blocks_.pop_back();
                }
                close();
                break;
            case MD_BLOCK_TABLE:
                close();
                break;
            case MD_BLOCK_HTML:
                in_html_ = false;
                read_html();
                break;
            default:
                break;
        }
    }

    void enter_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_IMG) {
            ++image_depth_;
        } else if (type == MD_SPAN_STRONG && target_ != kNone && strong_target_ == kNone) {
            // A bold span that opens the block may be a label ("**Situation:** ...").
            const Block& block = blocks_[target_];
            if (block.bold_end == 0 && block.text.size() < 16 && trim_space(block.text).empty()) {
                strong_target_ = target_;
            }
        }
    }

    void leave_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_IMG) {
            --image_depth_;
        } else if (type == MD_SPAN_STRONG && strong_target_ != kNone) {
            if (strong_target_ == target_) blocks_[target_].bold_end = blocks_[target_].text.size();
            strong_target_ = kNone;
        }
    }

    void text(MD_TEXTTYPE type, std::string_view s) {
        const bool in_input = s.data() >= body_.data() && s.data() < body_.data() + body_.size();
        if (in_input) {
            last_offset_ = static_cast<std::size_t>(s.data() - body_.data());
            if (in_html_ && html_offset_ == kNone) html_offset_ = last_offset_;
            if (!positioned_ && target_ != kNone) {
                blocks_[target_].line = line_at(last_offset_);
                positioned_ = true;
            }
        }
        if (in_html_) {
            html_.append(s);
            return;
        }
        // Image descriptions ("Imgur") are left out, and so is text outside any block.
        if (image_depth_ > 0 || target_ == kNone) return;
        std::string& out = blocks_[target_].text;
        switch (type) {
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR:
                out.push_back(in_heading_ ? ' ' : '\n');
                break;
            case MD_TEXT_NULLCHAR:
                out.append("\xEF\xBF\xBD");
                break;
            case MD_TEXT_ENTITY:
                append_entity(out, s);
                break;
            case MD_TEXT_HTML:
                // Inline tags are markup; only a line break stands for a space.
                if (s.starts_with("<br") || s.starts_with("<BR")) out.push_back(' ');
                break;
            default:
                out.append(s);
                break;
        }
    }

    void read_html() {
        const int line = line_at(html_offset_ == kNone ? last_offset_ : html_offset_);
        HtmlReader(blocks_, open_summary_, line).read(html_);
    }

    std::string_view body_;
    int first_line_;
    std::vector<std::size_t> newlines_;  // offsets of '\n' in body_
    std::vector<Block>& blocks_;
    std::exception_ptr error_;

    std::size_t last_offset_ = 0;     // offset of the last text seen
    std::size_t target_ = kNone;      // the block taking text
    bool positioned_ = true;          // the target's line is known
    std::vector<std::size_t> items_;  // open list items, outermost first
    std::size_t strong_target_ = kNone;
    int image_depth_ = 0;
    int cells_ = 0;
    bool in_heading_ = false;

    bool in_html_ = false;
    std::string html_;
    std::size_t html_offset_ = kNone;
    std::size_t open_summary_ = kNone;  // a details block still waiting for its <summary>
};

}  // namespace

bool markdown_blocks(std::string_view body, int first_line, std::vector<Block>& blocks) {
    if (body.size() > std::numeric_limits<MD_SIZE>::max()) return false;
    return MarkdownReader(body, first_line, blocks).run();
}

}  // namespace tpm::detail
