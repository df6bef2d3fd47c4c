/* TLS on the ring's stream sockets, with OpenSSL 3.
 *
 * A TLS connection is a transform that sits under an sh_tcp_t: attaching it
 * swaps the socket's callbacks for its own and sets tcp->tls, so that
 *  - received ciphertext goes to OpenSSL through a BIO that reads the pool
 *    slot in place, and the plaintext is written back into that same slot
 *    (OpenSSL has copied the ciphertext into its record buffer by then) and
 *    handed to the socket's owner as if it had been received: raw data and
 *    the C HTTP parser work unchanged, and large chunks stay views of the
 *    slab;
 *  - what the owner writes (sh_tcp_write, reserve/commit, write_ref) is
 *    plaintext: it is encrypted straight into the send queue, which still
 *    leaves once per loop turn;
 *  - after the handshake, where the kernel has kTLS and OpenSSL agreed on a
 *    cipher the kernel knows, the send side moves to the kernel once the
 *    queue is empty: from then on plaintext is queued as is (by reference
 *    for large buffers) and file segments splice again.
 * Nothing here blocks: OpenSSL never touches the descriptor (two
 * setsockopt calls switch kTLS on; a close_notify under kTLS is one
 * non-blocking sendmsg).
 *
 * Callbacks (sh_tls_ops_t) run on the loop thread from completions, timers
 * or the prepare phase, never synchronously from an sh_tls_* call or a
 * socket write. */
#ifndef SH_TLS_H
#define SH_TLS_H

#include <errno.h>
#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/loop.h"
#include "io/tcp.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_tls sh_tls_t;

/* Process-wide set-up (OpenSSL, the BIO method, the shared ticket key).
 * Idempotent, any thread. Returns 0 or -EIO. */
int sh_tls_init(void);

/* ---- contexts (SSL_CTX with shard's settings attached) ---- */

/* A context with Node's defaults: TLS 1.2-1.3, Node's default cipher list,
 * read-ahead, released buffers, renegotiation refused, session tickets
 * sealed with the process-wide key (so a session resumes on any core), and
 * the callbacks connections rely on. Returns NULL when OpenSSL fails. The
 * caller owns one reference (SSL_CTX_free). */
SSL_CTX *sh_tls_ctx_new(void);
/* Server: the ALPN protocols (wire format: length-prefixed names) chosen
 * from in server order; a client with none in common gets a fatal
 * no_application_protocol alert. NULL/0 clears. Returns 0 or -ENOMEM. */
int sh_tls_ctx_set_alpn(SSL_CTX *ctx, const uint8_t *wire, size_t len);
/* Server: pause every handshake at the ClientHello for the owner
 * (ops->on_hello), for SNI and ALPN callbacks. */
void sh_tls_ctx_set_hello_wait(SSL_CTX *ctx, bool on);
/* Server: the 48 bytes sealing session tickets (16 name, 16 HMAC, 16 AES);
 * by default the process-wide key. */
void sh_tls_ctx_set_ticket_keys(SSL_CTX *ctx, const uint8_t keys[48]);
void sh_tls_ctx_get_ticket_keys(SSL_CTX *ctx, uint8_t keys[48]);
/* Trust the system's CA store (/etc/ssl/certs), loaded once per thread and
 * shared by that thread's contexts. Returns 0 or -EIO. */
int sh_tls_ctx_use_system_ca(SSL_CTX *ctx);
/* Starts a fresh, empty trust store for the context (before adding `ca`). */
int sh_tls_ctx_new_store(SSL_CTX *ctx);
/* Whether this context has had any trust set up yet. */
bool sh_tls_ctx_has_store(SSL_CTX *ctx);

/* Credentials from PEM (or DER for PKCS#12) bytes. Each returns 0, or
 * -EPROTO with the reason left on this thread's OpenSSL error queue for the
 * caller to report (and clear). */
