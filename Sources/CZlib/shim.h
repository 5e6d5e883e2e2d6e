#pragma once
#include <zlib.h>

/* inflateInit2 is a macro (it passes the library's version and the stream's size): it does not reach Swift. */
static inline int czlib_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
