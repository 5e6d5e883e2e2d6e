#pragma once
// PCRE2 (8-bit code units, UTF-8), loaded on first use by the trampolines in lazy.c (see
// scripts/generate-lazy-shims.py). The header names every function with its code-unit suffix through
// macros Swift cannot import: Swift calls the suffixed names (`pcre2_compile_8`).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
