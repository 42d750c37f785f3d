// The parse loop over hs_json_index's offsets: JSONTapeParser.run with an IndexedCursor, in C.
// Plain C (no vector instructions), so it builds everywhere; only indexed texts reach it.
#include "CJSONKernels.h"
#include <string.h>

enum { OBJECT = 0, ARRAY = 1, STRING = 2, NUMBER = 3, TRUE_ = 4, FALSE_ = 5, NULL_ = 6 };
enum { VALUE, VALUE_OR_CLOSE, KEY_OR_CLOSE, COMMA_OR_CLOSE };
enum { MAX_DEPTH = 64 };
static const uint32_t NOT_KEPT = UINT32_MAX;

static inline int hex_value(uint8_t byte) {
    if (byte >= '0' && byte <= '9') return byte - '0';
    if (byte >= 'a' && byte <= 'f') return byte - 'a' + 10;
    if (byte >= 'A' && byte <= 'F') return byte - 'A' + 10;
    return -1;
}

/// Four hex digits at `p`, or -1: JSONScanner.hex4.
static inline long hex4(const uint8_t *p, const uint8_t *end) {
    if (end - p < 4) return -1;
    long value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_value(p[i]);
        if (digit < 0) return -1;
        value = value << 4 | digit;
    }
    return value;
}

/// The escape whose backslash is at `p`: where it ends, or NULL when it is invalid; sets
/// `*unpaired` for half a surrogate pair. JSONScanner.scanEscape.
static inline const uint8_t *scan_escape(const uint8_t *p, const uint8_t *end, bool *unpaired) {
    if (end - p < 2) return NULL;
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return p + 2;
    case 'u': {
        long unit = hex4(p + 2, end);
        if (unit < 0) return NULL;
        if (unit < 0xD800 || unit > 0xDFFF) return p + 6;
        if (unit <= 0xDBFF && end - p >= 12 && p[6] == '\\' && p[7] == 'u') {
            long low = hex4(p + 8, end);
            if (low >= 0xDC00 && low <= 0xDFFF) return p + 12;
        }
        *unpaired = true;
        return p + 6;
    }
    default:
        return NULL;
    }
}

static inline bool is_digit(const uint8_t *p, const uint8_t *end) { return p < end && (uint8_t)(*p - '0') < 10; }

/// Where the number at `p` ends, or NULL: JSONScanner.scanNumber.
static inline const uint8_t *scan_number(const uint8_t *p, const uint8_t *end) {
    if (*p == '-') p++;
    if (!is_digit(p, end)) return NULL;
    if (*p == '0') p++; else while (is_digit(p, end)) p++;
    if (p < end && *p == '.') {
        p++;
        if (!is_digit(p, end)) return NULL;
        while (is_digit(p, end)) p++;
    }
    if (p < end && (*p | 0x20) == 'e') {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (!is_digit(p, end)) return NULL;
        while (is_digit(p, end)) p++;
    }
    return p;
}

static inline bool spells(const uint8_t *p, const uint8_t *end, const char *literal, size_t length) {
    return (size_t)(end - p) >= length && memcmp(p, literal, length) == 0;
}

long hs_json_parse_indexed(const uint8_t *text, size_t length, const uint32_t *offsets,
                           hs_json_token *tokens, size_t capacity, uint32_t *open, long max_token_depth) {
    const uint8_t *end = text + length;
    size_t index = 0, count = 0;
    long depth = 0;
    uint64_t objects = 0;   // bit d: the container at depth d + 1 is an object
    int expecting = VALUE;

#define NEXT() (text + offsets[index++])
#define APPEND(kind_, start_, end_, next_, escapes_, unpaired_) do { \
        if (depth <= max_token_depth) { \
            if (count == capacity) return -2; \
            hs_json_token *token = &tokens[count]; \
            token->kind = (kind_); token->has_escapes = (escapes_); token->has_unpaired_surrogate = (unpaired_); \
            token->reserved = 0; token->start = (start_); token->end = (end_); token->next = (next_); \
            count++; \
        } \
    } while (0)
