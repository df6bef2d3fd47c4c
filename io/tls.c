/* TLS on the ring's stream sockets: see tls.h. */
#include "io/tls.h"

#include <errno.h>
#include <linux/tls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "io/common.h"

#ifndef SOL_TLS
#define SOL_TLS 282
#endif
#ifndef TCP_ULP
#define TCP_ULP 31
#endif

/* OpenSSL's BIO control that hands the kernel's crypto_info to a BIO
 * (include/internal/bio.h; stable since 3.0). */
#define BIO_CTRL_SET_KTLS_ 72

/* Plaintext that does not fit back into the receive buffer is read into
 * this per-thread buffer (one record at most per SSL_read). */
#define PLAIN_SCRATCH 16384
/* OpenSSL's record buffer: a whole pool slot plus a partial record, so that
 * the first read of a receive takes all of it (see read_plain). */
#define READ_BUFFER_LEN (40 * 1024)
/* Ciphertext kept while the handshake waits for the owner (SNI, ALPN). */
#define HELD_MAX (64 * 1024)
/* How long a failed connection may take to get its alert out. */
#define LINGER_MS 2000

/* Node's default cipher list (tls.DEFAULT_CIPHERS). */
#define DEFAULT_CIPHERS                                                                            \
  "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"                     \
  "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"          \
  "ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:"                \
  "DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:"    \
  "DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA"
#define DEFAULT_TLS12_CIPHERS                                                                      \
  "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"          \
  "ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:"                \
  "DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:"    \
  "DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA"
#define DEFAULT_TLS13_CIPHERS "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"

/* tls->state */
enum {
  ST_STARTED = 1u << 0,     /* the handshake has begun */
  ST_ESTABLISHED = 1u << 1,
  ST_FAILED = 1u << 2,      /* reported; nothing more is read */
  ST_EOF = 1u << 3,         /* the owner has had its end of stream */
  ST_HELLO_WAIT = 1u << 4,  /* paused at the ClientHello for the owner */
  ST_HELLO_DONE = 1u << 5,  /* the owner answered */
  ST_SHUT_WANTED = 1u << 6, /* the owner ended its side */
  ST_SHUT_SENT = 1u << 7,
  ST_KTLS_TX = 1u << 8,     /* the kernel encrypts sends */
  ST_KTLS_OFF = 1u << 9,    /* kTLS will not be tried again for this connection */
  ST_LINGER = 1u << 10,     /* closing once the alert has left */
  ST_CLOSED = 1u << 11,     /* sh_tcp_close went through */
  ST_CONNECT_WAIT = 1u << 12, /* client: start once connected */
  ST_PREP_DRIVE = 1u << 13, /* prep: run the handshake */
  ST_PREP_REPORT = 1u << 14, /* prep: report the failure */
  ST_PREP_SEAL = 1u << 17,  /* prep: seal the plaintext written this turn */
  ST_STALE_WRITE = 1u << 15, /* OpenSSL wrote records after kTLS took over */
  ST_KTLS_EMU = 1u << 16,   /* with ST_KTLS_TX: sealed here as the kernel would (tests) */
};

/* Settings attached to an SSL_CTX (ex_data, freed with it). */
typedef struct ctx_conf {
  uint8_t *alpn;
  size_t alpn_len;
  bool hello_wait;
  bool shared_store; /* the cert store is the thread's system store */
  bool has_store;
  uint8_t ticket_keys[48];
} ctx_conf_t;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result;
static int conf_index = -1;
static BIO_METHOD *bio_method;
static uint8_t process_ticket_keys[48];
/* -1 unknown, 0 no, 1 yes: written once per process, read by every core. */
static int ktls_state = -1;
/* SHARD_KTLS=emulate: instead of handing the keys to the kernel, seal the
 * records here the way the kernel's TLS would, from the same crypto_info
 * and sequence (tests of the hand-over where the kernel has no kTLS). */
static bool ktls_emulate;

static _Thread_local sh_tls_stats_t stats;
static _Thread_local X509_STORE *system_store;
static _Thread_local char plain_scratch[PLAIN_SCRATCH];

static void conf_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp) {
  SH_UNUSED(parent);
  SH_UNUSED(ad);
  SH_UNUSED(idx);
  SH_UNUSED(argl);
  SH_UNUSED(argp);
  ctx_conf_t *conf = ptr;
  if (conf != NULL) {
    free(conf->alpn);
    OPENSSL_cleanse(conf->ticket_keys, sizeof conf->ticket_keys);
    free(conf);
  }
}

static int bio_write(BIO *bio, const char *data, int len);
static int bio_read(BIO *bio, char *out, int len);
static long bio_ctrl(BIO *bio, int cmd, long num, void *ptr);
static int bio_create(BIO *bio) {
  BIO_set_init(bio, 1);
  return 1;
}

static void init_process(void) {
  if (OPENSSL_init_ssl(OPENSSL_INIT_NO_ATEXIT | OPENSSL_INIT_LOAD_SSL_STRINGS |
                           OPENSSL_INIT_LOAD_CRYPTO_STRINGS,
                       NULL) != 1) {
    init_result = -EIO;
    return;
  }
  conf_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, conf_free);
  bio_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "shard ring");
  if (conf_index < 0 || bio_method == NULL || RAND_bytes(process_ticket_keys, 48) != 1) {
    init_result = -EIO;
    return;
  }
  BIO_meth_set_write(bio_method, bio_write);
  BIO_meth_set_read(bio_method, bio_read);
  BIO_meth_set_ctrl(bio_method, bio_ctrl);
  BIO_meth_set_create(bio_method, bio_create);
  const char *env = getenv("SHARD_KTLS");
  if (env != NULL && strcmp(env, "0") == 0) {
    ktls_state = 0;
  } else if (env != NULL && strcmp(env, "emulate") == 0) {
    ktls_emulate = true;
    ktls_state = 1;
  }
}

int sh_tls_init(void) {
  pthread_once(&init_once, init_process);
  return init_result;
}

const sh_tls_stats_t *sh_tls_stats(void) { return &stats; }

int sh_tls_ktls_available(void) { return __atomic_load_n(&ktls_state, __ATOMIC_RELAXED); }

static ctx_conf_t *conf_of(SSL_CTX *ctx) { return SSL_CTX_get_ex_data(ctx, conf_index); }

static sh_tls_t *tls_of(const SSL *ssl) { return SSL_get_app_data(ssl); }

/* ---- errors ---- */

static int print_error(const char *str, size_t len, void *u) {
  char **text = u;
  size_t old = *text != NULL ? strlen(*text) : 0;
  char *grown = realloc(*text, old + len + 1);
  if (grown == NULL) {
    return 0;
  }
  memcpy(grown + old, str, len);
  grown[old + len] = '\0';
  *text = grown;
  return 1;
}

/* Takes this thread's OpenSSL error queue into tls (the first error's code,
 * the whole stack printed as Node prints it). */
static void take_error(sh_tls_t *tls) {
  free(tls->err_text);
  tls->err_text = NULL;
  tls->err = ERR_peek_error();
  if (tls->err != 0) {
    ERR_print_errors_cb(print_error, &tls->err_text);
  }
  ERR_clear_error();
}

unsigned long sh_tls_error(const sh_tls_t *tls, const char **text) {
  if (text != NULL) {
    *text = tls->err_text;
  }
  return tls->err;
}

/* ---- callbacks OpenSSL makes ---- */

static int verify_always(int ok, X509_STORE_CTX *store) {
  /* As Node: the chain's verdict is read after the handshake
   * (SSL_get_verify_result) and acted on by the owner. */
  SH_UNUSED(ok);
  SH_UNUSED(store);
  return 1;
}

static void keylog_cb(const SSL *ssl, const char *line) {
  sh_tls_t *tls = tls_of(ssl);
  if (tls != NULL && (tls->flags & SH_TLS_WANT_KEYLOG) && tls->ops->on_keylog != NULL) {
    tls->ops->on_keylog(tls, line);
  }
}

static int new_session_cb(SSL *ssl, SSL_SESSION *session) {
  sh_tls_t *tls = tls_of(ssl);
  if (tls != NULL && !(tls->flags & SH_TLS_SERVER) && (tls->flags & SH_TLS_WANT_SESSION) &&
      tls->ops->on_session != NULL) {
    tls->ops->on_session(tls, session);
  }
  return 0; /* OpenSSL keeps its reference */
}

/* Session tickets sealed with the context's 48 bytes (the process-wide key
 * unless set): any core can open a ticket any other core issued. */
