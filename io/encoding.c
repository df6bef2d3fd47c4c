/* Buffer encodings: see encoding.h for the contract. The scalar code is the
 * reference; the SIMD paths only ever take blocks the scalar code would
 * treat the same way (all-ASCII runs, groups of valid base64), so the two
 * agree byte for byte (tests/unit/io/encoding.c checks them against each
 * other). */
#include "io/encoding.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SH_X86 1
#endif

#define REPLACEMENT 0xFFFDu
#define INVALID 0x110000u /* not a code point: marks an invalid subpart */

#ifdef SH_X86
/* AVX2 is chosen per call: __builtin_cpu_supports reads a flag libgcc set
 * at start-up, so there is no state of our own to initialise. */
static inline bool have_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif

static inline uint64_t load64(const void *p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

/* ---- ASCII and Latin-1 ---- */

size_t sh_ascii_prefix(const uint8_t *src, size_t n) {
  size_t i = 0;
#ifdef SH_X86
  /* 64 bytes per step: one movemask for four loads. */
  for (; i + 64 <= n; i += 64) {
    __m128i a = _mm_loadu_si128((const __m128i *)(src + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(src + i + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(src + i + 32));
    __m128i d = _mm_loadu_si128((const __m128i *)(src + i + 48));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0) {
      break;
    }
  }
  for (; i + 16 <= n; i += 16) {
    int mask = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(src + i)));
    if (mask != 0) {
      return i + (size_t)__builtin_ctz((unsigned)mask);
    }
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t high = load64(src + i) & 0x8080808080808080ull;
    if (high != 0) {
      return i + (size_t)__builtin_ctzll(high) / 8;
    }
  }
  for (; i < n; i++) {
    if (src[i] >= 0x80) {
      return i;
    }
  }
  return n;
}

size_t sh_ascii_prefix_utf16(const uint16_t *src, size_t n) {
  size_t i = 0;
#ifdef SH_X86
  const __m128i high = _mm_set1_epi16((short)0xFF80);
  for (; i + 8 <= n; i += 8) {
    __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(src + i)), high);
    int mask = _mm_movemask_epi8(_mm_cmpeq_epi16(v, _mm_setzero_si128()));
    if (mask != 0xFFFF) {
      return i + (size_t)__builtin_ctz((unsigned)~mask & 0xFFFF) / 2;
    }
  }
#endif
  for (; i < n; i++) {
    if (src[i] >= 0x80) {
      return i;
    }
  }
  return n;
}

size_t sh_ascii_strip(uint8_t *dst, const uint8_t *src, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v = load64(src + i) & 0x7F7F7F7F7F7F7F7Full;
    memcpy(dst + i, &v, sizeof(v));
  }
  for (; i < n; i++) {
    dst[i] = src[i] & 0x7F;
  }
  return n;
}

size_t sh_latin1_from_utf16(uint8_t *dst, const uint16_t *src, size_t n, uint16_t max) {
  for (size_t i = 0; i < n; i++) {
    dst[i] = src[i] > max ? '?' : (uint8_t)src[i];
  }
  return n;
}

size_t sh_utf16_from_latin1(uint16_t *dst, const uint8_t *src, size_t n) {
  size_t i = 0;
#ifdef SH_X86
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
    _mm_storeu_si128((__m128i *)(dst + i), _mm_unpacklo_epi8(v, zero));
    _mm_storeu_si128((__m128i *)(dst + i + 8), _mm_unpackhi_epi8(v, zero));
  }
#endif
  for (; i < n; i++) {
    dst[i] = src[i];
  }
  return n;
}

/* 0x80-0x9F of windows-1252; the five unassigned bytes map to themselves. */
static const uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

bool sh_cp1252_is_latin1(const uint8_t *src, size_t n) {
  for (size_t i = sh_ascii_prefix(src, n); i < n; i++) {
    if (src[i] >= 0x80 && src[i] < 0xA0 && kCp1252High[src[i] - 0x80] >= 0x100) {
      return false;
    }
  }
  return true;
}

size_t sh_cp1252_to_utf16(uint16_t *dst, const uint8_t *src, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t c = src[i];
    dst[i] = c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : c;
  }
  return n;
}

/* ---- UTF-8 encoding ---- */

size_t sh_utf8_length_latin1(const uint8_t *src, size_t n) {
  size_t extra = 0;
  size_t i = 0;
#ifdef SH_X86
  /* Count bytes >= 0x80 in per-byte counters (a compare is -1), summed with
   * psadbw before they can overflow. (No popcount: without -mpopcnt it is a
   * libgcc call per block.) */
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= n) {
    size_t stop = n - i > 16 * 255 ? i + 16 * 255 : n;
    __m128i acc = zero;
    for (; i + 16 <= stop; i += 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
      acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, zero));
    }
    __m128i sums = _mm_sad_epu8(acc, zero);
    extra += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
  }
#endif
  for (; i < n; i++) {
    extra += src[i] >> 7;
  }
  return n + extra;
}

static inline bool is_high_surrogate(uint32_t c) { return (c & 0xFC00) == 0xD800; }
static inline bool is_low_surrogate(uint32_t c) { return (c & 0xFC00) == 0xDC00; }

