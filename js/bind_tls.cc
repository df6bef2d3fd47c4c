// internalBinding('tls'): secure contexts and TLS on the sockets of
// internalBinding('tcp') (io/tls.c does the work).
//
// A SecureContext object wraps an SSL_CTX and has the methods of Node's
// native SecureContext (setKey, setCert, addCACert, ...), so code that
// reaches for `secureContext.context` keeps working.
//
// A connection is named by its socket's id: attach(id, context, flags) puts
// TLS under that socket, and what TLS has to say reaches JS as completion
// records for the same id, beside the socket's own (kinds 32 and up):
//   kSecure          the handshake finished
//   kHandshakeError  it failed: res -errno, aux the Error's value index or -1
//   kTlsError        a failure after the handshake (same shape)
//   kHello           server, paused at the ClientHello: aux -> [servername, [alpn...]]
//   kSession         client: aux -> a session Buffer
//   kKeylog          aux -> a key log line Buffer
// Everything else is a query on the connection (getProtocol(id), ...).
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "io/tcp.h"
#include "io/tls.h"
#include "js/binding.h"
#include "js/bind_crypto.h"
#include "js/buffer.h"
#include "js/realm.h"

namespace shard {

// bind_tcp.cc: the stream socket behind a socket id, or nullptr.
sh_tcp_t *SocketTcp(Realm *realm, double id);

namespace {

enum Kind {
  kSecure = 32,
  kHandshakeError = 33,
  kTlsError = 34,
  kHello = 35,
  kSession = 36,
  kKeylog = 37,
};

struct TlsData;

struct TlsWrap {
  sh_tls_t tls;
  TlsData *data;
  double id;
};

struct CtxWrap {
  SSL_CTX *ctx = nullptr;
  TlsData *data = nullptr;
  v8::Global<v8::Object> object;
};

struct TlsData : BindingData {
  explicit TlsData(Realm *r) : realm(r) {}
  ~TlsData() override {
    // The loop has ended: no callback will come for what is left.
    for (auto &it : conns) {
      SSL_free(it.second->tls.ssl);
      delete it.second;
    }
    for (CtxWrap *c : contexts) {
      SSL_CTX_free(c->ctx);
      c->object.Reset();
      delete c;
    }
  }
  Realm *realm;
  std::unordered_map<double, TlsWrap *> conns;
  std::unordered_set<CtxWrap *> contexts;
  v8::Global<v8::FunctionTemplate> ctx_class;
};

TlsData *Data(Realm *realm) { return realm->Data<TlsData>("tls"); }

double NumberArg(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

// ---- errors shaped like Node's ----

void SetProp(v8::Isolate *isolate, v8::Local<v8::Object> obj, const char *key, v8::Local<v8::Value> v) {
  USE(obj->Set(isolate->GetCurrentContext(), OneByte(isolate, key), v));
}

// new Error(message) with library, reason and code of an OpenSSL error.
v8::Local<v8::Value> OpenSSLErrorValue(v8::Isolate *isolate, unsigned long err, const char *text) {
  std::string message;
  if (text != nullptr && *text != '\0') {
    message = text;
  } else if (err != 0) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof buf);
    message = buf;
  } else {
    message = "TLS error";
  }
  v8::Local<v8::Object> e = v8::Exception::Error(Str(isolate, message)).As<v8::Object>();
  if (err != 0) {
    crypto::DecorateOpenSSLError(isolate, e, err);
  }
  return e;
}

// Throws the oldest error on this thread's OpenSSL queue (or fallback) and
// clears the queue.
void ThrowOpenSSL(v8::Isolate *isolate, const char *fallback) {
  unsigned long err = ERR_peek_error();
  std::string text;
  if (err != 0) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof buf);
    text = buf;
  } else {
    text = fallback;
  }
  ERR_clear_error();
  isolate->ThrowException(OpenSSLErrorValue(isolate, err, text.c_str()));
}

// ---- TLS events ----

void Push(TlsWrap *w, int kind, double res, double aux = 0) {
  w->data->realm->PushCompletion(w->id, res, aux, kind);
}

TlsWrap *WrapOf(sh_tls_t *tls) { return static_cast<TlsWrap *>(tls->data); }

void PushFailure(TlsWrap *w, int kind, int err) {
  double index = -1;
  if (err == SH_TLS_ERR_OPENSSL) {
    Realm *realm = w->data->realm;
    v8::HandleScope scope(realm->isolate());
    const char *text = nullptr;
    unsigned long code = sh_tls_error(&w->tls, &text);
    index = realm->PushCompletionValue(OpenSSLErrorValue(realm->isolate(), code, text));
  }
  Push(w, kind, err, index);
}

void OnHandshake(sh_tls_t *tls, int err) {
  TlsWrap *w = WrapOf(tls);
  if (err == 0) {
    Push(w, kSecure, 0);
  } else {
    PushFailure(w, kHandshakeError, err);
  }
}

void OnError(sh_tls_t *tls, int err) { PushFailure(WrapOf(tls), kTlsError, err); }

void OnHello(sh_tls_t *tls, const char *servername, const uint8_t *alpn, size_t alpn_len) {
  TlsWrap *w = WrapOf(tls);
  Realm *realm = w->data->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = realm->context();
  int first = realm->PushCompletionValue(Str(isolate, servername));
  v8::Local<v8::Value> list = v8::Undefined(isolate);
  if (alpn != nullptr) {
    v8::Local<v8::Array> arr = v8::Array::New(isolate);
    uint32_t n = 0;
    for (size_t i = 0; i < alpn_len;) {
      size_t len = alpn[i];
      if (i + 1 + len > alpn_len) {
        break;
      }
      USE(arr->Set(context, n++,
                   v8::String::NewFromOneByte(isolate, alpn + i + 1, v8::NewStringType::kNormal,
                                              static_cast<int>(len))
                       .ToLocalChecked()));
      i += 1 + len;
    }
    list = arr;
  }
  realm->PushCompletionValue(list);
  Push(w, kHello, 0, first);
}

void OnSession(sh_tls_t *tls, SSL_SESSION *session) {
  TlsWrap *w = WrapOf(tls);
  Realm *realm = w->data->realm;
  int len = i2d_SSL_SESSION(session, nullptr);
  if (len <= 0) {
    return;
  }
  v8::HandleScope scope(realm->isolate());
  char *der = static_cast<char *>(malloc(static_cast<size_t>(len)));
  if (der == nullptr) {
    return;
  }
  unsigned char *p = reinterpret_cast<unsigned char *>(der);
  i2d_SSL_SESSION(session, &p);
  v8::Local<v8::Uint8Array> buf;
  if (!NewBufferTakeMalloc(realm, der, static_cast<size_t>(len)).ToLocal(&buf)) {
    return;
  }
  Push(w, kSession, 0, realm->PushCompletionValue(buf));
}

