/* HTTP/1.x parsing over llhttp: see http.h. */
#include "io/http.h"

#include <pthread.h>
#include <string.h>

#include "io/common.h"
#include "perf/counters.h"

#define PARSER(llp) ((sh_http_parser_t *)(llp)->data)

static void arena_append(sh_http_parser_t *p, const char *at, size_t len) {
  if (p->arena_len + len > p->arena_cap) {
    uint32_t cap = p->arena_cap ? p->arena_cap : 1024;
    while (cap < p->arena_len + len) {
      cap *= 2;
    }
    p->arena = sh_xrealloc(p->arena, cap);
    p->arena_cap = cap;
  }
  memcpy(p->arena + p->arena_len, at, len);
  p->arena_len += (uint32_t)len;
}

/* Node's maxHeaderSize counts the request line and every header byte. */
static int track(sh_http_parser_t *p, size_t len) {
  p->head_bytes += (uint32_t)len;
  if (p->head_bytes > p->max_head) {
    p->overflow = true;
    return -1;
  }
  return 0;
}

static int on_message_begin(llhttp_t *llp) {
  sh_http_parser_t *p = PARSER(llp);
  p->arena_len = 0;
  p->nheaders = 0;
  p->head_bytes = 0;
  p->url = p->url_len = 0;
  p->reason = p->reason_len = 0;
  p->in_trailers = false;
  p->in_value = false;
  p->has_head = true;
  return 0;
}

static int on_url(llhttp_t *llp, const char *at, size_t len) {
  sh_http_parser_t *p = PARSER(llp);
  if (track(p, len) < 0) {
    return -1;
  }
  if (p->url_len == 0) {
    p->url = p->arena_len;
  }
  arena_append(p, at, len);
  p->url_len += (uint32_t)len;
  return 0;
}

static int on_status(llhttp_t *llp, const char *at, size_t len) {
  sh_http_parser_t *p = PARSER(llp);
  if (track(p, len) < 0) {
    return -1;
  }
  if (p->reason_len == 0) {
    p->reason = p->arena_len;
  }
  arena_append(p, at, len);
  p->reason_len += (uint32_t)len;
  return 0;
}

static int on_header_field(llhttp_t *llp, const char *at, size_t len) {
  sh_http_parser_t *p = PARSER(llp);
  if (!p->in_trailers && track(p, len) < 0) {
    return -1;
  }
  if (p->in_value || p->nheaders == 0 ||
      p->headers[p->nheaders - 1].name + p->headers[p->nheaders - 1].name_len != p->arena_len) {
    /* A new header (a field continues only while no value came between). */
    if (p->nheaders == p->headers_cap) {
      p->headers_cap = p->headers_cap ? p->headers_cap * 2 : 32;
      p->headers = sh_xrealloc(p->headers, p->headers_cap * sizeof *p->headers);
    }
    p->headers[p->nheaders++] = (sh_http_header_t){.name = p->arena_len, .value = p->arena_len};
    p->in_value = false;
  }
  arena_append(p, at, len);
  p->headers[p->nheaders - 1].name_len += (uint32_t)len;
  return 0;
}

static int on_header_value(llhttp_t *llp, const char *at, size_t len) {
  sh_http_parser_t *p = PARSER(llp);
  if (!p->in_trailers && track(p, len) < 0) {
    return -1;
  }
  sh_http_header_t *h = &p->headers[p->nheaders - 1];
  if (!p->in_value) {
    h->value = p->arena_len;
    h->value_len = 0;
    p->in_value = true;
  }
  arena_append(p, at, len);
  h->value_len += (uint32_t)len;
  return 0;
}

static void fill_head(sh_http_parser_t *p, sh_http_head_t *head) {
  memset(head, 0, sizeof *head);
  head->arena = p->arena;
  head->headers = p->headers;
  head->nheaders = p->nheaders;
  head->head_bytes = p->head_bytes;
}

