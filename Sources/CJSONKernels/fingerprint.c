// A 128-bit fingerprint of a body, 64 bytes at a time: the accumulate and scramble steps of
// XXH3 (Yann Collet's xxHash) on eight 64-bit lanes, with its own key. BodyFingerprint uses it where
// the kernels run (KernelChoice) and its own two-lane hash elsewhere; only equality within one run
// matters.
#include "kernels_common.h"

#ifdef HS_KERNELS

/// 256 bytes of key, from splitmix64: stripe `s` of a 1 KB block reads 64 of them from `8 * s`,
/// and the block's scramble reads the last 64.
static const uint64_t key[32] = {
    0x028FB16E3889E5A4ULL, 0x4EAD037A5422B500ULL, 0x20416D76494B4AC1ULL, 0xA5198407F9E546BDULL,
    0xAE39A324A572451FULL, 0xF480570F938FC14CULL, 0x1D916E9066B561D7ULL, 0x04839B62316537B9ULL,
    0x6AB5E19BACDEF3FDULL, 0x4FD71AFD114E9A1AULL, 0xB6461D0893C723EDULL, 0xD31C389E6C103545ULL,
    0x44B15EE243B6A3D2ULL, 0xD7EC57DA57BCAF36ULL, 0x57A37F4DE1DF0C06ULL, 0xC6A7AB9A1A61AB6BULL,
    0xD24D690D490A5565ULL, 0xA08B3C20AE2529A9ULL, 0x1E89EF364418AFA4ULL, 0x94404FB2AD9F875DULL,
    0x55CC58512DB88D69ULL, 0x7D3FB98BD58756EAULL, 0x57B32BFB290F9798ULL, 0x61B47594EEAC3434ULL,
    0x4B4F26308D116BB4ULL, 0xAE03E09BF45ECBC3ULL, 0xAC898F333BED19DDULL, 0x5F3FF26E60A1E775ULL,
    0x47E860387602ED12ULL, 0x3784ADA3BA22C828ULL, 0x4B06F336DDF4E675ULL, 0xC7A21A2E82C794D2ULL,
};

HS_TARGET HS_INLINE __m512i accumulate(__m512i acc, __m512i data, const uint8_t *stripeKey) {
    __m512i mixed = _mm512_xor_si512(data, _mm512_loadu_si512((const void *)stripeKey));
    __m512i product = _mm512_mul_epu32(mixed, _mm512_srli_epi64(mixed, 32));
    __m512i swapped = _mm512_shuffle_epi32(data, (_MM_PERM_ENUM)_MM_SHUFFLE(1, 0, 3, 2));
    return _mm512_add_epi64(product, _mm512_add_epi64(acc, swapped));
}

HS_TARGET HS_INLINE __m512i scramble(__m512i acc) {
    const __m512i prime = _mm512_set1_epi64(0x9E3779B1);
    __m512i mixed = _mm512_xor_si512(_mm512_xor_si512(acc, _mm512_srli_epi64(acc, 47)),
                                     _mm512_loadu_si512((const void *)((const uint8_t *)key + 192)));
    __m512i low = _mm512_mul_epu32(mixed, prime);
    __m512i high = _mm512_mul_epu32(_mm512_srli_epi64(mixed, 32), prime);
    return _mm512_add_epi64(low, _mm512_slli_epi64(high, 32));
}

static inline uint64_t fold(uint64_t a, uint64_t b) {
    __uint128_t product = (__uint128_t)a * b;
    return (uint64_t)product ^ (uint64_t)(product >> 64);
}

static inline uint64_t avalanche(uint64_t h) {
    h ^= h >> 37;
    h *= 0x165667919E3779F9ULL;
    return h ^ (h >> 32);
}

HS_TARGET void hs_fingerprint(const uint8_t *bytes, size_t length, uint64_t *out) {
    const uint8_t *stripeKeys = (const uint8_t *)key;
    __m512i acc = _mm512_set_epi64(0x9E3779B185EBCA87ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL, 0x85EBCA77C2B2AE63ULL,
                                   0x27D4EB2F165667C5ULL, 0x9E3779B97F4A7C15ULL, 0x94D049BB133111EBULL, 0xBF58476D1CE4E5B9ULL);
    size_t stripes = length / 64;
    for (size_t s = 0; s < stripes; s++) {
        acc = accumulate(acc, _mm512_loadu_si512((const void *)(bytes + 64 * s)), stripeKeys + 8 * (s & 15));
        if ((s & 15) == 15) acc = scramble(acc);
    }
    size_t rest = length - 64 * stripes;
    if (rest) {
        __m512i tail = _mm512_maskz_loadu_epi8(_bzhi_u64(~0ULL, (unsigned)rest), bytes + 64 * stripes);
        acc = accumulate(acc, tail, stripeKeys + 8 * (stripes & 15));
    }
    uint64_t lanes[8];
    _mm512_storeu_si512((void *)lanes, acc);
    uint64_t low = (uint64_t)length * 0x9E3779B185EBCA87ULL;
    uint64_t high = ~(uint64_t)length * 0xC2B2AE3D27D4EB4FULL;
    for (int i = 0; i < 4; i++) {
        low += fold(lanes[2 * i] ^ key[i], lanes[2 * i + 1] ^ key[i + 4]);
        high += fold(lanes[2 * i] ^ key[i + 8], lanes[2 * i + 1] ^ key[i + 12]);
    }
    out[0] = avalanche(low);
    out[1] = avalanche(high);
}

#else

void hs_fingerprint(const uint8_t *bytes, size_t length, uint64_t *out) {
    (void)bytes; (void)length; out[0] = 0; out[1] = 0;
}

#endif