void OnKeylog(sh_tls_t *tls, const char *line) {
  TlsWrap *w = WrapOf(tls);
  Realm *realm = w->data->realm;
  v8::HandleScope scope(realm->isolate());
  std::string s = line;
  s += '\n';
  v8::Local<v8::Uint8Array> buf;
  if (!NewBufferCopy(realm, s.data(), s.size()).ToLocal(&buf)) {
    return;
  }
  Push(w, kKeylog, 0, realm->PushCompletionValue(buf));
}

void OnClose(sh_tls_t *tls) {
  TlsWrap *w = WrapOf(tls);
  auto it = w->data->conns.find(w->id);
  if (it != w->data->conns.end() && it->second == w) {
    w->data->conns.erase(it);
  }
  delete w;
}

const sh_tls_ops_t kTlsOps = {OnHandshake, OnHello, OnSession, OnKeylog, OnError, OnClose};

TlsWrap *FindConn(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TlsData *data = Data(Realm::From(args));
  auto it = data->conns.find(NumberArg(args, 0));
  return it == data->conns.end() ? nullptr : it->second;
}

SSL *FindSsl(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TlsWrap *w = FindConn(args);
  return w != nullptr ? w->tls.ssl : nullptr;
}

// ---- SecureContext ----

CtxWrap *UnwrapCtx(v8::Local<v8::Value> value) {
  if (!value->IsObject()) {
    return nullptr;
  }
  v8::Local<v8::Object> obj = value.As<v8::Object>();
  if (obj->InternalFieldCount() < 1) {
    return nullptr;
  }
  return static_cast<CtxWrap *>(obj->GetAlignedPointerFromInternalField(0));
}

CtxWrap *This(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = UnwrapCtx(args.This());
  if (c == nullptr || c->ctx == nullptr) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be of type SecureContext");
    return nullptr;
  }
  return c;
}

void CtxWeak(const v8::WeakCallbackInfo<CtxWrap> &info) {
  CtxWrap *c = info.GetParameter();
  c->object.Reset();
  c->data->contexts.erase(c);
  SSL_CTX_free(c->ctx);
  delete c;
}

void NewContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED", "Class constructor SecureContext cannot be invoked without 'new'");
    return;
  }
  SSL_CTX *ctx = sh_tls_ctx_new();
  if (ctx == nullptr) {
    ThrowOpenSSL(isolate, "SSL_CTX_new() failed");
    return;
  }
  auto *c = new CtxWrap();
  c->ctx = ctx;
  c->data = Data(Realm::From(args));
  c->data->contexts.insert(c);
  args.This()->SetAlignedPointerInInternalField(0, c);
  c->object.Reset(isolate, args.This());
  c->object.SetWeak(c, CtxWeak, v8::WeakCallbackType::kParameter);
}

// Bytes of a string (latin1 when asked, else UTF-8) or a buffer.
bool ArgBytes(v8::Isolate *isolate, v8::Local<v8::Value> v, std::string *out) {
  if (v->IsString()) {
    v8::String::Utf8Value s(isolate, v);
    out->assign(*s, s.length());
    return true;
  }
  char *data;
  size_t len;
  if (BufferContents(v, &data, &len)) {
    out->assign(data, len);
    return true;
  }
  return false;
}

// init(minVersion, maxVersion): protocol range as TLS1_x_VERSION numbers.
void CtxInit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  int min = static_cast<int>(NumberArg(args, 0));
  int max = static_cast<int>(NumberArg(args, 1));
  if (min > 0 && min < TLS1_2_VERSION) {
    // Old protocols need OpenSSL's security level 0 to be offered at all.
    SSL_CTX_set_security_level(c->ctx, 0);
  }
  SSL_CTX_set_min_proto_version(c->ctx, min);
  SSL_CTX_set_max_proto_version(c->ctx, max);
}

void CtxSetKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  v8::Isolate *isolate = args.GetIsolate();
  std::string key;
  if (c == nullptr || !ArgBytes(isolate, args[0], &key)) {
    return;
  }
  std::string pass;
  bool has_pass = args.Length() > 1 && ArgBytes(isolate, args[1], &pass);
  ERR_clear_error();
  if (sh_tls_ctx_use_key(c->ctx, key.data(), key.size(), has_pass ? pass.c_str() : nullptr) != 0) {
    ThrowOpenSSL(isolate, "Failed to set the private key");
  }
}

void CtxSetCert(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  std::string cert;
  if (c == nullptr || !ArgBytes(args.GetIsolate(), args[0], &cert)) {
    return;
  }
  ERR_clear_error();
  if (sh_tls_ctx_use_cert(c->ctx, cert.data(), cert.size()) != 0) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to set the certificate");
  }
}

void CtxAddCACert(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  std::string ca;
  if (c == nullptr || !ArgBytes(args.GetIsolate(), args[0], &ca)) {
    return;
  }
  ERR_clear_error();
  if (sh_tls_ctx_add_ca(c->ctx, ca.data(), ca.size()) != 0) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to add a CA certificate");
  }
}

void CtxAddCRL(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  std::string crl;
  if (c == nullptr || !ArgBytes(args.GetIsolate(), args[0], &crl)) {
    return;
  }
  ERR_clear_error();
  if (sh_tls_ctx_add_crl(c->ctx, crl.data(), crl.size()) != 0) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to parse CRL");
  }
}

void CtxAddRootCerts(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c != nullptr && sh_tls_ctx_use_system_ca(c->ctx) != 0) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to load the system's CA certificates");
  }
}

void CtxLoadPKCS12(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  v8::Isolate *isolate = args.GetIsolate();
  std::string der;
  if (c == nullptr || !ArgBytes(isolate, args[0], &der)) {
    return;
  }
  std::string pass;
  bool has_pass = args.Length() > 1 && ArgBytes(isolate, args[1], &pass);
  ERR_clear_error();
  if (sh_tls_ctx_load_pkcs12(c->ctx, der.data(), der.size(), has_pass ? pass.c_str() : nullptr) != 0) {
    unsigned long err = ERR_peek_last_error();
    ERR_clear_error();
    // Node's wording for a bad PKCS#12 passphrase or file.
    if (ERR_GET_LIB(err) == ERR_LIB_PKCS12 && ERR_GET_REASON(err) == PKCS12_R_MAC_VERIFY_FAILURE) {
      isolate->ThrowException(v8::Exception::Error(OneByte(isolate, "mac verify failure")));
    } else {
      isolate->ThrowException(OpenSSLErrorValue(isolate, err, nullptr));
    }
  }
}

void CtxSetCiphers(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  std::string list = ToStdString(args.GetIsolate(), args[0]);
  ERR_clear_error();
  if (SSL_CTX_set_cipher_list(c->ctx, list.c_str()) != 1) {
    unsigned long err = ERR_peek_error();
    if (list.empty() && ERR_GET_REASON(err) == SSL_R_NO_CIPHER_MATCH) {
      // Only TLS 1.3 suites were asked for: the TLS 1.2 list was cleared on
      // purpose (JS then raises the minimum version to 1.3).
      ERR_clear_error();
      return;
    }
    ThrowOpenSSL(args.GetIsolate(), "Failed to set ciphers");
  }
}