static int ticket_cb(SSL *ssl, unsigned char name[16], unsigned char iv[EVP_MAX_IV_LENGTH],
                     EVP_CIPHER_CTX *cctx, EVP_MAC_CTX *hctx, int enc) {
  /* The keys of the context the connection began with (the server's), even
   * after an SNI callback switched contexts. */
  sh_tls_t *tls = tls_of(ssl);
  ctx_conf_t *conf = tls != NULL ? tls->conf : conf_of(SSL_get_SSL_CTX(ssl));
  const uint8_t *keys = conf != NULL ? conf->ticket_keys : process_ticket_keys;
  if (enc) {
    memcpy(name, keys, 16);
    if (RAND_bytes(iv, 16) != 1) {
      return -1;
    }
  } else if (memcmp(name, keys, 16) != 0) {
    return 0; /* not ours: a full handshake */
  }
  OSSL_PARAM params[3];
  params[0] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, (void *)(keys + 16), 16);
  params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"sha256", 0);
  params[2] = OSSL_PARAM_construct_end();
  if (EVP_MAC_CTX_set_params(hctx, params) != 1) {
    return -1;
  }
  int ok = enc ? EVP_EncryptInit_ex(cctx, EVP_aes_128_cbc(), NULL, keys + 32, iv)
               : EVP_DecryptInit_ex(cctx, EVP_aes_128_cbc(), NULL, keys + 32, iv);
  return ok == 1 ? 1 : -1;
}

static int alpn_select_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                          const unsigned char *in, unsigned int inlen, void *arg) {
  SH_UNUSED(arg);
  sh_tls_t *tls = tls_of(ssl);
  if (tls != NULL && tls->alpn_choice != NULL) {
    /* The owner's ALPNCallback chose: find its bytes in the client's list. */
    size_t want = strlen(tls->alpn_choice);
    for (unsigned i = 0; i < inlen;) {
      unsigned n = in[i];
      if (i + 1 + n > inlen) {
        break;
      }
      if (n == want && memcmp(in + i + 1, tls->alpn_choice, n) == 0) {
        *out = in + i + 1;
        *outlen = (unsigned char)n;
        return SSL_TLSEXT_ERR_OK;
      }
      i += 1 + n;
    }
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  /* The context the connection began with holds the server's list. */
  ctx_conf_t *conf = tls != NULL ? tls->conf : NULL;
  if (conf == NULL || conf->alpn == NULL) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  unsigned char *sel;
  unsigned char sel_len;
  if (SSL_select_next_proto(&sel, &sel_len, conf->alpn, (unsigned)conf->alpn_len, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  *out = sel;
  *outlen = sel_len;
  return SSL_TLSEXT_ERR_OK;
}

/* The server_name extension's host name, or NULL. */
static char *hello_servername(SSL *ssl) {
  const unsigned char *p;
  size_t len;
  if (!SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_server_name, &p, &len) || len < 5) {
    return NULL;
  }
  size_t list = ((size_t)p[0] << 8) | p[1];
  if (list + 2 > len || p[2] != TLSEXT_NAMETYPE_host_name) {
    return NULL;
  }
  size_t n = ((size_t)p[3] << 8) | p[4];
  if (n + 5 > len || n == 0) {
    return NULL;
  }
  char *name = sh_xmalloc(n + 1);
  memcpy(name, p + 5, n);
  name[n] = '\0';
  return name;
}

static int client_hello_cb(SSL *ssl, int *alert, void *arg) {
  SH_UNUSED(arg);
  sh_tls_t *tls = tls_of(ssl);
  ctx_conf_t *conf = tls != NULL ? tls->conf : NULL;
  if (conf == NULL || !conf->hello_wait) {
    return SSL_CLIENT_HELLO_SUCCESS;
  }
  if (tls->state & ST_HELLO_DONE) {
    if (tls->hello_alert > 0) {
      *alert = tls->hello_alert;
      return SSL_CLIENT_HELLO_ERROR;
    }
    if (tls->hello_ctx != NULL) {
      /* SNI: the owner picked another context (certificate, trust...). */
      SSL_set_SSL_CTX(ssl, tls->hello_ctx);
    }
    return SSL_CLIENT_HELLO_SUCCESS;
  }
  free(tls->hello_name);
  free(tls->hello_alpn);
  tls->hello_alpn = NULL;
  tls->hello_alpn_len = 0;
  tls->hello_name = hello_servername(ssl);
  const unsigned char *p;
  size_t len;
  if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_application_layer_protocol_negotiation, &p, &len) &&
      len >= 2) {
    size_t list = ((size_t)p[0] << 8) | p[1];
    if (list + 2 <= len) {
      tls->hello_alpn = sh_xmalloc(list > 0 ? list : 1);
      memcpy(tls->hello_alpn, p + 2, list);
      tls->hello_alpn_len = list;
    }
  }
  return SSL_CLIENT_HELLO_RETRY;
}

/* While a send-side kTLS switch is pending: a KeyUpdate we send changes the
 * keys OpenSSL offered, so the offer is void. */
static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len, SSL *ssl,
                   void *arg) {
  SH_UNUSED(version);
  SH_UNUSED(arg);
  if (write_p && content_type == SSL3_RT_HANDSHAKE && len > 0 &&
      ((const uint8_t *)buf)[0] == SSL3_MT_KEY_UPDATE) {
    sh_tls_t *tls = tls_of(ssl);
    if (tls != NULL) {
      tls->ktls_info_len = 0;
      tls->state |= ST_KTLS_OFF;
    }
  }
}

/* ---- contexts ---- */

SSL_CTX *sh_tls_ctx_new(void) {
  if (sh_tls_init() != 0) {
    return NULL;
  }
  SSL_CTX *ctx = SSL_CTX_new(TLS_method());
  if (ctx == NULL) {
    return NULL;
  }
  ctx_conf_t *conf = sh_xcalloc(1, sizeof *conf);
  memcpy(conf->ticket_keys, process_ticket_keys, 48);
  if (SSL_CTX_set_ex_data(ctx, conf_index, conf) != 1) {
    free(conf);
    SSL_CTX_free(ctx);
    return NULL;
  }
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_cipher_list(ctx, DEFAULT_TLS12_CIPHERS);
  SSL_CTX_set_ciphersuites(ctx, DEFAULT_TLS13_CIPHERS);
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_KTLS);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_read_ahead(ctx, 1);
  SSL_CTX_set_default_read_buffer_len(ctx, READ_BUFFER_LEN);
  /* Sessions: Node's policy (no internal cache; tickets, and sessions
   * handed to the owner). */
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL |
                                          SSL_SESS_CACHE_NO_AUTO_CLEAR);
  SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"shard", 5);
  SSL_CTX_sess_set_new_cb(ctx, new_session_cb);
  SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, ticket_cb);
  SSL_CTX_set_alpn_select_cb(ctx, alpn_select_cb, NULL);
  SSL_CTX_set_client_hello_cb(ctx, client_hello_cb, NULL);
  SSL_CTX_set_keylog_callback(ctx, keylog_cb);
  return ctx;
}

int sh_tls_ctx_set_alpn(SSL_CTX *ctx, const uint8_t *wire, size_t len) {
  ctx_conf_t *conf = conf_of(ctx);
  free(conf->alpn);
  conf->alpn = NULL;
  conf->alpn_len = 0;
  if (wire != NULL && len > 0) {
    conf->alpn = sh_xmalloc(len);
    memcpy(conf->alpn, wire, len);
    conf->alpn_len = len;
  }
  return 0;
}

void sh_tls_ctx_set_hello_wait(SSL_CTX *ctx, bool on) { conf_of(ctx)->hello_wait = on; }

void sh_tls_ctx_set_ticket_keys(SSL_CTX *ctx, const uint8_t keys[48]) {
  memcpy(conf_of(ctx)->ticket_keys, keys, 48);
}

void sh_tls_ctx_get_ticket_keys(SSL_CTX *ctx, uint8_t keys[48]) {
  memcpy(keys, conf_of(ctx)->ticket_keys, 48);
}

