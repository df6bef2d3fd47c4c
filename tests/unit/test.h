/* A tiny harness for the C unit tests: CHECKs that report the failing line
 * and exit 1; exit 77 means "this kernel lacks the feature" (skipped). */
#ifndef SH_TEST_H
#define SH_TEST_H

#include <stdio.h>
#include <stdlib.h>

#define T_ASSERT(cond)                                                                             \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond);                 \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define T_EQ(a, b)                                                                                 \
  do {                                                                                             \
    long long _a = (long long)(a), _b = (long long)(b);                                            \
    if (_a != _b) {                                                                                \
      fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, _a, #b,  \
              _b);                                                                                 \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define T_SKIP(why)                                                                                \
  do {                                                                                             \
    printf("skip: %s\n", why);                                                                     \
    exit(77);                                                                                      \
  } while (0)

#endif
