// output/story_map_printer.h: tpmsearch stories for a person: each behavioural question with
// the stories that answer it (or "no story yet"), then the stories missing a STAR part and those
// that answer no behavioural question. Renders only. May include model/ and text/.
#pragma once

#include <ostream>

#include "model/story_map.h"
#include "output/text_printer.h"

namespace tpm {

void print_story_map(std::ostream& out, const StoryMap& map, const TextStyle& style);

}  // namespace tpm
