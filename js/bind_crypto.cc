// internalBinding('crypto'): registration, and what every area shares
// (wrappers, algorithm cache, errors, pool jobs), plus the small functions
// of node:crypto that belong to no area: algorithm lists, timingSafeEqual,
// constants.

// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <string.h>

#include <algorithm>

#include "js/buffer.h"

namespace shard {
namespace crypto {

namespace {

// OpenSSL registers an atexit handler on first use unless told not to; it
// would free OpenSSL's state while other cores' isolates still use it (the
// process ends with _exit once every core has stopped). Done at load time,
// before any thread exists and before any other OpenSSL call can register
// the handler.
struct OpenSSLInit {
  OpenSSLInit() {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT | OPENSSL_INIT_LOAD_CRYPTO_STRINGS |
                            OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS,
                        nullptr);
  }
};
const OpenSSLInit kOpenSSLInit;

}  // namespace

// ---- per-realm data and wrappers ----

CryptoData::~CryptoData() {
  for (Wrap *w : live) {
    w->object_.Reset();
    delete w;
  }
  for (auto &it : mds) {
    EVP_MD_free(it.second);
  }
  for (auto &it : ciphers) {
    EVP_CIPHER_free(it.second);
  }
  key_template.Reset();
  hash_template.Reset();
  hmac_template.Reset();
}

CryptoData *GetData(Realm *realm) { return realm->Data<CryptoData>("crypto"); }

Wrap::Wrap(Realm *realm, v8::Local<v8::Object> object) : realm_(realm) {
  object->SetAlignedPointerInInternalField(0, this);
  object_.Reset(realm->isolate(), object);
  object_.SetWeak(this, OnGc, v8::WeakCallbackType::kParameter);
  GetData(realm)->live.insert(this);
}

// The first pass may only drop the handle (and plain C++ work); the rest
// waits for the second. The object leaves the realm's list at once: should
// the realm end before the second pass, it is not freed twice.
void Wrap::OnGc(const v8::WeakCallbackInfo<Wrap> &info) {
  Wrap *self = info.GetParameter();
  self->object_.Reset();
  GetData(self->realm_)->live.erase(self);
  info.SetSecondPassCallback(Delete);
}

void Wrap::Delete(const v8::WeakCallbackInfo<Wrap> &info) {
  Wrap *self = info.GetParameter();
  if (self->external_ != 0) {
    info.GetIsolate()->AdjustAmountOfExternalAllocatedMemory(-self->external_);
  }
  delete self;
}

void Wrap::ReportMemory(int64_t bytes) {
  external_ += bytes;
  realm_->isolate()->AdjustAmountOfExternalAllocatedMemory(bytes);
}

void *Wrap::Peek(v8::Local<v8::Value> value) {
  if (!value->IsObject()) {
    return nullptr;
  }
  v8::Local<v8::Object> obj = value.As<v8::Object>();
  if (obj->InternalFieldCount() < 1) {
    return nullptr;
  }
  return obj->GetAlignedPointerFromInternalField(0);
}

void *Wrap::UnwrapObject(v8::Isolate *isolate, v8::Local<v8::Object> self) {
  void *p = Peek(self);
  if (p == nullptr) {
    ThrowTypeError(isolate, "ERR_INVALID_THIS", "Illegal invocation");
  }
  return p;
}

v8::Local<v8::FunctionTemplate> NewClass(v8::Isolate *isolate, v8::FunctionCallback ctor, const char *name) {
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(isolate, ctor);
  t->InstanceTemplate()->SetInternalFieldCount(1);
  t->SetClassName(OneByte(isolate, name));
  return t;
}

void SetProto(v8::Isolate *isolate, v8::Local<v8::FunctionTemplate> t, const char *name,
              v8::FunctionCallback fn) {
  v8::Local<v8::FunctionTemplate> f =
      v8::FunctionTemplate::New(isolate, fn, {}, v8::Signature::New(isolate, t), 0,
                                v8::ConstructorBehavior::kThrow);
  t->PrototypeTemplate()->Set(OneByte(isolate, name), f);
}

// ---- algorithms ----

const EVP_MD *GetDigest(Realm *realm, const std::string &name) {
  CryptoData *data = GetData(realm);
  auto it = data->mds.find(name);
  if (it != data->mds.end()) {
    return it->second;
  }
  // The legacy table knows Node's aliases ("RSA-SHA256", "sha256WithRSAEncryption");
  // fetching by its canonical name gives the provider's implementation,
  // which is what EVP_DigestInit would fetch on every call otherwise.
  EVP_MD *md = nullptr;
  const EVP_MD *legacy = EVP_get_digestbyname(name.c_str());
  if (legacy != nullptr) {
    md = EVP_MD_fetch(nullptr, EVP_MD_get0_name(legacy), nullptr);
  }
  if (md == nullptr) {
    md = EVP_MD_fetch(nullptr, name.c_str(), nullptr);
  }
  ERR_clear_error();
  if (md != nullptr) {
    data->mds.emplace(name, md);
  }
  return md;
}

const EVP_CIPHER *GetCipher(Realm *realm, const std::string &name) {
  CryptoData *data = GetData(realm);
  auto it = data->ciphers.find(name);
  if (it != data->ciphers.end()) {
    return it->second;
  }
  EVP_CIPHER *cipher = nullptr;
  const EVP_CIPHER *legacy = EVP_get_cipherbyname(name.c_str());
  if (legacy != nullptr) {
    cipher = EVP_CIPHER_fetch(nullptr, EVP_CIPHER_get0_name(legacy), nullptr);
  }
  if (cipher == nullptr) {
    cipher = EVP_CIPHER_fetch(nullptr, name.c_str(), nullptr);
  }
  ERR_clear_error();
  if (cipher != nullptr) {
    data->ciphers.emplace(name, cipher);
  }
  return cipher;
}

// ---- bytes ----

bool GetBytes(v8::Local<v8::Value> value, Bytes *out) {
  if (value->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> v = value.As<v8::ArrayBufferView>();
    out->len = v->ByteLength();
    if (out->len == 0) {
      out->data = reinterpret_cast<const uint8_t *>("");
      return true;
    }
    if (v->HasBuffer()) {
      out->data = static_cast<const uint8_t *>(v->Buffer()->Data()) + v->ByteOffset();
    } else {
      // A small typed array whose bytes are still on the V8 heap: Buffer()
      // moves them to a backing store, so read it after.
      v8::Local<v8::ArrayBuffer> ab = v->Buffer();
      out->data = static_cast<const uint8_t *>(ab->Data()) + v->ByteOffset();
    }
    return true;
  }
  if (value->IsArrayBuffer()) {
    v8::Local<v8::ArrayBuffer> ab = value.As<v8::ArrayBuffer>();
    out->len = ab->ByteLength();
    out->data = out->len == 0 ? reinterpret_cast<const uint8_t *>("") : static_cast<const uint8_t *>(ab->Data());
    return true;
  }
  if (value->IsSharedArrayBuffer()) {
    v8::Local<v8::SharedArrayBuffer> ab = value.As<v8::SharedArrayBuffer>();
    out->len = ab->ByteLength();
    out->data = out->len == 0 ? reinterpret_cast<const uint8_t *>("") : static_cast<const uint8_t *>(ab->Data());
    return true;
  }
  return false;
}

bool GetBytesOrString(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string *storage, Bytes *out,
                      bool latin1) {
  if (value->IsString()) {
    v8::Local<v8::String> s = value.As<v8::String>();
    if (latin1) {
      storage->resize(s->Length());
      s->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(&(*storage)[0]), 0, -1,
                      v8::String::NO_NULL_TERMINATION);
    } else {
      storage->resize(s->Utf8Length(isolate));
      s->WriteUtf8(isolate, &(*storage)[0], static_cast<int>(storage->size()), nullptr,
                   v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
    }
    out->data = reinterpret_cast<const uint8_t *>(storage->data());
    out->len = storage->size();
    return true;
  }
  return GetBytes(value, out);
}

v8::MaybeLocal<v8::Value> ToBuffer(Realm *realm, const uint8_t *data, size_t len) {
  v8::Local<v8::Uint8Array> buf;
  if (!NewBufferCopy(realm, reinterpret_cast<const char *>(data), len).ToLocal(&buf)) {
    return {};
  }
  return buf;
}

v8::MaybeLocal<v8::Value> TakeBuffer(Realm *realm, uint8_t *data, size_t len) {
  v8::Local<v8::Uint8Array> buf;
  if (!NewBufferTakeMalloc(realm, reinterpret_cast<char *>(data), len).ToLocal(&buf)) {
    return {};
  }
  return buf;
}

v8::Local<v8::ArrayBuffer> ToArrayBuffer(v8::Isolate *isolate, const uint8_t *data, size_t len) {
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, len);
  if (len > 0) {
    memcpy(ab->Data(), data, len);
  }
  return ab;
}

