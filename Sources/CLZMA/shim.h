#pragma once
#include <lzma.h>

/* Function-like macros do not reach Swift; re-export the flag values debwork uses. */
static const uint32_t clzma_concatenated = LZMA_CONCATENATED;
