#include "search/query_builder.h"
