#include "ingest/notes.h"

namespace tpm {

// Placeholder until the notes parser lands.
IngestResult parse_note(const NoteFile&) { return {}; }

}  // namespace tpm
