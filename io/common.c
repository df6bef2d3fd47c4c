#include "io/common.h"

#include <string.h>
#include <unistd.h>

_Noreturn void sh__check_failed(const char *file, int line, const char *expr) {
  fprintf(stderr, "shard: %s:%d: check failed: %s\n", file, line, expr);
  fflush(stderr);
  abort();
}

static _Noreturn void out_of_memory(size_t size) {
  char msg[96];
  int n = snprintf(msg, sizeof msg, "shard: out of memory (allocating %zu bytes)\n", size);
  if (n > 0) {
    ssize_t ignored = write(2, msg, (size_t)n);
    (void)ignored;
  }
  abort();
}

void *sh_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (SH_UNLIKELY(p == NULL)) {
    out_of_memory(size);
  }
  return p;
}

void *sh_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (SH_UNLIKELY(p == NULL)) {
    out_of_memory(n * size);
  }
  return p;
}

void *sh_xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (SH_UNLIKELY(q == NULL)) {
    out_of_memory(size);
  }
  return q;
}

char *sh_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = sh_xmalloc(n);
  memcpy(p, s, n);
  return p;
}
