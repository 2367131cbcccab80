#include "text/normalize.h"
