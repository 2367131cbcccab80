#include "output/text_printer.h"