size_t sh_utf8_length_utf16(const uint16_t *src, size_t n) {
  size_t len = 0;
  size_t i = 0;
  while (i < n) {
#ifdef SH_X86
    /* Blocks of 8 units without surrogates: 1 + (u >= 0x80) + (u >= 0x800)
     * each, counted with compares (a true compare is -1). */
    if (i + 8 <= n) {
      __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
      __m128i surrogate = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xF800)),
                                          _mm_set1_epi16((short)0xD800));
      if (_mm_movemask_epi8(surrogate) == 0) {
        /* Unsigned compares through a sign flip. */
        __m128i flipped = _mm_xor_si128(v, _mm_set1_epi16((short)0x8000));
        __m128i ge80 = _mm_cmpgt_epi16(flipped, _mm_set1_epi16((short)(0x7F ^ 0x8000)));
        __m128i ge800 = _mm_cmpgt_epi16(flipped, _mm_set1_epi16((short)(0x7FF ^ 0x8000)));
        __m128i sum = _mm_add_epi16(ge80, ge800); /* -2..0 per unit */
        sum = _mm_sub_epi16(_mm_setzero_si128(), sum);
        sum = _mm_madd_epi16(sum, _mm_set1_epi16(1)); /* 4 x i32 */
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
        len += 8 + (size_t)_mm_cvtsi128_si32(sum);
        i += 8;
        continue;
      }
    }
#endif
    uint32_t c = src[i];
    if (c < 0x80) {
      len += 1;
    } else if (c < 0x800) {
      len += 2;
    } else if (is_high_surrogate(c) && i + 1 < n && is_low_surrogate(src[i + 1])) {
      len += 4;
      i++;
    } else {
      len += 3; /* BMP character, or a lone surrogate as U+FFFD */
    }
    i++;
  }
  return len;
}

/* Copies the ASCII prefix of src (at most n bytes) to dst; returns its
 * length. Both sides have room for n bytes. */
static inline size_t copy_ascii(uint8_t *dst, const uint8_t *src, size_t n) {
  size_t i = 0;
#ifdef SH_X86
  /* Stores only all-ASCII blocks: a caller's dst may end right after the
   * bytes this run produces. */
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
    if (_mm_movemask_epi8(v) != 0) {
      break;
    }
    _mm_storeu_si128((__m128i *)(dst + i), v);
  }
#endif
  for (; i < n && src[i] < 0x80; i++) {
    dst[i] = src[i];
  }
  return i;
}

size_t sh_utf8_from_latin1(uint8_t *dst, size_t cap, const uint8_t *src, size_t n, size_t *nread) {
  size_t i = 0;
  size_t o = 0;
  while (i < n && o < cap) {
    size_t room = cap - o < n - i ? cap - o : n - i;
    size_t run = copy_ascii(dst + o, src + i, room);
    i += run;
    o += run;
    if (run == room) {
      continue; /* input done or dst full: the loop condition decides */
    }
    /* src[i] >= 0x80: two bytes. */
    if (cap - o < 2) {
      break;
    }
    uint8_t c = src[i++];
    dst[o++] = (uint8_t)(0xC0 | (c >> 6));
    dst[o++] = (uint8_t)(0x80 | (c & 0x3F));
  }
  if (nread != NULL) {
    *nread = i;
  }
  return o;
}

#ifdef SH_X86
/* Narrows blocks of 16 ASCII units to bytes; returns the units consumed (a
 * multiple of 16, 0 when the first block is not all ASCII). */
static inline size_t narrow_ascii_blocks(uint8_t *dst, size_t cap, const uint16_t *src, size_t n) {
  size_t i = 0;
  while (i + 16 <= n && i + 16 <= cap) {
    __m128i a = _mm_loadu_si128((const __m128i *)(src + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(src + i + 8));
    __m128i high = _mm_and_si128(_mm_or_si128(a, b), _mm_set1_epi16((short)0xFF80));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) == 0xFFFF) {
      _mm_storeu_si128((__m128i *)(dst + i), _mm_packus_epi16(a, b));
      i += 16;
      continue;
    }
    /* Mixed text: keep the ASCII units in front. Storing all 16 bytes is
     * safe only when what follows will overwrite them: the 16 units need
     * at most 48 bytes, so with that much room they are all written. */
    if (cap - i < 48) {
      break;
    }
    unsigned ascii_a = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi16(_mm_and_si128(a, _mm_set1_epi16((short)0xFF80)), _mm_setzero_si128()));
    unsigned ascii_b = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi16(_mm_and_si128(b, _mm_set1_epi16((short)0xFF80)), _mm_setzero_si128()));
    unsigned non_ascii = ~(ascii_a | ascii_b << 16);
    _mm_storeu_si128((__m128i *)(dst + i), _mm_packus_epi16(a, b));
    i += (size_t)__builtin_ctz(non_ascii) / 2;
    break;
  }
  return i;
}
#endif

#ifdef SH_X86
static inline bool have_vbmi2(void) {
  return __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi2");
}

/* Blocks of 16 units without surrogates -> 16 to 48 bytes, with AVX-512:
 * each unit's 1, 2 or 3 bytes are built in a 32-bit lane, and vpcompressb
 * squeezes out the unused bytes. Stops at a block with a surrogate (the
 * scalar code takes those) or when fewer than 48 bytes of room are left.
 * Returns the units consumed; *written gets the bytes. */
