#ifndef HSARCHIVE_CZLIB_SHIM_H
#define HSARCHIVE_CZLIB_SHIM_H
#include <zlib.h>

// zlib's init entry points are macros that Swift cannot call; these wrap them.
static inline int hs_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

static inline int hs_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
