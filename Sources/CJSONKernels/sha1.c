// HMAC-SHA1 on the CPU's SHA instructions, two messages at a time. One SHA-1 stream waits on each
// sha1rnds4's latency; a second, independent stream fills those waits: bodies in the cache hash at
// about 1.6 times one stream's rate, 2.7 against 1.7 GB/s here, each next message taking a lane as
// soon as one ends (tools/bench/sha1_lanes.c models the two streams alone: 3.1 against 1.8 GB/s).
// swift-crypto hashes one message at a time, so this is our own code: the rounds are Intel's
// published SHA-NI sequence, and HMACSHA1KeyTests checks every code against swift-crypto's HMAC,
// which stays the implementation for a message alone and on CPUs without the instructions.
#include "CJSONKernels.h"
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

bool hs_sha1_available(void) {
    static int available = -1;
    if (available < 0) {
        __builtin_cpu_init();
        available = __builtin_cpu_supports("sha") && __builtin_cpu_supports("ssse3")
            && __builtin_cpu_supports("sse4.1");
    }
    return available;
}

/// One stream's registers: the state words A–D, E and the one before it, and the message schedule.
typedef struct {
    __m128i abcd, e0, e1, m0, m1, m2, m3, abcd_saved, e0_saved;
} lane;

#define LOAD(L, M, P, OFFSET) \
    L.M = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)((P) + (OFFSET))), \
                           _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL))

// Rounds 0-3, then the groups of four rounds that follow, as Intel's sequence writes them: group g
// takes its words from message register g % 4 and updates the schedule of the registers after it.
#define FIRST(L) \
    L.abcd_saved = L.abcd; L.e0_saved = L.e0; \
    L.e0 = _mm_add_epi32(L.e0, L.m0); L.e1 = L.abcd; L.abcd = _mm_sha1rnds4_epu32(L.abcd, L.e0, 0);
#define R1(L) \
    L.e1 = _mm_sha1nexte_epu32(L.e1, L.m1); L.e0 = L.abcd; L.abcd = _mm_sha1rnds4_epu32(L.abcd, L.e1, 0); \
    L.m0 = _mm_sha1msg1_epu32(L.m0, L.m1);
#define R2(L) \
    L.e0 = _mm_sha1nexte_epu32(L.e0, L.m2); L.e1 = L.abcd; L.abcd = _mm_sha1rnds4_epu32(L.abcd, L.e0, 0); \
    L.m1 = _mm_sha1msg1_epu32(L.m1, L.m2); L.m0 = _mm_xor_si128(L.m0, L.m2);
/// A middle group: E from EA (then EB takes A–D), words from MA, rounds of function F; MB gets its
/// second schedule step, MD its first, MC the XOR.
#define GROUP(L, EA, EB, MA, MB, MC, MD, F) \
    L.EA = _mm_sha1nexte_epu32(L.EA, L.MA); L.EB = L.abcd; L.MB = _mm_sha1msg2_epu32(L.MB, L.MA); \
    L.abcd = _mm_sha1rnds4_epu32(L.abcd, L.EA, F); L.MD = _mm_sha1msg1_epu32(L.MD, L.MA); \
    L.MC = _mm_xor_si128(L.MC, L.MA);
#define LAST(L) \
    L.e0 = _mm_sha1nexte_epu32(L.e0, L.e0_saved); L.abcd = _mm_add_epi32(L.abcd, L.abcd_saved);

#define BLOCK_ROUNDS(X) \
    X(FIRST) X(R1) X(R2) \
    X(G3) X(G4) X(G5) X(G6) X(G7) X(G8) X(G9) X(G10) X(G11) X(G12) X(G13) X(G14) X(G15) X(G16) \
    X(G17) X(G18) X(G19) X(LAST)
