#include "ingest/front_matter.h"
