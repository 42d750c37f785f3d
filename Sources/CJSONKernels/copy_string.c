// Copying a JSON string's content with its escapes resolved, 64 bytes at a time: how the delivery
// line's body is read. The Swift scanner (JSONScanner.scanStringCopying) stays the reference: every
// byte this kernel accepts, it accepts the same way (JSONKernelTests checks this).
#include "kernels_common.h"

#ifdef HS_KERNELS

/// The bytes of one 64-byte block that end the fast path, and the escapes it resolves.
typedef struct {
    uint64_t stops;
    uint64_t starts;
    uint64_t nonASCII;
} block_scan;

HS_TARGET HS_INLINE block_scan scan_block(__m512i bytes, uint64_t valid) {
    const __m512i quote = _mm512_set1_epi8('"');
    const __m512i backslash = _mm512_set1_epi8('\\');
    const __m512i slash = _mm512_set1_epi8('/');
    const __m512i space = _mm512_set1_epi8(0x20);
    uint64_t backslashes = _mm512_mask_cmpeq_epi8_mask(valid, bytes, backslash);
    uint64_t quotes = _mm512_mask_cmpeq_epi8_mask(valid, bytes, quote);
    uint64_t slashes = _mm512_mask_cmpeq_epi8_mask(valid, bytes, slash);
    uint64_t controls = _mm512_mask_cmplt_epu8_mask(valid, bytes, space);
    uint64_t nonASCII = _mm512_movepi8_mask(bytes) & valid;
    uint64_t starts, escaped;
    escapes_in(backslashes, &starts, &escaped);
    // An escape of anything but `"`, `\` or `/` goes back to the caller from its backslash.
    uint64_t otherEscapes = (escaped & ~(quotes | backslashes | slashes)) >> 1;
    block_scan scan = { (quotes & ~escaped) | controls | otherEscapes, starts, nonASCII };
    return scan;
}

HS_TARGET void hs_json_copy_string(const uint8_t **src_, const uint8_t *end, uint8_t **dst_, bool *resolved_escape) {
    const uint8_t *src = *src_;
    uint8_t *dst = *dst_;
    uint64_t resolved = 0;
    unsigned continued = 0;
    while (end - src >= 64) {
        __m512i bytes = _mm512_loadu_si512((const void *)src);
        block_scan scan = scan_block(bytes, ~0ULL);
        uint64_t nonASCII = scan.nonASCII & (~0ULL << continued);
        continued = 0;
        if (nonASCII) scan.stops = check_utf8(src, end, nonASCII, scan.stops, &continued);
        if (scan.stops) {
            unsigned taken = (unsigned)_tzcnt_u64(scan.stops);
            uint64_t keep = _bzhi_u64(~scan.starts, taken);
            _mm512_storeu_si512((void *)dst, _mm512_maskz_compress_epi8(keep, bytes));
            *src_ = src + taken;
            *dst_ = dst + _mm_popcnt_u64(keep);
            if (resolved | _bzhi_u64(scan.starts, taken)) *resolved_escape = true;
            return;
        }
        // A backslash in the last byte escapes the next block's first: the next block starts with it.
        uint64_t carried = scan.starts >> 63;
        _mm512_storeu_si512((void *)dst, _mm512_maskz_compress_epi8(~scan.starts, bytes));
        dst += 64 - _mm_popcnt_u64(scan.starts);
        src += 64 - carried;
        resolved |= scan.starts;
    }
    if (src < end) {
        unsigned length = (unsigned)(end - src);
        uint64_t valid = _bzhi_u64(~0ULL, length);
        __m512i bytes = _mm512_maskz_loadu_epi8(valid, src);
        block_scan scan = scan_block(bytes, valid);
        uint64_t nonASCII = scan.nonASCII & (~0ULL << continued);
        if (nonASCII) scan.stops = check_utf8(src, end, nonASCII, scan.stops, &continued);
        // Here a backslash in the last byte has nothing to escape: the caller reports it.
        uint64_t stops = scan.stops | (scan.starts & (1ULL << (length - 1)));
        unsigned taken = stops ? (unsigned)_tzcnt_u64(stops) : length;
        uint64_t keep = _bzhi_u64(~scan.starts, taken);
        _mm512_storeu_si512((void *)dst, _mm512_maskz_compress_epi8(keep, bytes));
        dst += _mm_popcnt_u64(keep);
        src += taken;
        resolved |= _bzhi_u64(scan.starts, taken);
    }
    *src_ = src;
    *dst_ = dst;
    if (resolved) *resolved_escape = true;
}

#else

void hs_json_copy_string(const uint8_t **src, const uint8_t *end, uint8_t **dst, bool *resolved_escape) {
    (void)src; (void)end; (void)dst; (void)resolved_escape;
}

#endif