__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi2"))) static size_t utf8_from_utf16_vbmi2(
    uint8_t *dst, size_t cap, const uint16_t *src, size_t n, size_t *written) {
  size_t i = 0;
  size_t o = 0;
  for (; i + 16 <= n && cap - o >= 48; i += 16) {
    __m256i units = _mm256_loadu_si256((const __m256i *)(src + i));
    __m512i u = _mm512_cvtepu16_epi32(units);
    __mmask16 surrogate = _mm512_cmpeq_epi32_mask(_mm512_and_si512(u, _mm512_set1_epi32(0xF800)),
                                                 _mm512_set1_epi32(0xD800));
    /* Units before the first surrogate go now; the scalar code takes the
     * surrogate (a pair, or a lone one). */
    unsigned take = surrogate != 0 ? (unsigned)__builtin_ctz(surrogate) : 16;
    if (take == 0) {
      break;
    }
    __mmask16 two = _mm512_cmpge_epu32_mask(u, _mm512_set1_epi32(0x80));
    __mmask16 three = _mm512_cmpge_epu32_mask(u, _mm512_set1_epi32(0x800));
    const __m512i x3f = _mm512_set1_epi32(0x3F);
    /* 2-byte form: 110xxxxx 10xxxxxx, little end first. */
    __m512i w2 = _mm512_or_si512(
        _mm512_or_si512(_mm512_set1_epi32(0x80C0), _mm512_srli_epi32(u, 6)),
        _mm512_slli_epi32(_mm512_and_si512(u, x3f), 8));
    /* 3-byte form: 1110xxxx 10xxxxxx 10xxxxxx. */
    __m512i w3 = _mm512_or_si512(
        _mm512_or_si512(_mm512_set1_epi32(0x8080E0), _mm512_srli_epi32(u, 12)),
        _mm512_or_si512(_mm512_slli_epi32(_mm512_and_si512(_mm512_srli_epi32(u, 6), x3f), 8),
                        _mm512_slli_epi32(_mm512_and_si512(u, x3f), 16)));
    __m512i w = _mm512_mask_blend_epi32(two, u, w2);
    w = _mm512_mask_blend_epi32(three, w, w3);
    /* Bytes kept: the first of each lane, the second if 2+, the third if 3. */
    uint64_t keep = 0x1111111111111111ull | _pdep_u64(two, 0x2222222222222222ull) |
                    _pdep_u64(three, 0x4444444444444444ull);
    if (take < 16) {
      keep &= (1ull << (4 * take)) - 1;
    }
    __m512i packed = _mm512_maskz_compress_epi8(keep, w);
    size_t len = (size_t)__builtin_popcountll(keep);
    _mm512_mask_storeu_epi8(dst + o, (__mmask64)((1ull << len) - 1), packed);
    o += len;
    if (take < 16) {
      i += take;
      break;
    }
  }
  *written = o;
  return i;
}
#endif

