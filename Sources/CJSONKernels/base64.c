// Decoding standard base64 64 characters at a time (Wojciech Muła and Daniel Lemire's AVX-512 VBMI
// method): a two-table byte permute maps characters to 6-bit values, two multiply-adds pack each
// four into 24 bits, one byte permute lines up the 48 output bytes. For bodies sent base64-encoded.
#include "kernels_common.h"

#ifdef HS_KERNELS

/// Each ASCII character's value in the alphabet, 0x80 for the others (and for '=').
static const int8_t values[128] = {
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, 62, -128, -128, -128, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -128, -128, -128, -128, -128, -128,
    -128, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -128, -128, -128, -128, -128,
    -128, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -128, -128, -128, -128, -128,
};

/// Output byte j is byte 2 - j % 3 of the 32-bit lane j / 3, whose 24 bits are big-endian.
static const uint8_t order[64] = {
    2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 18, 17, 16, 22, 21, 20, 26, 25, 24, 30, 29, 28, 34, 33, 32, 38, 37, 36, 42, 41,
    40, 46, 45, 44, 50, 49, 48, 54, 53, 52, 58, 57, 56, 62, 61, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

HS_TARGET size_t hs_base64_decode_blocks(const uint8_t *src, size_t blocks, uint8_t *dst) {
    const __m512i low = _mm512_loadu_si512((const void *)values);
    const __m512i high = _mm512_loadu_si512((const void *)(values + 64));
    const __m512i pack = _mm512_loadu_si512((const void *)order);
    for (size_t block = 0; block < blocks; block++) {
        __m512i input = _mm512_loadu_si512((const void *)(src + 64 * block));
        __m512i sixBits = _mm512_permutex2var_epi8(low, input, high);
        // A byte of 0x80 or more, or a character outside the alphabet, has its top bit set here.
        if (_mm512_movepi8_mask(_mm512_or_si512(sixBits, input))) return block;
        __m512i pairs = _mm512_maddubs_epi16(sixBits, _mm512_set1_epi32(0x01400140));
        __m512i quads = _mm512_madd_epi16(pairs, _mm512_set1_epi32(0x00011000));
        _mm512_mask_storeu_epi8(dst + 48 * block, 0xFFFFFFFFFFFFULL, _mm512_permutexvar_epi8(pack, quads));
    }
    return blocks;
}

#else

size_t hs_base64_decode_blocks(const uint8_t *src, size_t blocks, uint8_t *dst) {
    (void)src; (void)blocks; (void)dst;
    return 0;
}

#endif
