/* io/encoding.c: each encoding against known vectors (the ones Node gives),
 * and the SIMD paths against simple reference code on random input of
 * every length around the block sizes. */
#include "io/encoding.h"

#include <string.h>

#include "tests/unit/test.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)rng;
}

#define BYTES(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})

/* ---- reference code: one character at a time, no cleverness ---- */

static size_t ref_base64_encode(char *dst, const uint8_t *src, size_t n, bool url) {
  const char *t = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                      : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t o = 0;
  uint32_t acc = 0;
  int nbits = 0;
  for (size_t i = 0; i < n; i++) {
    acc = acc << 8 | src[i];
    nbits += 8;
    while (nbits >= 6) {
      dst[o++] = t[(acc >> (nbits - 6)) & 63];
      nbits -= 6;
    }
  }
  if (nbits > 0) {
    dst[o++] = t[(acc << (6 - nbits)) & 63];
  }
  while (!url && o % 4 != 0) {
    dst[o++] = '=';
  }
  return o;
}

static int ref_sextet(uint8_t c) {
  const char *p = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", c);
  if (c != 0 && p != NULL) {
    return (int)(p - "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  }
  return c == '-' ? 62 : c == '_' ? 63 : -1;
}

/* Node's lenient decoding: skip what is not in the alphabets, stop at '='
 * or when dst is full. */
static size_t ref_base64_decode(uint8_t *dst, size_t cap, const uint8_t *src, size_t n) {
  size_t o = 0;
  uint32_t acc = 0;
  int nbits = 0;
  for (size_t i = 0; i < n; i++) {
    if (src[i] == '=') {
      break;
    }
    int v = ref_sextet(src[i]);
    if (v < 0) {
      continue;
    }
    acc = acc << 6 | (uint32_t)v;
    nbits += 6;
    if (nbits >= 8) {
      if (o >= cap) {
        break;
      }
      dst[o++] = (uint8_t)(acc >> (nbits - 8));
      nbits -= 8;
    }
  }
  return o;
}

/* Encodes one code point as UTF-16; returns units. */
static size_t put_utf16(uint16_t *dst, uint32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    dst[0] = (uint16_t)(0xD800 + (cp >> 10));
    dst[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    return 2;
  }
  dst[0] = (uint16_t)cp;
  return 1;
}

static void check_utf8_decode(const uint8_t *src, size_t n, const uint16_t *want, size_t want_n) {
  bool one_byte;
  size_t units = sh_utf8_utf16_length(src, n, &one_byte);
  T_EQ(units, want_n);
  static uint16_t out[4096];
  T_EQ(sh_utf8_to_utf16(out, src, n), want_n);
  T_ASSERT(memcmp(out, want, want_n * 2) == 0);
  bool narrow = true;
  for (size_t i = 0; i < want_n; i++) {
    narrow = narrow && want[i] < 0x100;
  }
  T_EQ(one_byte, narrow);
  if (narrow) {
    static uint8_t bytes[4096];
    T_EQ(sh_utf8_to_latin1(bytes, src, n), want_n);
    for (size_t i = 0; i < want_n; i++) {
      T_EQ(bytes[i], want[i]);
    }
  }
}

static void test_ascii(void) {
  uint8_t buf[300];
  for (size_t n = 0; n < 200; n++) {
    memset(buf, 'a', sizeof(buf));
    T_EQ(sh_ascii_prefix(buf, n), n);
    for (size_t at = 0; at < n; at++) {
      buf[at] = 0x80 | (uint8_t)at;
      T_EQ(sh_ascii_prefix(buf, n), at);
      buf[at] = 'a';
    }
  }
  uint16_t w[100];
  for (size_t n = 0; n < 40; n++) {
    for (size_t i = 0; i < 100; i++) {
      w[i] = 'x';
    }
    T_EQ(sh_ascii_prefix_utf16(w, n), n);
    for (size_t at = 0; at < n; at++) {
      w[at] = 0x100;
      T_EQ(sh_ascii_prefix_utf16(w, n), at);
      w[at] = 0x80;
      T_EQ(sh_ascii_prefix_utf16(w, n), at);
      w[at] = 'x';
    }
  }
  uint8_t out[20];
  T_EQ(sh_ascii_strip(out, BYTES(0xE9, 'A', 0xFF, 0x80, 0x7F, 1, 2, 3, 4, 0xC1)), 10);
  T_ASSERT(memcmp(out, "\x69" "A\x7f\x00\x7f\x01\x02\x03\x04\x41", 10) == 0);

  const uint16_t wide[] = {'a', 0xE9, 0x20AC, 0xFF};
  T_EQ(sh_latin1_from_utf16(out, wide, 4, 0xFF), 4);
  T_ASSERT(memcmp(out, "a\xe9?\xff", 4) == 0);
  T_EQ(sh_latin1_from_utf16(out, wide, 4, 0x7F), 4);
  T_ASSERT(memcmp(out, "a???", 4) == 0);
  uint8_t all[256];
  uint16_t widened[256];
  for (int i = 0; i < 256; i++) {
    all[i] = (uint8_t)i;
  }
  T_EQ(sh_utf16_from_latin1(widened, all, 256), 256);
  for (int i = 0; i < 256; i++) {
    T_EQ(widened[i], i);
  }
  /* windows-1252: Latin-1 but for 0x80-0x9F. */
  T_EQ(sh_cp1252_to_utf16(widened, all, 256), 256);
  T_EQ(widened[0x41], 0x41);
  T_EQ(widened[0x80], 0x20AC);
  T_EQ(widened[0x81], 0x81);
  T_EQ(widened[0x9F], 0x178);
  T_EQ(widened[0xA0], 0xA0);
  T_EQ(widened[0xFF], 0xFF);
  T_ASSERT(sh_cp1252_is_latin1(BYTES('a', 0xE9, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF)));
  T_ASSERT(!sh_cp1252_is_latin1(BYTES('a', 0x80)));
  T_ASSERT(!sh_cp1252_is_latin1(BYTES(0x9F)));
}

static void test_utf8_decode(void) {
  /* Valid text of every length. */
  check_utf8_decode(BYTES('h', 'i'), (const uint16_t[]){'h', 'i'}, 2);
  check_utf8_decode(BYTES(0xC3, 0xA9), (const uint16_t[]){0xE9}, 1);
  check_utf8_decode(BYTES(0xE2, 0x82, 0xAC), (const uint16_t[]){0x20AC}, 1);
  check_utf8_decode(BYTES(0xF0, 0x9F, 0x98, 0x80), (const uint16_t[]){0xD83D, 0xDE00}, 2);
  check_utf8_decode(BYTES(0xEF, 0xBF, 0xBD), (const uint16_t[]){0xFFFD}, 1);
  check_utf8_decode(BYTES(0xF4, 0x8F, 0xBF, 0xBF), (const uint16_t[]){0xDBFF, 0xDFFF}, 2);
  /* Invalid: each maximal subpart is one U+FFFD (what V8 and Node give for
   * e2 82 41 f0 80 ed a0 80 c0 80 f5 ff f0 9f 98). */
  const uint16_t R = 0xFFFD;
  check_utf8_decode(BYTES(0xE2, 0x82, 0x41, 0xF0, 0x80, 0xED, 0xA0, 0x80, 0xC0, 0x80, 0xF5, 0xFF,
                          0xF0, 0x9F, 0x98),
                    (const uint16_t[]){R, 'A', R, R, R, R, R, R, R, R, R, R}, 12);
  check_utf8_decode(BYTES(0x80), (const uint16_t[]){R}, 1);
  check_utf8_decode(BYTES(0xC2), (const uint16_t[]){R}, 1);
  check_utf8_decode(BYTES(0xC2, 0x41), (const uint16_t[]){R, 'A'}, 2);
  check_utf8_decode(BYTES(0xE0, 0x80, 0x80), (const uint16_t[]){R, R, R}, 3); /* overlong */
  check_utf8_decode(BYTES(0xE0, 0xA0), (const uint16_t[]){R}, 1);
  check_utf8_decode(BYTES(0xF4, 0x90, 0x80, 0x80), (const uint16_t[]){R, R, R, R}, 4);
  check_utf8_decode(BYTES(0xF0, 0x90, 0x80, 'x'), (const uint16_t[]){R, 'x'}, 2);
  check_utf8_decode(BYTES(0xED, 0x9F, 0xBF), (const uint16_t[]){0xD7FF}, 1);
  check_utf8_decode(BYTES(0xFE, 0xFF), (const uint16_t[]){R, R}, 2);

  /* Long mixed input through the SIMD ASCII runs: against a per-character
   * expectation built alongside. */
  uint8_t src[4096];
  uint16_t want[4096];
  for (int round = 0; round < 200; round++) {
    size_t n = 0;
    size_t w = 0;
    bool valid = true;
    while (n < 4000) {
      uint32_t r = next_random() % 100;
      if (r < 70) {
        size_t run = next_random() % 40;
        for (size_t k = 0; k < run; k++) {
          src[n++] = (uint8_t)(' ' + next_random() % 90);
          want[w++] = src[n - 1];
        }
      } else if (r < 80) {
        uint32_t cp = 0x80 + next_random() % 0x780;
        src[n++] = (uint8_t)(0xC0 | cp >> 6);
        src[n++] = (uint8_t)(0x80 | (cp & 0x3F));
        w += put_utf16(want + w, cp);
      } else if (r < 90) {
        uint32_t cp = 0x800 + next_random() % 0xF7FF;
        if (cp >= 0xD800 && cp < 0xE000) {
          cp += 0x800;
        }
        src[n++] = (uint8_t)(0xE0 | cp >> 12);
        src[n++] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        src[n++] = (uint8_t)(0x80 | (cp & 0x3F));
        w += put_utf16(want + w, cp);
      } else if (r < 95) {
        uint32_t cp = 0x10000 + next_random() % 0x100000;
        src[n++] = (uint8_t)(0xF0 | cp >> 18);
        src[n++] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
        src[n++] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        src[n++] = (uint8_t)(0x80 | (cp & 0x3F));
        w += put_utf16(want + w, cp);
      } else {
        src[n++] = 0xFF; /* never valid */
        want[w++] = R;
        valid = false;
      }
    }
    check_utf8_decode(src, n, want, w);
    T_EQ(sh_utf8_validate(src, n), valid);
  }

  T_ASSERT(sh_utf8_validate(BYTES('a', 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80)));
  T_ASSERT(!sh_utf8_validate(BYTES(0xED, 0xA0, 0x80))); /* a surrogate */
  T_ASSERT(!sh_utf8_validate(BYTES('a', 0xC3)));
  T_ASSERT(sh_utf8_validate(NULL, 0));

  /* What a streaming decoder must keep for the next chunk. */
  T_EQ(sh_utf8_incomplete_tail(BYTES('a', 'b')), 0);
  T_EQ(sh_utf8_incomplete_tail(BYTES('a', 0xC3)), 1);
  T_EQ(sh_utf8_incomplete_tail(BYTES('a', 0xE2, 0x82)), 2);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xF0, 0x9F, 0x98)), 3);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xF0, 0x9F, 0x98, 0x80)), 0);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xE2, 0x82, 0xAC)), 0);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xC0)), 0);       /* can never complete */
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xE0, 0x80)), 0); /* already invalid */
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xF5)), 0);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0x80, 0x80)), 0);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xED, 0x9F)), 2);
  T_EQ(sh_utf8_incomplete_tail(BYTES(0xED, 0xA0)), 0);
  T_EQ(sh_utf8_incomplete_tail(NULL, 0), 0);
}