int sh_tls_ctx_use_system_ca(SSL_CTX *ctx) {
  if (system_store == NULL) {
    /* The system's bundle file, held in memory (as Node holds its root
     * certificates): OpenSSL's default paths would add the hashed
     * directory, which it lists and searches on every chain it builds (a
     * server's own, on every handshake). SSL_CERT_FILE and SSL_CERT_DIR
     * still win where set. */
    X509_STORE *store = X509_STORE_new();
    const char *file = getenv(X509_get_default_cert_file_env());
    if (file == NULL) {
      file = X509_get_default_cert_file();
    }
    int ok = store != NULL && X509_STORE_load_file(store, file) == 1;
    const char *dir = getenv(X509_get_default_cert_dir_env());
    if (store != NULL && (dir != NULL || !ok)) {
      ERR_clear_error();
      ok = X509_STORE_load_path(store, dir != NULL ? dir : X509_get_default_cert_dir()) == 1 || ok;
    }
    if (!ok) {
      X509_STORE_free(store);
      ERR_clear_error();
      return -EIO;
    }
    /* As Node: NODE_EXTRA_CA_CERTS extends the default trust. */
    const char *extra = getenv("NODE_EXTRA_CA_CERTS");
    if (extra != NULL && *extra != '\0') {
      X509_STORE_load_file(store, extra);
    }
    ERR_clear_error();
    system_store = store; /* kept for the thread's life */
  }
  SSL_CTX_set1_cert_store(ctx, system_store);
  ctx_conf_t *conf = conf_of(ctx);
  conf->shared_store = true;
  conf->has_store = true;
  return 0;
}

int sh_tls_ctx_new_store(SSL_CTX *ctx) {
  ctx_conf_t *conf = conf_of(ctx);
  if (conf->shared_store) {
    /* Adding to the system store: a private copy first (Node's behaviour
     * for addCACert after the default roots). */
    X509_STORE *copy = X509_STORE_new();
    if (copy == NULL) {
      return -ENOMEM;
    }
    STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(SSL_CTX_get_cert_store(ctx));
    for (int i = 0; i < sk_X509_OBJECT_num(objs); i++) {
      X509 *cert = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
      if (cert != NULL) {
        X509_STORE_add_cert(copy, cert);
      }
    }
    SSL_CTX_set_cert_store(ctx, copy);
    conf->shared_store = false;
  }
  conf->has_store = true;
  return 0;
}

bool sh_tls_ctx_has_store(SSL_CTX *ctx) { return conf_of(ctx)->has_store; }

/* ---- credentials ---- */

static int pass_cb(char *buf, int size, int rwflag, void *u) {
  SH_UNUSED(rwflag);
  const char *pass = u;
  if (pass == NULL) {
    return 0;
  }
  size_t n = strlen(pass);
  if (n > (size_t)size) {
    n = (size_t)size;
  }
  memcpy(buf, pass, n);
  return (int)n;
}

int sh_tls_ctx_use_key(SSL_CTX *ctx, const void *pem, size_t len, const char *passphrase) {
  BIO *bio = BIO_new_mem_buf(pem, (int)len);
  if (bio == NULL) {
    return -EPROTO;
  }
  EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, pass_cb, (void *)passphrase);
  BIO_free(bio);
  if (key == NULL) {
    return -EPROTO;
  }
  int ok = SSL_CTX_use_PrivateKey(ctx, key);
  EVP_PKEY_free(key);
  return ok == 1 ? 0 : -EPROTO;
}

int sh_tls_ctx_use_cert(SSL_CTX *ctx, const void *pem, size_t len) {
  BIO *bio = BIO_new_mem_buf(pem, (int)len);
  if (bio == NULL) {
    return -EPROTO;
  }
  X509 *leaf = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);
  if (leaf == NULL) {
    BIO_free(bio);
    return -EPROTO;
  }
  int ok = SSL_CTX_use_certificate(ctx, leaf);
  X509_free(leaf);
  if (ok == 1) {
    /* The rest is the chain of this certificate (the current one). */
    SSL_CTX_clear_chain_certs(ctx);
    X509 *ca;
    while ((ca = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
      if (SSL_CTX_add0_chain_cert(ctx, ca) != 1) {
        X509_free(ca);
        ok = 0;
        break;
      }
    }
    unsigned long e = ERR_peek_last_error();
    if (ok == 1 && ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE) {
      ERR_clear_error(); /* the end of the chain */
    }
  }
  BIO_free(bio);
  return ok == 1 ? 0 : -EPROTO;
}

int sh_tls_ctx_add_ca(SSL_CTX *ctx, const void *pem, size_t len) {
  if (sh_tls_ctx_new_store(ctx) != 0) {
    return -EPROTO;
  }
  BIO *bio = BIO_new_mem_buf(pem, (int)len);
  if (bio == NULL) {
    return -EPROTO;
  }
  X509_STORE *store = SSL_CTX_get_cert_store(ctx);
  X509 *cert;
  int n = 0;
  while ((cert = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL)) != NULL) {
    X509_STORE_add_cert(store, cert);
    SSL_CTX_add_client_CA(ctx, cert);
    X509_free(cert);
    n++;
  }
  BIO_free(bio);
  unsigned long e = ERR_peek_last_error();
  if (n > 0 && ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE) {
    ERR_clear_error();
  }
  /* Node ignores a ca entry that holds no certificate. */
  ERR_clear_error();
  return 0;
}

int sh_tls_ctx_add_crl(SSL_CTX *ctx, const void *pem, size_t len) {
  BIO *bio = BIO_new_mem_buf(pem, (int)len);
  if (bio == NULL) {
    return -EPROTO;
  }
  X509_CRL *crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL);
  BIO_free(bio);
  if (crl == NULL) {
    return -EPROTO;
  }
  if (sh_tls_ctx_new_store(ctx) != 0) {
    X509_CRL_free(crl);
    return -EPROTO;
  }
  X509_STORE *store = SSL_CTX_get_cert_store(ctx);
  X509_STORE_add_crl(store, crl);
  X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
  X509_CRL_free(crl);
  return 0;
}

int sh_tls_ctx_load_pkcs12(SSL_CTX *ctx, const void *der, size_t len, const char *passphrase) {
  BIO *bio = BIO_new_mem_buf(der, (int)len);
  if (bio == NULL) {
    return -EPROTO;
  }
  PKCS12 *p12 = d2i_PKCS12_bio(bio, NULL);
  BIO_free(bio);
  if (p12 == NULL) {
    return -EPROTO;
  }
  EVP_PKEY *key = NULL;
  X509 *cert = NULL;
  STACK_OF(X509) *extra = NULL;
  int ok = PKCS12_parse(p12, passphrase != NULL ? passphrase : "", &key, &cert, &extra);
  PKCS12_free(p12);
  if (ok == 1) {
    ok = SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;
  }
  if (ok == 1 && extra != NULL && sk_X509_num(extra) > 0) {
    sh_tls_ctx_new_store(ctx);
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    for (int i = 0; i < sk_X509_num(extra); i++) {
      X509 *ca = sk_X509_value(extra, i);
      SSL_CTX_add1_chain_cert(ctx, ca);
      X509_STORE_add_cert(store, ca);
      SSL_CTX_add_client_CA(ctx, ca);
    }
  }
  EVP_PKEY_free(key);
  X509_free(cert);
  sk_X509_pop_free(extra, X509_free);
  return ok == 1 ? 0 : -EPROTO;
}

/* ---- the BIO: the receive in place, the send queue ---- */

static void ktls_count(sh_tls_t *tls, const uint8_t *p, size_t n);

static int bio_read(BIO *bio, char *out, int len) {
  sh_tls_t *tls = BIO_get_data(bio);
  BIO_clear_retry_flags(bio);
  size_t want = (size_t)len;
  size_t got = 0;
  if (tls->held_off < tls->held_len) {
    size_t n = tls->held_len - tls->held_off;
    n = n < want ? n : want;
    memcpy(out, tls->held + tls->held_off, n);
    tls->held_off += n;
    got = n;
    if (tls->held_off == tls->held_len) {
      free(tls->held);
      tls->held = NULL;
      tls->held_len = tls->held_off = 0;
    }
  }
  if (got < want && tls->in != NULL && tls->in_off < tls->in_len) {
    size_t n = tls->in_len - tls->in_off;
    n = n < want - got ? n : want - got;
    memcpy(out + got, tls->in + tls->in_off, n);
    tls->in_off += n;
    got += n;
  }
  if (got == 0) {
    BIO_set_retry_read(bio);
    return -1;
  }
  return (int)got;
}

