// Signatures and RSA encryption: the Sign and Verify handles behind
// createSign/createVerify, crypto.sign/verify one-shots (sync or a job on
// the pool), ECDSA/DSA signature encodings (DER or IEEE P1363), and
// publicEncrypt/privateDecrypt/privateEncrypt/publicDecrypt.
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/bn.h>
#include <openssl/dsa.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <string.h>


namespace shard {
namespace crypto {

namespace {

enum SigEncoding { kSigDer = 0, kSigP1363 = 1 };

// Size of r and of s in an IEEE P1363 signature, or 0 when the key has no
// such encoding (RSA, EdDSA).
size_t RsSize(EVP_PKEY *pkey) {
  int id = EVP_PKEY_get_base_id(pkey);
  if (id == EVP_PKEY_EC) {
    const EC_GROUP *g = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(pkey));
    return static_cast<size_t>((EC_GROUP_get_degree(g) + 7) / 8);
  }
  if (id == EVP_PKEY_DSA) {
    const BIGNUM *q = nullptr;
    DSA_get0_pqg(EVP_PKEY_get0_DSA(pkey), nullptr, &q, nullptr);
    return static_cast<size_t>(BN_num_bytes(q));
  }
  return 0;
}

// DER (r, s) -> r || s, each padded to n bytes.
bool DerToP1363(const std::vector<uint8_t> &der, size_t n, std::vector<uint8_t> *out) {
  const uint8_t *p = der.data();
  ECDSA_SIG *sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (sig == nullptr) {
    return false;
  }
  const BIGNUM *r, *s;
  ECDSA_SIG_get0(sig, &r, &s);
  out->assign(2 * n, 0);
  bool ok = BN_bn2binpad(r, out->data(), static_cast<int>(n)) > 0 &&
            BN_bn2binpad(s, out->data() + n, static_cast<int>(n)) > 0;
  ECDSA_SIG_free(sig);
  return ok;
}

// r || s -> DER; false when the length is not 2n.
bool P1363ToDer(const uint8_t *data, size_t len, size_t n, std::vector<uint8_t> *out) {
  if (len != 2 * n) {
    return false;
  }
  ECDSA_SIG *sig = ECDSA_SIG_new();
  BIGNUM *r = BN_bin2bn(data, static_cast<int>(n), nullptr);
  BIGNUM *s = BN_bin2bn(data + n, static_cast<int>(n), nullptr);
  if (ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return false;
  }
  int der_len = i2d_ECDSA_SIG(sig, nullptr);
  out->resize(der_len > 0 ? static_cast<size_t>(der_len) : 0);
  uint8_t *p = out->data();
  bool ok = der_len > 0 && i2d_ECDSA_SIG(sig, &p) == der_len;
  ECDSA_SIG_free(sig);
  return ok;
}

bool IsRsa(EVP_PKEY *pkey) {
  int id = EVP_PKEY_get_base_id(pkey);
  return id == EVP_PKEY_RSA || id == EVP_PKEY_RSA2 || id == EVP_PKEY_RSA_PSS;
}

struct SignOptions {
  int padding = -1;  // -1: the key's default
  int salt = INT32_MIN; // INT32_MIN: OpenSSL's default
  int encoding = kSigDer;
};

void ReadSignOptions(v8::Local<v8::Context> context, v8::Local<v8::Value> padding, v8::Local<v8::Value> salt,
                     v8::Local<v8::Value> encoding, SignOptions *o) {
  if (padding->IsNumber()) {
    o->padding = padding->Int32Value(context).FromMaybe(-1);
  }
  if (salt->IsNumber()) {
    o->salt = salt->Int32Value(context).FromMaybe(INT32_MIN);
  }
  o->encoding = encoding->Int32Value(context).FromMaybe(kSigDer);
}

bool ApplyRsaOptions(EVP_PKEY *pkey, EVP_PKEY_CTX *pctx, const SignOptions &o) {
  if (!IsRsa(pkey)) {
    return true;
  }
  int padding = o.padding;
  if (padding < 0) {
    padding = EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA_PSS ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING;
  }
  if (EVP_PKEY_CTX_set_rsa_padding(pctx, padding) <= 0) {
    return false;
  }
  if (padding == RSA_PKCS1_PSS_PADDING && o.salt != INT32_MIN &&
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, o.salt) <= 0) {
    return false;
  }
  return true;
}

// Signs data (a digest when prehashed, else the message) with pkey.
// Returns false with the OpenSSL queue holding the reason.
bool DoSign(EVP_PKEY *pkey, const EVP_MD *md, const uint8_t *data, size_t len, const SignOptions &o,
            bool prehashed, std::vector<uint8_t> *out) {
  size_t sig_len = 0;
  bool ok;
  if (prehashed) {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pkey, nullptr);
    ok = pctx != nullptr && EVP_PKEY_sign_init(pctx) == 1 && ApplyRsaOptions(pkey, pctx, o) &&
         EVP_PKEY_CTX_set_signature_md(pctx, md) == 1 && EVP_PKEY_sign(pctx, nullptr, &sig_len, data, len) == 1;
    if (ok) {
      out->resize(sig_len);
      ok = EVP_PKEY_sign(pctx, out->data(), &sig_len, data, len) == 1;
    }
    EVP_PKEY_CTX_free(pctx);
  } else {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    ok = ctx != nullptr && EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey) == 1 && ApplyRsaOptions(pkey, pctx, o) &&
         EVP_DigestSign(ctx, nullptr, &sig_len, data, len) == 1;
    if (ok) {
      out->resize(sig_len);
      ok = EVP_DigestSign(ctx, out->data(), &sig_len, data, len) == 1;
    }
    EVP_MD_CTX_free(ctx);
  }
  if (!ok) {
    return false;
  }
  out->resize(sig_len);
  size_t n = RsSize(pkey);
  if (o.encoding == kSigP1363 && n > 0) {
    std::vector<uint8_t> p1363;
    if (!DerToP1363(*out, n, &p1363)) {
      return false;
    }
    out->swap(p1363);
  }
  return true;
}

