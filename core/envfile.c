#include "core/envfile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/common.h"

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  size_t cap = 4096, len = 0;
  char *buf = sh_xmalloc(cap);
  size_t n;
  while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 == cap) {
      cap *= 2;
      buf = sh_xrealloc(buf, cap);
    }
  }
  fclose(f);
  buf[len] = '\0';
  return buf;
}

int sh_envfile_load(const char *path) {
  char *text = read_file(path);
  if (text == NULL) {
    return -errno;
  }
  char *p = text;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
      p++;
    }
    if (*p == '#') {
      while (*p && *p != '\n') {
        p++;
      }
      continue;
    }
    if (strncmp(p, "export ", 7) == 0) {
      p += 7;
      while (*p == ' ') {
        p++;
      }
    }
    char *key = p;
    while (*p && *p != '=' && *p != '\n') {
      p++;
    }
    if (*p != '=') {
      continue; /* a line without '=' is skipped */
    }
    char *key_end = p;
    while (key_end > key && isspace((unsigned char)key_end[-1])) {
      key_end--;
    }
    *key_end = '\0';
    p++;
    while (*p == ' ' || *p == '\t') {
      p++;
    }
    char *value = p;
    char *out = p;
    char quote = (*p == '"' || *p == '\'' || *p == '`') ? *p : 0;
    if (quote && strchr(p + 1, quote) != NULL) {
      p++;
      while (*p && *p != quote) {
        if (quote == '"' && *p == '\\' && p[1] == 'n') {
          *out++ = '\n';
          p += 2;
        } else {
          *out++ = *p++;
        }
      }
      if (*p == quote) {
        p++;
      }
      while (*p && *p != '\n') {
        p++; /* anything after the closing quote, such as a comment */
      }
    } else {
      while (*p && *p != '\n' && *p != '#') {
        *out++ = *p++;
      }
      while (out > value && isspace((unsigned char)out[-1])) {
        out--;
      }
      while (*p && *p != '\n') {
        p++;
      }
    }
    char saved = *p;
    *out = '\0';
    if (*key) {
      setenv(key, value, 0);
    }
    if (saved == '\0') {
      break;
    }
    p++;
  }
  free(text);
  return 0;
}
