#include "store/index_writer.h"
