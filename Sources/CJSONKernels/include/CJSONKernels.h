#ifndef CJSONKERNELS_H
#define CJSONKERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether this CPU runs the AVX-512 kernels below (AVX-512 BW and VBMI2); checked once.
bool hs_json_kernels_available(void);

/// Copies the content of a JSON string from `*src` (just after its opening quote) to `*dst`,
/// resolving the escapes `\"`, `\\` and `\/`, 64 bytes at a time. It stops at the first byte that
/// needs a closer look and leaves both cursors there: the closing quote, another escape's backslash,
/// a control byte, invalid UTF-8, a backslash at `end - 1`, or `end`. `*dst` must have room for
/// `end - *src + 64` bytes. Sets `*resolved_escape` when it resolved an escape.
/// Call only when `hs_json_kernels_available()`.
void hs_json_copy_string(const uint8_t **src, const uint8_t *end, uint8_t **dst, bool *resolved_escape);

#endif