// Verifies; *result false for a signature that does not match. Returns
// false only when OpenSSL could not run the check.
bool DoVerify(EVP_PKEY *pkey, const EVP_MD *md, const uint8_t *data, size_t len, const uint8_t *sig, size_t sig_len,
              const SignOptions &o, bool prehashed, bool *result) {
  std::vector<uint8_t> der;
  size_t n = RsSize(pkey);
  if (o.encoding == kSigP1363 && n > 0) {
    if (!P1363ToDer(sig, sig_len, n, &der)) {
      *result = false;
      return true;
    }
    sig = der.data();
    sig_len = der.size();
  }
  int r;
  if (prehashed) {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pkey, nullptr);
    bool ok = pctx != nullptr && EVP_PKEY_verify_init(pctx) == 1 && ApplyRsaOptions(pkey, pctx, o) &&
              EVP_PKEY_CTX_set_signature_md(pctx, md) == 1;
    r = ok ? EVP_PKEY_verify(pctx, sig, sig_len, data, len) : -1;
    EVP_PKEY_CTX_free(pctx);
    if (!ok) {
      return false;
    }
  } else {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey) == 1 &&
              ApplyRsaOptions(pkey, pctx, o);
    r = ok ? EVP_DigestVerify(ctx, sig, sig_len, data, len) : -1;
    EVP_MD_CTX_free(ctx);
    if (!ok) {
      return false;
    }
  }
  *result = r == 1;
  ERR_clear_error(); // a mismatch leaves reasons on the queue
  return true;
}

// ---- Sign / Verify streams ----

class SignBase : public Wrap {
 public:
  SignBase(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~SignBase() override { EVP_MD_CTX_free(ctx); }
  EVP_MD_CTX *ctx = nullptr;
  const EVP_MD *md = nullptr;
};

void SignNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new SignBase(Realm::From(args), args.This());
}