void CtxSetCipherSuites(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  std::string list = ToStdString(args.GetIsolate(), args[0]);
  ERR_clear_error();
  if (SSL_CTX_set_ciphersuites(c->ctx, list.c_str()) != 1) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to set ciphers");
  }
}

void CtxSetSigalgs(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  std::string list = ToStdString(args.GetIsolate(), args[0]);
  ERR_clear_error();
  if (SSL_CTX_set1_sigalgs_list(c->ctx, list.c_str()) != 1) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to set sigalgs");
  }
}

void CtxSetECDHCurve(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  std::string curve = ToStdString(args.GetIsolate(), args[0]);
  if (curve == "auto") {
    return;
  }
  ERR_clear_error();
  if (SSL_CTX_set1_groups_list(c->ctx, curve.c_str()) != 1) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to set ECDH curve");
  }
}

void CtxSetDHParam(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  if (args[0]->IsString() && ToStdString(args.GetIsolate(), args[0]) == "auto") {
    SSL_CTX_set_dh_auto(c->ctx, 1);
    return;
  }
  std::string pem;
  if (!ArgBytes(args.GetIsolate(), args[0], &pem)) {
    return;
  }
  BIO *bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY *dh = bio != nullptr ? PEM_read_bio_Parameters(bio, nullptr) : nullptr;
  BIO_free(bio);
  ERR_clear_error();
  if (dh == nullptr || SSL_CTX_set0_tmp_dh_pkey(c->ctx, dh) != 1) {
    EVP_PKEY_free(dh);
    ThrowOpenSSL(args.GetIsolate(), "Invalid DH parameters");
  }
}

void CtxSetMinProto(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    SSL_CTX_set_min_proto_version(c->ctx, static_cast<int>(NumberArg(args, 0)));
  }
}

void CtxSetMaxProto(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    SSL_CTX_set_max_proto_version(c->ctx, static_cast<int>(NumberArg(args, 0)));
  }
}

void CtxGetMinProto(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    args.GetReturnValue().Set(static_cast<double>(SSL_CTX_get_min_proto_version(c->ctx)));
  }
}

void CtxGetMaxProto(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    args.GetReturnValue().Set(static_cast<double>(SSL_CTX_get_max_proto_version(c->ctx)));
  }
}

void CtxSetOptions(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    SSL_CTX_set_options(c->ctx, static_cast<uint64_t>(NumberArg(args, 0)));
  }
}

void CtxSetSessionIdContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  std::string id = ToStdString(args.GetIsolate(), args[0]);
  if (id.size() > SSL_MAX_SID_CTX_LENGTH) {
    id.resize(SSL_MAX_SID_CTX_LENGTH);
  }
  SSL_CTX_set_session_id_context(c->ctx, reinterpret_cast<const unsigned char *>(id.data()),
                                 static_cast<unsigned>(id.size()));
}

void CtxSetSessionTimeout(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    SSL_CTX_set_timeout(c->ctx, static_cast<long>(NumberArg(args, 0)));
  }
}

void CtxSetTicketKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  char *data;
  size_t len;
  if (c == nullptr || !BufferContents(args[0], &data, &len) || len != 48) {
    return;
  }
  sh_tls_ctx_set_ticket_keys(c->ctx, reinterpret_cast<const uint8_t *>(data));
}

void CtxGetTicketKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  uint8_t keys[48];
  sh_tls_ctx_get_ticket_keys(c->ctx, keys);
  v8::Local<v8::Uint8Array> buf;
  if (NewBufferCopy(Realm::From(args), reinterpret_cast<const char *>(keys), 48).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
  OPENSSL_cleanse(keys, sizeof keys);
}

// setALPNProtocols(wire): the server's list.
void CtxSetALPN(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  char *data = nullptr;
  size_t len = 0;
  BufferContents(args[0], &data, &len);
  sh_tls_ctx_set_alpn(c->ctx, reinterpret_cast<const uint8_t *>(data), len);
}

void CtxSetHelloWait(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    sh_tls_ctx_set_hello_wait(c->ctx, args[0]->BooleanValue(args.GetIsolate()));
  }
}

void CtxHasStore(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (CtxWrap *c = This(args)) {
    args.GetReturnValue().Set(sh_tls_ctx_has_store(c->ctx));
  }
}

void CtxGetCertificate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CtxWrap *c = This(args);
  if (c == nullptr) {
    return;
  }
  X509 *cert = SSL_CTX_get0_certificate(c->ctx);
  if (cert != nullptr) {
    v8::Local<v8::Uint8Array> buf;
    int len = i2d_X509(cert, nullptr);
    std::string der(static_cast<size_t>(len > 0 ? len : 0), '\0');
    unsigned char *p = reinterpret_cast<unsigned char *>(&der[0]);
    i2d_X509(cert, &p);
    if (NewBufferCopy(Realm::From(args), der.data(), der.size()).ToLocal(&buf)) {
      args.GetReturnValue().Set(buf);
    }
  }
}

// close(): the context is freed when collected; nothing to do early.
void CtxClose(const v8::FunctionCallbackInfo<v8::Value> &args) { (void)args; }

// ---- certificates as Node shows them ----

std::string Hex(const unsigned char *p, size_t n, bool colons) {
  static const char digits[] = "0123456789ABCDEF";
  std::string s;
  for (size_t i = 0; i < n; i++) {
    if (colons && i > 0) {
      s += ':';
    }
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}

v8::Local<v8::Value> NameToObject(v8::Isolate *isolate, const X509_NAME *name) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> obj = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  int n = X509_NAME_entry_count(name);
  for (int i = 0; i < n; i++) {
    const X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);
    const ASN1_OBJECT *oid = X509_NAME_ENTRY_get_object(entry);
    int nid = OBJ_obj2nid(oid);
    char keybuf[80];
    const char *key = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
    if (key == nullptr) {
      OBJ_obj2txt(keybuf, sizeof keybuf, oid, 1);
      key = keybuf;
    }
    unsigned char *utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
    if (len < 0) {
      continue;
    }
    v8::Local<v8::String> value = Str(isolate, reinterpret_cast<char *>(utf8), len);
    OPENSSL_free(utf8);
    v8::Local<v8::String> k = Str(isolate, key);
    v8::Local<v8::Value> old;
    if (obj->HasOwnProperty(context, k).FromMaybe(false) && obj->Get(context, k).ToLocal(&old)) {
      // A repeated attribute: an array of its values.
      if (old->IsArray()) {
        v8::Local<v8::Array> arr = old.As<v8::Array>();
        USE(arr->Set(context, arr->Length(), value));
      } else {
        v8::Local<v8::Value> both[] = {old, value};
        USE(obj->Set(context, k, v8::Array::New(isolate, both, 2)));
      }
    } else {
      USE(obj->Set(context, k, value));
    }
  }
  return obj;
}

