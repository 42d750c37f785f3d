// How much two SHA-1 streams interleaved on the SHA instructions gain over one, on this CPU: a
// timing model of SHA-NI SHA-1's dependency chain (the real instruction mix per 64-byte block,
// with a simplified message schedule), NOT a correct digest. One stream waits on each sha1rnds4's
// latency; two independent streams fill those waits. Measured here (docs/performance-log.md,
// 2026-12-02): one stream 1.8 GB/s, two interleaved 3.1 GB/s.
//
//     cc -O2 -o /tmp/sha1_lanes tools/bench/sha1_lanes.c && /tmp/sha1_lanes
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
// One round group of four: the next E, the message schedule, four rounds.
#define ROUND(ABCD,E0,E1,M0,M1,M2,M3,f) \
    E1 = _mm_sha1nexte_epu32(E1, M1); E0 = ABCD; M0 = _mm_sha1msg2_epu32(M0, M1); \
    ABCD = _mm_sha1rnds4_epu32(ABCD, E1, f); M2 = _mm_sha1msg1_epu32(M2, M1); M3 = _mm_xor_si128(M3, M1);
__attribute__((target("sha,sse4.1"))) static void one(__m128i *s, __m128i *e, const uint8_t *d, size_t blocks) {
  __m128i ABCD = *s, E0 = *e, E1;
  for (; blocks; blocks--, d += 64) {
    __m128i m0 = _mm_loadu_si128((const void*)d), m1 = _mm_loadu_si128((const void*)(d+16)), m2 = _mm_loadu_si128((const void*)(d+32)), m3 = _mm_loadu_si128((const void*)(d+48));
    __m128i sa = ABCD, se = E0;
    E0 = _mm_add_epi32(E0, m0); E1 = ABCD; ABCD = _mm_sha1rnds4_epu32(ABCD, E0, 0);
    for (int r = 0; r < 19; r += 4) {
      ROUND(ABCD,E0,E1,m0,m1,m2,m3,0)
      ROUND(ABCD,E1,E0,m1,m2,m3,m0,1)
      ROUND(ABCD,E0,E1,m2,m3,m0,m1,2)
      ROUND(ABCD,E1,E0,m3,m0,m1,m2,3)
    }
    E0 = _mm_sha1nexte_epu32(E0, se); ABCD = _mm_add_epi32(ABCD, sa);
  }
  *s = ABCD; *e = E0;
}
__attribute__((target("sha,sse4.1"))) static void two(__m128i *s, __m128i *e, const uint8_t *d, const uint8_t *d2, size_t blocks) {
  __m128i ABCD = s[0], E0 = e[0], E1, ABCDb = s[1], E0b = e[1], E1b;
  for (; blocks; blocks--, d += 64, d2 += 64) {
    __m128i m0 = _mm_loadu_si128((const void*)d), m1 = _mm_loadu_si128((const void*)(d+16)), m2 = _mm_loadu_si128((const void*)(d+32)), m3 = _mm_loadu_si128((const void*)(d+48));
    __m128i n0 = _mm_loadu_si128((const void*)d2), n1 = _mm_loadu_si128((const void*)(d2+16)), n2 = _mm_loadu_si128((const void*)(d2+32)), n3 = _mm_loadu_si128((const void*)(d2+48));
    __m128i sa = ABCD, se = E0, sb = ABCDb, seb = E0b;
    E0 = _mm_add_epi32(E0, m0); E1 = ABCD; ABCD = _mm_sha1rnds4_epu32(ABCD, E0, 0);
    E0b = _mm_add_epi32(E0b, n0); E1b = ABCDb; ABCDb = _mm_sha1rnds4_epu32(ABCDb, E0b, 0);
    for (int r = 0; r < 19; r += 4) {
      ROUND(ABCD,E0,E1,m0,m1,m2,m3,0) ROUND(ABCDb,E0b,E1b,n0,n1,n2,n3,0)
      ROUND(ABCD,E1,E0,m1,m2,m3,m0,1) ROUND(ABCDb,E1b,E0b,n1,n2,n3,n0,1)
      ROUND(ABCD,E0,E1,m2,m3,m0,m1,2) ROUND(ABCDb,E0b,E1b,n2,n3,n0,n1,2)
      ROUND(ABCD,E1,E0,m3,m0,m1,m2,3) ROUND(ABCDb,E1b,E0b,n3,n0,n1,n2,3)
    }
    E0 = _mm_sha1nexte_epu32(E0, se); ABCD = _mm_add_epi32(ABCD, sa);
    E0b = _mm_sha1nexte_epu32(E0b, seb); ABCDb = _mm_add_epi32(ABCDb, sb);
  }
  s[0] = ABCD; e[0] = E0; s[1] = ABCDb; e[1] = E0b;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
  size_t n = 1 << 24; uint8_t *buf = malloc(2 * n); for (size_t i = 0; i < 2 * n; i++) buf[i] = i * 7;
  __m128i s[2] = {_mm_set1_epi32(1), _mm_set1_epi32(2)}, e[2] = {_mm_set1_epi32(3), _mm_set1_epi32(4)};
  for (int rep = 0; rep < 5; rep++) {
    double t0 = now(); one(&s[0], &e[0], buf, 2 * n / 64); double t1 = now();
    two(s, e, buf, buf + n, n / 64); double t2 = now();
    printf("one stream %.0f MB/s, two interleaved %.0f MB/s\n", 2 * n / (t1 - t0) / 1e6, 2 * n / (t2 - t1) / 1e6);
  }
  uint32_t out[8]; _mm_storeu_si128((void*)out, s[0]); _mm_storeu_si128((void*)(out+4), s[1]); printf("(two state words, printed so the work is not optimised away: %u %u)\n", out[0], out[4]);
}
