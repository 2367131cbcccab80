#include "ingest/corpus.h"