// A name for subjectaltname, quoted as JSON when it holds characters that
// would make the list ambiguous (as Node does).
void AppendAltName(std::string *out, const char *prefix, const unsigned char *p, size_t n) {
  bool quote = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c < 0x20 || c == ',' || c == '"' || c == '\\' || c == ':' || c >= 0x7f) {
      quote = true;
      break;
    }
  }
  *out += prefix;
  if (!quote) {
    out->append(reinterpret_cast<const char *>(p), n);
    return;
  }
  *out += '"';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      *out += buf;
    } else {
      *out += static_cast<char>(c);
    }
  }
  *out += '"';
}

std::string AltNames(X509 *cert) {
  std::string out;
  GENERAL_NAMES *names =
      static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) {
    return out;
  }
  for (int i = 0; i < sk_GENERAL_NAME_num(names); i++) {
    GENERAL_NAME *gen = sk_GENERAL_NAME_value(names, i);
    if (!out.empty()) {
      out += ", ";
    }
    if (gen->type == GEN_DNS) {
      AppendAltName(&out, "DNS:", ASN1_STRING_get0_data(gen->d.dNSName),
                    static_cast<size_t>(ASN1_STRING_length(gen->d.dNSName)));
    } else if (gen->type == GEN_EMAIL) {
      AppendAltName(&out, "email:", ASN1_STRING_get0_data(gen->d.rfc822Name),
                    static_cast<size_t>(ASN1_STRING_length(gen->d.rfc822Name)));
    } else if (gen->type == GEN_URI) {
      AppendAltName(&out, "URI:", ASN1_STRING_get0_data(gen->d.uniformResourceIdentifier),
                    static_cast<size_t>(ASN1_STRING_length(gen->d.uniformResourceIdentifier)));
    } else if (gen->type == GEN_IPADD) {
      const unsigned char *p = ASN1_STRING_get0_data(gen->d.iPAddress);
      int len = ASN1_STRING_length(gen->d.iPAddress);
      char buf[64];
      if (len == 4) {
        snprintf(buf, sizeof buf, "%d.%d.%d.%d", p[0], p[1], p[2], p[3]);
      } else if (len == 16) {
        // OpenSSL's form: eight groups, no zero compression.
        int o = 0;
        for (int g = 0; g < 8; g++) {
          o += snprintf(buf + o, sizeof buf - static_cast<size_t>(o), g ? ":%X" : "%X", (p[2 * g] << 8) | p[2 * g + 1]);
        }
      } else {
        snprintf(buf, sizeof buf, "<invalid>");
      }
      out += "IP Address:";
      out += buf;
    } else if (gen->type == GEN_DIRNAME) {
      char *s = X509_NAME_oneline(gen->d.directoryName, nullptr, 0);
      out += "DirName:";
      out += s != nullptr ? s : "";
      OPENSSL_free(s);
    } else if (gen->type == GEN_RID) {
      char buf[128];
      OBJ_obj2txt(buf, sizeof buf, gen->d.registeredID, 1);
      out += "Registered ID:";
      out += buf;
    } else if (gen->type == GEN_OTHERNAME) {
      out += "othername:<unsupported>";
    } else {
      out += "<unsupported>";
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

v8::Local<v8::Value> InfoAccess(v8::Isolate *isolate, X509 *cert) {
  AUTHORITY_INFO_ACCESS *aia =
      static_cast<AUTHORITY_INFO_ACCESS *>(X509_get_ext_d2i(cert, NID_info_access, nullptr, nullptr));
  if (aia == nullptr) {
    return v8::Undefined(isolate);
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> obj = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
    ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
    char method[128];
    int nid = OBJ_obj2nid(ad->method);
    const char *ln = nid != NID_undef ? OBJ_nid2ln(nid) : nullptr;
    if (ln == nullptr) {
      OBJ_obj2txt(method, sizeof method, ad->method, 1);
      ln = method;
    }
    std::string key = ln;
    std::string value;
    if (ad->location->type == GEN_URI) {
      key += " - URI";
      value.assign(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ad->location->d.uniformResourceIdentifier)),
                   static_cast<size_t>(ASN1_STRING_length(ad->location->d.uniformResourceIdentifier)));
    } else {
      key += " - other";
    }
    v8::Local<v8::String> k = Str(isolate, key);
    v8::Local<v8::Value> old;
    v8::Local<v8::Array> arr;
    if (obj->Get(context, k).ToLocal(&old) && old->IsArray()) {
      arr = old.As<v8::Array>();
    } else {
      arr = v8::Array::New(isolate);
      USE(obj->Set(context, k, arr));
    }
    USE(arr->Set(context, arr->Length(), Str(isolate, value)));
  }
  AUTHORITY_INFO_ACCESS_free(aia);
  return obj;
}

std::string AsnTime(const ASN1_TIME *t) {
  BIO *bio = BIO_new(BIO_s_mem());
  std::string s;
  if (bio != nullptr && ASN1_TIME_print(bio, t)) {
    char *p;
    long n = BIO_get_mem_data(bio, &p);
    s.assign(p, static_cast<size_t>(n));
  }
  BIO_free(bio);
  return s;
}