#define CLOSE(at) do { \
        depth--; \
        if (open[depth] != NOT_KEPT) { tokens[open[depth]].end = (uint32_t)((at) - text) + 1; tokens[open[depth]].next = (uint32_t)count; } \
    } while (0)
    // A string whose opening quote is `quote`: the index holds its escapes' backslashes, then its
    // closing quote (and has checked its UTF-8 and control bytes).
#define STRING_AT(quote) do { \
        const uint8_t *at_ = NEXT(); \
        bool escapes_ = false, unpaired_ = false; \
        while (at_ < end && *at_ == '\\') { \
            const uint8_t *after_ = scan_escape(at_, end, &unpaired_); \
            if (!after_) return -1; \
            escapes_ = true; \
            while (text + offsets[index] < after_) index++; \
            at_ = NEXT(); \
        } \
        if (at_ >= end) return -1; \
        APPEND(STRING, (uint32_t)((quote) + 1 - text), (uint32_t)(at_ - text), (uint32_t)count + 1, escapes_, unpaired_); \
    } while (0)

    if (length == 0 || length >= UINT32_MAX) return -1;
    for (;;) {
        const uint8_t *p = NEXT();
        if (p >= end) return depth == 0 && expecting == COMMA_OR_CLOSE ? (long)count : -1;
        uint8_t byte = *p;
        switch (expecting) {
        case VALUE:
        case VALUE_OR_CLOSE:
            if (byte == ']' && expecting == VALUE_OR_CLOSE) {
                CLOSE(p);
                expecting = COMMA_OR_CLOSE;
            } else if (byte == '{' || byte == '[') {
                if (depth >= MAX_DEPTH) return -1;
                bool is_object = byte == '{';
                open[depth] = depth <= max_token_depth ? (uint32_t)count : NOT_KEPT;
                if (is_object) objects |= 1ULL << depth; else objects &= ~(1ULL << depth);
                uint32_t offset = (uint32_t)(p - text);
                APPEND(is_object ? OBJECT : ARRAY, offset, offset, 0, false, false);
                depth++;
                expecting = is_object ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            } else if (byte == '"') {
                STRING_AT(p);
                expecting = COMMA_OR_CLOSE;
            } else {
                const uint8_t *after;
                uint8_t kind;
                if (byte == 't') { if (!spells(p, end, "true", 4)) return -1; after = p + 4; kind = TRUE_; }
                else if (byte == 'f') { if (!spells(p, end, "false", 5)) return -1; after = p + 5; kind = FALSE_; }
                else if (byte == 'n') { if (!spells(p, end, "null", 4)) return -1; after = p + 4; kind = NULL_; }
                else if (byte == '-' || (uint8_t)(byte - '0') < 10) {
                    after = scan_number(p, end);
                    if (!after) return -1;
                    kind = NUMBER;
                } else {
                    return -1;
                }
                // The scalar must end at the next structural byte or at white space.
                if (after != text + offsets[index]) {
                    if (after >= end) return -1;
                    uint8_t next = *after;
                    if (next != 0x20 && next != 0x0A && next != 0x0D && next != 0x09) return -1;
                }
                APPEND(kind, (uint32_t)(p - text), (uint32_t)(after - text), (uint32_t)count + 1, false, false);
                expecting = COMMA_OR_CLOSE;
            }
            break;
        case KEY_OR_CLOSE:
            if (byte == '}') {
                CLOSE(p);
                expecting = COMMA_OR_CLOSE;
                break;
            }
            if (byte != '"') return -1;
            STRING_AT(p);
            p = NEXT();
            if (p >= end || *p != ':') return -1;
            expecting = VALUE;
            break;
        default: {   // COMMA_OR_CLOSE
            if (depth == 0) return -1;
            bool in_object = objects >> (depth - 1) & 1;
            if (byte == ',') {
                if (!in_object) {
                    expecting = VALUE;
                    break;
                }
                // The next member's key and colon, without another trip round the loop.
                p = NEXT();
                if (p >= end || *p != '"') return -1;
                STRING_AT(p);
                p = NEXT();
                if (p >= end || *p != ':') return -1;
                expecting = VALUE;
            } else if (byte == (in_object ? '}' : ']')) {
                CLOSE(p);
            } else {
                return -1;
            }
        }
        }
    }
#undef NEXT
#undef APPEND
#undef CLOSE
#undef STRING_AT
}