#define G3(L) GROUP(L, e1, e0, m3, m0, m1, m2, 0)
#define G4(L) GROUP(L, e0, e1, m0, m1, m2, m3, 0)
#define G5(L) GROUP(L, e1, e0, m1, m2, m3, m0, 1)
#define G6(L) GROUP(L, e0, e1, m2, m3, m0, m1, 1)
#define G7(L) GROUP(L, e1, e0, m3, m0, m1, m2, 1)
#define G8(L) GROUP(L, e0, e1, m0, m1, m2, m3, 1)
#define G9(L) GROUP(L, e1, e0, m1, m2, m3, m0, 1)
#define G10(L) GROUP(L, e0, e1, m2, m3, m0, m1, 2)
#define G11(L) GROUP(L, e1, e0, m3, m0, m1, m2, 2)
#define G12(L) GROUP(L, e0, e1, m0, m1, m2, m3, 2)
#define G13(L) GROUP(L, e1, e0, m1, m2, m3, m0, 2)
#define G14(L) GROUP(L, e0, e1, m2, m3, m0, m1, 2)
#define G15(L) GROUP(L, e1, e0, m3, m0, m1, m2, 3)
#define G16(L) GROUP(L, e0, e1, m0, m1, m2, m3, 3)
#define G17(L) GROUP(L, e1, e0, m1, m2, m3, m0, 3)
#define G18(L) GROUP(L, e0, e1, m2, m3, m0, m1, 3)
#define G19(L) GROUP(L, e1, e0, m3, m0, m1, m2, 3)

#define ONE_LANE(STEP) STEP(a)
#define TWO_LANES(STEP) STEP(a) STEP(b)

SHA_TARGET static inline lane load_state(const uint32_t state[5]) {
    lane l;
    l.abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1B);
    l.e0 = _mm_set_epi32((int)state[4], 0, 0, 0);
    return l;
}

SHA_TARGET static inline void store_state(lane l, uint32_t state[5]) {
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(l.abcd, 0x1B));
    state[4] = (uint32_t)_mm_extract_epi32(l.e0, 3);
}

SHA_TARGET static void blocks_one(uint32_t state[5], const uint8_t *data, size_t blocks) {
    lane a = load_state(state);
    for (; blocks; blocks--, data += 64) {
        LOAD(a, m0, data, 0); LOAD(a, m1, data, 16); LOAD(a, m2, data, 32); LOAD(a, m3, data, 48);
#define X(STEP) ONE_LANE(STEP)
        BLOCK_ROUNDS(X)
#undef X
    }
    store_state(a, state);
}

SHA_TARGET static void blocks_two(uint32_t state_a[5], const uint8_t *data_a, uint32_t state_b[5],
                                  const uint8_t *data_b, size_t blocks) {
    lane a = load_state(state_a), b = load_state(state_b);
    for (; blocks; blocks--, data_a += 64, data_b += 64) {
        LOAD(a, m0, data_a, 0); LOAD(a, m1, data_a, 16); LOAD(a, m2, data_a, 32); LOAD(a, m3, data_a, 48);
        LOAD(b, m0, data_b, 0); LOAD(b, m1, data_b, 16); LOAD(b, m2, data_b, 32); LOAD(b, m3, data_b, 48);
#define X(STEP) TWO_LANES(STEP)
        BLOCK_ROUNDS(X)
#undef X
    }
    store_state(a, state_a);
    store_state(b, state_b);
}

void hs_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) { blocks_one(state, data, blocks); }

/// One message's blocks to hash after the padded key's: its whole blocks in place, then its last
/// bytes, the 0x80, zeros and the bit length of everything hashed (the key's block included) in
/// `tail`, one block or two.
typedef struct {
    const uint8_t *whole;
    size_t whole_blocks;
    uint8_t tail[128];
    size_t tail_blocks;
} padded_message;

static void pad(padded_message *m, const uint8_t *message, size_t length, size_t length_before) {
    m->whole_blocks = length / 64;
    m->whole = m->whole_blocks ? message : NULL;
    size_t rest = length % 64;
    if (rest) memcpy(m->tail, message + length - rest, rest);
    m->tail[rest] = 0x80;
    size_t tail_length = rest + 1 + 8 <= 64 ? 64 : 128;
    memset(m->tail + rest + 1, 0, tail_length - rest - 1 - 8);
    uint64_t bits = (uint64_t)(length + length_before) * 8;
    for (int i = 0; i < 8; i++) m->tail[tail_length - 1 - i] = (uint8_t)(bits >> (8 * i));
    m->tail_blocks = tail_length / 64;
}