v8::Local<v8::Object> CertObject(Realm *realm, X509 *cert) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Object> o = v8::Object::New(isolate);
  SetProp(isolate, o, "subject", NameToObject(isolate, X509_get_subject_name(cert)));
  SetProp(isolate, o, "issuer", NameToObject(isolate, X509_get_issuer_name(cert)));
  std::string alt = AltNames(cert);
  if (!alt.empty()) {
    SetProp(isolate, o, "subjectaltname", Str(isolate, alt));
  }
  v8::Local<v8::Value> info = InfoAccess(isolate, cert);
  if (!info->IsUndefined()) {
    SetProp(isolate, o, "infoAccess", info);
  }
  SetProp(isolate, o, "ca", v8::Boolean::New(isolate, X509_check_ca(cert) == 1));
  EVP_PKEY *pkey = X509_get0_pubkey(cert);
  if (pkey != nullptr && EVP_PKEY_base_id(pkey) == EVP_PKEY_RSA) {
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    EVP_PKEY_get_bn_param(pkey, "n", &n);
    EVP_PKEY_get_bn_param(pkey, "e", &e);
    if (n != nullptr) {
      char *hex = BN_bn2hex(n);
      SetProp(isolate, o, "modulus", Str(isolate, hex));
      OPENSSL_free(hex);
    }
    SetProp(isolate, o, "bits", v8::Integer::New(isolate, EVP_PKEY_get_bits(pkey)));
    if (e != nullptr) {
      char *hex = BN_bn2hex(e);
      std::string ex = "0x";
      const char *h = hex;
      while (*h == '0' && h[1] != '\0') {
        h++;
      }
      for (const char *q = h; *q; q++) {
        ex += static_cast<char>(*q >= 'A' && *q <= 'F' ? *q + 32 : *q);
      }
      SetProp(isolate, o, "exponent", Str(isolate, ex));
      OPENSSL_free(hex);
    }
    BN_free(n);
    BN_free(e);
    int len = i2d_PUBKEY(pkey, nullptr);
    if (len > 0) {
      std::string der(static_cast<size_t>(len), '\0');
      unsigned char *p = reinterpret_cast<unsigned char *>(&der[0]);
      i2d_PUBKEY(pkey, &p);
      v8::Local<v8::Uint8Array> buf;
      if (NewBufferCopy(realm, der.data(), der.size()).ToLocal(&buf)) {
        SetProp(isolate, o, "pubkey", buf);
      }
    }
  } else if (pkey != nullptr && EVP_PKEY_base_id(pkey) == EVP_PKEY_EC) {
    SetProp(isolate, o, "bits", v8::Integer::New(isolate, EVP_PKEY_get_bits(pkey)));
    unsigned char point[256];
    size_t plen = 0;
    if (EVP_PKEY_get_octet_string_param(pkey, "encoded-pub-key", point, sizeof point, &plen) == 1) {
      v8::Local<v8::Uint8Array> buf;
      if (NewBufferCopy(realm, reinterpret_cast<char *>(point), plen).ToLocal(&buf)) {
        SetProp(isolate, o, "pubkey", buf);
      }
    }
    char group[80];
    size_t glen = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, "group", group, sizeof group, &glen) == 1) {
      int nid = OBJ_sn2nid(group);
      if (nid == NID_undef) {
        nid = EC_curve_nist2nid(group);
      }
      if (nid != NID_undef) {
        SetProp(isolate, o, "asn1Curve", Str(isolate, OBJ_nid2sn(nid)));
        const char *nist = EC_curve_nid2nist(nid);
        if (nist != nullptr) {
          SetProp(isolate, o, "nistCurve", Str(isolate, nist));
        }
      }
    }
  }
  SetProp(isolate, o, "valid_from", Str(isolate, AsnTime(X509_get0_notBefore(cert))));
  SetProp(isolate, o, "valid_to", Str(isolate, AsnTime(X509_get0_notAfter(cert))));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen;
  if (X509_digest(cert, EVP_sha1(), md, &mdlen)) {
    SetProp(isolate, o, "fingerprint", Str(isolate, Hex(md, mdlen, true)));
  }
  if (X509_digest(cert, EVP_sha256(), md, &mdlen)) {
    SetProp(isolate, o, "fingerprint256", Str(isolate, Hex(md, mdlen, true)));
  }
  if (X509_digest(cert, EVP_sha512(), md, &mdlen)) {
    SetProp(isolate, o, "fingerprint512", Str(isolate, Hex(md, mdlen, true)));
  }
  EXTENDED_KEY_USAGE *eku =
      static_cast<EXTENDED_KEY_USAGE *>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  if (eku != nullptr) {
    v8::Local<v8::Array> arr = v8::Array::New(isolate);
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
      char buf[128];
      OBJ_obj2txt(buf, sizeof buf, sk_ASN1_OBJECT_value(eku, i), 1);
      USE(arr->Set(realm->context(), static_cast<uint32_t>(i), Str(isolate, buf)));
    }
    SetProp(isolate, o, "ext_key_usage", arr);
    EXTENDED_KEY_USAGE_free(eku);
  }
  BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (serial != nullptr) {
    char *hex = BN_bn2hex(serial);
    SetProp(isolate, o, "serialNumber", Str(isolate, hex));
    OPENSSL_free(hex);
    BN_free(serial);
  }
  int len = i2d_X509(cert, nullptr);
  if (len > 0) {
    std::string der(static_cast<size_t>(len), '\0');
    unsigned char *p = reinterpret_cast<unsigned char *>(&der[0]);
    i2d_X509(cert, &p);
    v8::Local<v8::Uint8Array> buf;
    if (NewBufferCopy(realm, der.data(), der.size()).ToLocal(&buf)) {
      SetProp(isolate, o, "raw", buf);
    }
  }
  return o;
}

// The peer's certificate; with detailed, each links its issuer as far as
// the chain the peer sent (or the one verification built) goes, a
// self-signed root pointing at itself.
v8::Local<v8::Value> PeerCertificate(Realm *realm, SSL *ssl, bool detailed) {
  v8::Isolate *isolate = realm->isolate();
  X509 *peer = SSL_get1_peer_certificate(ssl);
  if (peer == nullptr) {
    return v8::Undefined(isolate);
  }
  v8::Local<v8::Object> first = CertObject(realm, peer);
  if (detailed) {
    STACK_OF(X509) *chain = SSL_get0_verified_chain(ssl);
    if (chain == nullptr || sk_X509_num(chain) == 0) {
      chain = SSL_get_peer_cert_chain(ssl);
    }
    X509 *cur = peer;
    v8::Local<v8::Object> cur_obj = first;
    std::unordered_set<X509 *> seen;
    seen.insert(peer);
    for (;;) {
      if (X509_check_issued(cur, cur) == X509_V_OK) {
        SetProp(isolate, cur_obj, "issuerCertificate", cur_obj);
        break;
      }
      X509 *issuer = nullptr;
      for (int i = 0; chain != nullptr && i < sk_X509_num(chain); i++) {
        X509 *c = sk_X509_value(chain, i);
        if (seen.count(c) == 0 && X509_cmp(c, cur) != 0 && X509_check_issued(c, cur) == X509_V_OK) {
          issuer = c;
          break;
        }
      }
      if (issuer == nullptr) {
        break;
      }
      seen.insert(issuer);
      v8::Local<v8::Object> issuer_obj = CertObject(realm, issuer);
      SetProp(isolate, cur_obj, "issuerCertificate", issuer_obj);
      cur = issuer;
      cur_obj = issuer_obj;
    }
  }
  X509_free(peer);
  return first;
}

// Node's names for X509_V_ERR_* codes.
const char *VerifyCode(long err) {
  switch (err) {
#define V(name)                                                                                    \
  case X509_V_ERR_##name:                                                                          \
    return #name;
    V(UNABLE_TO_GET_ISSUER_CERT)
    V(UNABLE_TO_GET_CRL)
    V(UNABLE_TO_DECRYPT_CERT_SIGNATURE)
    V(UNABLE_TO_DECRYPT_CRL_SIGNATURE)
    V(UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY)
    V(CERT_SIGNATURE_FAILURE)
    V(CRL_SIGNATURE_FAILURE)
    V(CERT_NOT_YET_VALID)
    V(CERT_HAS_EXPIRED)
    V(CRL_NOT_YET_VALID)
    V(CRL_HAS_EXPIRED)
    V(ERROR_IN_CERT_NOT_BEFORE_FIELD)
    V(ERROR_IN_CERT_NOT_AFTER_FIELD)
    V(ERROR_IN_CRL_LAST_UPDATE_FIELD)
    V(ERROR_IN_CRL_NEXT_UPDATE_FIELD)
    V(OUT_OF_MEM)
    V(DEPTH_ZERO_SELF_SIGNED_CERT)
    V(SELF_SIGNED_CERT_IN_CHAIN)
    V(UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
    V(UNABLE_TO_VERIFY_LEAF_SIGNATURE)
    V(CERT_CHAIN_TOO_LONG)
    V(CERT_REVOKED)
    V(INVALID_CA)
    V(PATH_LENGTH_EXCEEDED)
    V(INVALID_PURPOSE)
    V(CERT_UNTRUSTED)
    V(CERT_REJECTED)
    V(HOSTNAME_MISMATCH)
#undef V
  default:
    return "UNSPECIFIED";
  }
}

// ---- connections ----

// attach(id, context, flags, handshakeTimeoutMs) -> 0 | -errno
void Attach(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  TlsData *data = Data(realm);
  double id = NumberArg(args, 0);
  sh_tcp_t *tcp = SocketTcp(realm, id);
  CtxWrap *c = UnwrapCtx(args[1]);
  if (tcp == nullptr || c == nullptr) {
    args.GetReturnValue().Set(-EBADF);
    return;
  }
  auto *w = new TlsWrap();
  w->data = data;
  w->id = id;
  int err = sh_tls_attach(&w->tls, tcp, c->ctx, static_cast<uint32_t>(NumberArg(args, 2)), &kTlsOps, w);
  if (err < 0) {
    delete w;
    args.GetReturnValue().Set(err);
    return;
  }
  data->conns[id] = w;
  double timeout = NumberArg(args, 3);
  if (timeout > 0) {
    sh_tls_set_handshake_timeout(&w->tls, static_cast<uint64_t>(timeout));
  }
  args.GetReturnValue().Set(0);
}

void Start(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TlsWrap *w = FindConn(args)) {
    args.GetReturnValue().Set(sh_tls_start(&w->tls));
  }
}