/* The private key (PEM; passphrase NULL for none). */
int sh_tls_ctx_use_key(SSL_CTX *ctx, const void *pem, size_t len, const char *passphrase);
/* A certificate followed by its chain. */
int sh_tls_ctx_use_cert(SSL_CTX *ctx, const void *pem, size_t len);
/* Trusted CA certificates (also named to clients asked for a certificate). */
int sh_tls_ctx_add_ca(SSL_CTX *ctx, const void *pem, size_t len);
/* Certificate revocation lists: turns CRL checking on. */
int sh_tls_ctx_add_crl(SSL_CTX *ctx, const void *pem, size_t len);
/* A PKCS#12 bundle: key, certificate, and its extra certificates as chain
 * and trusted CAs. */
int sh_tls_ctx_load_pkcs12(SSL_CTX *ctx, const void *der, size_t len, const char *passphrase);

/* ---- connections ---- */

enum {
  SH_TLS_ERR_OPENSSL = -EPROTO,   /* see sh_tls_error */
  SH_TLS_ERR_TIMEOUT = -ETIMEDOUT, /* the handshake timed out */
  SH_TLS_ERR_RESET = -ECONNRESET, /* the peer closed before the handshake ended */
};

typedef struct sh_tls_ops {
  /* The handshake finished (0) or failed (< 0, see the enum above; the
   * socket keeps running so an alert can leave: the owner closes it).
   * Runs once. */
  void (*on_handshake)(sh_tls_t *tls, int err);
  /* Server, with hello_wait: a ClientHello arrived. servername is "" when
   * the client sent none; alpn is the client's list in wire format (NULL
   * when it sent none). The handshake waits for sh_tls_hello_done. */
  void (*on_hello)(sh_tls_t *tls, const char *servername, const uint8_t *alpn, size_t alpn_len);
  /* Client: a session to resume with later (a TLS 1.3 ticket, or the TLS
   * 1.2 session). Borrowed for the call. Only when sessions are wanted. */
  void (*on_session)(sh_tls_t *tls, SSL_SESSION *session);
  /* A key log line (NSS format, no newline), when key logging is on. */
  void (*on_keylog)(sh_tls_t *tls, const char *line);
  /* After the handshake: the connection failed (a bad record, an alert).
   * Nothing more is read. */
  void (*on_error)(sh_tls_t *tls, int err);
  /* The socket closed; last call: the owner may free tls. */
  void (*on_close)(sh_tls_t *tls);
} sh_tls_ops_t;

enum {
  SH_TLS_SERVER = 1u << 0,
  SH_TLS_REQUEST_CERT = 1u << 1, /* server: ask the client for a certificate */
  SH_TLS_REJECT_NO_CERT = 1u << 2, /* server: fail the handshake without one */
  SH_TLS_WANT_SESSION = 1u << 3, /* client: report sessions */
  SH_TLS_WANT_KEYLOG = 1u << 4,
};

/* The connection. Caller-owned (embed it); lives until ops->on_close. */
struct sh_tls {
  sh_tcp_t *tcp;
  const sh_tcp_ops_t *user; /* the socket owner's callbacks, called with tcp */
  const sh_tls_ops_t *ops;
  void *data;
  SSL *ssl;
  uint32_t flags;  /* SH_TLS_* above, and the state bits of tls.c */
  uint32_t state;
  /* The receive being handled: the BIO reads from here. */
  const char *in;
  size_t in_len;
  size_t in_off;
  /* Ciphertext kept across receives (OpenSSL was not ready for it). */
  char *held;
  size_t held_len;
  size_t held_off;
  /* Plaintext written before the handshake finished, or this loop turn
   * (sealed at its end). */
  char *pending;
  size_t pending_len;
  size_t pending_cap;
  sh_timer_t timer; /* handshake timeout; then the linger after a failure */
  uint64_t handshake_timeout_ms;
  sh_prepare_t prep; /* work deferred out of a caller's stack */
  void *conf;        /* the settings of the context the connection began with */
  int report_err;    /* a failure waiting for the prepare phase */
  /* The error that failed the connection: OpenSSL's code (0 for none) and
   * its printed stack (Node's message), malloc'd. */
  unsigned long err;
  char *err_text;
  /* ClientHello, while the owner decides (hello_wait). */
  char *hello_name;
  uint8_t *hello_alpn;
  size_t hello_alpn_len;
  SSL_CTX *hello_ctx;   /* the owner's choice (a reference), or NULL */
  char *alpn_choice;    /* the owner's ALPN choice, or NULL */
  int hello_alert;      /* > 0: refuse the handshake with this alert */
  /* kTLS send side: what OpenSSL offered when the application keys came
   * (the kernel's crypto_info), and the records written since. */
  uint8_t ktls_info[64];
  uint16_t ktls_info_len;
  uint8_t ktls_hdr[5];
  uint8_t ktls_hdr_have;
  size_t ktls_body_left;
  uint64_t ktls_records;
  struct ktls_emu *ktls_emu; /* SHARD_KTLS=emulate only */
  uint64_t plain_in;  /* plaintext bytes delivered to the owner */
  uint64_t plain_out; /* plaintext bytes written by the owner */
};

