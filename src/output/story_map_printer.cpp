#include "output/story_map_printer.h"

#include <cstdio>
#include <string>

#include "output/styled_text.h"

namespace tpm {

namespace {

using detail::Styled;
using detail::Tone;
using detail::two_decimals;
using detail::write_paragraph;
using detail::write_wrapped;

// "ID  title" at `indent`, wrapped with a hanging indent, then `after` on its own line.
void write_item(std::ostream& out, std::size_t indent, const Document& doc, const Styled& after,
                const TextStyle& style) {
    Styled item(doc.id, indent == 0 ? Tone::bold : Tone::path);
    item.add("  ", Tone::plain);
    item.add(doc.title, indent == 0 ? Tone::bold : Tone::plain);
    write_wrapped(out, Styled(std::string(indent, ' '), Tone::plain), item, indent + 4, style);
    if (!after.text().empty()) write_paragraph(out, indent + 4, after, style);
}

}  // namespace

void print_story_map(std::ostream& out, const StoryMap& map, const TextStyle& style) {
    Styled head("Behavioural questions and your stories", Tone::bold);
    head.add(" (a story answers a question when it holds " + two_decimals(map.threshold) +
                 " or more of the question's vocabulary)",
             Tone::dim);
    write_paragraph(out, 0, head, style);
    for (const QuestionStories& q : map.questions) {
        out << '\n';
        write_item(out, 0, q.question, Styled(), style);
        if (q.stories.empty())
            write_paragraph(out, 4, Styled("no story yet", Tone::highlight), style);
        for (const StoryMatch& s : q.stories) {
            write_item(out, 4, s.story,
                       Styled("similarity " + two_decimals(s.similarity), Tone::dim), style);
        }
    }
    bool heading = false;
    for (const StoryEntry& s : map.stories) {
        if (s.missing.empty()) continue;
        if (!heading) {
            out << '\n';
            write_paragraph(out, 0, Styled("Stories missing a part:", Tone::bold), style);
        }
        heading = true;
        std::string missing;
        for (const std::string& part : s.missing) missing += (missing.empty() ? "" : ", ") + part;
        write_item(out, 2, s.story, Styled("missing: " + missing, Tone::highlight), style);
    }
    heading = false;
    for (const StoryEntry& s : map.stories) {
        if (!s.questions.empty()) continue;
        if (!heading) {
            out << '\n';
            write_paragraph(
                out, 0, Styled("Stories that answer no behavioural question:", Tone::bold), style);
        }
        heading = true;
        write_item(out, 2, s.story, Styled(), style);
    }
}

}  // namespace tpm