static void test_utf8_encode(void) {
  uint8_t out[64];
  size_t nread;
  /* Latin-1 input. */
  const uint8_t latin[] = {'a', 0xE9, 'b', 0xFF};
  T_EQ(sh_utf8_length_latin1(latin, 4), 6);
  T_EQ(sh_utf8_from_latin1(out, sizeof(out), latin, 4, &nread), 6);
  T_EQ(nread, 4);
  T_ASSERT(memcmp(out, "a\xc3\xa9" "b\xc3\xbf", 6) == 0);
  /* A two-byte character that does not fit is not started. */
  T_EQ(sh_utf8_from_latin1(out, 2, latin, 4, &nread), 1);
  T_EQ(nread, 1);
  T_EQ(sh_utf8_from_latin1(out, 3, latin, 4, &nread), 3);
  T_EQ(nread, 2);

  /* UTF-16 input: pairs, lone surrogates as U+FFFD. */
  const uint16_t s[] = {'x', 0xD800, 'y', 0xDC00, 0xD83D, 0xDE00, 0xE9, 0x20AC, 0xD83D};
  T_EQ(sh_utf8_length_utf16(s, 9), 1 + 3 + 1 + 3 + 4 + 2 + 3 + 3);
  T_EQ(sh_utf8_from_utf16(out, sizeof(out), s, 9, &nread), 20);
  T_EQ(nread, 9);
  T_ASSERT(memcmp(out,
                  "x\xef\xbf\xbdy\xef\xbf\xbd\xf0\x9f\x98\x80\xc3\xa9\xe2\x82\xac\xef\xbf\xbd",
                  20) == 0);
  /* Room for part of the emoji only: it is not started. */
  T_EQ(sh_utf8_from_utf16(out, 10, s, 9, &nread), 8);
  T_EQ(nread, 4);
  T_EQ(sh_utf8_from_utf16(out, 12, s, 9, &nread), 12);
  T_EQ(nread, 6);

  /* Random UTF-16 (with stray surrogates) of many lengths: length agrees
   * with the encoder, and decoding the bytes gives the text back with lone
   * surrogates replaced. */
  uint16_t text[600];
  uint8_t bytes[2000];
  uint16_t back[700];
  for (int round = 0; round < 2000; round++) {
    size_t n = next_random() % 600;
    for (size_t i = 0; i < n; i++) {
      uint32_t r = next_random() % 100;
      text[i] = r < 60   ? (uint16_t)(next_random() % 0x80)
                : r < 75 ? (uint16_t)(0x80 + next_random() % 0x780)
                : r < 90 ? (uint16_t)(0x800 + next_random() % 0xF800)
                         : (uint16_t)(0xD800 + next_random() % 0x800);
    }
    size_t len = sh_utf8_length_utf16(text, n);
    T_EQ(sh_utf8_from_utf16(bytes, sizeof(bytes), text, n, &nread), len);
    T_EQ(nread, n);
    T_ASSERT(sh_utf8_validate(bytes, len));
    size_t units = sh_utf8_to_utf16(back, bytes, len);
    T_EQ(units, n);
    /* Expected: the text with lone surrogates replaced. */
    uint16_t fixed[600];
    for (size_t i = 0; i < n; i++) {
      uint16_t c = text[i];
      if ((c & 0xFC00) == 0xD800 && i + 1 < n && (text[i + 1] & 0xFC00) == 0xDC00) {
        fixed[i] = c;
        fixed[i + 1] = text[i + 1];
        i++;
      } else {
        fixed[i] = (c & 0xF800) == 0xD800 ? 0xFFFD : c;
      }
    }
    T_ASSERT(memcmp(back, fixed, n * 2) == 0);
    /* A cut at every capacity writes whole characters only. */
    size_t cap = len == 0 ? 0 : next_random() % len;
    size_t wrote = sh_utf8_from_utf16(bytes, cap, text, n, &nread);
    T_ASSERT(wrote <= cap);
    T_ASSERT(sh_utf8_validate(bytes, wrote));
    T_EQ(sh_utf8_length_utf16(text, nread), wrote);
  }

  /* Long Latin-1 input: the counters of the SIMD count must not wrap. */
  static uint8_t high[10000];
  memset(high, 0xE9, sizeof(high));
  T_EQ(sh_utf8_length_latin1(high, sizeof(high)), 20000);
  for (size_t i = 0; i < sizeof(high); i += 3) {
    high[i] = 'a';
  }
  T_EQ(sh_utf8_length_latin1(high, sizeof(high)), 10000 + 10000 - 3334);

  /* Latin-1 with long ASCII runs. */
  uint8_t lat[700];
  for (int round = 0; round < 500; round++) {
    size_t n = next_random() % 700;
    for (size_t i = 0; i < n; i++) {
      lat[i] = next_random() % 10 == 0 ? (uint8_t)(0x80 + next_random() % 0x80)
                                       : (uint8_t)(next_random() % 0x80);
    }
    size_t len = sh_utf8_length_latin1(lat, n);
    T_EQ(sh_utf8_from_latin1(bytes, sizeof(bytes), lat, n, &nread), len);
    T_EQ(nread, n);
    bool one_byte;
    T_EQ(sh_utf8_utf16_length(bytes, len, &one_byte), n);
    T_ASSERT(one_byte);
    uint8_t round_trip[700];
    T_EQ(sh_utf8_to_latin1(round_trip, bytes, len), n);
    T_ASSERT(memcmp(round_trip, lat, n) == 0);
  }
}