/* Puts TLS under a socket: creates the SSL from ctx (which it references),
 * takes over the socket's callbacks and sets tcp->tls. flags: SH_TLS_*.
 * A server starts reading at once; a client starts with sh_tls_start.
 * Call on an open socket that has no TLS yet, from the loop thread, before
 * any data of the connection has been delivered. Returns 0 or -errno. */
int sh_tls_attach(sh_tls_t *tls, sh_tcp_t *tcp, SSL_CTX *ctx, uint32_t flags, const sh_tls_ops_t *ops,
                  void *data);
/* Client: sends the ClientHello (once the socket has connected). Configure
 * SNI, ALPN and a session on sh_tls_ssl() first. */
int sh_tls_start(sh_tls_t *tls);
/* A handshake timeout from now (0: none). A server's starts at attach. */
void sh_tls_set_handshake_timeout(sh_tls_t *tls, uint64_t ms);
/* Answers on_hello: ctx (NULL keeps the current one; referenced), alpn the
 * protocol to select (NULL: the context's ALPN rule), alert > 0 refuses the
 * handshake with that TLS alert. The handshake goes on later, from the
 * prepare phase. */
void sh_tls_hello_done(sh_tls_t *tls, SSL_CTX *ctx, const char *alpn, int alert);
/* Flags that can change later: SH_TLS_WANT_SESSION, SH_TLS_WANT_KEYLOG. */
void sh_tls_set_flag(sh_tls_t *tls, uint32_t flag, bool on);

SSL *sh_tls_ssl(const sh_tls_t *tls);
bool sh_tls_established(const sh_tls_t *tls);
/* Whether the kernel encrypts this connection's sends (kTLS). */
bool sh_tls_ktls_send(const sh_tls_t *tls);
/* Whether they are sealed by SHARD_KTLS=emulate's stand-in for it. */
bool sh_tls_ktls_emulated(const sh_tls_t *tls);
/* The OpenSSL error that failed the connection (0: none) and Node's
 * message for it (OpenSSL's printed error stack), or NULL. */
unsigned long sh_tls_error(const sh_tls_t *tls, const char **text);

/* Per-thread counters. */
typedef struct sh_tls_stats {
  uint64_t handshakes;    /* completed */
  uint64_t resumed;       /* of which resumed a session */
  uint64_t failed;        /* handshakes that failed or timed out */
  uint64_t ktls_send;     /* connections whose sends moved to the kernel */
  uint64_t ktls_refused;  /* connections that could not (kernel or cipher) */
} sh_tls_stats_t;
const sh_tls_stats_t *sh_tls_stats(void);
/* Whether this process may use kTLS: -1 not yet known, 0 no (the kernel
 * lacks it, or SHARD_KTLS=0), 1 yes. */
int sh_tls_ktls_available(void);

#ifdef __cplusplus
}
#endif
#endif
