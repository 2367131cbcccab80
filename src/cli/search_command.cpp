#include "cli/search_command.h"
