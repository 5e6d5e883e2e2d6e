#pragma once
// libcrypto digests, loaded on first use by the trampolines in lazy.c (see scripts/generate-lazy-shims.py).
#include <openssl/evp.h>
