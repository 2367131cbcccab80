// tests/support/markdown_shape.h: what a CommonMark parser makes of a Markdown text, to test
// the Markdown tpmsearch writes: md4c (the parser the notes reader uses) in its GitHub dialect
// (tables, strikethrough, task lists and autolinks on) and with raw HTML recognised, so that a
// link, a tag or a table that escaping failed to stop shows up here. Each heading, list item
// and paragraph is kept with its text as a reader sees it: escapes and entities resolved.
#pragma once

#include <md4c.h>

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tpm::test {

struct MarkdownHeading {
    unsigned level = 0;
    std::string text;
};

struct MarkdownShape {
    bool parsed = false;  // md_parse returned 0
    std::vector<MarkdownHeading> headings;
    std::vector<std::string> list_items;
    std::vector<std::string> paragraphs;
    std::map<MD_BLOCKTYPE, std::size_t> blocks;
    std::map<MD_SPANTYPE, std::size_t> spans;
    std::size_t html_texts = 0;  // raw HTML, inline or as a block

    std::size_t block_count(MD_BLOCKTYPE type) const {
        const auto it = blocks.find(type);
        return it == blocks.end() ? 0 : it->second;
    }
    std::size_t span_count(MD_SPANTYPE type) const {
        const auto it = spans.find(type);
        return it == spans.end() ? 0 : it->second;
    }
};

namespace detail {

struct ShapeBuilder {
    MarkdownShape shape;
    std::vector<std::string*> open;  // the texts being collected: heading, list item, paragraph

    static ShapeBuilder& of(void* data) { return *static_cast<ShapeBuilder*>(data); }

    static int enter_block(MD_BLOCKTYPE type, void* detail, void* data) {
        ShapeBuilder& b = of(data);
        ++b.shape.blocks[type];
        if (type == MD_BLOCK_H) {
            b.shape.headings.push_back({static_cast<MD_BLOCK_H_DETAIL*>(detail)->level, {}});
            b.open.push_back(&b.shape.headings.back().text);
        } else if (type == MD_BLOCK_LI) {
            b.shape.list_items.emplace_back();
            b.open.push_back(&b.shape.list_items.back());
        } else if (type == MD_BLOCK_P) {
            b.shape.paragraphs.emplace_back();
            b.open.push_back(&b.shape.paragraphs.back());
        } else if (type == MD_BLOCK_HTML) {
            ++b.shape.html_texts;
        }
        return 0;
    }

    static int leave_block(MD_BLOCKTYPE type, void*, void* data) {
        ShapeBuilder& b = of(data);
        if (type == MD_BLOCK_H || type == MD_BLOCK_LI || type == MD_BLOCK_P) b.open.pop_back();
        return 0;
    }

    static int enter_span(MD_SPANTYPE type, void*, void* data) {
        ++of(data).shape.spans[type];
        return 0;
    }

    static int leave_span(MD_SPANTYPE, void*, void*) { return 0; }

    static int text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE size, void* data) {
        ShapeBuilder& b = of(data);
        std::string piece(s, size);
        if (type == MD_TEXT_HTML) ++b.shape.html_texts;
        if (type == MD_TEXT_ENTITY) piece = resolve_entity(piece);
        if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) piece = "\n";
        for (std::string* t : b.open) *t += piece;
        return 0;
    }

    // The few entities a test needs; others stay as written.
    static std::string resolve_entity(const std::string& entity) {
        if (entity == "&amp;") return "&";
        if (entity == "&lt;") return "<";
        if (entity == "&gt;") return ">";
        if (entity == "&quot;") return "\"";
        return entity;
    }
};

}  // namespace detail

inline MarkdownShape parse_markdown(const std::string& markdown) {
    detail::ShapeBuilder builder;
    // Room enough that no collector moves while open (open pointers point into the vectors).
    builder.shape.headings.reserve(markdown.size() / 2 + 1);
    builder.shape.list_items.reserve(markdown.size() / 2 + 1);
    builder.shape.paragraphs.reserve(markdown.size() / 2 + 1);
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = &detail::ShapeBuilder::enter_block;
    parser.leave_block = &detail::ShapeBuilder::leave_block;
    parser.enter_span = &detail::ShapeBuilder::enter_span;
    parser.leave_span = &detail::ShapeBuilder::leave_span;
    parser.text = &detail::ShapeBuilder::text;
    builder.shape.parsed =
        md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder) == 0;
    return std::move(builder.shape);
}

}  // namespace tpm::test
