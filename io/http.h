/* HTTP/1.x message parsing on llhttp: bytes in, events out, no I/O. The
 * parser runs over receive buffers in place; what must outlive a buffer
 * (the request line and the headers) is copied into the parser's arena,
 * which is valid until the next message begins. */
#ifndef SH_HTTP_H
#define SH_HTTP_H

#include <llhttp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_http_parser sh_http_parser_t;

typedef struct sh_http_header {
  uint32_t name;      /* offsets into the arena */
  uint32_t name_len;
  uint32_t value;
  uint32_t value_len;
} sh_http_header_t;

/* A message's head, valid during on_head (or, for trailers, during
 * on_complete). */
typedef struct sh_http_head {
  const char *arena;  /* the bytes the offsets below point into */
  uint32_t url, url_len;          /* requests */
  uint32_t reason, reason_len;    /* responses: the status text */
  int method;                     /* llhttp_method_t, requests */
  int status;                     /* responses */
  int major, minor;
  const sh_http_header_t *headers;
  unsigned nheaders;
  uint32_t head_bytes;            /* size of the request/status line and headers */
  bool keep_alive;
  bool upgrade;
  bool chunked;
  bool has_content_length;
  uint64_t content_length;
} sh_http_head_t;

typedef struct sh_http_callbacks {
  /* The head is complete. Return 0 to go on, 1 when the message has no
   * body whatever its headers say (a response to HEAD), -1 to stop with an
   * error. */
  int (*on_head)(sh_http_parser_t *p, const sh_http_head_t *head);
  /* A piece of the body, decoded from chunked encoding, pointing into the
   * caller's buffer. */
  int (*on_body)(sh_http_parser_t *p, const char *data, size_t len);
  /* The message ended; trailers (NULL when none) in head->headers. */
  int (*on_complete)(sh_http_parser_t *p, const sh_http_head_t *trailers);
} sh_http_callbacks_t;

typedef enum {
  SH_HTTP_OK = 0,
  SH_HTTP_ERROR = -1,   /* malformed: sh_http_error_code/reason say why */
  SH_HTTP_UPGRADE = -2, /* the head asked for another protocol: the rest of the
                           bytes (from *consumed) belong to it */
  SH_HTTP_PAUSED = -3,
} sh_http_status_t;

struct sh_http_parser {
  llhttp_t llhttp;
  const sh_http_callbacks_t *cb;
  void *data;
  uint32_t max_head;   /* bytes allowed in the request line and headers */
  uint32_t head_bytes;
  bool overflow;
  bool in_trailers;
  bool in_value;       /* the last callback was a header value */
  bool has_head;       /* a message is being parsed */
  char *arena;
  uint32_t arena_len;
  uint32_t arena_cap;
  sh_http_header_t *headers;
  unsigned nheaders;
  unsigned headers_cap;
  uint32_t url, url_len;
  uint32_t reason, reason_len;
  uint64_t messages;
};

/* type: HTTP_REQUEST or HTTP_RESPONSE. max_head: Node's maxHeaderSize
 * (16 KiB by default). */
void sh_http_parser_init(sh_http_parser_t *p, llhttp_type_t type, const sh_http_callbacks_t *cb,
                         void *data, uint32_t max_head);
void sh_http_parser_free(sh_http_parser_t *p);
/* Parses len bytes. *consumed says how many were used (all of them unless
 * an error or an upgrade stopped the parser). */
sh_http_status_t sh_http_execute(sh_http_parser_t *p, const char *data, size_t len, size_t *consumed);
/* The peer closed: ends a message delimited by the end of the connection. */
sh_http_status_t sh_http_finish(sh_http_parser_t *p);
/* Node's error codes ("HPE_INVALID_METHOD", "HPE_HEADER_OVERFLOW") and reasons. */
const char *sh_http_error_code(const sh_http_parser_t *p);
const char *sh_http_error_reason(const sh_http_parser_t *p);
/* True while a message's head or body is half-received. */
bool sh_http_in_message(const sh_http_parser_t *p);
/* Lets the next message start after an upgrade was refused (Node's
 * behaviour when nobody listens for 'upgrade'). */
void sh_http_resume_after_upgrade(sh_http_parser_t *p);

#ifdef __cplusplus
}
#endif
#endif
