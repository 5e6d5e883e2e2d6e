#pragma once
// libarchive, loaded on first use by the trampolines in lazy.c (see scripts/generate-lazy-shims.py).
#include <archive.h>
#include <archive_entry.h>
