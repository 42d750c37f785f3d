// What the kernels share: the CPU features they need, escapes within a block, UTF-8 sequences.
#ifndef HS_KERNELS_COMMON_H
#define HS_KERNELS_COMMON_H

#include "CJSONKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define HS_KERNELS 1
#include <immintrin.h>

/// The CPU features the kernels need, the one list of them: every kernel is compiled for these
/// (HS_TARGET) and runs only where the CPU has them all (hs_json_kernels_available, available.c).
/// AVX-512 F and BW: 512-bit vectors of bytes; VBMI: byte permutes (base64); VBMI2: byte compress
/// (string copy, index); BMI1 and BMI2: tzcnt, bzhi; POPCNT; PCLMUL: carry-less multiply (index).
#define HS_KERNEL_FEATURES(FEATURE, AND) \
    FEATURE("avx512f") AND FEATURE("avx512bw") AND FEATURE("avx512vbmi") AND FEATURE("avx512vbmi2") \
    AND FEATURE("bmi") AND FEATURE("bmi2") AND FEATURE("popcnt") AND FEATURE("pclmul")

#define HS_FEATURE_NAME(name) name
#define HS_TARGET __attribute__((target(HS_KERNEL_FEATURES(HS_FEATURE_NAME, ","))))
#define HS_INLINE static inline __attribute__((always_inline))

/// The backslashes that start an escape and the bytes they escape, in a block whose first byte is
/// not itself escaped: within a run of backslashes every other one starts an escape. simdjson's
/// json_escape_scanner does the same with a carry between blocks.
HS_INLINE void escapes_in(uint64_t backslash, uint64_t *starts, uint64_t *escaped) {
    const uint64_t odd_bits = 0xAAAAAAAAAAAAAAAAULL;
    uint64_t maybe_escaped = backslash << 1;
    uint64_t codes = ((maybe_escaped | odd_bits) - backslash) ^ odd_bits;
    *starts = codes & backslash;
    *escaped = codes ^ backslash;
}

/// The length of the valid UTF-8 sequence at `p` (no overlongs, no surrogates, at most U+10FFFF),
/// or 0: JSONScanner.scanUTF8Sequence in C.
HS_INLINE unsigned utf8_sequence_length(const uint8_t *p, const uint8_t *end) {
    uint8_t lead = p[0], low = 0x80, high = 0xBF;
    unsigned length;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead == 0xE0) { length = 3; low = 0xA0; }
    else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) length = 3;
    else if (lead == 0xED) { length = 3; high = 0x9F; }
    else if (lead == 0xF0) { length = 4; low = 0x90; }
    else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
    else if (lead == 0xF4) { length = 4; high = 0x8F; }
    else return 0;
    if ((size_t)(end - p) < length || p[1] < low || p[1] > high) return 0;
    for (unsigned i = 2; i < length; i++) if ((p[i] & 0xC0) != 0x80) return 0;
    return length;
}

/// Adds to `stops` the first invalid UTF-8 sequence among the non-ASCII bytes before the first stop;
/// `*continued` is how many bytes of the next block the last valid sequence takes.
HS_INLINE uint64_t check_utf8(const uint8_t *src, const uint8_t *end, uint64_t nonASCII, uint64_t stops,
                                  unsigned *continued) {
    *continued = 0;
    if (stops) nonASCII &= (stops & -stops) - 1;
    while (nonASCII) {
        unsigned at = (unsigned)__builtin_ctzll(nonASCII);
        unsigned length = utf8_sequence_length(src + at, end);
        if (!length) return stops | 1ULL << at;
        unsigned after = at + length;
        if (after >= 64) {
            *continued = after - 64;
            break;
        }
        nonASCII &= ~0ULL << after;
    }
    return stops;
}

#endif
#endif
