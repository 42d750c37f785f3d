// The parse loop over hs_json_index's offsets: JSONTapeParser.run in C, reading each next structural
// byte from the index where the Swift loop's ScanningCursor scans for it. Plain C (no vector
// instructions), so it builds everywhere; only indexed texts reach it.
#include "CJSONKernels.h"
#include <string.h>

enum { OBJECT = 0, ARRAY = 1, STRING = 2, NUMBER = 3, TRUE_ = 4, FALSE_ = 5, NULL_ = 6 };
enum { VALUE, VALUE_OR_CLOSE, KEY_OR_CLOSE, COMMA_OR_CLOSE };
enum { MAX_DEPTH = 64 };
static const uint32_t NOT_KEPT = UINT32_MAX;
/// What each step of the parse returns: go on (OK), or stop with this as hs_json_parse_indexed's result.
enum { OK = 0, INVALID = -1, FULL = -2 };

/// The steps are written out in the loop they came from, so they must not cost a call.
#define STEP static inline __attribute__((always_inline))

static inline int hex_value(uint8_t byte) {
    if (byte >= '0' && byte <= '9') return byte - '0';
    if (byte >= 'a' && byte <= 'f') return byte - 'a' + 10;
    if (byte >= 'A' && byte <= 'F') return byte - 'A' + 10;
    return -1;
}

/// Four hex digits at `p`, or -1: the hex4 of JSONEscape.
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
/// `*unpaired` for half a surrogate pair. JSONEscape.decode without the scalar.
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

/// One parse: the text, where it is in the index, and the tokens written so far.
typedef struct {
    const uint8_t *text;
    const uint8_t *end;
    const uint32_t *offsets;
    size_t index;             // the next offset to read
    hs_json_token *tokens;
    size_t capacity;
    size_t count;
    uint32_t *open;           // the token of each open container, or NOT_KEPT
    long depth;
    long max_token_depth;
    uint64_t objects;         // bit d: the container at depth d + 1 is an object
} parse_state;

/// The next structural byte.
STEP const uint8_t *next_structural(parse_state *s) { return s->text + s->offsets[s->index++]; }

/// Writes a token, unless it is nested deeper than kept; FULL when the tokens have no room.
STEP int append(parse_state *s, uint8_t kind, uint32_t start, uint32_t end, uint32_t next, bool has_escapes,
                bool has_unpaired_surrogate) {
    if (s->depth > s->max_token_depth) return OK;
    if (s->count == s->capacity) return FULL;
    hs_json_token *token = &s->tokens[s->count++];
    token->kind = kind;
    token->has_escapes = has_escapes;
    token->has_unpaired_surrogate = has_unpaired_surrogate;
    token->reserved = 0;
    token->start = start;
    token->end = end;
    token->next = next;
    return OK;
}

/// Opens an object or array at `p`.
STEP int open_container(parse_state *s, const uint8_t *p, bool is_object) {
    if (s->depth >= MAX_DEPTH) return INVALID;
    s->open[s->depth] = s->depth <= s->max_token_depth ? (uint32_t)s->count : NOT_KEPT;
    if (is_object) s->objects |= 1ULL << s->depth; else s->objects &= ~(1ULL << s->depth);
    uint32_t offset = (uint32_t)(p - s->text);
    int status = append(s, is_object ? OBJECT : ARRAY, offset, offset, 0, false, false);
    s->depth++;
    return status;
}

/// Closes the innermost container at its closing byte `p`.
STEP void close_container(parse_state *s, const uint8_t *p) {
    s->depth--;
    uint32_t open = s->open[s->depth];
    if (open != NOT_KEPT) {
        s->tokens[open].end = (uint32_t)(p - s->text) + 1;
        s->tokens[open].next = (uint32_t)s->count;
    }
}

/// Appends the string whose opening quote is `quote`: the index holds its escapes' backslashes,
/// then its closing quote (and has checked its UTF-8 and control bytes).
STEP int append_string(parse_state *s, const uint8_t *quote) {
    const uint8_t *at = next_structural(s);
    bool escapes = false, unpaired = false;
    while (at < s->end && *at == '\\') {
        const uint8_t *after = scan_escape(at, s->end, &unpaired);
        if (!after) return INVALID;
        escapes = true;
        while (s->text + s->offsets[s->index] < after) s->index++;
        at = next_structural(s);
    }
    if (at >= s->end) return INVALID;
    return append(s, STRING, (uint32_t)(quote + 1 - s->text), (uint32_t)(at - s->text), (uint32_t)s->count + 1,
                  escapes, unpaired);
}