/// Block `index` of a padded message and how many blocks follow it in the same buffer, itself included.
static const uint8_t *block_at(const padded_message *m, size_t index, size_t *run) {
    if (index < m->whole_blocks) {
        *run = m->whole_blocks - index;
        return m->whole + 64 * index;
    }
    *run = m->whole_blocks + m->tail_blocks - index;
    return m->tail + 64 * (index - m->whole_blocks);
}

static void digest_bytes(const uint32_t state[5], uint8_t out[20]) {
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (uint8_t)(state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(state[i] >> 8);
        out[4 * i + 3] = (uint8_t)state[i];
    }
}

/// One lane of `hs_hmac_sha1_many`: the message it hashes, where it is, and its state.
typedef struct {
    size_t message;       // the message's index; `count` when the lane is idle
    bool outer;           // hashing the outer block (else the message)
    padded_message padded;
    size_t block;         // the next block of `padded`
    uint32_t state[5];
} hmac_lane;

/// Starts `lane` on the next message, if any.
static void start_message(hmac_lane *lane, size_t *next, size_t count, const uint32_t inner[5],
                          const uint8_t *const *messages, const size_t *lengths) {
    lane->message = *next < count ? (*next)++ : count;
    if (lane->message == count) return;
    lane->outer = false;
    lane->block = 0;
    memcpy(lane->state, inner, sizeof lane->state);
    pad(&lane->padded, messages[lane->message], lengths[lane->message], 64);
}

/// Moves `lane` on after its blocks ran out: from the message to the outer block, or to the next
/// message with the code written.
static void end_blocks(hmac_lane *lane, size_t *next, size_t count, const uint32_t inner[5], const uint32_t outer[5],
                       const uint8_t *const *messages, const size_t *lengths, uint8_t *codes) {
    uint8_t digest[20];
    digest_bytes(lane->state, digest);
    if (!lane->outer) {
        lane->outer = true;
        lane->block = 0;
        memcpy(lane->state, outer, sizeof lane->state);
        pad(&lane->padded, digest, 20, 64);
        return;
    }
    memcpy(codes + 20 * lane->message, digest, 20);
    start_message(lane, next, count, inner, messages, lengths);
}

void hs_hmac_sha1_many(const uint32_t inner[5], const uint32_t outer[5], const uint8_t *const *messages,
                       const size_t *lengths, size_t count, uint8_t *codes) {
    hmac_lane lanes[2];
    size_t next = 0;
    start_message(&lanes[0], &next, count, inner, messages, lengths);
    start_message(&lanes[1], &next, count, inner, messages, lengths);
    while (lanes[0].message < count || lanes[1].message < count) {
        hmac_lane *a = &lanes[0], *b = &lanes[1];
        if (a->message == count || b->message == count) {
            hmac_lane *alone = a->message == count ? b : a;
            size_t run;
            const uint8_t *block = block_at(&alone->padded, alone->block, &run);
            blocks_one(alone->state, block, run);
            alone->block += run;
        } else {
            size_t run_a, run_b;
            const uint8_t *block_a = block_at(&a->padded, a->block, &run_a);
            const uint8_t *block_b = block_at(&b->padded, b->block, &run_b);
            size_t run = run_a < run_b ? run_a : run_b;
            blocks_two(a->state, block_a, b->state, block_b, run);
            a->block += run;
            b->block += run;
        }
        for (int i = 0; i < 2; i++) {
            hmac_lane *lane = &lanes[i];
            if (lane->message < count && lane->block == lane->padded.whole_blocks + lane->padded.tail_blocks) {
                end_blocks(lane, &next, count, inner, outer, messages, lengths, codes);
            }
        }
    }
}

#else

bool hs_sha1_available(void) { return false; }

void hs_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
}

void hs_hmac_sha1_many(const uint32_t inner[5], const uint32_t outer[5], const uint8_t *const *messages,
                       const size_t *lengths, size_t count, uint8_t *codes) {
    (void)inner; (void)outer; (void)messages; (void)lengths; (void)count; (void)codes;
}

#endif