size_t sh_utf8_from_utf16(uint8_t *dst, size_t cap, const uint16_t *src, size_t n, size_t *nread) {
  size_t i = 0;
  size_t o = 0;
#ifdef SH_X86
  bool vbmi2 = n >= 64 && have_vbmi2();
#endif
  while (i < n) {
    uint32_t c = src[i];
#ifdef SH_X86
    if (vbmi2 && c >= 0x80 && (c & 0xF800) != 0xD800 && n - i >= 16 && cap - o >= 48) {
      size_t written;
      size_t used = utf8_from_utf16_vbmi2(dst + o, cap - o, src + i, n - i, &written);
      if (used > 0) {
        i += used;
        o += written;
        continue;
      }
    }
#endif
    if (c < 0x80) {
#ifdef SH_X86
      size_t run = narrow_ascii_blocks(dst + o, cap - o, src + i, n - i);
      if (run > 0) {
        i += run;
        o += run;
        continue;
      }
#endif
      if (o >= cap) {
        break;
      }
      dst[o++] = (uint8_t)c;
      i++;
      continue;
    }
    if (c < 0x800) {
      if (cap - o < 2) {
        break;
      }
      dst[o++] = (uint8_t)(0xC0 | (c >> 6));
      dst[o++] = (uint8_t)(0x80 | (c & 0x3F));
      i++;
      continue;
    }
    if (is_high_surrogate(c) && i + 1 < n && is_low_surrogate(src[i + 1])) {
      if (cap - o < 4) {
        break;
      }
      uint32_t cp = 0x10000 + ((c - 0xD800) << 10) + (src[i + 1] - 0xDC00u);
      dst[o++] = (uint8_t)(0xF0 | (cp >> 18));
      dst[o++] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
      dst[o++] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
      dst[o++] = (uint8_t)(0x80 | (cp & 0x3F));
      i += 2;
      continue;
    }
    if ((c & 0xF800) == 0xD800) {
      c = REPLACEMENT; /* lone surrogate */
    }
    if (cap - o < 3) {
      break;
    }
    dst[o++] = (uint8_t)(0xE0 | (c >> 12));
    dst[o++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    dst[o++] = (uint8_t)(0x80 | (c & 0x3F));
    i++;
  }
  if (nread != NULL) {
    *nread = i;
  }
  return o;
}

/* ---- UTF-8 decoding ---- */

/* Decodes the sequence at s[0] (>= 0x80), of which avail >= 1 bytes exist.
 * Sets *len to the bytes it covers: the whole character, or the maximal
 * subpart of an invalid sequence, which becomes one U+FFFD (then it
 * returns INVALID). The ranges are the well-formed table of Unicode 3.9. */
static inline uint32_t decode_seq(const uint8_t *s, size_t avail, size_t *len) {
  uint32_t b0 = s[0];
  if (b0 < 0xC2 || b0 > 0xF4) {
    *len = 1;
    return INVALID;
  }
  if (b0 < 0xE0) {
    if (avail >= 2 && (s[1] & 0xC0) == 0x80) {
      *len = 2;
      return ((b0 & 0x1F) << 6) | (s[1] & 0x3Fu);
    }
    *len = 1;
    return INVALID;
  }
  uint32_t lo = 0x80;
  uint32_t hi = 0xBF;
  if (b0 == 0xE0) {
    lo = 0xA0;
  } else if (b0 == 0xED) {
    hi = 0x9F; /* no surrogates */
  } else if (b0 == 0xF0) {
    lo = 0x90;
  } else if (b0 == 0xF4) {
    hi = 0x8F; /* nothing above U+10FFFF */
  }
  if (avail < 2 || s[1] < lo || s[1] > hi) {
    *len = 1;
    return INVALID;
  }
  if (avail < 3 || (s[2] & 0xC0) != 0x80) {
    *len = 2;
    return INVALID;
  }
  if (b0 < 0xF0) {
    *len = 3;
    return ((b0 & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  }
  if (avail < 4 || (s[3] & 0xC0) != 0x80) {
    *len = 3;
    return INVALID;
  }
  *len = 4;
  return ((b0 & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

size_t sh_utf8_utf16_length(const uint8_t *src, size_t n, bool *one_byte) {
  size_t units = 0;
  bool narrow = true;
  size_t i = 0;
  while (i < n) {
    size_t run = sh_ascii_prefix(src + i, n - i);
    i += run;
    units += run;
    while (i < n && src[i] >= 0x80) {
      size_t len;
      uint32_t cp = decode_seq(src + i, n - i, &len);
      i += len;
      units += 1 + (cp >= 0x10000 && cp != INVALID);
      narrow = narrow && cp < 0x100;
    }
  }
  if (one_byte != NULL) {
    *one_byte = narrow;
  }
  return units;
}

size_t sh_utf8_to_utf16(uint16_t *dst, const uint8_t *src, size_t n) {
  size_t o = 0;
  size_t i = 0;
  while (i < n) {
    if (src[i] < 0x80) {
#ifdef SH_X86
      const __m128i zero = _mm_setzero_si128();
      while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
        int mask = _mm_movemask_epi8(v);
        if (mask != 0 && n - i < 64) {
          break;
        }
        /* Widening all 16 is safe with 64 bytes of input left: they make
         * at least 16 more units, which overwrite any extra stored here. */
        _mm_storeu_si128((__m128i *)(dst + o), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128((__m128i *)(dst + o + 8), _mm_unpackhi_epi8(v, zero));
        if (mask != 0) {
          size_t k = (size_t)__builtin_ctz((unsigned)mask);
          i += k;
          o += k;
          break;
        }
        i += 16;
        o += 16;
      }
#endif
      while (i < n && src[i] < 0x80) {
        dst[o++] = src[i++];
      }
      continue;
    }
    size_t len;
    uint32_t cp = decode_seq(src + i, n - i, &len);
    i += len;
    if (cp == INVALID) {
      dst[o++] = REPLACEMENT;
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      dst[o++] = (uint16_t)(0xD800 + (cp >> 10));
      dst[o++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    } else {
      dst[o++] = (uint16_t)cp;
    }
  }
  return o;
}

size_t sh_utf8_to_latin1(uint8_t *dst, const uint8_t *src, size_t n) {
  size_t o = 0;
  size_t i = 0;
  while (i < n) {
    size_t run = copy_ascii(dst + o, src + i, n - i);
    i += run;
    o += run;
    if (i >= n) {
      break;
    }
    size_t len;
    uint32_t cp = decode_seq(src + i, n - i, &len);
    i += len;
    dst[o++] = cp < 0x100 ? (uint8_t)cp : '?'; /* '?' only if misused */
  }
  return o;
}

bool sh_utf8_validate(const uint8_t *src, size_t n) {
  size_t i = 0;
  while (i < n) {
    i += sh_ascii_prefix(src + i, n - i);
    while (i < n && src[i] >= 0x80) {
      size_t len;
      if (decode_seq(src + i, n - i, &len) == INVALID) {
        return false;
      }
      i += len;
    }
  }
  return true;
}

size_t sh_utf8_incomplete_tail(const uint8_t *src, size_t n) {
  /* Find the last lead byte among the final three bytes. */
  for (size_t k = 1; k <= 3 && k <= n; k++) {
    uint8_t b = src[n - k];
    if ((b & 0xC0) == 0x80) {
      continue; /* continuation: look further back */
    }
    if (b < 0xC2 || b > 0xF4) {
      return 0; /* ASCII, or a byte no sequence starts with */
    }
    size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (need <= k) {
      return 0; /* complete, or not a lead byte */
    }
    /* An incomplete sequence is one decode_seq rejects only for want of
     * bytes: its maximal subpart runs to the end of the input. */
    size_t len;
    if (decode_seq(src + n - k, k, &len) == INVALID && len == k) {
      return k;
    }
    return 0;
  }
  return 0;
}

/* ---- base64 ---- */

static const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Sextet of each character, both alphabets; 0xFF for everything else. */
static const uint8_t kUnbase64[256] = {
#define X 0xFF
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  /* 0x00 */
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  /* 0x10 */
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  62, X,  62, X,  63, /* 0x20: + - / */
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, X,  X,  X,  X,  X,  X,  /* 0x30: 0-9 */
    X,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, /* 0x40: A-O */
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, X,  X,  X,  X,  63, /* 0x50: P-Z _ */
    X,  26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, /* 0x60: a-o */
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, X,  X,  X,  X,  X,  /* 0x70: p-z */
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
    X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,
#undef X
};

size_t sh_base64_encoded_length(size_t n, bool url) {
  if (url) {
    return n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
  }
  return (n + 2) / 3 * 4;
}

#ifdef SH_X86
/* 24 input bytes -> 32 characters per step (the method of Muła and Lemire,
 * "Faster Base64 Encoding and Decoding Using AVX2 Instructions"). Reads 28
 * bytes per step, so stops 4 early. Returns the input bytes consumed. */
__attribute__((target("avx2"))) static size_t base64_encode_avx2(char *dst, const uint8_t *src,
                                                                 size_t n, bool url) {
  /* Each 3 input bytes a b c become the 32-bit word [b a c b]. */
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10, 1, 0, 2,
                                          1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  /* Offset from sextet to ASCII, indexed as computed below. */
  const char c62 = url ? '-' : '+';
  const char c63 = url ? '_' : '/';
  const __m256i offsets = _mm256_setr_epi8(
      'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
      '0' - 52, '0' - 52, (char)(c62 - 62), (char)(c63 - 63), 'A', 0, 0, 'a' - 26, '0' - 52,
      '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
      (char)(c62 - 62), (char)(c63 - 63), 'A', 0, 0);
  size_t i = 0;
  size_t o = 0;
  for (; i + 28 <= n; i += 24, o += 32) {
    __m128i lo = _mm_loadu_si128((const __m128i *)(src + i));
    __m128i hi = _mm_loadu_si128((const __m128i *)(src + i + 12));
    __m256i in = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
    in = _mm256_shuffle_epi8(in, spread);
    /* Move the four sextets of each word into its four bytes. */
    __m256i t0 = _mm256_and_si256(in, _mm256_set1_epi32(0x0FC0FC00));
    __m256i t1 = _mm256_mulhi_epu16(t0, _mm256_set1_epi32(0x04000040));
    __m256i t2 = _mm256_and_si256(in, _mm256_set1_epi32(0x003F03F0));
    __m256i t3 = _mm256_mullo_epi16(t2, _mm256_set1_epi32(0x01000010));
    __m256i sextets = _mm256_or_si256(t1, t3);
    /* 0..25 -> 13, 26..51 -> 0, 52..61 -> 1..10, 62 -> 11, 63 -> 12. */
    __m256i index = _mm256_subs_epu8(sextets, _mm256_set1_epi8(51));
    __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), sextets);
    index = _mm256_or_si256(index, _mm256_and_si256(upper, _mm256_set1_epi8(13)));
    __m256i out = _mm256_add_epi8(sextets, _mm256_shuffle_epi8(offsets, index));
    _mm256_storeu_si256((__m256i *)(dst + o), out);
  }
  return i;
}
#endif

size_t sh_base64_encode(char *dst, const uint8_t *src, size_t n, bool url) {
  const char *table = url ? kBase64Url : kBase64;
  size_t i = 0;
  size_t o = 0;
#ifdef SH_X86
  if (n >= 64 && have_avx2()) {
    i = base64_encode_avx2(dst, src, n, url);
    o = i / 3 * 4;
  }
#endif
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 | src[i + 2];
    dst[o++] = table[v >> 18];
    dst[o++] = table[(v >> 12) & 0x3F];
    dst[o++] = table[(v >> 6) & 0x3F];
    dst[o++] = table[v & 0x3F];
  }
  if (i < n) {
    uint32_t v = (uint32_t)src[i] << 16 | (i + 1 < n ? (uint32_t)src[i + 1] << 8 : 0);
    dst[o++] = table[v >> 18];
    dst[o++] = table[(v >> 12) & 0x3F];
    if (i + 1 < n) {
      dst[o++] = table[(v >> 6) & 0x3F];
    } else if (!url) {
      dst[o++] = '=';
    }
    if (!url) {
      dst[o++] = '=';
    }
  }
  return o;
}

#ifdef SH_X86
/* 32 characters -> 24 bytes per step, for blocks whose characters are all
 * in either alphabet; stops at the first block that is not (whitespace,
 * padding, junk), which the scalar code then takes. Returns the characters
 * consumed; *written gets the bytes. */
__attribute__((target("avx2"))) static size_t base64_decode_avx2(uint8_t *dst, size_t cap,
                                                                 const uint8_t *src, size_t n,
                                                                 size_t *written) {
  /* Validity: a character is invalid when lut_lo[low nibble] and
   * lut_hi[high nibble] share a bit. One bit per high nibble class:
   * 1: 0x2_ (valid + - /), 2: 0x3_ (0-9), 4: 0x4_ and 0x6_ (1-F),
   * 8: 0x5_ (0-A and _), 16: 0x7_ (0-A), 32: every other high nibble. */
  const __m256i lut_lo = _mm256_setr_epi8(
      1 | 4 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 2 | 32,
      2 | 8 | 16 | 32, 1 | 2 | 8 | 16 | 32, 2 | 8 | 16 | 32, 1 | 2 | 8 | 16 | 32, 2 | 16 | 32,
      1 | 4 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 32, 1 | 2 | 32,
      2 | 8 | 16 | 32, 1 | 2 | 8 | 16 | 32, 2 | 8 | 16 | 32, 1 | 2 | 8 | 16 | 32, 2 | 16 | 32);
  const __m256i lut_hi = _mm256_setr_epi8(32, 32, 1, 2, 4, 8, 4, 16, 32, 32, 32, 32, 32, 32, 32, 32,
                                          32, 32, 1, 2, 4, 8, 4, 16, 32, 32, 32, 32, 32, 32, 32, 32);
  /* Offset from character to sextet by high nibble, with four specials:
   * '/' (index 1), '+' (2), '-' (8), '_' (9). */
  const __m256i lut_roll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 17, -32, 0, 0, 0, 0, 0,
                                            0, 0, 16, 19, 4, -65, -65, -71, -71, 17, -32, 0, 0, 0,
                                            0, 0, 0);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  size_t i = 0;
  size_t o = 0;
  for (; i + 32 <= n && cap - o >= 24; i += 32, o += 24) {
    __m256i in = _mm256_loadu_si256((const __m256i *)(src + i));
    __m256i hi_nib = _mm256_and_si256(_mm256_srli_epi32(in, 4), nibble);
    __m256i lo_nib = _mm256_and_si256(in, nibble);
    __m256i bad = _mm256_and_si256(_mm256_shuffle_epi8(lut_lo, lo_nib),
                                   _mm256_shuffle_epi8(lut_hi, hi_nib));
    if (!_mm256_testz_si256(bad, bad)) {
      break;
    }
    __m256i index = hi_nib;
    index = _mm256_add_epi8(index, _mm256_cmpeq_epi8(in, _mm256_set1_epi8('/')));
    index = _mm256_add_epi8(
        index, _mm256_and_si256(_mm256_cmpeq_epi8(in, _mm256_set1_epi8('-')), _mm256_set1_epi8(6)));
    index = _mm256_add_epi8(
        index, _mm256_and_si256(_mm256_cmpeq_epi8(in, _mm256_set1_epi8('_')), _mm256_set1_epi8(4)));
    __m256i sextets = _mm256_add_epi8(in, _mm256_shuffle_epi8(lut_roll, index));
    /* Pack [a b c d] sextets into 24 bits, then gather the 3 bytes of
     * each word (most significant first) into the low 12 bytes of a lane. */
    __m256i pairs = _mm256_maddubs_epi16(sextets, _mm256_set1_epi32(0x01400140));
    __m256i words = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
    __m256i packed = _mm256_shuffle_epi8(
        words, _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6,
                                5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1));
    packed = _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7));
    _mm_storeu_si128((__m128i *)(dst + o), _mm256_castsi256_si128(packed));
    _mm_storel_epi64((__m128i *)(dst + o + 16), _mm256_extracti128_si256(packed, 1));
  }
  *written = o;
  return i;
}
#endif

