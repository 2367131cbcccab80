#include "cli/index_command.h"