void SetHandshakeTimeout(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TlsWrap *w = FindConn(args)) {
    sh_tls_set_handshake_timeout(&w->tls, static_cast<uint64_t>(NumberArg(args, 1)));
  }
}

void SetFlag(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TlsWrap *w = FindConn(args)) {
    sh_tls_set_flag(&w->tls, static_cast<uint32_t>(NumberArg(args, 1)), args[2]->BooleanValue(args.GetIsolate()));
  }
}

void SetServername(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (SSL *ssl = FindSsl(args)) {
    std::string name = ToStdString(args.GetIsolate(), args[1]);
    SSL_set_tlsext_host_name(ssl, name.c_str());
  }
}

// setALPNProtocols(id, wire): the client's offer.
void SetALPNProtocols(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  char *data;
  size_t len;
  if (ssl != nullptr && BufferContents(args[1], &data, &len)) {
    SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char *>(data), static_cast<unsigned>(len));
  }
}

void SetSession(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  char *data;
  size_t len;
  if (ssl == nullptr || !BufferContents(args[1], &data, &len)) {
    return;
  }
  const unsigned char *p = reinterpret_cast<const unsigned char *>(data);
  SSL_SESSION *session = d2i_SSL_SESSION(nullptr, &p, static_cast<long>(len));
  if (session == nullptr) {
    ERR_clear_error();
    args.GetIsolate()->ThrowException(v8::Exception::Error(OneByte(args.GetIsolate(), "Bad session")));
    return;
  }
  SSL_set_session(ssl, session);
  SSL_SESSION_free(session);
}

// The verdict on the peer is always read after the handshake (verifyError).
void SetVerifyMode(const v8::FunctionCallbackInfo<v8::Value> &args) { (void)args; }

// helloDone(id, context | null, alpn | null, alert)
void HelloDone(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TlsWrap *w = FindConn(args);
  if (w == nullptr) {
    return;
  }
  CtxWrap *c = UnwrapCtx(args[1]);
  std::string alpn;
  bool has_alpn = args[2]->IsString();
  if (has_alpn) {
    alpn = ToStdString(args.GetIsolate(), args[2]);
  }
  sh_tls_hello_done(&w->tls, c != nullptr ? c->ctx : nullptr, has_alpn ? alpn.c_str() : nullptr,
                    static_cast<int>(NumberArg(args, 3)));
}

void GetPeerCertificate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (SSL *ssl = FindSsl(args)) {
    args.GetReturnValue().Set(PeerCertificate(Realm::From(args), ssl, args[1]->IsTrue()));
  }
}

void GetCertificate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (SSL *ssl = FindSsl(args)) {
    X509 *cert = SSL_get_certificate(ssl);
    if (cert != nullptr) {
      args.GetReturnValue().Set(CertObject(Realm::From(args), cert));
    }
  }
}

void GetProtocol(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (SSL *ssl = FindSsl(args)) {
    args.GetReturnValue().Set(OneByte(args.GetIsolate(), SSL_get_version(ssl)));
  }
}