// init(digest) -> false for an unknown digest
void SignInit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SignBase *s = Wrap::Unwrap<SignBase>(args);
  if (s == nullptr) {
    return;
  }
  const EVP_MD *md = GetDigest(Realm::From(args), ToStdString(args.GetIsolate(), args[0]));
  if (md == nullptr) {
    args.GetReturnValue().Set(false);
    return;
  }
  s->md = md;
  s->ctx = EVP_MD_CTX_new();
  if (EVP_DigestInit_ex(s->ctx, md, nullptr) != 1) {
    ThrowOpenSSLError(args.GetIsolate(), "Failed to initialize digest");
    return;
  }
  args.GetReturnValue().Set(true);
}

void SignUpdate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SignBase *s = Wrap::Unwrap<SignBase>(args);
  if (s == nullptr) {
    return;
  }
  Bytes data;
  if (s->ctx == nullptr || !GetBytes(args[0], &data)) {
    ThrowError(args.GetIsolate(), "ERR_CRYPTO_INVALID_STATE", "Not initialised");
    return;
  }
  EVP_DigestUpdate(s->ctx, data.data, data.len);
}

// Finishes the running digest; false when already finished.
bool FinishDigest(SignBase *s, uint8_t *md, unsigned *md_len) {
  if (s->ctx == nullptr) {
    return false;
  }
  bool ok = EVP_DigestFinal_ex(s->ctx, md, md_len) == 1;
  EVP_MD_CTX_free(s->ctx);
  s->ctx = nullptr;
  return ok;
}

// sign(key handle, padding, saltLength, dsaEncoding) -> Buffer
void SignSign(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  SignBase *s = Wrap::Unwrap<SignBase>(args);
  if (s == nullptr) {
    return;
  }
  KeyHandle *key = GetKeyHandle(args[0]);
  uint8_t md[EVP_MAX_MD_SIZE];
  unsigned md_len = 0;
  if (!FinishDigest(s, md, &md_len)) {
    ThrowError(isolate, "ERR_CRYPTO_INVALID_STATE", "Not initialised");
    return;
  }
  if (key == nullptr || key->pkey == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
    return;
  }
  SignOptions o;
  ReadSignOptions(isolate->GetCurrentContext(), args[1], args[2], args[3], &o);
  std::vector<uint8_t> sig;
  if (!DoSign(key->pkey, s->md, md, md_len, o, true, &sig)) {
    ThrowOpenSSLError(isolate, "Failed to sign");
    return;
  }
  v8::Local<v8::Value> out;
  if (ToBuffer(s->realm(), sig.data(), sig.size()).ToLocal(&out)) {
    args.GetReturnValue().Set(out);
  }
}

// verify(key handle, signature, padding, saltLength, dsaEncoding) -> bool
void SignVerify(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  SignBase *s = Wrap::Unwrap<SignBase>(args);
  if (s == nullptr) {
    return;
  }
  KeyHandle *key = GetKeyHandle(args[0]);
  uint8_t md[EVP_MAX_MD_SIZE];
  unsigned md_len = 0;
  if (!FinishDigest(s, md, &md_len)) {
    ThrowError(isolate, "ERR_CRYPTO_INVALID_STATE", "Not initialised");
    return;
  }
  Bytes sig;
  if (key == nullptr || key->pkey == nullptr || !GetBytes(args[1], &sig)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "invalid key or signature");
    return;
  }
  SignOptions o;
  ReadSignOptions(isolate->GetCurrentContext(), args[2], args[3], args[4], &o);
  bool result = false;
  if (!DoVerify(key->pkey, s->md, md, md_len, sig.data, sig.len, o, true, &result)) {
    ThrowOpenSSLError(isolate, "Failed to verify");
    return;
  }
  args.GetReturnValue().Set(result);
}

// ---- one-shot ----