static int bio_write(BIO *bio, const char *data, int len) {
  sh_tls_t *tls = BIO_get_data(bio);
  BIO_clear_retry_flags(bio);
  if (tls->state & ST_KTLS_TX) {
    /* The kernel owns the send side's keys now: these records were sealed
     * with state that no longer matches. Dropped; the connection fails. */
    tls->state |= ST_STALE_WRITE;
    return len;
  }
  if (tls->ktls_info_len > 0) {
    ktls_count(tls, (const uint8_t *)data, (size_t)len);
  }
  size_t left = (size_t)len;
  while (left > 0) {
    size_t got;
    char *dst = sh__tcp_reserve_upto(tls->tcp, left, &got);
    if (dst == NULL) {
      return len; /* closing: nobody will read it */
    }
    memcpy(dst, data, got);
    sh__tcp_commit(tls->tcp, got);
    data += got;
    left -= got;
  }
  return len;
}

static long bio_ctrl(BIO *bio, int cmd, long num, void *ptr) {
  sh_tls_t *tls = BIO_get_data(bio);
  switch (cmd) {
  case BIO_CTRL_FLUSH:
    return 1;
  case BIO_CTRL_SET_KTLS_:
    /* num: nonzero (SSL3_CC_WRITE) for the send side. OpenSSL offers the
     * kernel's crypto_info as the new keys take effect; we keep it and say
     * no, so OpenSSL carries on sealing records itself until the queue is
     * empty (see ktls_try). */
    if (num != 0 && ptr != NULL && !(tls->state & ST_KTLS_OFF) && sh_tls_ktls_available() != 0) {
      const struct tls_crypto_info *info = ptr;
      size_t size = 0;
      switch (info->cipher_type) {
      case TLS_CIPHER_AES_GCM_128:
        size = sizeof(struct tls12_crypto_info_aes_gcm_128);
        break;
      case TLS_CIPHER_AES_GCM_256:
        size = sizeof(struct tls12_crypto_info_aes_gcm_256);
        break;
      case TLS_CIPHER_CHACHA20_POLY1305:
        size = sizeof(struct tls12_crypto_info_chacha20_poly1305);
        break;
      default:
        break;
      }
      if (size > 0 && size <= sizeof tls->ktls_info) {
        memcpy(tls->ktls_info, ptr, size);
        tls->ktls_info_len = (uint16_t)size;
        tls->ktls_records = 0;
        tls->ktls_hdr_have = 0;
        tls->ktls_body_left = 0;
        SSL_set_msg_callback(tls->ssl, msg_cb);
      }
    }
    return 0;
  default:
    return 0;
  }
}

/* ---- kTLS on the send side ----
 *
 * OpenSSL offers the kernel's crypto_info (keys, IV, record sequence) when
 * the application keys take effect, but only a socket BIO could use it then:
 * our ciphertext is still in the ring's send queue. So the offer is kept,
 * the records OpenSSL seals after it are counted (their headers are parsed
 * on the way into the queue), and once the queue is empty the socket gets
 * the offer with the sequence moved on by that count. From then on
 * plaintext goes to the kernel, and OpenSSL only reads. */

static void ktls_count(sh_tls_t *tls, const uint8_t *p, size_t n) {
  while (n > 0) {
    if (tls->ktls_body_left > 0) {
      size_t skip = n < tls->ktls_body_left ? n : tls->ktls_body_left;
      tls->ktls_body_left -= skip;
      p += skip;
      n -= skip;
      continue;
    }
    tls->ktls_hdr[tls->ktls_hdr_have++] = *p++;
    n--;
    if (tls->ktls_hdr_have == 5) {
      tls->ktls_hdr_have = 0;
      tls->ktls_body_left = ((size_t)tls->ktls_hdr[3] << 8) | tls->ktls_hdr[4];
      tls->ktls_records++;
    }
  }
}

/* Adds n to a big-endian counter of len bytes. */
static void be_add(uint8_t *p, size_t len, uint64_t n) {
  for (size_t i = len; i-- > 0 && n > 0;) {
    uint64_t v = p[i] + (n & 0xff);
    p[i] = (uint8_t)v;
    n = (n >> 8) + (v >> 8);
  }
}

static void ktls_give_up(sh_tls_t *tls, bool refused) {
  tls->ktls_info_len = 0;
  tls->state |= ST_KTLS_OFF;
  SSL_set_msg_callback(tls->ssl, NULL);
  if (refused) {
    stats.ktls_refused++;
  }
}

/* ---- the kernel's record sealing, in user space (SHARD_KTLS=emulate) ----
 * What the kernel's tls_sw does with a crypto_info: records of at most 16
 * KiB; TLS 1.3: nonce = (salt | iv) ^ seq, the content type inside; TLS 1.2
 * GCM: nonce = salt | iv, iv sent as the explicit nonce and counted up per
 * record; ChaCha20: nonce = iv ^ seq; the sequence counted per record. */

struct ktls_emu {
  EVP_CIPHER_CTX *ctx;
  const EVP_CIPHER *cipher;
  uint8_t key[32];
  uint8_t nonce[12]; /* salt | iv (GCM) or iv (ChaCha20) */
  uint8_t seq[8];
  bool tls13;
  bool explicit_iv; /* TLS 1.2 GCM */
};

static void emu_free(sh_tls_t *tls) {
  struct ktls_emu *e = tls->ktls_emu;
  if (e != NULL) {
    EVP_CIPHER_CTX_free(e->ctx);
    OPENSSL_cleanse(e, sizeof *e);
    free(e);
    tls->ktls_emu = NULL;
  }
}

static bool emu_start(sh_tls_t *tls, const uint8_t *info) {
  const struct tls_crypto_info *ci = (const void *)info;
  struct ktls_emu *e = sh_xcalloc(1, sizeof *e);
  e->tls13 = ci->version == TLS_1_3_VERSION;
  size_t keylen = 0;
  if (ci->cipher_type == TLS_CIPHER_AES_GCM_128 || ci->cipher_type == TLS_CIPHER_AES_GCM_256) {
    bool g256 = ci->cipher_type == TLS_CIPHER_AES_GCM_256;
    const uint8_t *iv = g256 ? ((const struct tls12_crypto_info_aes_gcm_256 *)(const void *)info)->iv
                             : ((const struct tls12_crypto_info_aes_gcm_128 *)(const void *)info)->iv;
    const uint8_t *salt = g256 ? ((const struct tls12_crypto_info_aes_gcm_256 *)(const void *)info)->salt
                               : ((const struct tls12_crypto_info_aes_gcm_128 *)(const void *)info)->salt;
    const uint8_t *key = g256 ? ((const struct tls12_crypto_info_aes_gcm_256 *)(const void *)info)->key
                              : ((const struct tls12_crypto_info_aes_gcm_128 *)(const void *)info)->key;
    const uint8_t *seq = g256 ? ((const struct tls12_crypto_info_aes_gcm_256 *)(const void *)info)->rec_seq
                              : ((const struct tls12_crypto_info_aes_gcm_128 *)(const void *)info)->rec_seq;
    keylen = g256 ? 32 : 16;
    memcpy(e->key, key, keylen);
    memcpy(e->nonce, salt, 4);
    memcpy(e->nonce + 4, iv, 8);
    memcpy(e->seq, seq, 8);
    e->cipher = g256 ? EVP_aes_256_gcm() : EVP_aes_128_gcm();
    e->explicit_iv = !e->tls13;
  } else if (ci->cipher_type == TLS_CIPHER_CHACHA20_POLY1305) {
    const struct tls12_crypto_info_chacha20_poly1305 *c = (const void *)info;
    keylen = 32;
    memcpy(e->key, c->key, 32);
    memcpy(e->nonce, c->iv, 12);
    memcpy(e->seq, c->rec_seq, 8);
    e->cipher = EVP_chacha20_poly1305();
  } else {
    free(e);
    return false;
  }
  e->ctx = EVP_CIPHER_CTX_new();
  tls->ktls_emu = e;
  return e->ctx != NULL;
}