#ifdef SH_X86
static inline bool have_avx512vbmi(void) { return __builtin_cpu_supports("avx512vbmi"); }

/* kUnbase64 for ASCII with 0x80 (a high bit) for what is not a sextet. */
static const uint8_t kSextet[128] = {
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x3E, 0x80, 0x3E, 0x80, 0x3F,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
    0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x80, 0x80, 0x80, 0x80, 0x3F,
    0x80, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0x80, 0x80, 0x80, 0x80, 0x80,
};

/* Byte k of 48 output bytes is byte 2 - k % 3 of 32-bit word k / 3. */
static const uint8_t kPackOrder[64] = {
    0x02, 0x01, 0x00, 0x06, 0x05, 0x04, 0x0A, 0x09, 0x08, 0x0E, 0x0D, 0x0C, 0x12, 0x11, 0x10, 0x16,
    0x15, 0x14, 0x1A, 0x19, 0x18, 0x1E, 0x1D, 0x1C, 0x22, 0x21, 0x20, 0x26, 0x25, 0x24, 0x2A, 0x29,
    0x28, 0x2E, 0x2D, 0x2C, 0x32, 0x31, 0x30, 0x36, 0x35, 0x34, 0x3A, 0x39, 0x38, 0x3E, 0x3D, 0x3C,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* 64 characters -> 48 bytes per step with AVX-512 VBMI (the method of Muła
 * and Lemire, "Base64 encoding and decoding at almost the speed of a memory
 * copy"): one 128-entry table lookup maps every ASCII character to its
 * sextet (both alphabets) or to 0x80. Stops at the first block with any
 * other character. Returns the characters consumed; *written the bytes. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static size_t base64_decode_vbmi(
    uint8_t *dst, size_t cap, const uint8_t *src, size_t n, size_t *written) {
  const __m512i lookup0 = _mm512_loadu_si512((const void *)kSextet);
  const __m512i lookup1 = _mm512_loadu_si512((const void *)(kSextet + 64));
  const __m512i pack = _mm512_loadu_si512((const void *)kPackOrder);
  const __mmask64 out_mask = ((__mmask64)1 << 48) - 1;
  size_t i = 0;
  size_t o = 0;
  for (; i + 64 <= n && cap - o >= 48; i += 64, o += 48) {
    __m512i in = _mm512_loadu_si512((const void *)(src + i));
    __m512i sextets = _mm512_permutex2var_epi8(lookup0, in, lookup1);
    /* A high bit in the input (non-ASCII) or the table (invalid). */
    if (_mm512_movepi8_mask(_mm512_or_si512(sextets, in)) != 0) {
      break;
    }
    __m512i pairs = _mm512_maddubs_epi16(sextets, _mm512_set1_epi32(0x01400140));
    __m512i words = _mm512_madd_epi16(pairs, _mm512_set1_epi32(0x00011000));
    _mm512_mask_storeu_epi8(dst + o, out_mask, _mm512_permutexvar_epi8(pack, words));
  }
  *written = o;
  return i;
}
#endif

size_t sh_base64_decode(sh_base64_state_t *state, uint8_t *dst, size_t cap, const uint8_t *src,
                        size_t n) {
  if (state->done) {
    return 0;
  }
  uint32_t bits = state->bits;
  uint32_t count = state->count;
  size_t i = 0;
  size_t o = 0;
#ifdef SH_X86
  bool avx2 = n >= 64 && have_avx2();
  bool vbmi = n >= 128 && have_avx512vbmi();
#endif
  while (i < n) {
    if (count == 0) {
      /* Whole groups of four valid characters. */
#ifdef SH_X86
      if (vbmi && n - i >= 64 && cap - o >= 48) {
        size_t written;
        i += base64_decode_vbmi(dst + o, cap - o, src + i, n - i, &written);
        o += written;
      }
      if (avx2 && n - i >= 32 && cap - o >= 24) {
        size_t written;
        i += base64_decode_avx2(dst + o, cap - o, src + i, n - i, &written);
        o += written;
      }
#endif
      while (i + 4 <= n && cap - o >= 3) {
        uint32_t a = kUnbase64[src[i]];
        uint32_t b = kUnbase64[src[i + 1]];
        uint32_t c = kUnbase64[src[i + 2]];
        uint32_t d = kUnbase64[src[i + 3]];
        if ((a | b | c | d) & 0x80) { /* an 0xFF: not a sextet */
          break;
        }
        uint32_t v = a << 18 | b << 12 | c << 6 | d;
        dst[o] = (uint8_t)(v >> 16);
        dst[o + 1] = (uint8_t)(v >> 8);
        dst[o + 2] = (uint8_t)v;
        o += 3;
        i += 4;
      }
      if (i >= n) {
        break;
      }
    }
    uint8_t ch = src[i++];
    uint32_t v = kUnbase64[ch];
    if (v == 0xFF) {
      if (ch == '=') {
        state->done = true;
        break;
      }
      continue; /* whitespace and junk are skipped */
    }
    if (count == 0) {
      bits = v;
      count = 1;
      continue;
    }
    if (o >= cap) {
      state->done = true;
      break;
    }
    if (count == 1) {
      dst[o++] = (uint8_t)(bits << 2 | v >> 4);
      bits = v & 0x0F;
      count = 2;
    } else if (count == 2) {
      dst[o++] = (uint8_t)(bits << 4 | v >> 2);
      bits = v & 0x03;
      count = 3;
    } else {
      dst[o++] = (uint8_t)(bits << 6 | v);
      count = 0;
    }
  }
  state->bits = bits;
  state->count = count;
  return o;
}

size_t sh_base64_decoded_length(const uint8_t *src, size_t n) {
  if (n > 0 && src[n - 1] == '=') {
    n--;
  }
  if (n > 1 && src[n - 1] == '=') {
    n--;
  }
  return n * 3 / 4;
}

/* ---- hex ---- */

static const char kHex[] = "0123456789abcdef";

#ifdef SH_X86
__attribute__((target("avx2"))) static size_t hex_encode_avx2(char *dst, const uint8_t *src,
                                                              size_t n) {
  const __m256i digits = _mm256_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a',
                                          'b', 'c', 'd', 'e', 'f', '0', '1', '2', '3', '4', '5',
                                          '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f');
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(src + i));
    __m256i hi = _mm256_shuffle_epi8(digits, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    __m256i lo = _mm256_shuffle_epi8(digits, _mm256_and_si256(v, nibble));
    /* unpack works per 128-bit lane: put the lanes back in order. */
    __m256i a = _mm256_unpacklo_epi8(hi, lo);
    __m256i b = _mm256_unpackhi_epi8(hi, lo);
    _mm256_storeu_si256((__m256i *)(dst + 2 * i), _mm256_permute2x128_si256(a, b, 0x20));
    _mm256_storeu_si256((__m256i *)(dst + 2 * i + 32), _mm256_permute2x128_si256(a, b, 0x31));
  }
  return i;
}
#endif