class SignJob : public Job {
 public:
  SignJob(Realm *realm, double id, EVP_PKEY *pkey, const EVP_MD *md, const Bytes &data, const Bytes *sig,
          const SignOptions &o)
      : Job(realm, id), pkey_(pkey), md_(md), data_(data.data, data.data + data.len), verify_(sig != nullptr),
        o_(o) {
    EVP_PKEY_up_ref(pkey);
    // The realm's cache may be freed while the job runs (a Worker ending).
    if (md_ != nullptr) {
      EVP_MD_up_ref(const_cast<EVP_MD *>(md_));
    }
    if (sig != nullptr) {
      sig_.assign(sig->data, sig->data + sig->len);
    }
  }
  ~SignJob() override {
    EVP_PKEY_free(pkey_);
    EVP_MD_free(const_cast<EVP_MD *>(md_));
  }

 protected:
  void Run() override {
    bool ok = verify_ ? DoVerify(pkey_, md_, data_.data(), data_.size(), sig_.data(), sig_.size(), o_, false, &result_)
                      : DoSign(pkey_, md_, data_.data(), data_.size(), o_, false, &out_);
    if (!ok) {
      failed_ = true;
      err_ = ERR_get_error();
      message_ = verify_ ? "Failed to verify" : "Failed to sign";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override {
    if (verify_) {
      return v8::Boolean::New(realm->isolate(), result_);
    }
    return ToBuffer(realm, out_.data(), out_.size());
  }

 private:
  EVP_PKEY *pkey_;
  const EVP_MD *md_; // a reference of its own
  std::vector<uint8_t> data_;
  std::vector<uint8_t> sig_;
  std::vector<uint8_t> out_;
  bool verify_;
  bool result_ = false;
  SignOptions o_;
};

// signOneShot(key handle, digest | undefined, data, padding, salt, dsaEncoding, job id | -1)
// verifyOneShot(key handle, digest | undefined, data, signature, padding, salt, dsaEncoding, job id | -1)
void OneShot(const v8::FunctionCallbackInfo<v8::Value> &args, bool verify) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  KeyHandle *key = GetKeyHandle(args[0]);
  if (key == nullptr || key->pkey == nullptr) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "invalid key");
    return;
  }
  const EVP_MD *md = nullptr;
  if (args[1]->IsString()) {
    md = GetDigest(realm, ToStdString(isolate, args[1]));
    if (md == nullptr) {
      std::string msg = "Invalid digest: " + ToStdString(isolate, args[1]);
      ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
      return;
    }
  }
  Bytes data, sig;
  int base = verify ? 4 : 3;
  if (!GetBytes(args[2], &data) || (verify && !GetBytes(args[3], &sig))) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "data must be a buffer");
    return;
  }
  SignOptions o;
  ReadSignOptions(realm->context(), args[base], args[base + 1], args[base + 2], &o);
  double id = args[base + 3]->IsNumber() ? args[base + 3].As<v8::Number>()->Value() : -1;
  if (id >= 0) {
    (new SignJob(realm, id, key->pkey, md, data, verify ? &sig : nullptr, o))->Submit();
    return;
  }
  if (verify) {
    bool result = false;
    if (!DoVerify(key->pkey, md, data.data, data.len, sig.data, sig.len, o, false, &result)) {
      ThrowOpenSSLError(isolate, "Failed to verify");
      return;
    }
    args.GetReturnValue().Set(result);
    return;
  }
  std::vector<uint8_t> out;
  if (!DoSign(key->pkey, md, data.data, data.len, o, false, &out)) {
    ThrowOpenSSLError(isolate, "Failed to sign");
    return;
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(realm, out.data(), out.size()).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

void SignOneShot(const v8::FunctionCallbackInfo<v8::Value> &args) { OneShot(args, false); }
void VerifyOneShot(const v8::FunctionCallbackInfo<v8::Value> &args) { OneShot(args, true); }

// ---- RSA encryption ----

enum RsaOp { kPublicEncrypt = 0, kPrivateDecrypt = 1, kPrivateEncrypt = 2, kPublicDecrypt = 3 };

// rsaCipher(op, key handle, data, padding, oaepHash | undefined, oaepLabel | undefined) -> Buffer
void RsaCipher(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = realm->context();
  int op = args[0]->Int32Value(context).FromMaybe(0);
  KeyHandle *key = GetKeyHandle(args[1]);
  Bytes data;
  if (key == nullptr || key->pkey == nullptr || !GetBytes(args[2], &data)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "invalid key or data");
    return;
  }
  int padding = args[3]->Int32Value(context).FromMaybe(RSA_PKCS1_PADDING);
  const EVP_MD *md = nullptr;
  if (args[4]->IsString()) {
    md = GetDigest(realm, ToStdString(isolate, args[4]));
    if (md == nullptr) {
      ThrowTypeError(isolate, "ERR_OSSL_EVP_INVALID_DIGEST", "Invalid digest used");
      return;
    }
  }
  Bytes label;
  bool has_label = GetBytes(args[5], &label);

  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key->pkey, nullptr);
  bool ok = ctx != nullptr;
  if (ok) {
    switch (op) {
    case kPublicEncrypt:
      ok = EVP_PKEY_encrypt_init(ctx) == 1;
      break;
    case kPrivateDecrypt:
      ok = EVP_PKEY_decrypt_init(ctx) == 1;
      break;
    case kPrivateEncrypt:
      ok = EVP_PKEY_sign_init(ctx) == 1;
      break;
    default:
      ok = EVP_PKEY_verify_recover_init(ctx) == 1;
      break;
    }
  }
  ok = ok && EVP_PKEY_CTX_set_rsa_padding(ctx, padding) > 0;
  if (ok && op == kPrivateDecrypt && padding == RSA_PKCS1_PADDING) {
    // PKCS#1 v1.5 decryption leaks through timing (Marvin) unless OpenSSL
    // does implicit rejection; Node refuses it where OpenSSL cannot.
    if (EVP_PKEY_CTX_ctrl_str(ctx, "rsa_pkcs1_implicit_rejection", "1") <= 0) {
      ERR_clear_error();
      EVP_PKEY_CTX_free(ctx);
      ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE",
                     "RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with "
                     "--security-revert=CVE-2023-46809");
      return;
    }
  }
  if (ok && md != nullptr) {
    ok = EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0;
  }
  if (ok && has_label && label.len > 0) {
    uint8_t *copy = static_cast<uint8_t *>(OPENSSL_memdup(label.data, label.len));
    ok = EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, copy, static_cast<int>(label.len)) > 0;
    if (!ok) {
      OPENSSL_free(copy);
    }
  }
  size_t out_len = 0;
  auto run = [&](uint8_t *out, size_t *len) {
    switch (op) {
    case kPublicEncrypt:
      return EVP_PKEY_encrypt(ctx, out, len, data.data, data.len) == 1;
    case kPrivateDecrypt:
      return EVP_PKEY_decrypt(ctx, out, len, data.data, data.len) == 1;
    case kPrivateEncrypt:
      return EVP_PKEY_sign(ctx, out, len, data.data, data.len) == 1;
    default:
      return EVP_PKEY_verify_recover(ctx, out, len, data.data, data.len) == 1;
    }
  };
  ok = ok && run(nullptr, &out_len);
  std::vector<uint8_t> out(out_len > 0 ? out_len : 1);
  ok = ok && run(out.data(), &out_len);
  EVP_PKEY_CTX_free(ctx);
  if (!ok) {
    ThrowOpenSSLError(isolate, nullptr);
    return;
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(realm, out.data(), out_len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

}  // namespace

void InitSign(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  v8::Local<v8::FunctionTemplate> t = NewClass(isolate, SignNew, "SignBase");
  SetProto(isolate, t, "init", SignInit);
  SetProto(isolate, t, "update", SignUpdate);
  SetProto(isolate, t, "sign", SignSign);
  SetProto(isolate, t, "verify", SignVerify);
  SetValue(isolate, target, "SignBase", t->GetFunction(context).ToLocalChecked());
  SetMethod(isolate, target, "signOneShot", SignOneShot);
  SetMethod(isolate, target, "verifyOneShot", VerifyOneShot);
  SetMethod(isolate, target, "rsaCipher", RsaCipher);
  SetInt(isolate, target, "kSigEncDER", kSigDer);
  SetInt(isolate, target, "kSigEncP1363", kSigP1363);
}

}  // namespace crypto
}  // namespace shard