void GetCipher(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  const SSL_CIPHER *c = ssl != nullptr ? SSL_get_current_cipher(ssl) : nullptr;
  if (c == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Object> o = v8::Object::New(isolate);
  SetProp(isolate, o, "name", OneByte(isolate, SSL_CIPHER_get_name(c)));
  const char *standard = SSL_CIPHER_standard_name(c);
  SetProp(isolate, o, "standardName", OneByte(isolate, standard != nullptr ? standard : SSL_CIPHER_get_name(c)));
  SetProp(isolate, o, "version", OneByte(isolate, SSL_CIPHER_get_version(c)));
  args.GetReturnValue().Set(o);
}

void GetSession(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  SSL_SESSION *session = ssl != nullptr ? SSL_get_session(ssl) : nullptr;
  if (session == nullptr) {
    return;
  }
  int len = i2d_SSL_SESSION(session, nullptr);
  if (len <= 0) {
    return;
  }
  std::string der(static_cast<size_t>(len), '\0');
  unsigned char *p = reinterpret_cast<unsigned char *>(&der[0]);
  i2d_SSL_SESSION(session, &p);
  v8::Local<v8::Uint8Array> buf;
  if (NewBufferCopy(Realm::From(args), der.data(), der.size()).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

void GetTLSTicket(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  SSL_SESSION *session = ssl != nullptr ? SSL_get_session(ssl) : nullptr;
  if (session == nullptr || !SSL_SESSION_has_ticket(session)) {
    return;
  }
  const unsigned char *tick;
  size_t len;
  SSL_SESSION_get0_ticket(session, &tick, &len);
  v8::Local<v8::Uint8Array> buf;
  if (NewBufferCopy(Realm::From(args), reinterpret_cast<const char *>(tick), len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

void IsSessionReused(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  args.GetReturnValue().Set(ssl != nullptr && SSL_session_reused(ssl) == 1);
}

void GetFinished(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  if (ssl == nullptr) {
    return;
  }
  char buf[EVP_MAX_MD_SIZE];
  size_t len = args[1]->IsTrue() ? SSL_get_peer_finished(ssl, buf, sizeof buf) : SSL_get_finished(ssl, buf, sizeof buf);
  if (len == 0) {
    return;
  }
  v8::Local<v8::Uint8Array> out;
  if (NewBufferCopy(Realm::From(args), buf, len).ToLocal(&out)) {
    args.GetReturnValue().Set(out);
  }
}

void GetEphemeralKeyInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Object> o = v8::Object::New(isolate);
  args.GetReturnValue().Set(o);
  EVP_PKEY *key = nullptr;
  if (ssl == nullptr || SSL_is_server(ssl) || !SSL_get_peer_tmp_key(ssl, &key)) {
    return;
  }
  int id = EVP_PKEY_id(key);
  if (id == EVP_PKEY_DH) {
    SetProp(isolate, o, "type", OneByte(isolate, "DH"));
    SetProp(isolate, o, "size", v8::Integer::New(isolate, EVP_PKEY_get_bits(key)));
  } else if (id == EVP_PKEY_EC || id == EVP_PKEY_X25519 || id == EVP_PKEY_X448) {
    SetProp(isolate, o, "type", OneByte(isolate, "ECDH"));
    const char *name = nullptr;
    if (id == EVP_PKEY_EC) {
      char group[80];
      size_t glen;
      if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &glen) == 1) {
        int nid = OBJ_sn2nid(group);
        name = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
      }
    } else {
      name = OBJ_nid2sn(id);
    }
    if (name != nullptr) {
      SetProp(isolate, o, "name", OneByte(isolate, name));
    }
    SetProp(isolate, o, "size", v8::Integer::New(isolate, EVP_PKEY_get_bits(key)));
  }
  EVP_PKEY_free(key);
}

void GetSharedSigalgs(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Array> arr = v8::Array::New(isolate);
  args.GetReturnValue().Set(arr);
  if (ssl == nullptr) {
    return;
  }
  int n = SSL_get_shared_sigalgs(ssl, 0, nullptr, nullptr, nullptr, nullptr, nullptr);
  for (int i = 0; i < n; i++) {
    int sign_nid;
    int hash_nid;
    SSL_get_shared_sigalgs(ssl, i, &sign_nid, &hash_nid, nullptr, nullptr, nullptr);
    std::string s;
    switch (sign_nid) {
    case EVP_PKEY_RSA: s = "RSA+"; break;
    case EVP_PKEY_RSA_PSS: s = "RSA-PSS+"; break;
    case EVP_PKEY_DSA: s = "DSA+"; break;
    case EVP_PKEY_ED25519: s = "Ed25519+"; break;
    case EVP_PKEY_ED448: s = "Ed448+"; break;
    case EVP_PKEY_EC: s = "ECDSA+"; break;
    default: {
      const char *sn = OBJ_nid2sn(sign_nid);
      s = sn != nullptr ? sn : "UNDEF";
      s += '+';
    }
    }
    const char *hn = hash_nid != NID_undef ? OBJ_nid2sn(hash_nid) : nullptr;
    s += hn != nullptr ? hn : "UNDEF";
    USE(arr->Set(isolate->GetCurrentContext(), static_cast<uint32_t>(i), Str(isolate, s)));
  }
}

void ExportKeyingMaterial(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  if (ssl == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  size_t len = static_cast<size_t>(NumberArg(args, 1));
  std::string label = ToStdString(isolate, args[2]);
  std::string context;
  bool use_context = ArgBytes(isolate, args[3], &context);
  std::string out(len, '\0');
  if (SSL_export_keying_material(ssl, reinterpret_cast<unsigned char *>(&out[0]), len, label.data(), label.size(),
                                 reinterpret_cast<const unsigned char *>(context.data()), context.size(),
                                 use_context ? 1 : 0) != 1) {
    ThrowOpenSSL(isolate, "Key export failed");
    return;
  }
  v8::Local<v8::Uint8Array> buf;
  if (NewBufferCopy(Realm::From(args), out.data(), out.size()).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

void GetServername(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  const char *name = ssl != nullptr ? SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) : nullptr;
  if (name != nullptr) {
    args.GetReturnValue().Set(Str(args.GetIsolate(), name));
  } else {
    args.GetReturnValue().Set(false);
  }
}

void GetALPN(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  const unsigned char *p = nullptr;
  unsigned len = 0;
  if (ssl != nullptr) {
    SSL_get0_alpn_selected(ssl, &p, &len);
  }
  if (len == 0) {
    args.GetReturnValue().Set(false);
    return;
  }
  args.GetReturnValue().Set(v8::String::NewFromOneByte(args.GetIsolate(), p, v8::NewStringType::kNormal,
                                                       static_cast<int>(len))
                                .ToLocalChecked());
}

// verifyError(id) -> null | [code, message]: the verdict on the peer's
// chain (no certificate at all counts as UNABLE_TO_GET_ISSUER_CERT, as in
// Node; a resumed TLS 1.3 session carries none and is fine).
void VerifyError(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  v8::Isolate *isolate = args.GetIsolate();
  if (ssl == nullptr) {
    return;
  }
  long err = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
  X509 *peer = SSL_get1_peer_certificate(ssl);
  if (peer != nullptr) {
    X509_free(peer);
    err = SSL_get_verify_result(ssl);
  } else if (SSL_version(ssl) == TLS1_3_VERSION && SSL_session_reused(ssl)) {
    err = X509_V_OK;
  }
  if (err == X509_V_OK) {
    args.GetReturnValue().SetNull();
    return;
  }
  v8::Local<v8::Value> pair[] = {OneByte(isolate, VerifyCode(err)),
                                 Str(isolate, X509_verify_cert_error_string(err))};
  args.GetReturnValue().Set(v8::Array::New(isolate, pair, 2));
}

void Renegotiate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  if (ssl == nullptr) {
    return;
  }
  ERR_clear_error();
  if (SSL_renegotiate(ssl) != 1) {
    ThrowOpenSSL(args.GetIsolate(), "Failed to renegotiate");
  }
}

void SetMaxSendFragment(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SSL *ssl = FindSsl(args);
  args.GetReturnValue().Set(ssl != nullptr &&
                            SSL_set_max_send_fragment(ssl, static_cast<long>(NumberArg(args, 1))) == 1);
}

// kernelTLS(id, mode): whether the kernel seals the sends; with mode, what
// seals them: 'kernel', 'emulated' (SHARD_KTLS=emulate) or false.
void KernelTLS(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TlsWrap *w = FindConn(args);
  if (!args[1]->IsTrue()) {
    args.GetReturnValue().Set(w != nullptr && sh_tls_ktls_send(&w->tls));
  } else if (w != nullptr && sh_tls_ktls_send(&w->tls)) {
    args.GetReturnValue().Set(OneByte(args.GetIsolate(), "kernel"));
  } else if (w != nullptr && sh_tls_ktls_emulated(&w->tls)) {
    args.GetReturnValue().Set(OneByte(args.GetIsolate(), "emulated"));
  } else {
    args.GetReturnValue().Set(false);
  }
}

// plainBytes(id, out: Float64Array(2)) -> [read, written] in plaintext.
void PlainBytes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TlsWrap *w = FindConn(args);
  if (w == nullptr || !args[1]->IsFloat64Array()) {
    return;
  }
  auto *out = static_cast<double *>(args[1].As<v8::Float64Array>()->Buffer()->GetBackingStore()->Data());
  out[0] = static_cast<double>(w->tls.plain_in);
  out[1] = static_cast<double>(w->tls.plain_out);
}

void Stats(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  const sh_tls_stats_t *s = sh_tls_stats();
  v8::Local<v8::Object> o = v8::Object::New(isolate);
  SetProp(isolate, o, "handshakes", v8::Number::New(isolate, static_cast<double>(s->handshakes)));
  SetProp(isolate, o, "resumed", v8::Number::New(isolate, static_cast<double>(s->resumed)));
  SetProp(isolate, o, "failed", v8::Number::New(isolate, static_cast<double>(s->failed)));
  SetProp(isolate, o, "kernelTLS", v8::Number::New(isolate, static_cast<double>(s->ktls_send)));
  SetProp(isolate, o, "kernelTLSRefused", v8::Number::New(isolate, static_cast<double>(s->ktls_refused)));
  int avail = sh_tls_ktls_available();
  SetProp(isolate, o, "kernelTLSAvailable",
          avail < 0 ? v8::Local<v8::Value>(v8::Null(isolate)) : v8::Local<v8::Value>(v8::Boolean::New(isolate, avail == 1)));
  args.GetReturnValue().Set(o);
}

// getCiphers() -> the names OpenSSL can use, lower case (tls.getCiphers()).
void GetCiphers(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Array> arr = v8::Array::New(isolate);
  SSL_CTX *ctx = SSL_CTX_new(TLS_method());
  SSL *ssl = ctx != nullptr ? SSL_new(ctx) : nullptr;
  if (ssl != nullptr) {
    STACK_OF(SSL_CIPHER) *ciphers = SSL_get_ciphers(ssl);
    uint32_t n = 0;
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); i++) {
      std::string name = SSL_CIPHER_get_name(sk_SSL_CIPHER_value(ciphers, i));
      for (char &ch : name) {
        ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      }
      USE(arr->Set(isolate->GetCurrentContext(), n++, Str(isolate, name)));
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ERR_clear_error();
  args.GetReturnValue().Set(arr);
}

void InitTls(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  sh_tls_init();
  TlsData *data = Data(realm);
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(isolate, NewContext);
  t->SetClassName(OneByte(isolate, "SecureContext"));
  t->InstanceTemplate()->SetInternalFieldCount(1);
  v8::Local<v8::ObjectTemplate> proto = t->PrototypeTemplate();
  auto method = [&](const char *name, v8::FunctionCallback fn) {
    proto->Set(OneByte(isolate, name), v8::FunctionTemplate::New(isolate, fn));
  };
  method("init", CtxInit);
  method("setKey", CtxSetKey);
  method("setCert", CtxSetCert);
  method("addCACert", CtxAddCACert);
  method("addCRL", CtxAddCRL);
  method("addRootCerts", CtxAddRootCerts);
  method("loadPKCS12", CtxLoadPKCS12);
  method("setCiphers", CtxSetCiphers);
  method("setCipherSuites", CtxSetCipherSuites);
  method("setSigalgs", CtxSetSigalgs);
  method("setECDHCurve", CtxSetECDHCurve);
  method("setDHParam", CtxSetDHParam);
  method("setMinProto", CtxSetMinProto);
  method("setMaxProto", CtxSetMaxProto);
  method("getMinProto", CtxGetMinProto);
  method("getMaxProto", CtxGetMaxProto);
  method("setOptions", CtxSetOptions);
  method("setSessionIdContext", CtxSetSessionIdContext);
  method("setSessionTimeout", CtxSetSessionTimeout);
  method("setTicketKeys", CtxSetTicketKeys);
  method("getTicketKeys", CtxGetTicketKeys);
  method("setALPNProtocols", CtxSetALPN);
  method("setHelloWait", CtxSetHelloWait);
  method("hasCertStore", CtxHasStore);
  method("getCertificate", CtxGetCertificate);
  method("close", CtxClose);
  data->ctx_class.Reset(isolate, t);
  SetValue(isolate, target, "SecureContext", t->GetFunction(realm->context()).ToLocalChecked());

  SetMethod(isolate, target, "attach", Attach);
  SetMethod(isolate, target, "start", Start);
  SetMethod(isolate, target, "setHandshakeTimeout", SetHandshakeTimeout);
  SetMethod(isolate, target, "setFlag", SetFlag);
  SetMethod(isolate, target, "setServername", SetServername);
  SetMethod(isolate, target, "setALPNProtocols", SetALPNProtocols);
  SetMethod(isolate, target, "setSession", SetSession);
  SetMethod(isolate, target, "setVerifyMode", SetVerifyMode);
  SetMethod(isolate, target, "helloDone", HelloDone);
  SetMethod(isolate, target, "getPeerCertificate", GetPeerCertificate);
  SetMethod(isolate, target, "getCertificate", GetCertificate);
  SetMethod(isolate, target, "getProtocol", GetProtocol);
  SetMethod(isolate, target, "getCipher", GetCipher);
  SetMethod(isolate, target, "getSession", GetSession);
  SetMethod(isolate, target, "getTLSTicket", GetTLSTicket);
  SetMethod(isolate, target, "isSessionReused", IsSessionReused);
  SetMethod(isolate, target, "getFinished", GetFinished);
  SetMethod(isolate, target, "getEphemeralKeyInfo", GetEphemeralKeyInfo);
  SetMethod(isolate, target, "getSharedSigalgs", GetSharedSigalgs);
  SetMethod(isolate, target, "exportKeyingMaterial", ExportKeyingMaterial);
  SetMethod(isolate, target, "getServername", GetServername);
  SetMethod(isolate, target, "getALPN", GetALPN);
  SetMethod(isolate, target, "verifyError", VerifyError);
  SetMethod(isolate, target, "renegotiate", Renegotiate);
  SetMethod(isolate, target, "setMaxSendFragment", SetMaxSendFragment);
  SetMethod(isolate, target, "kernelTLS", KernelTLS);
  SetMethod(isolate, target, "plainBytes", PlainBytes);
  SetMethod(isolate, target, "stats", Stats);
  SetMethod(isolate, target, "getCiphers", GetCiphers);
  SetInt(isolate, target, "kServer", SH_TLS_SERVER);
  SetInt(isolate, target, "kRequestCert", SH_TLS_REQUEST_CERT);
  SetInt(isolate, target, "kRejectNoCert", SH_TLS_REJECT_NO_CERT);
  SetInt(isolate, target, "kWantSession", SH_TLS_WANT_SESSION);
  SetInt(isolate, target, "kWantKeylog", SH_TLS_WANT_KEYLOG);
  SetInt(isolate, target, "TLS1_VERSION", TLS1_VERSION);
  SetInt(isolate, target, "TLS1_1_VERSION", TLS1_1_VERSION);
  SetInt(isolate, target, "TLS1_2_VERSION", TLS1_2_VERSION);
  SetInt(isolate, target, "TLS1_3_VERSION", TLS1_3_VERSION);
  SetValue(isolate, target, "opensslVersion", OneByte(isolate, OpenSSL_version(OPENSSL_VERSION_STRING)));
}

}  // namespace

SH_BINDING(tls, InitTls);

}  // namespace shard