static void check_b64(const char *in, const char *want_std, const char *want_url) {
  char out[64];
  size_t n = strlen(in);
  T_EQ(sh_base64_encoded_length(n, false), strlen(want_std));
  T_EQ(sh_base64_encode(out, (const uint8_t *)in, n, false), strlen(want_std));
  T_ASSERT(memcmp(out, want_std, strlen(want_std)) == 0);
  T_EQ(sh_base64_encoded_length(n, true), strlen(want_url));
  T_EQ(sh_base64_encode(out, (const uint8_t *)in, n, true), strlen(want_url));
  T_ASSERT(memcmp(out, want_url, strlen(want_url)) == 0);
}

static size_t b64_decode_str(uint8_t *dst, size_t cap, const char *s) {
  sh_base64_state_t st = {0};
  return sh_base64_decode(&st, dst, cap, (const uint8_t *)s, strlen(s));
}

static void test_base64(void) {
  check_b64("", "", "");
  check_b64("f", "Zg==", "Zg");
  check_b64("fo", "Zm8=", "Zm8");
  check_b64("foo", "Zm9v", "Zm9v");
  check_b64("foob", "Zm9vYg==", "Zm9vYg");
  check_b64("fooba", "Zm9vYmE=", "Zm9vYmE");
  check_b64("foobar", "Zm9vYmFy", "Zm9vYmFy");
  check_b64("\xfb\xff\xbf", "+/+/", "-_-_");

  uint8_t out[64];
  /* Lenient decoding, as Node: whitespace and junk skipped, both alphabets,
   * missing padding, stop at the first '='. */
  T_EQ(b64_decode_str(out, 64, "Zm9vYmFy"), 6);
  T_ASSERT(memcmp(out, "foobar", 6) == 0);
  T_EQ(b64_decode_str(out, 64, "Zm9v\nYm Fy\t"), 6);
  T_ASSERT(memcmp(out, "foobar", 6) == 0);
  T_EQ(b64_decode_str(out, 64, "Zg"), 1);
  T_EQ(b64_decode_str(out, 64, "Zg=="), 1);
  T_EQ(b64_decode_str(out, 64, "Z"), 0);
  T_EQ(b64_decode_str(out, 64, "YQ=Jj"), 1);
  T_EQ(out[0], 'a');
  T_EQ(b64_decode_str(out, 64, "-_-_"), 3);
  T_ASSERT(memcmp(out, "\xfb\xff\xbf", 3) == 0);
  T_EQ(b64_decode_str(out, 64, "+/+/"), 3);
  T_ASSERT(memcmp(out, "\xfb\xff\xbf", 3) == 0);
  T_EQ(b64_decode_str(out, 64, "=Zm9v"), 0);
  T_EQ(b64_decode_str(out, 64, "!!Zm!!9v"), 3);
  /* A short destination takes what fits. */
  T_EQ(b64_decode_str(out, 2, "YWJj"), 2);
  T_ASSERT(memcmp(out, "ab", 2) == 0);
  T_EQ(b64_decode_str(out, 0, "YWJj"), 0);

  /* Node's byteLength for base64. */
  T_EQ(sh_base64_decoded_length((const uint8_t *)"YQ==", 4), 1);
  T_EQ(sh_base64_decoded_length((const uint8_t *)"YQ= ", 4), 3);
  T_EQ(sh_base64_decoded_length((const uint8_t *)" = ", 3), 2);
  T_EQ(sh_base64_decoded_length((const uint8_t *)"=", 1), 0);
  T_EQ(sh_base64_decoded_length((const uint8_t *)"", 0), 0);

  /* Random data of every length through both directions, against the
   * reference; and lenient decoding of text with junk sprinkled in. */
  uint8_t data[1200];
  char enc[1700];
  char want[1700];
  uint8_t dec[1300];
  uint8_t want_dec[1300];
  char noisy[3500];
  for (size_t n = 0; n < 1200; n += 1 + n / 16) {
    for (size_t i = 0; i < n; i++) {
      data[i] = (uint8_t)next_random();
    }
    for (int url = 0; url < 2; url++) {
      size_t len = sh_base64_encode(enc, data, n, url);
      T_EQ(len, ref_base64_encode(want, data, n, url));
      T_EQ(len, sh_base64_encoded_length(n, url));
      T_ASSERT(memcmp(enc, want, len) == 0);
      sh_base64_state_t st = {0};
      T_EQ(sh_base64_decode(&st, dec, sizeof(dec), (const uint8_t *)enc, len), n);
      T_ASSERT(memcmp(dec, data, n) == 0);
      /* In chunks of random size. */
      memset(&st, 0, sizeof(st));
      size_t at = 0;
      size_t o = 0;
      while (at < len) {
        size_t chunk = 1 + next_random() % 100;
        if (chunk > len - at) {
          chunk = len - at;
        }
        o += sh_base64_decode(&st, dec + o, sizeof(dec) - o, (const uint8_t *)enc + at, chunk);
        at += chunk;
      }
      T_EQ(o, n);
      T_ASSERT(memcmp(dec, data, n) == 0);
    }
    /* Noise: whitespace, junk, bytes >= 0x80 and sometimes a '='. */
    size_t len = sh_base64_encode(enc, data, n, false);
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
      if (next_random() % 50 == 0) {
        static const char junk[] = " \n\t\r.!*\x80\xff=";
        noisy[m++] = junk[next_random() % (sizeof(junk) - (next_random() % 4 ? 2 : 1))];
      }
      noisy[m++] = enc[i];
    }
    size_t cap = next_random() % 3 ? sizeof(dec) : next_random() % (n + 1);
    sh_base64_state_t st = {0};
    size_t got = sh_base64_decode(&st, dec, cap, (const uint8_t *)noisy, m);
    size_t expect = ref_base64_decode(want_dec, cap, (const uint8_t *)noisy, m);
    T_EQ(got, expect);
    T_ASSERT(memcmp(dec, want_dec, got) == 0);
  }
}

