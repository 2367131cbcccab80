#include "output/json_printer.h"