// ---- errors ----

namespace {

// OpenSSL libraries whose name Node puts in the error code
// (ERR_OSSL_EVP_..., ERR_OSSL_PEM_...); the others give ERR_OSSL_<reason>.
struct LibName {
  int lib;
  const char *name;
};
const LibName kLibNames[] = {
    {ERR_LIB_SYS, "SYS"},       {ERR_LIB_BN, "BN"},         {ERR_LIB_RSA, "RSA"},
    {ERR_LIB_DH, "DH"},         {ERR_LIB_EVP, "EVP"},       {ERR_LIB_BUF, "BUF"},
    {ERR_LIB_OBJ, "OBJ"},       {ERR_LIB_PEM, "PEM"},       {ERR_LIB_DSA, "DSA"},
    {ERR_LIB_X509, "X509"},     {ERR_LIB_ASN1, "ASN1"},     {ERR_LIB_CONF, "CONF"},
    {ERR_LIB_CRYPTO, "CRYPTO"}, {ERR_LIB_EC, "EC"},         {ERR_LIB_SSL, "SSL"},
    {ERR_LIB_BIO, "BIO"},       {ERR_LIB_PKCS7, "PKCS7"},   {ERR_LIB_X509V3, "X509V3"},
    {ERR_LIB_PKCS12, "PKCS12"}, {ERR_LIB_RAND, "RAND"},     {ERR_LIB_DSO, "DSO"},
    {ERR_LIB_ENGINE, "ENGINE"}, {ERR_LIB_OCSP, "OCSP"},     {ERR_LIB_UI, "UI"},
    {ERR_LIB_COMP, "COMP"},     {ERR_LIB_ECDSA, "ECDSA"},   {ERR_LIB_ECDH, "ECDH"},
    {ERR_LIB_OSSL_STORE, "OSSL_STORE"}, {ERR_LIB_FIPS, "FIPS"}, {ERR_LIB_CMS, "CMS"},
    {ERR_LIB_TS, "TS"},         {ERR_LIB_HMAC, "HMAC"},     {ERR_LIB_CT, "CT"},
    {ERR_LIB_ASYNC, "ASYNC"},   {ERR_LIB_KDF, "KDF"},       {ERR_LIB_SM2, "SM2"},
    {ERR_LIB_USER, "USER"},
};

}  // namespace

