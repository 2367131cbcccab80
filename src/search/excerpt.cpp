#include "search/excerpt.h"