size_t sh_hex_encode(char *dst, const uint8_t *src, size_t n) {
  size_t i = 0;
#ifdef SH_X86
  if (n >= 64 && have_avx2()) {
    i = hex_encode_avx2(dst, src, n);
  }
#endif
  for (; i < n; i++) {
    dst[2 * i] = kHex[src[i] >> 4];
    dst[2 * i + 1] = kHex[src[i] & 0x0F];
  }
  return 2 * n;
}

static inline int unhex(uint8_t c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c |= 0x20; /* fold case */
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

#ifdef SH_X86
/* 32 digits -> 16 bytes per step, while every digit is valid; the scalar
 * code takes over at the first block that is not (and finds where to
 * stop). Returns the bytes written. */
__attribute__((target("avx2"))) static size_t hex_decode_avx2(uint8_t *dst, size_t cap,
                                                              const uint8_t *src, size_t n) {
  const __m256i zero_char = _mm256_set1_epi8('0');
  const __m256i nine = _mm256_set1_epi8(9);
  const __m256i five = _mm256_set1_epi8(5);
  const __m256i a_char = _mm256_set1_epi8('a');
  const __m256i lower = _mm256_set1_epi8(0x20);
  const __m256i ten = _mm256_set1_epi8(10);
  size_t o = 0;
  for (; 2 * o + 32 <= n && o + 16 <= cap; o += 16) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(src + 2 * o));
    __m256i d = _mm256_sub_epi8(v, zero_char);
    __m256i is_digit = _mm256_cmpeq_epi8(_mm256_min_epu8(d, nine), d);
    /* Only A-F and a-f fold into a-f with the 0x20 bit. */
    __m256i l = _mm256_sub_epi8(_mm256_or_si256(v, lower), a_char);
    __m256i is_letter = _mm256_cmpeq_epi8(_mm256_min_epu8(l, five), l);
    if (_mm256_movemask_epi8(_mm256_or_si256(is_digit, is_letter)) != -1) {
      break;
    }
    __m256i nibbles = _mm256_blendv_epi8(_mm256_add_epi8(l, ten), d, is_digit);
    /* high * 16 + low per pair, then the 16-bit results to bytes. */
    __m256i words = _mm256_maddubs_epi16(nibbles, _mm256_set1_epi16(0x0110));
    __m256i packed = _mm256_packus_epi16(words, words);
    packed = _mm256_permute4x64_epi64(packed, 0x08);
    _mm_storeu_si128((__m128i *)(dst + o), _mm256_castsi256_si128(packed));
  }
  return o;
}
#endif

