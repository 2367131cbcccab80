#include "ingest/qa_markdown.h"
