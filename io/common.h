/* Small helpers every C file in shard uses: invariant checks, container_of,
 * allocation that aborts on OOM (so callers stay simple, as in h2o). */
#ifndef SH_COMMON_H
#define SH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SH_UNUSED(x) ((void)(x))
#define SH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define SH_CONTAINER_OF(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define SH_LIKELY(x) __builtin_expect(!!(x), 1)
#define SH_UNLIKELY(x) __builtin_expect(!!(x), 0)

#ifdef __cplusplus
extern "C" {
#endif

/* Prints "file:line: check failed: expr" and aborts. */
#ifdef __cplusplus
[[noreturn]]
#else
_Noreturn
#endif
void sh__check_failed(const char *file, int line, const char *expr);

/* Allocation that never returns NULL: out of memory aborts the process with a
 * message. The caller owns the returned memory and frees it with free(). */
void *sh_xmalloc(size_t size);
void *sh_xcalloc(size_t n, size_t size);
void *sh_xrealloc(void *p, size_t size);
char *sh_xstrdup(const char *s);

#ifdef __cplusplus
}
#endif

/* CHECK aborts in every build: a broken invariant. ASSERT only in debug builds. */
#define SH_CHECK(expr)                                                                             \
  do {                                                                                             \
    if (SH_UNLIKELY(!(expr))) {                                                                    \
      sh__check_failed(__FILE__, __LINE__, #expr);                                                 \
    }                                                                                              \
  } while (0)

#ifdef NDEBUG
#define SH_ASSERT(expr) ((void)0)
#else
#define SH_ASSERT(expr) SH_CHECK(expr)
#endif

#endif