static void test_hex(void) {
  char out[600];
  uint8_t data[300];
  for (int i = 0; i < 300; i++) {
    data[i] = (uint8_t)(i * 7);
  }
  for (size_t n = 0; n < 300; n++) {
    T_EQ(sh_hex_encode(out, data, n), 2 * n);
    for (size_t i = 0; i < n; i++) {
      char want[3];
      snprintf(want, sizeof(want), "%02x", data[i]);
      T_ASSERT(out[2 * i] == want[0] && out[2 * i + 1] == want[1]);
    }
    uint8_t back[300];
    T_EQ(sh_hex_decode(back, sizeof(back), (const uint8_t *)out, 2 * n), n);
    T_ASSERT(memcmp(back, data, n) == 0);
  }
  /* Long input with an invalid digit at every place: decoding stops there. */
  for (size_t bad = 0; bad < 200; bad += 7) {
    char text[201]; /* snprintf ends each pair with a NUL */
    uint8_t want[100];
    for (size_t i = 0; i < 100; i++) {
      want[i] = (uint8_t)(i * 37);
      snprintf(text + 2 * i, 3, i % 2 ? "%02X" : "%02x", want[i]);
    }
    text[bad] = bad % 2 ? 'g' : ' ';
    uint8_t back[100];
    T_EQ(sh_hex_decode(back, sizeof(back), (const uint8_t *)text, 200), bad / 2);
    T_ASSERT(memcmp(back, want, bad / 2) == 0);
    /* And with a short destination. */
    T_EQ(sh_hex_decode(back, 40, (const uint8_t *)text, 200), bad / 2 < 40 ? bad / 2 : 40);
  }
  uint8_t b[8];
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"aBcD", 4), 2);
  T_EQ(b[0], 0xAB);
  T_EQ(b[1], 0xCD);
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"abc", 3), 1); /* odd digit dropped */
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"ab zz12", 7), 1);
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"abzz12", 6), 1); /* stops at the first bad pair */
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"g0", 2), 0);
  T_EQ(sh_hex_decode(b, 1, (const uint8_t *)"abcd", 4), 1);
  T_EQ(sh_hex_decode(b, 8, (const uint8_t *)"", 0), 0);
}