void DecorateOpenSSLError(v8::Isolate *isolate, v8::Local<v8::Object> obj, unsigned long err) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  const char *lib = ERR_lib_error_string(err);
  const char *reason = ERR_reason_error_string(err);
  if (lib != nullptr) {
    USE(obj->Set(context, OneByte(isolate, "library"), Str(isolate, lib)));
  }
  if (reason == nullptr) {
    return;
  }
  USE(obj->Set(context, OneByte(isolate, "reason"), Str(isolate, reason)));
  std::string code = "ERR_";
  const char *libname = nullptr;
  for (const LibName &l : kLibNames) {
    if (l.lib == ERR_GET_LIB(err)) {
      libname = l.name;
    }
  }
  // Node leaves the prefix out for the SSL library ("ERR_SSL_...").
  if (libname == nullptr || strcmp(libname, "SSL") != 0) {
    code += "OSSL_";
  }
  if (libname != nullptr) {
    code += libname;
    code += '_';
  }
  for (const char *p = reason; *p != '\0'; p++) {
    code += *p == ' ' ? '_' : static_cast<char>(toupper(static_cast<unsigned char>(*p)));
  }
  USE(obj->Set(context, OneByte(isolate, "code"), Str(isolate, code)));
}

v8::Local<v8::Value> OpenSSLError(v8::Isolate *isolate, unsigned long err, const char *fallback) {
  char buf[256];
  const char *message = fallback != nullptr ? fallback : "Unknown error";
  if (err != 0) {
    ERR_error_string_n(err, buf, sizeof buf);
    message = buf;
  }
  v8::Local<v8::Value> error = v8::Exception::Error(Str(isolate, message));
  if (err != 0) {
    DecorateOpenSSLError(isolate, error.As<v8::Object>(), err);
  }
  return error;
}