/// Appends the member key whose opening quote is `quote` and steps past the colon after it.
STEP int append_key(parse_state *s, const uint8_t *quote) {
    int status = append_string(s, quote);
    if (status != OK) return status;
    const uint8_t *colon = next_structural(s);
    return colon < s->end && *colon == ':' ? OK : INVALID;
}

/// Appends the number or literal that starts at `p`.
STEP int append_scalar(parse_state *s, const uint8_t *p) {
    uint8_t byte = *p;
    const uint8_t *after;
    uint8_t kind;
    if (byte == 't') {
        if (!spells(p, s->end, "true", 4)) return INVALID;
        after = p + 4;
        kind = TRUE_;
    } else if (byte == 'f') {
        if (!spells(p, s->end, "false", 5)) return INVALID;
        after = p + 5;
        kind = FALSE_;
    } else if (byte == 'n') {
        if (!spells(p, s->end, "null", 4)) return INVALID;
        after = p + 4;
        kind = NULL_;
    } else if (byte == '-' || (uint8_t)(byte - '0') < 10) {
        after = scan_number(p, s->end);
        if (!after) return INVALID;
        kind = NUMBER;
    } else {
        return INVALID;
    }
    // The scalar must end at the next structural byte or at white space.
    if (after != s->text + s->offsets[s->index]) {
        if (after >= s->end) return INVALID;
        uint8_t next = *after;
        if (next != 0x20 && next != 0x0A && next != 0x0D && next != 0x09) return INVALID;
    }
    return append(s, kind, (uint32_t)(p - s->text), (uint32_t)(after - s->text), (uint32_t)s->count + 1,
                  false, false);
}

// Aligned to a cache line, so that the loop's speed does not depend on the code before it in the
// object file (without, any edit above moved the parse of status-only bodies by up to 4% either way).
__attribute__((aligned(64)))
long hs_json_parse_indexed(const uint8_t *text, size_t length, const uint32_t *offsets,
                           hs_json_token *tokens, size_t capacity, uint32_t *open, long max_token_depth) {
    if (length == 0 || length >= UINT32_MAX) return INVALID;
    parse_state s = {
        .text = text, .end = text + length, .offsets = offsets, .index = 0, .tokens = tokens, .capacity = capacity,
        .count = 0, .open = open, .depth = 0, .max_token_depth = max_token_depth, .objects = 0,
    };
    int expecting = VALUE;
    int status;
    for (;;) {
        const uint8_t *p = next_structural(&s);
        if (p >= s.end) return s.depth == 0 && expecting == COMMA_OR_CLOSE ? (long)s.count : INVALID;
        uint8_t byte = *p;
        switch (expecting) {
        case VALUE:
        case VALUE_OR_CLOSE:
            if (byte == ']' && expecting == VALUE_OR_CLOSE) {
                close_container(&s, p);
                expecting = COMMA_OR_CLOSE;
            } else if (byte == '{' || byte == '[') {
                bool is_object = byte == '{';
                if ((status = open_container(&s, p, is_object)) != OK) return status;
                expecting = is_object ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            } else if (byte == '"') {
                if ((status = append_string(&s, p)) != OK) return status;
                expecting = COMMA_OR_CLOSE;
            } else {
                if ((status = append_scalar(&s, p)) != OK) return status;
                expecting = COMMA_OR_CLOSE;
            }
            break;
        case KEY_OR_CLOSE:
            if (byte == '}') {
                close_container(&s, p);
                expecting = COMMA_OR_CLOSE;
                break;
            }
            if (byte != '"') return INVALID;
            if ((status = append_key(&s, p)) != OK) return status;
            expecting = VALUE;
            break;
        default: {   // COMMA_OR_CLOSE
            if (s.depth == 0) return INVALID;
            bool in_object = s.objects >> (s.depth - 1) & 1;
            if (byte == ',') {
                if (in_object) {
                    // The next member's key and colon, without another trip round the loop.
                    p = next_structural(&s);
                    if (p >= s.end || *p != '"') return INVALID;
                    if ((status = append_key(&s, p)) != OK) return status;
                }
                expecting = VALUE;
            } else if (byte == (in_object ? '}' : ']')) {
                close_container(&s, p);
            } else {
                return INVALID;
            }
        }
        }
    }
}