size_t sh_hex_decode(uint8_t *dst, size_t cap, const uint8_t *src, size_t n) {
  size_t pairs = n / 2 < cap ? n / 2 : cap;
  size_t start = 0;
#ifdef SH_X86
  if (pairs >= 32 && have_avx2()) {
    start = hex_decode_avx2(dst, pairs, src, n);
  }
#endif
  for (size_t i = start; i < pairs; i++) {
    int a = unhex(src[2 * i]);
    int b = unhex(src[2 * i + 1]);
    if (a < 0 || b < 0) {
      return i;
    }
    dst[i] = (uint8_t)(a << 4 | b);
  }
  return pairs;
}

/* ---- bytes ---- */

void sh_swap16(uint8_t *p, size_t n) {
  for (size_t i = 0; i + 2 <= n; i += 2) {
    uint16_t v;
    memcpy(&v, p + i, 2);
    v = __builtin_bswap16(v);
    memcpy(p + i, &v, 2);
  }
}

void sh_swap32(uint8_t *p, size_t n) {
  for (size_t i = 0; i + 4 <= n; i += 4) {
    uint32_t v;
    memcpy(&v, p + i, 4);
    v = __builtin_bswap32(v);
    memcpy(p + i, &v, 4);
  }
}

void sh_swap64(uint8_t *p, size_t n) {
  for (size_t i = 0; i + 8 <= n; i += 8) {
    uint64_t v;
    memcpy(&v, p + i, 8);
    v = __builtin_bswap64(v);
    memcpy(p + i, &v, 8);
  }
}

