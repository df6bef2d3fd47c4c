/* The byte encodings of Node's Buffer (utf8, utf16le/ucs2, latin1/binary,
 * ascii, base64, base64url, hex) as plain C over caller-owned memory.
 *
 * Nothing here allocates: each encoder has a length function so the caller
 * can size the destination, and every function returns how many bytes (or
 * UTF-16 code units) it wrote. Strings come in the two shapes V8 keeps them
 * in: one byte per character (Latin-1) or UTF-16 code units.
 *
 * Decoding follows Node exactly, including its leniency:
 * - utf8: each maximal invalid subpart becomes one U+FFFD (WHATWG Encoding,
 *   as V8's String::NewFromUtf8 does); lone surrogates in UTF-16 input
 *   encode as U+FFFD (EF BF BD).
 * - base64/base64url: both alphabets accepted, anything outside them
 *   skipped, padding optional, decoding stops at the first '='.
 * - hex: stops at the first pair that is not two hex digits; an odd last
 *   digit is ignored.
 * - characters of a UTF-16 string outside Latin-1 keep only their low byte
 *   when written as latin1, ascii, hex or base64 (as Node's writers do).
 *
 * Large inputs take SIMD paths (SSE2 always on x86-64, AVX2 where the CPU
 * has it, chosen at run time); results are identical to the scalar code. */
#ifndef SH_ENCODING_H
#define SH_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The encodings, numbered as modules/internal/buffer.js passes them. */
typedef enum sh_encoding {
  SH_ENC_UTF8 = 0,
  SH_ENC_UTF16LE = 1,
  SH_ENC_LATIN1 = 2,
  SH_ENC_ASCII = 3,
  SH_ENC_BASE64 = 4,
  SH_ENC_BASE64URL = 5,
  SH_ENC_HEX = 6,
} sh_encoding_t;

/* ---- ASCII and Latin-1 ---- */

/* Index of the first byte >= 0x80 in src, or n when all are ASCII. */
size_t sh_ascii_prefix(const uint8_t *src, size_t n);
/* Index of the first code unit >= 0x80 in src, or n. */
size_t sh_ascii_prefix_utf16(const uint16_t *src, size_t n);
/* Copies n bytes with the high bit of each cleared (Node's 'ascii'
 * decoding). dst may equal src. Returns n. */
size_t sh_ascii_strip(uint8_t *dst, const uint8_t *src, size_t n);
/* Narrows UTF-16 to bytes: code units above max (0x7f or 0xff) become '?'
 * (as ICU's converters do in buffer.transcode). Returns n. */
size_t sh_latin1_from_utf16(uint8_t *dst, const uint16_t *src, size_t n, uint16_t max);
/* Widens Latin-1 to UTF-16. Returns n. */
size_t sh_utf16_from_latin1(uint16_t *dst, const uint8_t *src, size_t n);

/* windows-1252, which WHATWG's TextDecoder uses for the latin1, ascii and
 * iso-8859-1 labels: Latin-1 except 0x80-0x9F, which hold punctuation and
 * letters such as U+20AC. Whether src decodes to Latin-1 code points only
 * (a one-byte string holding the same bytes): */
bool sh_cp1252_is_latin1(const uint8_t *src, size_t n);
/* Decodes n bytes into n UTF-16 code units; returns n. */
size_t sh_cp1252_to_utf16(uint16_t *dst, const uint8_t *src, size_t n);

/* ---- UTF-8 encoding (string -> bytes) ---- */

/* Exact UTF-8 length of Latin-1 or UTF-16 input (lone surrogates count 3). */
size_t sh_utf8_length_latin1(const uint8_t *src, size_t n);
size_t sh_utf8_length_utf16(const uint16_t *src, size_t n);
/* Encodes as many whole characters as fit in cap bytes: a character that
 * does not fit entirely is not started. *nread (may be NULL) receives how
 * many input units were consumed. A high surrogate that is the last unit of
 * src is lone (U+FFFD): a caller feeding chunks keeps pairs together.
 * Returns the bytes written. */