void ThrowOpenSSLError(v8::Isolate *isolate, const char *fallback) {
  unsigned long err = ERR_get_error();
  std::vector<std::string> rest;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    rest.emplace_back(buf);
  }
  v8::Local<v8::Value> error = OpenSSLError(isolate, err, fallback);
  if (!rest.empty()) {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Array> stack = v8::Array::New(isolate, static_cast<int>(rest.size()));
    for (size_t i = 0; i < rest.size(); i++) {
      USE(stack->Set(context, static_cast<uint32_t>(i), Str(isolate, rest[rest.size() - 1 - i])));
    }
    USE(error.As<v8::Object>()->Set(context, OneByte(isolate, "opensslErrorStack"), stack));
  }
  isolate->ThrowException(error);
}

unsigned long TakeOpenSSLError() {
  unsigned long err = ERR_get_error();
  ERR_clear_error();
  return err;
}

void ThrowError(v8::Isolate *isolate, const char *code, const char *message) {
  v8::Local<v8::Value> error = v8::Exception::Error(Str(isolate, message));
  if (code != nullptr) {
    USE(error.As<v8::Object>()->Set(isolate->GetCurrentContext(), OneByte(isolate, "code"),
                                    OneByte(isolate, code)));
  }
  isolate->ThrowException(error);
}

// ---- jobs ----

void Job::Submit() {
  work_.work = RunCb;
  work_.done = DoneCb;
  work_.data = this;
  sh_work_submit(realm_->loop(), &work_);
}

void Job::RunCb(sh_work_t *w) {
  Job *job = static_cast<Job *>(w->data);
  job->Run();
  ERR_clear_error(); // the pool thread's queue must not carry errors into the next job
}

void Job::DoneCb(sh_work_t *w, int status) {
  Job *job = static_cast<Job *>(w->data);
  Realm *realm = job->realm_;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  v8::Context::Scope context_scope(realm->context());
  v8::Local<v8::Value> value;
  bool ok = false;
  if (status != 0) {
    value = ErrnoException(isolate, status, "crypto");
  } else if (job->failed_) {
    value = OpenSSLError(isolate, job->err_, job->message_.empty() ? nullptr : job->message_.c_str());
  } else {
    v8::TryCatch try_catch(isolate);
    if (job->Result(realm).ToLocal(&value)) {
      ok = true;
    } else if (try_catch.HasCaught()) {
      value = try_catch.Exception();
    } else {
      value = v8::Exception::Error(OneByte(isolate, "Operation failed"));
    }
  }
  int index = realm->PushCompletionValue(value);
  realm->PushCompletion(job->id_, ok ? 0 : -1, index, 0);
  delete job;
}

// ---- lists ----

namespace {

struct NameList {
  std::vector<std::string> names;
};

// Keeps the names that a provider can really fetch (the legacy table also
// lists algorithms of providers that are not loaded, md4 and the like).
void CollectDigest(const EVP_MD *, const char *from, const char *, void *arg) {
  if (from == nullptr) {
    return;
  }
  const EVP_MD *legacy = EVP_get_digestbyname(from);
  if (legacy == nullptr || EVP_MD_get0_name(legacy) == nullptr) {
    return;
  }
  EVP_MD *md = EVP_MD_fetch(nullptr, EVP_MD_get0_name(legacy), nullptr);
  if (md == nullptr) {
    return;
  }
  EVP_MD_free(md);
  static_cast<NameList *>(arg)->names.emplace_back(from);
}

void CollectCipher(const EVP_CIPHER *, const char *from, const char *, void *arg) {
  if (from == nullptr) {
    return;
  }
  const EVP_CIPHER *legacy = EVP_get_cipherbyname(from);
  if (legacy == nullptr || EVP_CIPHER_get0_name(legacy) == nullptr) {
    return;
  }
  EVP_CIPHER *c = EVP_CIPHER_fetch(nullptr, EVP_CIPHER_get0_name(legacy), nullptr);
  if (c == nullptr) {
    return;
  }
  EVP_CIPHER_free(c);
  static_cast<NameList *>(arg)->names.emplace_back(from);
}

v8::Local<v8::Array> ToArray(v8::Isolate *isolate, const std::vector<std::string> &names) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> arr = v8::Array::New(isolate, static_cast<int>(names.size()));
  for (size_t i = 0; i < names.size(); i++) {
    USE(arr->Set(context, static_cast<uint32_t>(i), Str(isolate, names[i])));
  }
  return arr;
}

