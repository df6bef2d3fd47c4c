// Key derivation: PBKDF2, scrypt and HKDF, each run now (the *Sync forms)
// or as a job on the core's blocking pool (the callback forms and Web
// Crypto's deriveBits).
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <string.h>


namespace shard {
namespace crypto {

namespace {

enum class Kdf { kPbkdf2, kScrypt, kHkdf };

struct KdfParams {
  Kdf kind;
  std::vector<uint8_t> password; // the key for HKDF
  std::vector<uint8_t> salt;
  std::vector<uint8_t> info;
  const EVP_MD *md = nullptr;
  uint32_t iterations = 0;
  uint64_t N = 0, r = 0, p = 0, maxmem = 0;
  size_t length = 0;
};

// Runs the derivation; false with the OpenSSL queue holding the reason.
bool Derive(const KdfParams &k, uint8_t *out) {
  switch (k.kind) {
  case Kdf::kPbkdf2:
    return PKCS5_PBKDF2_HMAC(reinterpret_cast<const char *>(k.password.data()), static_cast<int>(k.password.size()),
                             k.salt.data(), static_cast<int>(k.salt.size()), static_cast<int>(k.iterations), k.md,
                             static_cast<int>(k.length), out) == 1;
  case Kdf::kScrypt:
    return EVP_PBE_scrypt(reinterpret_cast<const char *>(k.password.data()), k.password.size(), k.salt.data(),
                          k.salt.size(), k.N, k.r, k.p, k.maxmem, out, k.length) == 1;
  case Kdf::kHkdf: {
    // EVP_KDF takes an empty key (the EVP_PKEY interface refuses one).
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    EVP_KDF_CTX *ctx = kdf == nullptr ? nullptr : EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (ctx == nullptr) {
      return false;
    }
    // An empty vector's data() may be null, which OSSL_PARAM reads as "absent".
    static const uint8_t kNone[1] = {0};
    auto bytes = [](const std::vector<uint8_t> &v) { return const_cast<uint8_t *>(v.empty() ? kNone : v.data()); };
    OSSL_PARAM params[5];
    OSSL_PARAM *p = params;
    *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char *>(EVP_MD_get0_name(k.md)), 0);
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, bytes(k.password),
                                             k.password.size());
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, bytes(k.salt),
                                             k.salt.size());
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, bytes(k.info),
                                             k.info.size());
    *p = OSSL_PARAM_construct_end();
    bool ok = EVP_KDF_derive(ctx, out, k.length, params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
  }
  }
  return false;
}

class KdfJob : public Job {
 public:
  KdfJob(Realm *realm, double id, KdfParams params, bool array_buffer)
      : Job(realm, id), params_(std::move(params)), array_buffer_(array_buffer) {
    // The realm's cache may be freed while the job runs (a Worker ending).
    if (params_.md != nullptr) {
      EVP_MD_up_ref(const_cast<EVP_MD *>(params_.md));
    }
  }
  ~KdfJob() override {
    EVP_MD_free(const_cast<EVP_MD *>(params_.md));
    OPENSSL_cleanse(params_.password.data(), params_.password.size());
    if (out_ != nullptr) {
      OPENSSL_cleanse(out_, params_.length);
      free(out_);
    }
  }

 protected:
  void Run() override {
    out_ = static_cast<uint8_t *>(malloc(params_.length > 0 ? params_.length : 1));
    if (params_.kind != Kdf::kScrypt && params_.length == 0) {
      failed_ = true;
      message_ = "Deriving bits failed";
    } else if (params_.length > 0 && !Derive(params_, out_)) {
      failed_ = true;
      err_ = ERR_get_error();
      message_ = params_.kind == Kdf::kHkdf ? "Deriving bits failed" : "Key derivation failed";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override {
    if (array_buffer_) {
      return ToArrayBuffer(realm->isolate(), out_, params_.length);
    }
    uint8_t *out = out_;
    out_ = nullptr;
    return TakeBuffer(realm, out, params_.length);
  }

 private:
  KdfParams params_;
  bool array_buffer_;
  uint8_t *out_ = nullptr;
};

bool CopyBytes(v8::Isolate *isolate, v8::Local<v8::Value> value, std::vector<uint8_t> *out) {
  if (KeyHandle *k = GetKeyHandle(value)) {
    *out = k->secret;
    return true;
  }
  Bytes b;
  if (!GetBytes(value, &b)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "expected a buffer");
    return false;
  }
  out->assign(b.data, b.data + b.len);
  return true;
}

// Runs now (returning a Buffer, or an ArrayBuffer for HKDF as Node does)
// or as a job when id >= 0.
void Run(const v8::FunctionCallbackInfo<v8::Value> &args, KdfParams params, double id) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  bool array_buffer = params.kind == Kdf::kHkdf;
  if (id >= 0) {
    (new KdfJob(realm, id, std::move(params), array_buffer))->Submit();
    return;
  }
  if (params.kind != Kdf::kScrypt && params.length == 0) {
    // OpenSSL derives nothing of length 0; Node 22 reports it as a failure.
    ThrowError(isolate, nullptr, "Deriving bits failed");
    return;
  }
  uint8_t *out = static_cast<uint8_t *>(malloc(params.length > 0 ? params.length : 1));
  if (params.length > 0 && !Derive(params, out)) {
    free(out);
    ThrowOpenSSLError(isolate, params.kind == Kdf::kHkdf ? "Deriving bits failed" : "Key derivation failed");
    return;
  }
  v8::Local<v8::Value> result;
  if (array_buffer) {
    result = ToArrayBuffer(isolate, out, params.length);
    OPENSSL_cleanse(out, params.length);
    free(out);
  } else if (!TakeBuffer(realm, out, params.length).ToLocal(&result)) {
    return;
  }
  args.GetReturnValue().Set(result);
}