size_t sh_utf8_from_latin1(uint8_t *dst, size_t cap, const uint8_t *src, size_t n, size_t *nread);
size_t sh_utf8_from_utf16(uint8_t *dst, size_t cap, const uint16_t *src, size_t n, size_t *nread);

/* ---- UTF-8 decoding (bytes -> string) ---- */

/* The number of UTF-16 code units decoding src produces (invalid bytes
 * replaced); *one_byte (may be NULL) is set when every decoded code point
 * is below 0x100, so the result fits a one-byte string. */
size_t sh_utf8_utf16_length(const uint8_t *src, size_t n, bool *one_byte);
/* Decodes into dst, which holds sh_utf8_utf16_length(src, n) units.
 * Returns the units written. */
size_t sh_utf8_to_utf16(uint16_t *dst, const uint8_t *src, size_t n);
/* Decodes into Latin-1; only for input whose one_byte flag was set.
 * Returns the bytes written. */
size_t sh_utf8_to_latin1(uint8_t *dst, const uint8_t *src, size_t n);
/* Whether src is well-formed UTF-8 (no replacement needed). */
bool sh_utf8_validate(const uint8_t *src, size_t n);
/* How many bytes at the end of src (0 to 3) are an incomplete but so far
 * valid sequence that more input could complete: a streaming decoder keeps
 * them for the next chunk. */
size_t sh_utf8_incomplete_tail(const uint8_t *src, size_t n);

/* ---- base64 and base64url ---- */

/* Characters sh_base64_encode writes for n bytes: with padding for base64,
 * without for base64url. */
size_t sh_base64_encoded_length(size_t n, bool url);
/* Encodes n bytes; dst holds sh_base64_encoded_length(n, url) chars.
 * Returns the characters written. */
size_t sh_base64_encode(char *dst, const uint8_t *src, size_t n, bool url);

/* Decoder state, so that input can arrive in chunks (zero it to start). */
typedef struct sh_base64_state {
  uint32_t bits;  /* sextets of the group in progress */
  uint32_t count; /* how many of them (0 to 3) */
  bool done;      /* saw '=' or filled the destination: ignore the rest */
} sh_base64_state_t;

/* Decodes leniently into at most cap bytes (see the top of this file);
 * returns the bytes written. Characters past cap are ignored (state->done
 * is set once dst is full and one more byte was due). */
size_t sh_base64_decode(sh_base64_state_t *state, uint8_t *dst, size_t cap, const uint8_t *src,
                        size_t n);
/* Node's Buffer.byteLength(str, 'base64'): n less up to two trailing '=',
 * times 3/4 (an upper bound when the input has whitespace). */
size_t sh_base64_decoded_length(const uint8_t *src, size_t n);

/* ---- hex ---- */

/* Writes 2n lowercase hex digits; returns 2n. */
size_t sh_hex_encode(char *dst, const uint8_t *src, size_t n);
/* Decodes pairs of hex digits (either case) into at most cap bytes,
 * stopping at the first invalid pair. Returns the bytes written. */
size_t sh_hex_decode(uint8_t *dst, size_t cap, const uint8_t *src, size_t n);

/* ---- bytes ---- */

/* Reverses the byte order of each 16-, 32- or 64-bit unit in place; n is a
 * multiple of the unit size. */
void sh_swap16(uint8_t *p, size_t n);
void sh_swap32(uint8_t *p, size_t n);
void sh_swap64(uint8_t *p, size_t n);

/* First index >= from where needle occurs in hay, or -1. An empty needle
 * matches at from (when from <= n). */
int64_t sh_bytes_index(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m, size_t from);
/* Last index <= from where needle starts, or -1. */
int64_t sh_bytes_last_index(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m,
                            size_t from);
/* The same over 16-bit units (n and m count units, not bytes). */
int64_t sh_u16_index(const uint16_t *hay, size_t n, const uint16_t *needle, size_t m, size_t from);
int64_t sh_u16_last_index(const uint16_t *hay, size_t n, const uint16_t *needle, size_t m,
                          size_t from);

#ifdef __cplusplus
}
#endif

#endif
