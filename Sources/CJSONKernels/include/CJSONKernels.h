#ifndef CJSONKERNELS_H
#define CJSONKERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether this CPU runs the AVX-512 kernels below: whether it has every feature they are built for
/// (HS_KERNEL_FEATURES, in kernels_common.h); checked once. Swift asks through KernelChoice.
bool hs_json_kernels_available(void);

/// Copies the content of a JSON string from `*src` (just after its opening quote) to `*dst`,
/// resolving the escapes `\"`, `\\` and `\/`, 64 bytes at a time. It stops at the first byte that
/// needs a closer look and leaves both cursors there: the closing quote, another escape's backslash,
/// a control byte, invalid UTF-8, a backslash at `end - 1`, or `end`. `*dst` must have room for
/// `end - *src + 64` bytes. Sets `*resolved_escape` when it resolved an escape.
/// Call only when `hs_json_kernels_available()`.
void hs_json_copy_string(const uint8_t **src, const uint8_t *end, uint8_t **dst, bool *resolved_escape);

/// Indexes a JSON text for the parser: writes the offsets, in order, of its structural bytes
/// (`{ } [ ] : ,` outside strings; every quote that is not escaped, opening or closing; every
/// backslash that starts an escape; the first byte of each run of other non-white-space bytes
/// outside strings, such as a number, a literal or anything invalid), then `length` twice.
/// Returns how many offsets it wrote before those two, or -1 when the text cannot be valid JSON
/// (invalid UTF-8; a control byte in a string; a backslash outside one; a string left open).
/// `offsets` needs room for `length + 66` entries. Call only when `hs_json_kernels_available()`.
long hs_json_index(const uint8_t *bytes, size_t length, uint32_t *offsets);

/// One value of a parsed JSON text, laid out as the Swift `JSONToken` (kind: object 0, array 1,
/// string 2, number 3, true 4, false 5, null 6).
typedef struct {
    uint8_t kind;
    bool has_escapes;
    bool has_unpaired_surrogate;
    uint8_t reserved;
    uint32_t start;
    uint32_t end;
    uint32_t next;
} hs_json_token;

/// Parses a JSON text from the offsets `hs_json_index` wrote for it into `tokens`, as the Swift
/// parse loop does (`JSONTapeParser`), keeping only tokens nested at most `max_token_depth` deep.
/// `open` needs room for 64 entries. Returns how many tokens it wrote; -1 when the text is not
/// valid JSON (the Swift scanner then says why); -2 when `capacity` tokens are not enough.
long hs_json_parse_indexed(const uint8_t *text, size_t length, const uint32_t *offsets,
                           hs_json_token *tokens, size_t capacity, uint32_t *open, long max_token_depth);

/// Decodes `blocks` blocks of 64 characters of standard base64 (no padding, no white space) from
/// `src`, writing 48 bytes for each to `dst`. Stops before the first block holding a character
/// outside the alphabet and returns how many blocks it decoded. Call only when
/// `hs_json_kernels_available()`.
size_t hs_base64_decode_blocks(const uint8_t *src, size_t blocks, uint8_t *dst);

/// A 128-bit fingerprint of `length` bytes, written to `out[0]` and `out[1]`: equal bytes give equal
/// fingerprints, different ones almost surely differ. Call only when `hs_json_kernels_available()`.
void hs_fingerprint(const uint8_t *bytes, size_t length, uint64_t *out);

/// Whether this CPU has the SHA instructions (and SSSE3, SSE4.1) that `hs_sha1_blocks` and
/// `hs_hmac_sha1_many` run on; checked once.
bool hs_sha1_available(void);

/// Hashes `blocks` 64-byte blocks at `data` into the SHA-1 state `state` (h0 to h4): the compression
/// function alone, no padding. Call only when `hs_sha1_available()`.
void hs_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks);

/// The HMAC-SHA1 codes of `count` messages, written 20 bytes each to `codes`, from the SHA-1 states
/// after the padded key's inner and outer blocks (`hs_sha1_blocks` of the key XOR 0x36 and XOR
/// 0x5C): two messages are hashed at once, the next taking a lane as soon as one ends, so the two
/// streams share the SHA instructions' waits. Call only when `hs_sha1_available()`.
void hs_hmac_sha1_many(const uint32_t inner[5], const uint32_t outer[5], const uint8_t *const *messages,
                       const size_t *lengths, size_t count, uint8_t *codes);

/// Asks the CPU to bring the cache line at `address` in before it is written: a merge inserts a
/// batch of keys into a table far larger than the caches, each in a slot nothing predicts.
static inline void hs_prefetch_for_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