static void test_swap(void) {
  uint8_t b[16];
  for (int i = 0; i < 16; i++) {
    b[i] = (uint8_t)i;
  }
  sh_swap16(b, 16);
  T_ASSERT(memcmp(b, "\x01\x00\x03\x02\x05\x04\x07\x06\x09\x08\x0b\x0a\x0d\x0c\x0f\x0e", 16) == 0);
  sh_swap16(b, 16);
  sh_swap32(b, 16);
  T_ASSERT(memcmp(b, "\x03\x02\x01\x00\x07\x06\x05\x04\x0b\x0a\x09\x08\x0f\x0e\x0d\x0c", 16) == 0);
  sh_swap32(b, 16);
  sh_swap64(b + 1, 8); /* unaligned */
  T_ASSERT(memcmp(b, "\x00\x08\x07\x06\x05\x04\x03\x02\x01\x09", 10) == 0);
}

static int64_t naive_index(const uint8_t *h, size_t n, const uint8_t *nd, size_t m, size_t from,
                           bool last) {
  if (!last) {
    for (size_t p = from; p + m <= n; p++) {
      if (memcmp(h + p, nd, m) == 0) {
        return (int64_t)p;
      }
    }
    return -1;
  }
  if (m > n) {
    return -1;
  }
  size_t p = from > n - m ? n - m : from;
  for (;; p--) {
    if (memcmp(h + p, nd, m) == 0) {
      return (int64_t)p;
    }
    if (p == 0) {
      return -1;
    }
  }
}

