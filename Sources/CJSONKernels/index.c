// Finding the structure of a JSON text 64 bytes at a time, as simdjson's first stage does, so the
// parse loop (hs_json_parse_indexed) jumps from token to token instead of scanning bytes. The Swift
// scanner stays the reference: a text this index and that loop call valid parses to the same tape
// either way, and any text they reject is parsed again byte by byte for the precise error
// (JSONKernelTests and the fuzz target check both).
#include "kernels_common.h"

#ifdef HS_KERNELS

/// Each bit set where an odd number of `bits` lie at or below it: the inside of strings, from
/// their opening quotes.
HS_TARGET HS_INLINE uint64_t prefix_xor(uint64_t bits) {
    __m128i all = _mm_set1_epi8((char)0xFF);
    return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)bits), all, 0));
}

/// Writes `base +` the position of every set bit of `bits`, in order, as 32-bit offsets: always
/// 64 entries, of which the first popcount are meaningful.
HS_TARGET HS_INLINE void write_offsets(uint32_t *out, uint64_t bits, uint32_t base) {
    static const uint8_t positions[64] = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    };
    __m512i packed = _mm512_maskz_compress_epi8(bits, _mm512_loadu_si512((const void *)positions));
    __m512i offset = _mm512_set1_epi32((int)base);
    unsigned count = (unsigned)_mm_popcnt_u64(bits);
    _mm512_storeu_si512((void *)out, _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(packed)), offset));
    if (count > 16) {
        _mm512_storeu_si512((void *)(out + 16), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 1)), offset));
        if (count > 32) {
            _mm512_storeu_si512((void *)(out + 32), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 2)), offset));
            _mm512_storeu_si512((void *)(out + 48), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 3)), offset));
        }
    }
}

HS_TARGET long hs_json_index(const uint8_t *bytes, size_t length, uint32_t *offsets) {
    if (length >= UINT32_MAX - 64) return -1;
    const uint8_t *end = bytes + length;
    uint32_t *out = offsets;
    uint64_t endsInEscape = 0;   // bit 0: the last block ended with a backslash that starts an escape
    uint64_t endsInString = 0;   // all ones: the last block ended inside a string
    uint64_t endsInScalar = 0;   // bit 0: the last block ended with a byte of a number or literal
    unsigned continued = 0;      // bytes of this block that finish the last block's UTF-8 sequence
    for (size_t base = 0; base < length; base += 64) {
        size_t left = length - base;
        uint64_t valid = left >= 64 ? ~0ULL : _bzhi_u64(~0ULL, (unsigned)left);
        __m512i v = left >= 64 ? _mm512_loadu_si512((const void *)(bytes + base)) : _mm512_maskz_loadu_epi8(valid, bytes + base);
        __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
        uint64_t backslashes = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
        uint64_t quotes = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
        // `{` and `[` are one bit apart, as are `}` and `]`.
        uint64_t operators = _mm512_cmpeq_epi8_mask(lower, _mm512_set1_epi8('{')) | _mm512_cmpeq_epi8_mask(lower, _mm512_set1_epi8('}'))
            | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(':')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(','));
        uint64_t whitespace = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' ')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'))
            | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\t'));
        uint64_t controls = _mm512_mask_cmplt_epu8_mask(valid, v, _mm512_set1_epi8(0x20));
        uint64_t nonASCII = _mm512_movepi8_mask(v) & (~0ULL << continued);

        // Escapes, carried from block to block as simdjson's json_escape_scanner does.
        const uint64_t odd_bits = 0xAAAAAAAAAAAAAAAAULL;
        uint64_t potential = backslashes & ~endsInEscape;
        uint64_t codes = (((potential << 1) | odd_bits) - potential) ^ odd_bits;
        uint64_t escaped = codes ^ (backslashes | endsInEscape);
        uint64_t starts = codes & backslashes;
        endsInEscape = starts >> 63;

        uint64_t realQuotes = quotes & ~escaped;
        uint64_t inString = prefix_xor(realQuotes) ^ endsInString;
        endsInString = (uint64_t)((int64_t)inString >> 63);
        // Outside strings a backslash is never valid; inside them a control byte is not.
        if ((controls & inString) | (backslashes & ~inString)) return -1;

        continued = 0;
        if (nonASCII && check_utf8(bytes + base, end, nonASCII, 0, &continued)) return -1;

        uint64_t scalars = ~(operators | whitespace | quotes | backslashes) & ~inString & valid;
        uint64_t scalarStarts = scalars & ~((scalars << 1) | endsInScalar);
        endsInScalar = scalars >> 63;
        uint64_t structurals = (operators & ~inString) | realQuotes | scalarStarts | (starts & inString);
        write_offsets(out, structurals, (uint32_t)base);
        out += _mm_popcnt_u64(structurals);
    }
    if (endsInString) return -1;
    out[0] = (uint32_t)length;
    out[1] = (uint32_t)length;
    return out - offsets;
}

#else

long hs_json_index(const uint8_t *bytes, size_t length, uint32_t *offsets) {
    (void)bytes; (void)length; (void)offsets;
    return -1;
}

#endif