void GetHashes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  NameList list;
  EVP_MD_do_all_sorted(CollectDigest, &list);
  ERR_clear_error();
  args.GetReturnValue().Set(ToArray(args.GetIsolate(), list.names));
}

void GetCiphers(const v8::FunctionCallbackInfo<v8::Value> &args) {
  NameList list;
  EVP_CIPHER_do_all_sorted(CollectCipher, &list);
  ERR_clear_error();
  args.GetReturnValue().Set(ToArray(args.GetIsolate(), list.names));
}

void GetCurves(const v8::FunctionCallbackInfo<v8::Value> &args) {
  size_t n = EC_get_builtin_curves(nullptr, 0);
  std::vector<EC_builtin_curve> curves(n);
  EC_get_builtin_curves(curves.data(), n);
  std::vector<std::string> names;
  for (const EC_builtin_curve &c : curves) {
    const char *sn = OBJ_nid2sn(c.nid);
    if (sn != nullptr) {
      names.emplace_back(sn);
    }
  }
  args.GetReturnValue().Set(ToArray(args.GetIsolate(), names));
}

// timingSafeEqual(a, b): the views' lengths were checked by JS.
void TimingSafeEqual(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Bytes a, b;
  if (!GetBytes(args[0], &a) || !GetBytes(args[1], &b) || a.len != b.len) {
    args.GetReturnValue().Set(false);
    return;
  }
  args.GetReturnValue().Set(CRYPTO_memcmp(a.data, b.data, a.len) == 0);
}

void SecureHeapUsed(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Object> out = v8::Object::New(isolate);
  SetInt(isolate, out, "total", static_cast<double>(CRYPTO_secure_malloc_initialized() ? 1 : 0));
  SetInt(isolate, out, "used", static_cast<double>(CRYPTO_secure_used()));
  args.GetReturnValue().Set(out);
}

void GetFipsCrypto(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(EVP_default_properties_is_fips_enabled(nullptr) ? 1 : 0);
}

void GetOpenSSLVersion(const v8::FunctionCallbackInfo<v8::Value> &args) {
  // "3.0.19" out of "OpenSSL 3.0.19 27 Jan 2026"
  std::string v = OpenSSL_version(OPENSSL_VERSION_STRING);
  args.GetReturnValue().Set(Str(args.GetIsolate(), v));
}