/* Seals one record of type from plaintext into the raw queue. */
static void emu_record(sh_tls_t *tls, uint8_t type, const uint8_t *p, size_t n) {
  struct ktls_emu *e = tls->ktls_emu;
  uint8_t nonce[12];
  memcpy(nonce, e->nonce, 12);
  if (!e->explicit_iv) {
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] ^= e->seq[i];
    }
  }
  size_t inner = n + (e->tls13 ? 1 : 0);
  size_t body = (e->explicit_iv ? 8 : 0) + inner + 16;
  uint8_t hdr[5] = {e->tls13 ? 23 : type, 3, 3, (uint8_t)(body >> 8), (uint8_t)body};
  uint8_t aad[13];
  size_t aad_len;
  if (e->tls13) {
    memcpy(aad, hdr, 5);
    aad_len = 5;
  } else {
    memcpy(aad, e->seq, 8);
    aad[8] = type;
    aad[9] = 3;
    aad[10] = 3;
    aad[11] = (uint8_t)(n >> 8);
    aad[12] = (uint8_t)n;
    aad_len = 13;
  }
  uint8_t *out = sh_xmalloc(5 + body);
  memcpy(out, hdr, 5);
  size_t o = 5;
  if (e->explicit_iv) {
    memcpy(out + o, e->nonce + 4, 8);
    o += 8;
  }
  int len = 0;
  EVP_EncryptInit_ex(e->ctx, e->cipher, NULL, NULL, NULL);
  EVP_CIPHER_CTX_ctrl(e->ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL);
  EVP_EncryptInit_ex(e->ctx, NULL, NULL, e->key, nonce);
  EVP_EncryptUpdate(e->ctx, NULL, &len, aad, (int)aad_len);
  EVP_EncryptUpdate(e->ctx, out + o, &len, p, (int)n);
  o += (size_t)len;
  if (e->tls13) {
    EVP_EncryptUpdate(e->ctx, out + o, &len, &type, 1);
    o += (size_t)len;
  }
  EVP_EncryptFinal_ex(e->ctx, out + o, &len);
  o += (size_t)len;
  EVP_CIPHER_CTX_ctrl(e->ctx, EVP_CTRL_AEAD_GET_TAG, 16, out + o);
  o += 16;
  be_add(e->seq, 8, 1);
  if (e->explicit_iv) {
    be_add(e->nonce + 4, 8, 1);
  }
  for (size_t off = 0; off < o;) {
    size_t got;
    char *dst = sh__tcp_reserve_upto(tls->tcp, o - off, &got);
    if (dst == NULL) {
      break;
    }
    memcpy(dst, out + off, got);
    sh__tcp_commit(tls->tcp, got);
    off += got;
  }
  free(out);
}

static void emu_seal(sh_tls_t *tls, uint8_t type, const void *data, size_t len) {
  const uint8_t *p = data;
  while (len > 0) {
    size_t n = len < 16384 ? len : 16384;
    emu_record(tls, type, p, n);
    p += n;
    len -= n;
  }
}

static void ktls_try(sh_tls_t *tls) {
  sh_tcp_t *tcp = tls->tcp;
  if (tls->ktls_info_len == 0 || (tls->state & (ST_KTLS_TX | ST_KTLS_OFF | ST_FAILED)) ||
      !(tls->state & ST_ESTABLISHED) || tcp->queued != 0 || (tcp->flags & (SH_TCP_SENDING | SH_TCP_CLOSING)) ||
      tls->ktls_hdr_have != 0 || tls->ktls_body_left != 0) {
    return;
  }
  if (sh_tls_ktls_available() == 0) {
    ktls_give_up(tls, false);
    return;
  }
  uint8_t info[64];
  memcpy(info, tls->ktls_info, tls->ktls_info_len);
  struct tls_crypto_info *ci = (struct tls_crypto_info *)(void *)info;
  uint8_t *seq = NULL;
  uint8_t *iv = NULL;
  size_t iv_len = 0;
  switch (ci->cipher_type) {
  case TLS_CIPHER_AES_GCM_128: {
    struct tls12_crypto_info_aes_gcm_128 *g = (void *)info;
    seq = g->rec_seq;
    iv = g->iv;
    iv_len = sizeof g->iv;
    break;
  }
  case TLS_CIPHER_AES_GCM_256: {
    struct tls12_crypto_info_aes_gcm_256 *g = (void *)info;
    seq = g->rec_seq;
    iv = g->iv;
    iv_len = sizeof g->iv;
    break;
  }
  case TLS_CIPHER_CHACHA20_POLY1305: {
    struct tls12_crypto_info_chacha20_poly1305 *g = (void *)info;
    seq = g->rec_seq;
    break;
  }
  default:
    ktls_give_up(tls, true);
    return;
  }
  be_add(seq, 8, tls->ktls_records);
  if (ci->version == TLS_1_2_VERSION && iv != NULL) {
    /* TLS 1.2 GCM: the explicit nonce OpenSSL would have used next. */
    be_add(iv, iv_len, tls->ktls_records);
  }
  if (ktls_emulate) {
    bool ok = emu_start(tls, info);
    OPENSSL_cleanse(info, sizeof info);
    OPENSSL_cleanse(tls->ktls_info, sizeof tls->ktls_info);
    if (!ok) {
      emu_free(tls);
      ktls_give_up(tls, true);
      return;
    }
    tls->ktls_info_len = 0;
    tls->state |= ST_KTLS_TX | ST_KTLS_EMU;
    SSL_set_msg_callback(tls->ssl, NULL);
    stats.ktls_send++;
    return;
  }
  if (setsockopt(tcp->fd, IPPROTO_TCP, TCP_ULP, "tls", sizeof "tls") != 0) {
    if (errno == ENOENT || errno == ENOPROTOOPT || errno == EOPNOTSUPP) {
      /* No kTLS in this kernel: never ask again. */
      __atomic_store_n(&ktls_state, 0, __ATOMIC_RELAXED);
    }
    ktls_give_up(tls, true);
    OPENSSL_cleanse(info, sizeof info);
    return;
  }
  int rc = setsockopt(tcp->fd, SOL_TLS, TLS_TX, info, tls->ktls_info_len);
  OPENSSL_cleanse(info, sizeof info);
  OPENSSL_cleanse(tls->ktls_info, sizeof tls->ktls_info);
  if (rc != 0) {
    /* The ULP stays, passing bytes through untouched. */
    ktls_give_up(tls, true);
    return;
  }
  __atomic_store_n(&ktls_state, 1, __ATOMIC_RELAXED);
  tls->ktls_info_len = 0;
  tls->state |= ST_KTLS_TX;
  SSL_set_msg_callback(tls->ssl, NULL);
  stats.ktls_send++;
}

/* A close_notify under kTLS: an alert record the kernel seals. One
 * non-blocking sendmsg, once the queue is empty; skipped if the socket is
 * full. */