double JobId(v8::Local<v8::Value> v) { return v->IsNumber() ? v.As<v8::Number>()->Value() : -1; }

// pbkdf2(password, salt, iterations, keylen, digest, id) -> Buffer;
// undefined for an unknown digest (JS throws).
void Pbkdf2(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  KdfParams p;
  p.kind = Kdf::kPbkdf2;
  if (!CopyBytes(isolate, args[0], &p.password) || !CopyBytes(isolate, args[1], &p.salt)) {
    return;
  }
  p.iterations = args[2]->Uint32Value(context).FromMaybe(1);
  p.length = static_cast<size_t>(args[3]->NumberValue(context).FromMaybe(0));
  p.md = GetDigest(Realm::From(args), ToStdString(isolate, args[4]));
  if (p.md == nullptr) {
    return;
  }
  Run(args, std::move(p), JobId(args[5]));
}

// scrypt(password, salt, keylen, N, r, p, maxmem, id) -> Buffer
void Scrypt(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  KdfParams p;
  p.kind = Kdf::kScrypt;
  if (!CopyBytes(isolate, args[0], &p.password) || !CopyBytes(isolate, args[1], &p.salt)) {
    return;
  }
  p.length = static_cast<size_t>(args[2]->NumberValue(context).FromMaybe(0));
  p.N = static_cast<uint64_t>(args[3]->NumberValue(context).FromMaybe(0));
  p.r = static_cast<uint64_t>(args[4]->NumberValue(context).FromMaybe(0));
  p.p = static_cast<uint64_t>(args[5]->NumberValue(context).FromMaybe(0));
  p.maxmem = static_cast<uint64_t>(args[6]->NumberValue(context).FromMaybe(0));
  Run(args, std::move(p), JobId(args[7]));
}

// checkScryptParams(N, r, p, maxmem) -> undefined when OpenSSL takes them;
// else OpenSSL's reason as a string ("error:030000AC:digital envelope
// routines::memory limit exceeded"), or "" when it gave none.
void CheckScryptParams(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  uint64_t N = static_cast<uint64_t>(args[0]->NumberValue(context).FromMaybe(0));
  uint64_t r = static_cast<uint64_t>(args[1]->NumberValue(context).FromMaybe(0));
  uint64_t p = static_cast<uint64_t>(args[2]->NumberValue(context).FromMaybe(0));
  uint64_t maxmem = static_cast<uint64_t>(args[3]->NumberValue(context).FromMaybe(0));
  ERR_clear_error();
  if (EVP_PBE_scrypt(nullptr, 0, nullptr, 0, N, r, p, maxmem, nullptr, 0) == 1) {
    return;
  }
  unsigned long err = TakeOpenSSLError();
  char buf[256] = "";
  if (err != 0) {
    ERR_error_string_n(err, buf, sizeof buf);
  }
  args.GetReturnValue().Set(Str(args.GetIsolate(), buf));
}

// hkdf(digest, key, salt, info, length, id) -> ArrayBuffer; undefined for
// an unknown digest.
void Hkdf(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  KdfParams p;
  p.kind = Kdf::kHkdf;
  p.md = GetDigest(Realm::From(args), ToStdString(isolate, args[0]));
  if (p.md == nullptr) {
    return;
  }
  if (!CopyBytes(isolate, args[1], &p.password) || !CopyBytes(isolate, args[2], &p.salt) ||
      !CopyBytes(isolate, args[3], &p.info)) {
    return;
  }
  p.length = static_cast<size_t>(args[4]->NumberValue(context).FromMaybe(0));
  Run(args, std::move(p), JobId(args[5]));
}

}  // namespace

void InitKdf(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "pbkdf2", Pbkdf2);
  SetMethod(isolate, target, "scrypt", Scrypt);
  SetMethod(isolate, target, "checkScryptParams", CheckScryptParams);
  SetMethod(isolate, target, "hkdf", Hkdf);
}

}  // namespace crypto
}  // namespace shard
