#include "text/width.h"