static void ktls_close_notify(sh_tls_t *tls) {
  uint8_t alert[2] = {1, 0}; /* warning, close_notify */
  if (tls->state & ST_KTLS_EMU) {
    emu_seal(tls, 21, alert, sizeof alert);
    return;
  }
  char control[CMSG_SPACE(sizeof(uint8_t))];
  memset(control, 0, sizeof control);
  struct iovec iov = {alert, sizeof alert};
  struct msghdr msg = {0};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
  cmsg->cmsg_level = SOL_TLS;
  cmsg->cmsg_type = TLS_SET_RECORD_TYPE;
  cmsg->cmsg_len = CMSG_LEN(sizeof(uint8_t));
  *CMSG_DATA(cmsg) = 21; /* alert */
  (void)sendmsg(tls->tcp->fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
}

/* ---- reporting ---- */

static void schedule(sh_tls_t *tls, uint32_t what);

static void stop_timer(sh_tls_t *tls) {
  if (sh_timer_is_active(&tls->timer)) {
    sh_timer_stop(tls->tcp->loop, &tls->timer);
  }
}

/* The connection failed: err < 0. Reported at once (from a completion or a
 * timer), or from the prepare phase when called from a caller's stack. */
static void fail(sh_tls_t *tls, int err, bool now) {
  if (tls->state & ST_FAILED) {
    return;
  }
  tls->state |= ST_FAILED;
  if (err == SH_TLS_ERR_OPENSSL && tls->err == 0) {
    take_error(tls);
  }
  stop_timer(tls);
  if (!(tls->state & ST_ESTABLISHED)) {
    stats.failed++;
  }
  tls->pending_len = 0;
  if (!now) {
    tls->report_err = err;
    schedule(tls, ST_PREP_REPORT);
    return;
  }
  if (tls->state & ST_ESTABLISHED) {
    tls->ops->on_error(tls, err);
  } else {
    tls->ops->on_handshake(tls, err);
  }
}

/* ---- the read side ---- */

static void deliver(sh_tls_t *tls, char *data, size_t len, const sh_slot_ref_t *slot, bool *taken) {
  if (len == 0 || (tls->state & (ST_EOF | ST_CLOSED)) || (tls->tcp->flags & SH_TCP_CLOSING)) {
    return;
  }
  tls->plain_in += len;
  bool t = tls->user->on_read(tls->tcp, data, len, slot);
  if (slot != NULL && t) {
    *taken = true;
  }
}

/* The peer's close_notify, or the end of the byte stream. */
static void deliver_eof(sh_tls_t *tls) {
  if (tls->state & (ST_EOF | ST_CLOSED)) {
    return;
  }
  tls->state |= ST_EOF;
  if (!(tls->tcp->flags & SH_TCP_CLOSING)) {
    tls->user->on_read_end(tls->tcp, 0);
  }
}

/* Reads every record OpenSSL can decrypt now. Plaintext goes back into the
 * receive buffer (buf, cap bytes; slot: its pool slot or NULL) once OpenSSL
 * has taken all of that receive into its record buffer: the plaintext of
 * the records completed by a receive never needs more room than the
 * receive had, but it can, when a partial record was carried over, outgrow
 * what OpenSSL has consumed at the moment it writes. Anything that does not
 * fit goes through a per-thread buffer (copied by the owner). Returns
 * whether the slot was taken. */
static bool read_plain(sh_tls_t *tls, char *buf, size_t cap, const sh_slot_ref_t *slot) {
  bool taken = false;
  size_t out = 0;
  bool peeked = false;
  while (!(tls->state & (ST_FAILED | ST_EOF | ST_CLOSED)) && !(tls->tcp->flags & SH_TCP_CLOSING)) {
    if (buf != NULL && tls->in_off < tls->in_len && !peeked) {
      /* Have OpenSSL take this receive in before anything is written over it. */
      char c;
      peeked = true;
      int r = SSL_peek(tls->ssl, &c, 1);
      if (r <= 0) {
        int e = SSL_get_error(tls->ssl, r);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
          break;
        }
        if (e == SSL_ERROR_ZERO_RETURN) {
          deliver(tls, buf, out, slot, &taken);
          deliver_eof(tls);
          return taken;
        }
        fail(tls, SH_TLS_ERR_OPENSSL, true);
        break;
      }
    }
    char *dst;
    size_t room;
    if (buf != NULL && tls->in_off == tls->in_len && out < cap) {
      dst = buf + out;
      room = cap - out;
    } else {
      if (out > 0) {
        deliver(tls, buf, out, slot, &taken);
        out = 0;
      }
      buf = NULL;
      dst = plain_scratch;
      room = sizeof plain_scratch;
    }
    int r = SSL_read(tls->ssl, dst, room > INT32_MAX ? INT32_MAX : (int)room);
    if (r > 0) {
      if (dst == plain_scratch) {
        deliver(tls, dst, (size_t)r, NULL, &taken);
      } else {
        out += (size_t)r;
      }
      continue;
    }
    int e = SSL_get_error(tls->ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
      break;
    }
    if (e == SSL_ERROR_ZERO_RETURN) {
      deliver(tls, buf, out, slot, &taken);
      out = 0;
      deliver_eof(tls);
      break;
    }
    deliver(tls, buf, out, slot, &taken);
    out = 0;
    fail(tls, SH_TLS_ERR_OPENSSL, true);
    break;
  }
  if (out > 0) {
    deliver(tls, buf, out, slot, &taken);
  }
  if (tls->state & ST_STALE_WRITE) {
    /* OpenSSL answered something (a KeyUpdate) under keys the kernel has. */
    fail(tls, SH_TLS_ERR_OPENSSL, true);
  }
  return taken;
}

static void flush_pending(sh_tls_t *tls);
static void do_shutdown(sh_tls_t *tls);

static void established(sh_tls_t *tls) {
  tls->state |= ST_ESTABLISHED;
  stop_timer(tls);
  stats.handshakes++;
  if (SSL_session_reused(tls->ssl)) {
    stats.resumed++;
  }
  tls->ops->on_handshake(tls, 0);
  if (tls->state & (ST_FAILED | ST_CLOSED)) {
    return;
  }
  flush_pending(tls);
  if (tls->state & ST_SHUT_WANTED) {
    do_shutdown(tls);
  }
}

/* Moves the handshake on and reads what can be read. */
static bool drive(sh_tls_t *tls, char *buf, size_t cap, const sh_slot_ref_t *slot) {
  if (tls->state & (ST_FAILED | ST_CLOSED)) {
    return false;
  }
  /* SSL_get_error reads this thread's error queue: empty it once, here;
   * calls that succeed or want more leave it empty, and a failure ends the
   * reading. */
  ERR_clear_error();
  if (!(tls->state & ST_ESTABLISHED)) {
    if (tls->state & ST_HELLO_WAIT) {
      return false;
    }
    int r = SSL_do_handshake(tls->ssl);
    if (r != 1) {
      int e = SSL_get_error(tls->ssl, r);
      if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        return false;
      }
      if (e == SSL_ERROR_WANT_CLIENT_HELLO_CB) {
        tls->state |= ST_HELLO_WAIT;
        tls->ops->on_hello(tls, tls->hello_name != NULL ? tls->hello_name : "", tls->hello_alpn,
                           tls->hello_alpn_len);
        return false;
      }
      fail(tls, SH_TLS_ERR_OPENSSL, true);
      return false;
    }
    established(tls);
    if (tls->state & (ST_FAILED | ST_CLOSED)) {
      return false;
    }
  }
  return read_plain(tls, buf, cap, slot);
}

/* ---- the socket's callbacks, as TLS sees them ---- */

static bool tls_on_read(sh_tcp_t *tcp, const char *data, size_t len, const sh_slot_ref_t *slot) {
  sh_tls_t *tls = tcp->tls;
  if (tls->state & (ST_FAILED | ST_EOF | ST_CLOSED)) {
    return false;
  }
  tls->in = data;
  tls->in_len = len;
  tls->in_off = 0;
  /* The receive buffer may take plaintext up to its full size: a pool slot,
   * or (the private fallback buffer) at least what was received. */
  size_t cap = slot != NULL ? sh_bufpool_slot_size(tcp->pool) : len;
  bool taken = drive(tls, (char *)data, cap, slot);
  if (tls->in_off < tls->in_len && !(tls->state & (ST_FAILED | ST_CLOSED))) {
    /* OpenSSL did not take it all (paused at the ClientHello): keep it,
     * within reason: a peer that floods a paused handshake is cut off. */
    size_t rest = tls->in_len - tls->in_off;
    size_t keep = tls->held_len - tls->held_off;
    if (keep + rest > HELD_MAX) {
      tls->in = NULL;
      tls->in_len = tls->in_off = 0;
      tls->err = 0;
      fail(tls, SH_TLS_ERR_RESET, true);
      return taken;
    }
    char *held = sh_xmalloc(keep + rest);
    if (keep > 0) {
      memcpy(held, tls->held + tls->held_off, keep);
    }
    memcpy(held + keep, data + tls->in_off, rest);
    free(tls->held);
    tls->held = held;
    tls->held_len = keep + rest;
    tls->held_off = 0;
  }
  tls->in = NULL;
  tls->in_len = tls->in_off = 0;
  if (tls->state & ST_KTLS_TX) {
    return taken;
  }
  ktls_try(tls);
  return taken;
}

static void tls_on_read_end(sh_tcp_t *tcp, int err) {
  sh_tls_t *tls = tcp->tls;
  if (tls->state & (ST_FAILED | ST_CLOSED)) {
    return;
  }
  if (!(tls->state & ST_ESTABLISHED)) {
    fail(tls, err == 0 ? SH_TLS_ERR_RESET : err, true);
    return;
  }
  if (tls->state & ST_EOF) {
    return; /* close_notify came first */
  }
  if (err == 0) {
    deliver_eof(tls);
  } else {
    tls->state |= ST_EOF;
    tls->user->on_read_end(tcp, err);
  }
}

static void tls_on_write(sh_tcp_t *tcp, size_t bytes, int err) {
  sh_tls_t *tls = tcp->tls;
  tls->user->on_write(tcp, bytes, err);
  if (err < 0 || (tcp->flags & SH_TCP_CLOSING)) {
    return;
  }
  if (tcp->queued == 0) {
    if ((tls->state & (ST_KTLS_TX | ST_SHUT_WANTED | ST_SHUT_SENT)) == (ST_KTLS_TX | ST_SHUT_WANTED)) {
      tls->state |= ST_SHUT_SENT;
      ktls_close_notify(tls);
      sh__tcp_shutdown(tcp);
    } else if (!(tls->state & ST_KTLS_TX)) {
      ktls_try(tls);
    }
  }
}