static int on_headers_complete(llhttp_t *llp) {
  sh_http_parser_t *p = PARSER(llp);
  sh_http_head_t head;
  fill_head(p, &head);
  head.url = p->url;
  head.url_len = p->url_len;
  head.reason = p->reason;
  head.reason_len = p->reason_len;
  head.method = llp->method;
  head.status = llp->status_code;
  head.major = llp->http_major;
  head.minor = llp->http_minor;
  head.keep_alive = llhttp_should_keep_alive(llp) != 0;
  head.upgrade = llp->upgrade != 0;
  head.chunked = (llp->flags & F_CHUNKED) != 0;
  head.has_content_length = (llp->flags & F_CONTENT_LENGTH) != 0;
  head.content_length = llp->content_length;
  if (llp->type == HTTP_REQUEST) {
    SH_PERF_INC(requests);
  }
  int rc = p->cb->on_head(p, &head);
  /* The head was handed over: the arena now collects trailers, if any. */
  p->arena_len = 0;
  p->nheaders = 0;
  p->in_value = false;
  p->in_trailers = true;
  if (rc < 0) {
    return -1;
  }
  return rc;
}

static int on_body(llhttp_t *llp, const char *at, size_t len) {
  sh_http_parser_t *p = PARSER(llp);
  return p->cb->on_body(p, at, len) < 0 ? -1 : 0;
}

static int on_message_complete(llhttp_t *llp) {
  sh_http_parser_t *p = PARSER(llp);
  sh_http_head_t trailers;
  const sh_http_head_t *t = NULL;
  if (p->nheaders > 0) {
    fill_head(p, &trailers);
    t = &trailers;
  }
  p->has_head = false;
  p->messages++;
  int rc = p->cb->on_complete(p, t);
  p->arena_len = 0;
  p->nheaders = 0;
  return rc < 0 ? -1 : 0;
}

static llhttp_settings_t settings;
static pthread_once_t settings_once = PTHREAD_ONCE_INIT;

static void init_settings(void) {
  llhttp_settings_init(&settings);
  settings.on_message_begin = on_message_begin;
  settings.on_url = on_url;
  settings.on_status = on_status;
  settings.on_header_field = on_header_field;
  settings.on_header_value = on_header_value;
  settings.on_headers_complete = on_headers_complete;
  settings.on_body = on_body;
  settings.on_message_complete = on_message_complete;
}

void sh_http_parser_init(sh_http_parser_t *p, llhttp_type_t type, const sh_http_callbacks_t *cb,
                         void *data, uint32_t max_head) {
  pthread_once(&settings_once, init_settings);
  memset(p, 0, sizeof *p);
  llhttp_init(&p->llhttp, type, &settings);
  p->llhttp.data = p;
  p->cb = cb;
  p->data = data;
  p->max_head = max_head ? max_head : 16384;
}

void sh_http_parser_free(sh_http_parser_t *p) {
  free(p->arena);
  free(p->headers);
  p->arena = NULL;
  p->headers = NULL;
  p->arena_cap = 0;
  p->headers_cap = 0;
}

sh_http_status_t sh_http_execute(sh_http_parser_t *p, const char *data, size_t len, size_t *consumed) {
  llhttp_errno_t err = llhttp_execute(&p->llhttp, data, len);
  if (err == HPE_OK) {
    *consumed = len;
    return SH_HTTP_OK;
  }
  const char *pos = llhttp_get_error_pos(&p->llhttp);
  *consumed = pos != NULL && pos >= data && pos <= data + len ? (size_t)(pos - data) : len;
  if (err == HPE_PAUSED_UPGRADE) {
    return SH_HTTP_UPGRADE;
  }
  if (err == HPE_PAUSED) {
    return SH_HTTP_PAUSED;
  }
  return SH_HTTP_ERROR;
}

sh_http_status_t sh_http_finish(sh_http_parser_t *p) {
  return llhttp_finish(&p->llhttp) == HPE_OK ? SH_HTTP_OK : SH_HTTP_ERROR;
}

const char *sh_http_error_code(const sh_http_parser_t *p) {
  if (p->overflow) {
    return "HPE_HEADER_OVERFLOW";
  }
  return llhttp_errno_name(llhttp_get_errno(&p->llhttp));
}

const char *sh_http_error_reason(const sh_http_parser_t *p) {
  if (p->overflow) {
    return "Header overflow";
  }
  const char *reason = llhttp_get_error_reason(&p->llhttp);
  return reason ? reason : "Parse Error";
}

bool sh_http_in_message(const sh_http_parser_t *p) { return p->has_head; }

void sh_http_resume_after_upgrade(sh_http_parser_t *p) { llhttp_resume_after_upgrade(&p->llhttp); }
