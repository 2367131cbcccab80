#include "text/words.h"