static void tls_on_connect(sh_tcp_t *tcp, int err) {
  sh_tls_t *tls = tcp->tls;
  tls->user->on_connect(tcp, err);
  if (err == 0 && (tls->state & ST_CONNECT_WAIT) && !(tcp->flags & SH_TCP_CLOSING)) {
    tls->state &= ~ST_CONNECT_WAIT;
    sh_tcp_read_start(tcp);
    drive(tls, NULL, 0, NULL);
  }
}

static void tls_on_shutdown(sh_tcp_t *tcp, int err) {
  sh_tls_t *tls = tcp->tls;
  if (tls->state & ST_LINGER) {
    sh__tcp_close(tcp);
    return;
  }
  if (tls->user->on_shutdown != NULL) {
    tls->user->on_shutdown(tcp, err);
  }
}

static void tls_on_close(sh_tcp_t *tcp) {
  sh_tls_t *tls = tcp->tls;
  const sh_tcp_ops_t *user = tls->user;
  stop_timer(tls);
  tls->state |= ST_CLOSED;
  tls->state &= ~(ST_PREP_DRIVE | ST_PREP_REPORT | ST_PREP_SEAL);
  SSL_free(tls->ssl);
  tls->ssl = NULL;
  free(tls->held);
  free(tls->pending);
  free(tls->err_text);
  free(tls->hello_name);
  free(tls->hello_alpn);
  free(tls->alpn_choice);
  if (tls->hello_ctx != NULL) {
    SSL_CTX_free(tls->hello_ctx);
  }
  OPENSSL_cleanse(tls->ktls_info, sizeof tls->ktls_info);
  emu_free(tls);
  tcp->tls = NULL;
  tcp->ops = user;
  if (!tls->prep.queued) {
    tls->ops->on_close(tls); /* may free tls */
  }
  /* else prep_cb, queued in this prepare phase, finishes (it must not run
   * on freed memory). */
  user->on_close(tcp);
}

static const sh_tcp_ops_t tls_tcp_ops = {tls_on_read, tls_on_read_end, tls_on_write,
                                         tls_on_connect, tls_on_shutdown, tls_on_close};

/* ---- deferred work (out of a caller's stack) ---- */

static void prep_cb(sh_prepare_t *item) {
  sh_tls_t *tls = SH_CONTAINER_OF(item, sh_tls_t, prep);
  if (tls->state & ST_CLOSED) {
    /* The socket closed while this was queued: finish what on_close left. */
    tls->ops->on_close(tls);
    return;
  }
  uint32_t what = tls->state & (ST_PREP_DRIVE | ST_PREP_REPORT | ST_PREP_SEAL);
  tls->state &= ~(ST_PREP_DRIVE | ST_PREP_REPORT);
  if ((what & ST_PREP_SEAL) && (tls->state & ST_ESTABLISHED)) {
    flush_pending(tls);
  }
  if (what & ST_PREP_REPORT) {
    int err = tls->report_err;
    if (tls->state & ST_ESTABLISHED) {
      tls->ops->on_error(tls, err);
    } else {
      tls->ops->on_handshake(tls, err);
    }
    return;
  }
  if (what & ST_PREP_DRIVE) {
    drive(tls, NULL, 0, NULL);
    if (!(tls->state & ST_KTLS_TX)) {
      ktls_try(tls);
    }
  }
}

static void schedule(sh_tls_t *tls, uint32_t what) {
  tls->state |= what;
  sh_loop_prepare_once(tls->tcp->loop, &tls->prep);
}

static void on_timer(sh_timer_t *timer) {
  sh_tls_t *tls = timer->data;
  if (tls->state & ST_LINGER) {
    sh__tcp_close(tls->tcp);
    return;
  }
  if (!(tls->state & (ST_ESTABLISHED | ST_FAILED | ST_CLOSED))) {
    fail(tls, SH_TLS_ERR_TIMEOUT, true);
  }
}

/* ---- connections ---- */

int sh_tls_attach(sh_tls_t *tls, sh_tcp_t *tcp, SSL_CTX *ctx, uint32_t flags, const sh_tls_ops_t *ops,
                  void *data) {
  if (tcp->tls != NULL || (tcp->flags & SH_TCP_CLOSING)) {
    return -EBADF;
  }
  memset(tls, 0, sizeof *tls);
  SSL *ssl = SSL_new(ctx);
  if (ssl == NULL) {
    ERR_clear_error();
    return -ENOMEM;
  }
  BIO *bio = BIO_new(bio_method);
  if (bio == NULL) {
    SSL_free(ssl);
    ERR_clear_error();
    return -ENOMEM;
  }
  BIO_set_data(bio, tls);
  SSL_set_bio(ssl, bio, bio);
  SSL_set_app_data(ssl, tls);
  tls->tcp = tcp;
  tls->user = tcp->ops;
  tls->ops = ops;
  tls->data = data;
  tls->ssl = ssl;
  tls->flags = flags;
  tls->conf = conf_of(ctx);
  tls->prep.cb = prep_cb;
  sh_timer_init(&tls->timer, on_timer, tls);
  sh_timer_set_ref(tcp->loop, &tls->timer, false);
  if (flags & SH_TLS_SERVER) {
    SSL_set_accept_state(ssl);
    if (flags & SH_TLS_REQUEST_CERT) {
      SSL_set_verify(ssl, SSL_VERIFY_PEER | ((flags & SH_TLS_REJECT_NO_CERT) ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0),
                     verify_always);
    }
  } else {
    SSL_set_connect_state(ssl);
    SSL_set_verify(ssl, SSL_VERIFY_PEER, verify_always);
  }
  if (sh_tls_ktls_available() == 0) {
    tls->state |= ST_KTLS_OFF;
  }
  tcp->tls = tls;
  tcp->ops = &tls_tcp_ops;
  if (flags & SH_TLS_SERVER) {
    tls->state |= ST_STARTED;
    sh_tcp_read_start(tcp);
  }
  return 0;
}

int sh_tls_start(sh_tls_t *tls) {
  if (tls->state & (ST_STARTED | ST_CLOSED)) {
    return 0;
  }
  tls->state |= ST_STARTED;
  if (tls->handshake_timeout_ms > 0 && !sh_timer_is_active(&tls->timer)) {
    sh_timer_start(tls->tcp->loop, &tls->timer, tls->handshake_timeout_ms);
  }
  if (tls->tcp->flags & SH_TCP_CONNECTING) {
    tls->state |= ST_CONNECT_WAIT;
    return 0;
  }
  sh_tcp_read_start(tls->tcp);
  schedule(tls, ST_PREP_DRIVE);
  return 0;
}

void sh_tls_set_handshake_timeout(sh_tls_t *tls, uint64_t ms) {
  tls->handshake_timeout_ms = ms;
  if (tls->state & (ST_ESTABLISHED | ST_FAILED | ST_CLOSED)) {
    return;
  }
  if (ms == 0) {
    stop_timer(tls);
  } else if ((tls->state & ST_STARTED)) {
    sh_timer_start(tls->tcp->loop, &tls->timer, ms);
  }
}

void sh_tls_hello_done(sh_tls_t *tls, SSL_CTX *ctx, const char *alpn, int alert) {
  if (!(tls->state & ST_HELLO_WAIT) || (tls->state & (ST_FAILED | ST_CLOSED))) {
    return;
  }
  tls->state &= ~ST_HELLO_WAIT;
  tls->state |= ST_HELLO_DONE;
  if (ctx != NULL && ctx != SSL_get_SSL_CTX(tls->ssl)) {
    SSL_CTX_up_ref(ctx);
    tls->hello_ctx = ctx;
  }
  free(tls->alpn_choice);
  tls->alpn_choice = NULL;
  if (alpn != NULL) {
    size_t n = strlen(alpn);
    tls->alpn_choice = sh_xmalloc(n + 1);
    memcpy(tls->alpn_choice, alpn, n + 1);
  }
  tls->hello_alert = alert > 0 ? alert : 0;
  schedule(tls, ST_PREP_DRIVE);
}

void sh_tls_set_flag(sh_tls_t *tls, uint32_t flag, bool on) {
  if (on) {
    tls->flags |= flag;
  } else {
    tls->flags &= ~flag;
  }
}

SSL *sh_tls_ssl(const sh_tls_t *tls) { return tls->ssl; }

bool sh_tls_established(const sh_tls_t *tls) { return (tls->state & ST_ESTABLISHED) != 0; }