// The numeric constants of crypto.constants that come from OpenSSL.
void InitConstants(v8::Isolate *isolate, v8::Local<v8::Object> target) {
  v8::Local<v8::Object> c = v8::Object::New(isolate);
#define SH_C(name) SetInt(isolate, c, #name, static_cast<double>(name))
  SH_C(OPENSSL_VERSION_NUMBER);
  SH_C(SSL_OP_ALL);
  SH_C(SSL_OP_ALLOW_NO_DHE_KEX);
  SH_C(SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
  SH_C(SSL_OP_CIPHER_SERVER_PREFERENCE);
  SH_C(SSL_OP_CISCO_ANYCONNECT);
  SH_C(SSL_OP_COOKIE_EXCHANGE);
  SH_C(SSL_OP_CRYPTOPRO_TLSEXT_BUG);
  SH_C(SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS);
  SH_C(SSL_OP_LEGACY_SERVER_CONNECT);
  SH_C(SSL_OP_NO_COMPRESSION);
  SH_C(SSL_OP_NO_ENCRYPT_THEN_MAC);
  SH_C(SSL_OP_NO_QUERY_MTU);
  SH_C(SSL_OP_NO_RENEGOTIATION);
  SH_C(SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  SH_C(SSL_OP_NO_SSLv2);
  SH_C(SSL_OP_NO_SSLv3);
  SH_C(SSL_OP_NO_TICKET);
  SH_C(SSL_OP_NO_TLSv1);
  SH_C(SSL_OP_NO_TLSv1_1);
  SH_C(SSL_OP_NO_TLSv1_2);
  SH_C(SSL_OP_NO_TLSv1_3);
  SH_C(SSL_OP_PRIORITIZE_CHACHA);
  SH_C(SSL_OP_TLS_ROLLBACK_BUG);
  SetInt(isolate, c, "ENGINE_METHOD_RSA", 0x0001);
  SetInt(isolate, c, "ENGINE_METHOD_DSA", 0x0002);
  SetInt(isolate, c, "ENGINE_METHOD_DH", 0x0004);
  SetInt(isolate, c, "ENGINE_METHOD_RAND", 0x0008);
  SetInt(isolate, c, "ENGINE_METHOD_EC", 0x0800);
  SetInt(isolate, c, "ENGINE_METHOD_CIPHERS", 0x0040);
  SetInt(isolate, c, "ENGINE_METHOD_DIGESTS", 0x0080);
  SetInt(isolate, c, "ENGINE_METHOD_PKEY_METHS", 0x0200);
  SetInt(isolate, c, "ENGINE_METHOD_PKEY_ASN1_METHS", 0x0400);
  SetInt(isolate, c, "ENGINE_METHOD_ALL", 0xFFFF);
  SetInt(isolate, c, "ENGINE_METHOD_NONE", 0x0000);
  SetInt(isolate, c, "DH_CHECK_P_NOT_SAFE_PRIME", DH_CHECK_P_NOT_SAFE_PRIME);
  SetInt(isolate, c, "DH_CHECK_P_NOT_PRIME", DH_CHECK_P_NOT_PRIME);
  SetInt(isolate, c, "DH_UNABLE_TO_CHECK_GENERATOR", DH_UNABLE_TO_CHECK_GENERATOR);
  SetInt(isolate, c, "DH_NOT_SUITABLE_GENERATOR", DH_NOT_SUITABLE_GENERATOR);
  SH_C(RSA_PKCS1_PADDING);
  SH_C(RSA_NO_PADDING);
  SH_C(RSA_PKCS1_OAEP_PADDING);
  SH_C(RSA_X931_PADDING);
  SH_C(RSA_PKCS1_PSS_PADDING);
  SH_C(RSA_PSS_SALTLEN_DIGEST);
  SH_C(RSA_PSS_SALTLEN_MAX_SIGN);
  SH_C(RSA_PSS_SALTLEN_AUTO);
  SetValue(isolate, c, "defaultCoreCipherList",
           OneByte(isolate, "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
                            "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:"
                            "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:"
                            "DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:"
                            "ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:"
                            "DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:"
                            "!SRP:!CAMELLIA"));
  SetInt(isolate, c, "TLS1_VERSION", TLS1_VERSION);
  SetInt(isolate, c, "TLS1_1_VERSION", TLS1_1_VERSION);
  SetInt(isolate, c, "TLS1_2_VERSION", TLS1_2_VERSION);
  SetInt(isolate, c, "TLS1_3_VERSION", TLS1_3_VERSION);
  SetInt(isolate, c, "POINT_CONVERSION_COMPRESSED", POINT_CONVERSION_COMPRESSED);
  SetInt(isolate, c, "POINT_CONVERSION_UNCOMPRESSED", POINT_CONVERSION_UNCOMPRESSED);
  SetInt(isolate, c, "POINT_CONVERSION_HYBRID", POINT_CONVERSION_HYBRID);
#undef SH_C
  SetValue(isolate, target, "constants", c);
}

void InitCrypto(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getHashes", GetHashes);
  SetMethod(isolate, target, "getCiphers", GetCiphers);
  SetMethod(isolate, target, "getCurves", GetCurves);
  SetMethod(isolate, target, "timingSafeEqual", TimingSafeEqual);
  SetMethod(isolate, target, "secureHeapUsed", SecureHeapUsed);
  SetMethod(isolate, target, "getFipsCrypto", GetFipsCrypto);
  SetMethod(isolate, target, "getOpenSSLVersion", GetOpenSSLVersion);
  InitConstants(isolate, target);
  InitHash(realm, target);
  InitCipher(realm, target);
  InitKeys(realm, target);
  InitSign(realm, target);
  InitKdf(realm, target);
  InitRandom(realm, target);
  InitDh(realm, target);
}

}  // namespace

SH_BINDING(crypto, InitCrypto);

}  // namespace crypto
}  // namespace shard