int64_t sh_bytes_index(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m, size_t from) {
  if (from > n || m > n - from) {
    return m == 0 && from <= n ? (int64_t)from : -1;
  }
  if (m == 0) {
    return (int64_t)from;
  }
  /* glibc's memmem is a two-way search with a vectorised first-byte scan. */
  const uint8_t *hit = memmem(hay + from, n - from, needle, m);
  return hit == NULL ? -1 : (int64_t)(hit - hay);
}

int64_t sh_bytes_last_index(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m,
                            size_t from) {
  if (m > n) {
    return -1;
  }
  if (from > n - m) {
    from = n - m;
  }
  if (m == 0) {
    return (int64_t)from;
  }
  if (m == 1) {
    const uint8_t *hit = memrchr(hay, needle[0], from + 1);
    return hit == NULL ? -1 : (int64_t)(hit - hay);
  }
  /* Horspool from the right: the shift comes from the needle's first byte
   * positions, read right to left. */
  size_t shift[256];
  for (size_t i = 0; i < 256; i++) {
    shift[i] = m;
  }
  for (size_t i = m - 1; i > 0; i--) {
    shift[needle[i]] = i;
  }
  size_t pos = from;
  for (;;) {
    if (hay[pos] == needle[0] && memcmp(hay + pos + 1, needle + 1, m - 1) == 0) {
      return (int64_t)pos;
    }
    size_t s = shift[hay[pos]];
    if (pos < s) {
      return -1;
    }
    pos -= s;
  }
}

int64_t sh_u16_index(const uint16_t *hay, size_t n, const uint16_t *needle, size_t m, size_t from) {
  if (from > n || m > n - from) {
    return m == 0 && from <= n ? (int64_t)from : -1;
  }
  if (m == 0) {
    return (int64_t)from;
  }
  for (size_t pos = from; pos + m <= n; pos++) {
    if (hay[pos] == needle[0] && memcmp(hay + pos + 1, needle + 1, (m - 1) * 2) == 0) {
      return (int64_t)pos;
    }
  }
  return -1;
}

int64_t sh_u16_last_index(const uint16_t *hay, size_t n, const uint16_t *needle, size_t m,
                          size_t from) {
  if (m > n) {
    return -1;
  }
  if (from > n - m) {
    from = n - m;
  }
  if (m == 0) {
    return (int64_t)from;
  }
  for (size_t pos = from + 1; pos-- > 0;) {
    if (hay[pos] == needle[0] && memcmp(hay + pos + 1, needle + 1, (m - 1) * 2) == 0) {
      return (int64_t)pos;
    }
  }
  return -1;
}