bool sh_tls_ktls_send(const sh_tls_t *tls) {
  return (tls->state & (ST_KTLS_TX | ST_KTLS_EMU)) == ST_KTLS_TX;
}

bool sh_tls_ktls_emulated(const sh_tls_t *tls) { return (tls->state & ST_KTLS_EMU) != 0; }

/* ---- the write side ---- */

/* Seals plaintext into the send queue. */
static int seal(sh_tls_t *tls, const void *data, size_t len) {
  const char *p = data;
  ERR_clear_error();
  while (len > 0) {
    int n = len > (1u << 30) ? (1 << 30) : (int)len;
    int r = SSL_write(tls->ssl, p, n);
    if (r <= 0) {
      fail(tls, SH_TLS_ERR_OPENSSL, false);
      return -EPIPE;
    }
    p += r;
    len -= (size_t)r;
  }
  if (tls->state & ST_STALE_WRITE) {
    fail(tls, SH_TLS_ERR_OPENSSL, false);
    return -EPIPE;
  }
  return 0;
}

static int writable(sh_tls_t *tls) {
  if (tls->tcp->flags & SH_TCP_CLOSING) {
    return -EPIPE;
  }
  if (tls->state & (ST_FAILED | ST_SHUT_WANTED)) {
    return -EPIPE;
  }
  return 0;
}

/* Plaintext the owner writes in a loop turn is corked in tls->pending and
 * sealed at the end of the turn (the prepare phase), so a response's head
 * and body, or the writes of pipelined responses, share records; it is
 * sealed at once when it reaches a full record, and a large write is
 * sealed straight from the caller's memory. Before the handshake it waits
 * there for it. */
#define CORK_MAX 16384

static bool real_ktls(const sh_tls_t *tls) {
  return (tls->state & (ST_KTLS_TX | ST_KTLS_EMU)) == ST_KTLS_TX;
}

/* After the handshake: plaintext onward now, to OpenSSL or the kernel. */
static int emit_plain(sh_tls_t *tls, const void *data, size_t len) {
  if (tls->state & ST_KTLS_EMU) {
    emu_seal(tls, 23, data, len);
    return 0;
  }
  if (tls->state & ST_KTLS_TX) {
    char *dst = sh__tcp_reserve(tls->tcp, len);
    if (dst == NULL) {
      return -EPIPE;
    }
    memcpy(dst, data, len);
    sh__tcp_commit(tls->tcp, len);
    return 0;
  }
  return seal(tls, data, len);
}

static void flush_pending(sh_tls_t *tls) {
  tls->state &= ~ST_PREP_SEAL;
  if (tls->pending_len == 0) {
    return;
  }
  char *p = tls->pending;
  size_t n = tls->pending_len;
  tls->pending = NULL;
  tls->pending_len = tls->pending_cap = 0;
  if (!(tls->tcp->flags & SH_TCP_CLOSING) && !(tls->state & ST_FAILED)) {
    emit_plain(tls, p, n);
  }
  /* Not kept: an idle connection holds no plaintext buffer. */
  free(p);
}

/* Room for len more bytes of corked plaintext. */
static char *cork_room(sh_tls_t *tls, size_t len) {
  if (tls->pending_len + len > tls->pending_cap) {
    size_t cap = tls->pending_cap ? tls->pending_cap * 2 : 4096;
    while (cap < tls->pending_len + len) {
      cap *= 2;
    }
    tls->pending = sh_xrealloc(tls->pending, cap);
    tls->pending_cap = cap;
  }
  return tls->pending + tls->pending_len;
}

/* len more bytes are corked: seal now, at the end of the turn, or after
 * the handshake. */
static void corked(sh_tls_t *tls, size_t len) {
  tls->pending_len += len;
  if (!(tls->state & ST_ESTABLISHED)) {
    return;
  }
  if (tls->pending_len >= CORK_MAX) {
    flush_pending(tls);
  } else if (!(tls->state & ST_PREP_SEAL)) {
    schedule(tls, ST_PREP_SEAL);
  }
}

size_t sh__tls_pending(const sh_tls_t *tls) { return tls->pending_len; }

int sh__tls_write(sh_tls_t *tls, const void *data, size_t len) {
  int err = writable(tls);
  if (err < 0 || len == 0) {
    return err;
  }
  tls->plain_out += len;
  if (real_ktls(tls)) {
    /* The socket's queue corks it already. */
    return emit_plain(tls, data, len);
  }
  if ((tls->state & ST_ESTABLISHED) && len >= CORK_MAX) {
    flush_pending(tls);
    return emit_plain(tls, data, len);
  }
  memcpy(cork_room(tls, len), data, len);
  corked(tls, len);
  return 0;
}

char *sh__tls_reserve(sh_tls_t *tls, size_t len) {
  if (writable(tls) < 0) {
    return NULL;
  }
  if (real_ktls(tls)) {
    return sh__tcp_reserve(tls->tcp, len);
  }
  return cork_room(tls, len);
}

void sh__tls_commit(sh_tls_t *tls, size_t used) {
  if (used == 0) {
    return;
  }
  tls->plain_out += used;
  if (real_ktls(tls)) {
    sh__tcp_commit(tls->tcp, used);
    return;
  }
  corked(tls, used);
}

int sh__tls_write_ref(sh_tls_t *tls, const void *data, size_t len, void (*release)(void *owner),
                      void *owner) {
  if (real_ktls(tls) && writable(tls) == 0) {
    tls->plain_out += len;
    return sh__tcp_write_ref(tls->tcp, data, len, release, owner);
  }
  /* Sealed (or corked) now: the caller's memory is free again at once. */
  int err = sh__tls_write(tls, data, len);
  if (release != NULL) {
    release(owner);
  }
  return err;
}

int sh__tls_write_file(sh_tls_t *tls, int fd, uint64_t off, size_t len,
                       void (*done)(void *owner, uint64_t moved, int err), void *owner) {
  if ((tls->state & (ST_KTLS_TX | ST_KTLS_EMU)) != ST_KTLS_TX) {
    return -EOPNOTSUPP; /* the bytes must pass through user space */
  }
  int err = writable(tls);
  if (err < 0) {
    return err;
  }
  tls->plain_out += len;
  return sh__tcp_write_file(tls->tcp, fd, off, len, done, owner);
}

static void do_shutdown(sh_tls_t *tls) {
  if (tls->state & ST_SHUT_SENT) {
    return;
  }
  if (tls->state & ST_ESTABLISHED) {
    flush_pending(tls); /* what was written goes before close_notify */
  }
  if (tls->state & ST_KTLS_TX) {
    if (tls->tcp->queued == 0 && !(tls->tcp->flags & SH_TCP_SENDING)) {
      tls->state |= ST_SHUT_SENT;
      ktls_close_notify(tls);
      sh__tcp_shutdown(tls->tcp);
    }
    return; /* tls_on_write finishes it once the queue is empty */
  }
  tls->state |= ST_SHUT_SENT;
  if (!(tls->state & ST_FAILED)) {
    ERR_clear_error();
    SSL_shutdown(tls->ssl); /* queues close_notify */
    ERR_clear_error();
  }
  sh__tcp_shutdown(tls->tcp);
}

int sh__tls_shutdown(sh_tls_t *tls) {
  if (tls->tcp->flags & SH_TCP_CLOSING) {
    return -EBADF;
  }
  tls->state |= ST_SHUT_WANTED;
  if ((tls->state & (ST_ESTABLISHED | ST_FAILED)) || !(tls->state & ST_STARTED)) {
    do_shutdown(tls);
  }
  /* Otherwise after the handshake (established()). */
  return 0;
}

bool sh__tls_close(sh_tls_t *tls) {
  sh_tcp_t *tcp = tls->tcp;
  if ((tls->state & (ST_FAILED | ST_LINGER)) == ST_FAILED && !(tls->state & ST_ESTABLISHED) &&
      tcp->queued > 0 && !(tcp->flags & SH_TCP_CLOSING)) {
    /* A failed handshake's alert is still queued: let it leave (FIN after
     * it), then close, or close anyway after a while. */
    tls->state |= ST_LINGER;
    sh_tcp_read_stop(tcp);
    sh__tcp_shutdown(tcp);
    sh_timer_start(tcp->loop, &tls->timer, LINGER_MS);
    return true;
  }
  return (tls->state & ST_LINGER) != 0 && !(tcp->flags & SH_TCP_CLOSING);
}