static void test_search(void) {
  const uint8_t *hay = (const uint8_t *)"abcabcabd";
  T_EQ(sh_bytes_index(hay, 9, (const uint8_t *)"abd", 3, 0), 6);
  T_EQ(sh_bytes_index(hay, 9, (const uint8_t *)"abc", 3, 1), 3);
  T_EQ(sh_bytes_index(hay, 9, (const uint8_t *)"abc", 3, 7), -1);
  T_EQ(sh_bytes_index(hay, 9, (const uint8_t *)"", 0, 9), 9);
  T_EQ(sh_bytes_index(hay, 9, (const uint8_t *)"", 0, 10), -1);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"abc", 3, 8), 3);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"abc", 3, 2), 0);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"c", 1, 9), 5);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"x", 1, 9), -1);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"", 0, 4), 4);
  T_EQ(sh_bytes_last_index(hay, 9, (const uint8_t *)"abcabcabdx", 10, 9), -1);

  /* Random haystacks over a small alphabet so that matches are common. */
  uint8_t h[200];
  uint8_t nd[8];
  uint16_t h16[100];
  uint16_t nd16[4];
  for (int round = 0; round < 20000; round++) {
    size_t n = next_random() % 200;
    size_t m = next_random() % 6;
    for (size_t i = 0; i < n; i++) {
      h[i] = (uint8_t)('a' + next_random() % 3);
    }
    for (size_t i = 0; i < m; i++) {
      nd[i] = (uint8_t)('a' + next_random() % 3);
    }
    size_t from = next_random() % 210;
    if (from <= n) {
      T_EQ(sh_bytes_index(h, n, nd, m, from), naive_index(h, n, nd, m, from, false));
    }
    T_EQ(sh_bytes_last_index(h, n, nd, m, from), naive_index(h, n, nd, m, from, true));
    size_t n16 = n / 2;
    size_t m16 = m / 2;
    memcpy(h16, h, n16 * 2);
    memcpy(nd16, nd, m16 * 2);
    size_t f16 = from / 2;
    if (f16 <= n16) {
      int64_t want = naive_index(h, n16 * 2, nd, m16 * 2, f16 * 2, false);
      while (want >= 0 && want % 2 != 0) {
        want = naive_index(h, n16 * 2, nd, m16 * 2, (size_t)want + 1, false);
      }
      T_EQ(sh_u16_index(h16, n16, nd16, m16, f16), want < 0 ? -1 : want / 2);
    }
    int64_t want = naive_index(h, n16 * 2, nd, m16 * 2, f16 * 2, true);
    while (want > 0 && want % 2 != 0) {
      want = naive_index(h, n16 * 2, nd, m16 * 2, (size_t)want - 1, true);
    }
    if (want % 2 != 0) {
      want = -1;
    }
    T_EQ(sh_u16_last_index(h16, n16, nd16, m16, f16), want < 0 ? -1 : want / 2);
  }
}

int main(void) {
  test_ascii();
  test_utf8_decode();
  test_utf8_encode();
  test_base64();
  test_hex();
  test_swap();
  test_search();
  return 0;
}
