// The AVX-512 kernels of hsarchive's JSON parser. They do the common case of a hot loop 64 bytes at a
// time and hand anything unusual back to the Swift code, which stays the reference: every byte these
// kernels accept, the Swift scanner accepts the same way (JSONKernelTests checks this).
#include "CJSONKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

bool hs_json_kernels_available(void) {
    static int available = -1;
    if (available < 0) {
        __builtin_cpu_init();
        available = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2")
            && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
    }
    return available;
}

/// The backslashes that start an escape and the bytes they escape, in a block whose first byte is
/// not itself escaped: within a run of backslashes every other one starts an escape. simdjson's
/// json_escape_scanner does the same with a carry between blocks.
static inline __attribute__((always_inline)) void escapes_in(uint64_t backslash, uint64_t *starts, uint64_t *escaped) {
    const uint64_t odd_bits = 0xAAAAAAAAAAAAAAAAULL;
    uint64_t maybe_escaped = backslash << 1;
    uint64_t codes = ((maybe_escaped | odd_bits) - backslash) ^ odd_bits;
    *starts = codes & backslash;
    *escaped = codes ^ backslash;
}

/// The bytes of one 64-byte block that end the fast path, and the escapes it resolves.
typedef struct {
    uint64_t stops;
    uint64_t starts;
    uint64_t nonASCII;
} block_scan;

__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
static inline __attribute__((always_inline)) block_scan scan_block(__m512i bytes, uint64_t valid) {
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

/// The length of the valid UTF-8 sequence at `p` (no overlongs, no surrogates, at most U+10FFFF),
/// or 0: JSONScanner.scanUTF8Sequence in C.
static inline unsigned utf8_sequence_length(const uint8_t *p, const uint8_t *end) {
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
static inline uint64_t check_utf8(const uint8_t *src, const uint8_t *end, uint64_t nonASCII, uint64_t stops,
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

__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
void hs_json_copy_string(const uint8_t **src_, const uint8_t *end, uint8_t **dst_, bool *resolved_escape) {
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

bool hs_json_kernels_available(void) { return false; }

void hs_json_copy_string(const uint8_t **src, const uint8_t *end, uint8_t **dst, bool *resolved_escape) {
    (void)src; (void)end; (void)dst; (void)resolved_escape;
}

#endif
