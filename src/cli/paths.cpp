#include "cli/paths.h"
