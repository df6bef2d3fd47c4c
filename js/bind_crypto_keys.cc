// Keys: the KeyObjectHandle behind KeyObject and CryptoKey (secret bytes or
// an OpenSSL EVP_PKEY), parsing PEM/DER and the components of a JWK,
// exporting, key details, and key-pair generation (sync, or a job on the
// pool).
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/bn.h>
#include <openssl/dh.h>
#include <openssl/dsa.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <string.h>

#include "io/encoding.h"

namespace shard {
namespace crypto {

KeyHandle::~KeyHandle() {
  if (!secret.empty()) {
    OPENSSL_cleanse(secret.data(), secret.size());
  }
  EVP_PKEY_free(pkey);
}

namespace {

struct BioDeleter {
  void operator()(BIO *b) const { BIO_free_all(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

void KeyNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new KeyHandle(Realm::From(args), args.This());
}

}  // namespace

v8::MaybeLocal<v8::Object> NewKeyHandle(Realm *realm, KeyType type, EVP_PKEY *pkey) {
  v8::Local<v8::FunctionTemplate> t = GetData(realm)->key_template.Get(realm->isolate());
  v8::Local<v8::Object> obj;
  if (!t->GetFunction(realm->context()).ToLocalChecked()->NewInstance(realm->context()).ToLocal(&obj)) {
    EVP_PKEY_free(pkey);
    return {};
  }
  KeyHandle *k = Wrap::FromValue<KeyHandle>(obj);
  k->type = type;
  k->pkey = pkey;
  return obj;
}

v8::MaybeLocal<v8::Object> NewSecretKeyHandle(Realm *realm, const uint8_t *data, size_t len) {
  v8::Local<v8::Object> obj;
  if (!NewKeyHandle(realm, kKeyTypeSecret, nullptr).ToLocal(&obj)) {
    return {};
  }
  KeyHandle *k = Wrap::FromValue<KeyHandle>(obj);
  k->secret.assign(data, data + len);
  return obj;
}

KeyHandle *GetKeyHandle(v8::Local<v8::Value> value) {
  if (!value->IsObject()) {
    return nullptr;
  }
  Realm *realm = Realm::From(value.As<v8::Object>()->GetIsolate());
  v8::Local<v8::FunctionTemplate> t = GetData(realm)->key_template.Get(realm->isolate());
  if (!t->HasInstance(value)) {
    return nullptr;
  }
  return Wrap::FromValue<KeyHandle>(value);
}

namespace {

// ---- parsing ----

enum class Parse { kOk, kNotRecognized, kNeedPassphrase, kFailed };

struct Passphrase {
  const uint8_t *data = nullptr;
  size_t len = 0;
  bool given = false;
  bool asked = false;
};

// OpenSSL asks for the passphrase of an encrypted key here; without one
// the read fails (and Node reports that a passphrase is required).
int PasswordCb(char *buf, int size, int, void *u) {
  Passphrase *p = static_cast<Passphrase *>(u);
  p->asked = true;
  if (!p->given) {
    return -1;
  }
  size_t n = p->len;
  if (n > static_cast<size_t>(size)) {
    return -1;
  }
  memcpy(buf, p->data, n);
  return static_cast<int>(n);
}

// The label of the first PEM block ("PUBLIC KEY"), or "".
std::string PemLabel(const uint8_t *data, size_t len) {
  static const char kBegin[] = "-----BEGIN ";
  const char *s = reinterpret_cast<const char *>(data);
  const char *end = s + len;
  const char *p = static_cast<const char *>(memmem(s, len, kBegin, sizeof kBegin - 1));
  if (p == nullptr) {
    return {};
  }
  p += sizeof kBegin - 1;
  const char *q = static_cast<const char *>(memmem(p, static_cast<size_t>(end - p), "-----", 5));
  if (q == nullptr) {
    return {};
  }
  return std::string(p, q);
}

// A DER SEQUENCE whose first element is itself a SEQUENCE is an
// EncryptedPrivateKeyInfo; a PrivateKeyInfo starts with an INTEGER.
bool IsEncryptedPkcs8(const uint8_t *data, size_t len) {
  if (len < 2 || data[0] != 0x30) {
    return false;
  }
  size_t off = 2;
  if (data[1] & 0x80) {
    off += data[1] & 0x7f;
  }
  return off < len && data[off] == 0x30;
}

Parse ParsePrivate(const uint8_t *data, size_t len, bool pem, const std::string &type, Passphrase *pass,
                   EVP_PKEY **out) {
  BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(len)));
  EVP_PKEY *pkey = nullptr;
  if (pem) {
    pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, PasswordCb, pass);
  } else if (type == "pkcs1") {
    const uint8_t *p = data;
    pkey = d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(len));
  } else if (type == "sec1") {
    const uint8_t *p = data;
    pkey = d2i_PrivateKey(EVP_PKEY_EC, nullptr, &p, static_cast<long>(len));
  } else if (type == "pkcs8") {
    if (IsEncryptedPkcs8(data, len)) {
      pkey = d2i_PKCS8PrivateKey_bio(bio.get(), nullptr, PasswordCb, pass);
    } else {
      PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO_bio(bio.get(), nullptr);
      if (p8 != nullptr) {
        pkey = EVP_PKCS82PKEY(p8);
        PKCS8_PRIV_KEY_INFO_free(p8);
      }
    }
  } else {
    return Parse::kNotRecognized;
  }
  if (pkey == nullptr) {
    if (pass->asked && !pass->given) {
      return Parse::kNeedPassphrase;
    }
    return Parse::kFailed;
  }
  *out = pkey;
  return Parse::kOk;
}

// A public key in PEM, as Node reads it: the block's bytes first, then
// the structure its label names.
Parse ParsePublicPem(const uint8_t *data, size_t len, EVP_PKEY **out) {
  std::string label = PemLabel(data, len);
  const char *name;
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY" || label == "CERTIFICATE") {
    name = label.c_str();
  } else {
    return Parse::kNotRecognized;
  }
  BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(len)));
  unsigned char *der = nullptr;
  long der_len = 0;
  if (PEM_bytes_read_bio(&der, &der_len, nullptr, name, bio.get(), nullptr, nullptr) != 1) {
    return Parse::kFailed;
  }
  const unsigned char *p = der;
  EVP_PKEY *pkey = nullptr;
  if (label == "PUBLIC KEY") {
    pkey = d2i_PUBKEY(nullptr, &p, der_len);
  } else if (label == "RSA PUBLIC KEY") {
    pkey = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, der_len);
  } else {
    X509 *x = d2i_X509(nullptr, &p, der_len);
    if (x != nullptr) {
      pkey = X509_get_pubkey(x);
      X509_free(x);
    }
  }
  OPENSSL_free(der);
  if (pkey == nullptr) {
    return Parse::kFailed;
  }
  *out = pkey;
  return Parse::kOk;
}

Parse ParsePublicDer(const uint8_t *data, size_t len, const std::string &type, EVP_PKEY **out) {
  const uint8_t *p = data;
  EVP_PKEY *pkey = nullptr;
  if (type == "pkcs1") {
    pkey = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(len));
  } else if (type == "spki") {
    pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(len));
  } else {
    return Parse::kNotRecognized;
  }
  if (pkey == nullptr) {
    return Parse::kFailed;
  }
  *out = pkey;
  return Parse::kOk;
}

// An RSAPrivateKey (PKCS#1) is a SEQUENCE that starts with a one-byte
// INTEGER 0 or 1 (its version); an RSAPublicKey starts with the modulus.
bool IsRsaPrivateDer(const uint8_t *data, size_t len) {
  if (len < 2 || data[0] != 0x30) {
    return false;
  }
  size_t off = 2;
  size_t content = data[1];
  if (data[1] & 0x80) {
    size_t n = data[1] & 0x7f;
    if (n == 0 || n > 4 || 2 + n > len) {
      return false;
    }
    content = 0;
    for (size_t i = 0; i < n; i++) {
      content = content << 8 | data[2 + i];
    }
    off += n;
  }
  return content >= 3 && off + 3 <= len && data[off] == 0x02 && data[off + 1] == 0x01 &&
         (data[off + 2] & 0xfe) == 0;
}

bool ThrowParse(v8::Isolate *isolate, Parse r, const char *what) {
  // Node asks for a passphrase only when PEM says it could not read one.
  unsigned long first = ERR_peek_error();
  if (r == Parse::kNeedPassphrase && ERR_GET_LIB(first) == ERR_LIB_PEM &&
      ERR_GET_REASON(first) == PEM_R_BAD_PASSWORD_READ) {
    ERR_clear_error();
    ThrowTypeError(isolate, "ERR_MISSING_PASSPHRASE", "Passphrase required for encrypted key");
  } else {
    ThrowOpenSSLError(isolate, what);
  }
  return false;
}

// init(type, data, format 'pem'|'der', key type string | undefined, passphrase bytes | null)
// init(kKeyTypeSecret, bytes)
void KeyInit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr) {
    return;
  }
  int type = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  std::string storage;
  Bytes data;
  if (!GetBytesOrString(isolate, args[1], &storage, &data)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "key must be a buffer");
    return;
  }
  if (type == kKeyTypeSecret) {
    k->type = kKeyTypeSecret;
    k->secret.assign(data.data, data.data + data.len);
    k->ReportMemory(static_cast<int64_t>(data.len));
    return;
  }
  bool pem = ToStdString(isolate, args[2]) != "der";
  std::string kt = args[3]->IsString() ? ToStdString(isolate, args[3]) : std::string();
  Passphrase pass;
  Bytes pb;
  if (GetBytes(args[4], &pb)) {
    pass.data = pb.data;
    pass.len = pb.len;
    pass.given = true;
  }
  EVP_PKEY *pkey = nullptr;
  ERR_clear_error();
  if (type == kKeyTypePrivate) {
    Parse r = ParsePrivate(data.data, data.len, pem, kt, &pass, &pkey);
    if (r != Parse::kOk) {
      ThrowParse(isolate, r, "Failed to read private key");
      return;
    }
  } else {
    // A public key may also come from a private key or a certificate.
    Parse r;
    if (pem) {
      r = ParsePublicPem(data.data, data.len, &pkey);
      if (r == Parse::kNotRecognized) {
        r = ParsePrivate(data.data, data.len, true, kt, &pass, &pkey);
      }
    } else if (kt == "pkcs1" && IsRsaPrivateDer(data.data, data.len)) {
      r = ParsePrivate(data.data, data.len, false, kt, &pass, &pkey);
    } else if (kt == "pkcs8" || kt == "sec1") {
      r = ParsePrivate(data.data, data.len, false, kt, &pass, &pkey);
    } else {
      r = ParsePublicDer(data.data, data.len, kt, &pkey);
    }
    if (r != Parse::kOk) {
      ThrowParse(isolate, r, "Failed to read asymmetric key");
      return;
    }
  }
  ERR_clear_error();
  EVP_PKEY_free(k->pkey);
  k->pkey = pkey;
  k->type = static_cast<KeyType>(type);
}

BIGNUM *ToBn(v8::Local<v8::Value> value) {
  Bytes b;
  if (!GetBytes(value, &b)) {
    return nullptr;
  }
  return BN_bin2bn(b.data, static_cast<int>(b.len), nullptr);
}

// initRsa(type, n, e, d, p, q, dp, dq, qi): the components of an RSA JWK
// (or of Web Crypto's import), big-endian bytes. Returns false when OpenSSL
// rejects them.
void KeyInitRsa(const v8::FunctionCallbackInfo<v8::Value> &args) {
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr) {
    return;
  }
  int type = args[0]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(1);
  RSA *rsa = RSA_new();
  BIGNUM *n = ToBn(args[1]);
  BIGNUM *e = ToBn(args[2]);
  BIGNUM *d = type == kKeyTypePrivate ? ToBn(args[3]) : nullptr;
  bool ok = n != nullptr && e != nullptr && RSA_set0_key(rsa, n, e, d) == 1;
  if (!ok) {
    BN_free(n);
    BN_free(e);
    BN_free(d);
  }
  if (ok && type == kKeyTypePrivate) {
    BIGNUM *p = ToBn(args[4]), *q = ToBn(args[5]);
    BIGNUM *dp = ToBn(args[6]), *dq = ToBn(args[7]), *qi = ToBn(args[8]);
    bool all = p != nullptr && q != nullptr && dp != nullptr && dq != nullptr && qi != nullptr;
    if (!all || RSA_set0_factors(rsa, p, q) != 1) {
      BN_free(p);
      BN_free(q);
      BN_free(dp);
      BN_free(dq);
      BN_free(qi);
      ok = false;
    } else if (RSA_set0_crt_params(rsa, dp, dq, qi) != 1) {
      BN_free(dp);
      BN_free(dq);
      BN_free(qi);
      ok = false;
    }
  }
  if (!ok) {
    RSA_free(rsa);
    ERR_clear_error();
    args.GetReturnValue().Set(false);
    return;
  }
  EVP_PKEY *pkey = EVP_PKEY_new();
  EVP_PKEY_assign_RSA(pkey, rsa);
  EVP_PKEY_free(k->pkey);
  k->pkey = pkey;
  k->type = static_cast<KeyType>(type);
  args.GetReturnValue().Set(true);
}

int CurveNid(const std::string &name) {
  // JWK and Web Crypto names first, then OpenSSL's.
  if (name == "P-256") {
    return NID_X9_62_prime256v1;
  }
  if (name == "P-384") {
    return NID_secp384r1;
  }
  if (name == "P-521") {
    return NID_secp521r1;
  }
  int nid = EC_curve_nist2nid(name.c_str());
  if (nid == NID_undef) {
    nid = OBJ_sn2nid(name.c_str());
  }
  if (nid == NID_undef) {
    nid = OBJ_ln2nid(name.c_str());
  }
  return nid;
}

// initEc(type, curve, x, y, d) -> false when the point is not on the curve
// (the private scalar is taken as given, as Node does); initEc(type, curve,
// point bytes) for a raw public key.
void KeyInitEc(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr) {
    return;
  }
  int type = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(1);
  int nid = CurveNid(ToStdString(isolate, args[1]));
  EC_KEY *ec = nid == NID_undef ? nullptr : EC_KEY_new_by_curve_name(nid);
  if (ec == nullptr) {
    ERR_clear_error();
    args.GetReturnValue().Set(false);
    return;
  }
  bool ok;
  if (args.Length() == 3) {
    Bytes raw;
    EC_POINT *pt = EC_POINT_new(EC_KEY_get0_group(ec));
    ok = GetBytes(args[2], &raw) &&
         EC_POINT_oct2point(EC_KEY_get0_group(ec), pt, raw.data, raw.len, nullptr) == 1 &&
         EC_KEY_set_public_key(ec, pt) == 1;
    EC_POINT_free(pt);
  } else {
    BIGNUM *x = ToBn(args[2]), *y = ToBn(args[3]);
    ok = x != nullptr && y != nullptr && EC_KEY_set_public_key_affine_coordinates(ec, x, y) == 1;
    BN_free(x);
    BN_free(y);
    if (ok && type == kKeyTypePrivate) {
      BIGNUM *d = ToBn(args[4]);
      ok = d != nullptr && EC_KEY_set_private_key(ec, d) == 1;
      BN_clear_free(d);
    }
  }
  if (!ok) {
    EC_KEY_free(ec);
    ERR_clear_error();
    args.GetReturnValue().Set(false);
    return;
  }
  EVP_PKEY *pkey = EVP_PKEY_new();
  EVP_PKEY_assign_EC_KEY(pkey, ec);
  EVP_PKEY_free(k->pkey);
  k->pkey = pkey;
  k->type = static_cast<KeyType>(type);
  args.GetReturnValue().Set(true);
}

int OkpId(const std::string &name) {
  if (name == "Ed25519" || name == "ed25519") {
    return EVP_PKEY_ED25519;
  }
  if (name == "Ed448" || name == "ed448") {
    return EVP_PKEY_ED448;
  }
  if (name == "X25519" || name == "x25519") {
    return EVP_PKEY_X25519;
  }
  if (name == "X448" || name == "x448") {
    return EVP_PKEY_X448;
  }
  return NID_undef;
}

// initOkp(type, curve name, raw key bytes): raw public or private key of
// Ed25519, Ed448, X25519, X448. -> false when OpenSSL rejects it.
void KeyInitOkp(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr) {
    return;
  }
  int type = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(1);
  int id = OkpId(ToStdString(isolate, args[1]));
  Bytes raw;
  EVP_PKEY *pkey = nullptr;
  if (id != NID_undef && GetBytes(args[2], &raw)) {
    pkey = type == kKeyTypePrivate ? EVP_PKEY_new_raw_private_key(id, nullptr, raw.data, raw.len)
                                   : EVP_PKEY_new_raw_public_key(id, nullptr, raw.data, raw.len);
  }
  if (pkey == nullptr) {
    ERR_clear_error();
    args.GetReturnValue().Set(false);
    return;
  }
  EVP_PKEY_free(k->pkey);
  k->pkey = pkey;
  k->type = static_cast<KeyType>(type);
  args.GetReturnValue().Set(true);
}

// ---- export ----

v8::MaybeLocal<v8::Value> BioToValue(Realm *realm, BIO *bio, bool pem) {
  BUF_MEM *mem = nullptr;
  BIO_get_mem_ptr(bio, &mem);
  if (pem) {
    return Str(realm->isolate(), mem->data, static_cast<int>(mem->length));
  }
  return ToBuffer(realm, reinterpret_cast<const uint8_t *>(mem->data), mem->length);
}

}  // namespace

v8::MaybeLocal<v8::Value> ExportKey(Realm *realm, EVP_PKEY *pkey, bool private_part, const KeyEncoding &enc) {
  v8::Isolate *isolate = realm->isolate();
  BioPtr bio(BIO_new(BIO_s_mem()));
  bool ok = false;
  int id = EVP_PKEY_get_base_id(pkey);
  if (!private_part) {
    if (enc.type == "pkcs1") {
      const RSA *rsa = EVP_PKEY_get0_RSA(pkey);
      ok = rsa != nullptr && (enc.pem ? PEM_write_bio_RSAPublicKey(bio.get(), rsa) == 1
                                      : i2d_RSAPublicKey_bio(bio.get(), rsa) == 1);
    } else {
      ok = enc.pem ? PEM_write_bio_PUBKEY(bio.get(), pkey) == 1 : i2d_PUBKEY_bio(bio.get(), pkey) == 1;
    }
  } else {
    const char *pass = enc.has_passphrase ? enc.passphrase.data() : nullptr;
    int pass_len = enc.has_passphrase ? static_cast<int>(enc.passphrase.size()) : 0;
    if (enc.type == "pkcs1") {
      const RSA *rsa = EVP_PKEY_get0_RSA(pkey);
      if (rsa != nullptr) {
        ok = enc.pem ? PEM_write_bio_RSAPrivateKey(bio.get(), const_cast<RSA *>(rsa), enc.cipher,
                                                   reinterpret_cast<unsigned char *>(const_cast<char *>(pass)),
                                                   pass_len, nullptr, nullptr) == 1
                     : i2d_RSAPrivateKey_bio(bio.get(), const_cast<RSA *>(rsa)) == 1;
      }
    } else if (enc.type == "sec1") {
      const EC_KEY *ec = id == EVP_PKEY_EC ? EVP_PKEY_get0_EC_KEY(pkey) : nullptr;
      if (ec != nullptr) {
        ok = enc.pem ? PEM_write_bio_ECPrivateKey(bio.get(), const_cast<EC_KEY *>(ec), enc.cipher,
                                                  reinterpret_cast<unsigned char *>(const_cast<char *>(pass)),
                                                  pass_len, nullptr, nullptr) == 1
                     : i2d_ECPrivateKey_bio(bio.get(), const_cast<EC_KEY *>(ec)) == 1;
      }
    } else {
      ok = enc.pem ? PEM_write_bio_PKCS8PrivateKey(bio.get(), pkey, enc.cipher, const_cast<char *>(pass), pass_len,
                                                   nullptr, nullptr) == 1
                   : i2d_PKCS8PrivateKey_bio(bio.get(), pkey, enc.cipher, const_cast<char *>(pass), pass_len,
                                             nullptr, nullptr) == 1;
    }
  }
  if (!ok) {
    ThrowOpenSSLError(isolate, "Failed to encode key");
    return {};
  }
  return BioToValue(realm, bio.get(), enc.pem);
}

bool ReadKeyEncoding(Realm *realm, const v8::FunctionCallbackInfo<v8::Value> &args, int first, KeyEncoding *enc) {
  v8::Isolate *isolate = args.GetIsolate();
  enc->pem = ToStdString(isolate, args[first]) != "der";
  enc->type = args[first + 1]->IsString() ? ToStdString(isolate, args[first + 1]) : std::string();
  if (args[first + 2]->IsString()) {
    std::string name = ToStdString(isolate, args[first + 2]);
    enc->cipher = GetCipher(realm, name);
    if (enc->cipher == nullptr) {
      ThrowError(isolate, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
      return false;
    }
  }
  std::string storage;
  Bytes pb;
  if (GetBytesOrString(isolate, args[first + 3], &storage, &pb)) {
    enc->passphrase.assign(reinterpret_cast<const char *>(pb.data), pb.len);
    enc->has_passphrase = true;
  }
  return true;
}

namespace {

// export() -> secret bytes; export(format, type, cipher, passphrase) for key pairs
void KeyExport(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr) {
    return;
  }
  v8::Local<v8::Value> out;
  if (k->type == kKeyTypeSecret) {
    if (ToBuffer(realm, k->secret.data(), k->secret.size()).ToLocal(&out)) {
      args.GetReturnValue().Set(out);
    }
    return;
  }
  KeyEncoding enc;
  if (!ReadKeyEncoding(realm, args, 0, &enc)) {
    return;
  }
  if (ExportKey(realm, k->pkey, k->type == kKeyTypePrivate, enc).ToLocal(&out)) {
    args.GetReturnValue().Set(out);
  }
}

std::string Base64Url(const uint8_t *data, size_t len) {
  std::string s(sh_base64_encoded_length(len, true), '\0');
  s.resize(sh_base64_encode(&s[0], data, len, true));
  return s;
}

std::string BnBase64Url(const BIGNUM *bn, int pad = 0) {
  int n = BN_num_bytes(bn);
  if (pad < n) {
    pad = n;
  }
  std::vector<uint8_t> buf(static_cast<size_t>(pad > 0 ? pad : 1));
  BN_bn2binpad(bn, buf.data(), pad);
  return Base64Url(buf.data(), static_cast<size_t>(pad));
}

void SetStr(v8::Isolate *isolate, v8::Local<v8::Object> obj, const char *key, const std::string &value) {
  SetValue(isolate, obj, key, Str(isolate, value));
}

// exportJwk(object) -> the object with the key's JWK members, or a string
// naming what JWK cannot hold ('type' or 'curve:<name>').
void KeyExportJwk(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr || !args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Object> jwk = args[0].As<v8::Object>();
  bool priv = k->type == kKeyTypePrivate;
  if (k->type == kKeyTypeSecret) {
    SetStr(isolate, jwk, "kty", "oct");
    SetStr(isolate, jwk, "k", Base64Url(k->secret.data(), k->secret.size()));
    args.GetReturnValue().Set(jwk);
    return;
  }
  int id = EVP_PKEY_get_base_id(k->pkey);
  if (id == EVP_PKEY_RSA) {
    const RSA *rsa = EVP_PKEY_get0_RSA(k->pkey);
    const BIGNUM *n, *e, *d, *p, *q, *dp, *dq, *qi;
    RSA_get0_key(rsa, &n, &e, &d);
    SetStr(isolate, jwk, "kty", "RSA");
    SetStr(isolate, jwk, "n", BnBase64Url(n));
    SetStr(isolate, jwk, "e", BnBase64Url(e));
    if (priv) {
      RSA_get0_factors(rsa, &p, &q);
      RSA_get0_crt_params(rsa, &dp, &dq, &qi);
      SetStr(isolate, jwk, "d", BnBase64Url(d));
      SetStr(isolate, jwk, "p", BnBase64Url(p));
      SetStr(isolate, jwk, "q", BnBase64Url(q));
      SetStr(isolate, jwk, "dp", BnBase64Url(dp));
      SetStr(isolate, jwk, "dq", BnBase64Url(dq));
      SetStr(isolate, jwk, "qi", BnBase64Url(qi));
    }
  } else if (id == EVP_PKEY_EC) {
    const EC_KEY *ec = EVP_PKEY_get0_EC_KEY(k->pkey);
    const EC_GROUP *group = EC_KEY_get0_group(ec);
    int nid = EC_GROUP_get_curve_name(group);
    const char *crv = nullptr;
    switch (nid) {
    case NID_X9_62_prime256v1:
      crv = "P-256";
      break;
    case NID_secp256k1:
      crv = "secp256k1";
      break;
    case NID_secp384r1:
      crv = "P-384";
      break;
    case NID_secp521r1:
      crv = "P-521";
      break;
    default:
      break;
    }
    if (crv == nullptr) {
      const char *sn = OBJ_nid2sn(nid);
      args.GetReturnValue().Set(Str(isolate, std::string("curve:") + (sn != nullptr ? sn : "")));
      return;
    }
    int bytes = (EC_GROUP_get_degree(group) + 7) / 8;
    BIGNUM *x = BN_new(), *y = BN_new();
    EC_POINT_get_affine_coordinates(group, EC_KEY_get0_public_key(ec), x, y, nullptr);
    SetStr(isolate, jwk, "kty", "EC");
    SetStr(isolate, jwk, "x", BnBase64Url(x, bytes));
    SetStr(isolate, jwk, "y", BnBase64Url(y, bytes));
    SetStr(isolate, jwk, "crv", crv);
    BN_free(x);
    BN_free(y);
    if (priv) {
      SetStr(isolate, jwk, "d", BnBase64Url(EC_KEY_get0_private_key(ec), bytes));
    }
  } else if (id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448 || id == EVP_PKEY_X25519 || id == EVP_PKEY_X448) {
    const char *crv = id == EVP_PKEY_ED25519 ? "Ed25519"
                      : id == EVP_PKEY_ED448 ? "Ed448"
                      : id == EVP_PKEY_X25519 ? "X25519"
                                              : "X448";
    uint8_t buf[64];
    size_t len = sizeof buf;
    SetStr(isolate, jwk, "crv", crv);
    if (priv) {
      EVP_PKEY_get_raw_private_key(k->pkey, buf, &len);
      SetStr(isolate, jwk, "d", Base64Url(buf, len));
      len = sizeof buf;
    }
    EVP_PKEY_get_raw_public_key(k->pkey, buf, &len);
    SetStr(isolate, jwk, "x", Base64Url(buf, len));
    SetStr(isolate, jwk, "kty", "OKP");
  } else {
    args.GetReturnValue().Set(OneByte(isolate, "type"));
    return;
  }
  args.GetReturnValue().Set(jwk);
}

const char *AsymmetricType(EVP_PKEY *pkey) {
  switch (EVP_PKEY_get_base_id(pkey)) {
  case EVP_PKEY_RSA:
    return "rsa";
  case EVP_PKEY_RSA_PSS:
    return "rsa-pss";
  case EVP_PKEY_DSA:
    return "dsa";
  case EVP_PKEY_DH:
    return "dh";
  case EVP_PKEY_EC:
    return "ec";
  case EVP_PKEY_ED25519:
    return "ed25519";
  case EVP_PKEY_ED448:
    return "ed448";
  case EVP_PKEY_X25519:
    return "x25519";
  case EVP_PKEY_X448:
    return "x448";
  default:
    return nullptr;
  }
}

void KeyGetAsymmetricKeyType(const v8::FunctionCallbackInfo<v8::Value> &args) {
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr || k->pkey == nullptr) {
    return;
  }
  const char *t = AsymmetricType(k->pkey);
  if (t != nullptr) {
    args.GetReturnValue().Set(OneByte(args.GetIsolate(), t));
  }
}

void KeyGetSymmetricKeySize(const v8::FunctionCallbackInfo<v8::Value> &args) {
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k != nullptr) {
    args.GetReturnValue().Set(static_cast<double>(k->secret.size()));
  }
}

const char *MdName(const EVP_MD *md) {
  // Node names digests by their short OpenSSL name in lower case
  // ("sha256", "sha512-256").
  return md == nullptr ? nullptr : OBJ_nid2ln(EVP_MD_get_type(md));
}

// keyDetail(object) -> the object with modulusLength, publicExponent,
// hash/mgf1/salt of RSA-PSS parameters, namedCurve, divisorLength.
void KeyDetail(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr || k->pkey == nullptr || !args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Object> out = args[0].As<v8::Object>();
  int id = EVP_PKEY_get_base_id(k->pkey);
  if (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS) {
    const RSA *rsa = EVP_PKEY_get0_RSA(k->pkey);
    const BIGNUM *n, *e;
    RSA_get0_key(rsa, &n, &e, nullptr);
    SetInt(isolate, out, "modulusLength", BN_num_bits(n));
    // publicExponent as a BigInt, from its bytes.
    int len = BN_num_bytes(e);
    std::vector<uint8_t> be(static_cast<size_t>(len));
    BN_bn2bin(e, be.data());
    std::vector<uint64_t> words((be.size() + 7) / 8 + 1, 0);
    for (size_t i = 0; i < be.size(); i++) {
      size_t bit = (be.size() - 1 - i) * 8;
      words[bit / 64] |= static_cast<uint64_t>(be[i]) << (bit % 64);
    }
    v8::Local<v8::BigInt> big;
    if (v8::BigInt::NewFromWords(context, 0, static_cast<int>(words.size()), words.data()).ToLocal(&big)) {
      SetValue(isolate, out, "publicExponent", big);
    }
    if (id == EVP_PKEY_RSA_PSS) {
      const RSA_PSS_PARAMS *params = RSA_get0_pss_params(rsa);
      if (params != nullptr) {
        const EVP_MD *md = EVP_sha1();
        if (params->hashAlgorithm != nullptr) {
          md = EVP_get_digestbyobj(params->hashAlgorithm->algorithm);
        }
        const EVP_MD *mgf1 = EVP_sha1();
        if (params->maskHash != nullptr) {
          mgf1 = EVP_get_digestbyobj(params->maskHash->algorithm);
        }
        long salt = 20;
        if (params->saltLength != nullptr) {
          salt = ASN1_INTEGER_get(params->saltLength);
        }
        if (const char *name = MdName(md)) {
          SetValue(isolate, out, "hashAlgorithm", Str(isolate, name));
        }
        if (const char *name = MdName(mgf1)) {
          SetValue(isolate, out, "mgf1HashAlgorithm", Str(isolate, name));
        }
        SetInt(isolate, out, "saltLength", static_cast<double>(salt));
      }
    }
  } else if (id == EVP_PKEY_DSA) {
    const DSA *dsa = EVP_PKEY_get0_DSA(k->pkey);
    const BIGNUM *p, *q;
    DSA_get0_pqg(dsa, &p, &q, nullptr);
    SetInt(isolate, out, "modulusLength", BN_num_bits(p));
    SetInt(isolate, out, "divisorLength", BN_num_bits(q));
  } else if (id == EVP_PKEY_EC) {
    const EC_GROUP *group = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(k->pkey));
    const char *sn = OBJ_nid2sn(EC_GROUP_get_curve_name(group));
    if (sn != nullptr) {
      SetValue(isolate, out, "namedCurve", Str(isolate, sn));
    }
  }
  args.GetReturnValue().Set(out);
}

void KeyEquals(const v8::FunctionCallbackInfo<v8::Value> &args) {
  KeyHandle *a = Wrap::Unwrap<KeyHandle>(args);
  KeyHandle *b = GetKeyHandle(args[0]);
  if (a == nullptr || b == nullptr) {
    return;
  }
  bool eq;
  if (a->type == kKeyTypeSecret) {
    eq = b->type == kKeyTypeSecret && a->secret.size() == b->secret.size() &&
         CRYPTO_memcmp(a->secret.data(), b->secret.data(), a->secret.size()) == 0;
  } else {
    eq = b->pkey != nullptr && EVP_PKEY_eq(a->pkey, b->pkey) == 1;
    ERR_clear_error();
  }
  args.GetReturnValue().Set(eq);
}

// Raw bytes of an EC public point (format: POINT_CONVERSION_*), of an
// OKP key (raw public or private), for Web Crypto's 'raw' export and ECDH.
void KeyExportRaw(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr || k->pkey == nullptr) {
    return;
  }
  int id = EVP_PKEY_get_base_id(k->pkey);
  v8::Local<v8::Value> out;
  if (id == EVP_PKEY_EC) {
    int form = args[0]->Int32Value(realm->context()).FromMaybe(POINT_CONVERSION_UNCOMPRESSED);
    const EC_KEY *ec = EVP_PKEY_get0_EC_KEY(k->pkey);
    const EC_GROUP *group = EC_KEY_get0_group(ec);
    const EC_POINT *pt = EC_KEY_get0_public_key(ec);
    size_t len = EC_POINT_point2oct(group, pt, static_cast<point_conversion_form_t>(form), nullptr, 0, nullptr);
    std::vector<uint8_t> buf(len);
    EC_POINT_point2oct(group, pt, static_cast<point_conversion_form_t>(form), buf.data(), len, nullptr);
    if (ToBuffer(realm, buf.data(), len).ToLocal(&out)) {
      args.GetReturnValue().Set(out);
    }
    return;
  }
  uint8_t buf[64];
  size_t len = sizeof buf;
  bool priv = args[1]->IsTrue();
  int r = priv ? EVP_PKEY_get_raw_private_key(k->pkey, buf, &len) : EVP_PKEY_get_raw_public_key(k->pkey, buf, &len);
  if (r != 1) {
    ThrowOpenSSLError(args.GetIsolate(), "Failed to export key");
    return;
  }
  if (ToBuffer(realm, buf, len).ToLocal(&out)) {
    args.GetReturnValue().Set(out);
  }
}

// The public half of a private key, as a new handle of type public.
void KeyPublicHandle(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  KeyHandle *k = Wrap::Unwrap<KeyHandle>(args);
  if (k == nullptr || k->pkey == nullptr) {
    return;
  }
  EVP_PKEY_up_ref(k->pkey);
  v8::Local<v8::Object> out;
  if (NewKeyHandle(realm, kKeyTypePublic, k->pkey).ToLocal(&out)) {
    args.GetReturnValue().Set(out);
  }
}

// ---- key-pair generation ----

struct KeyGenParams {
  std::string kind;      // rsa, rsa-pss, dsa, ec, ed25519, ed448, x25519, x448, dh
  uint32_t bits = 0;     // modulusLength / primeLength
  uint64_t exponent = 0x10001;
  std::string hash, mgf1; // rsa-pss
  int salt = -1;
  int divisor = -1;      // dsa
  std::string curve;     // ec
  bool explicit_params = false;
  std::string group;     // dh group name
  std::vector<uint8_t> prime;
  uint32_t generator = 2;
};

EVP_PKEY *DhParams(const KeyGenParams &p, unsigned long *err);

// Generates the key; on failure returns nullptr with *err set (an OpenSSL
// code, or 0 when the parameters themselves were refused).
EVP_PKEY *Generate(const KeyGenParams &p, unsigned long *err) {
  EVP_PKEY_CTX *ctx = nullptr;
  EVP_PKEY *params = nullptr;
  EVP_PKEY *pkey = nullptr;
  bool ok = false;
  if (p.kind == "rsa" || p.kind == "rsa-pss") {
    ctx = EVP_PKEY_CTX_new_id(p.kind == "rsa" ? EVP_PKEY_RSA : EVP_PKEY_RSA_PSS, nullptr);
    BIGNUM *e = BN_new();
    BN_set_word(e, p.exponent);
    ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 &&
         EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, static_cast<int>(p.bits)) == 1 &&
         EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, e) == 1;
    BN_free(e);
    if (ok && p.kind == "rsa-pss") {
      if (!p.hash.empty()) {
        const EVP_MD *md = EVP_get_digestbyname(p.hash.c_str());
        ok = md != nullptr && EVP_PKEY_CTX_set_rsa_pss_keygen_md(ctx, md) == 1;
      }
      if (ok && !p.mgf1.empty()) {
        const EVP_MD *md = EVP_get_digestbyname(p.mgf1.c_str());
        ok = md != nullptr && EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md(ctx, md) == 1;
      }
      if (ok && p.salt >= 0) {
        ok = EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx, p.salt) == 1;
      }
    }
  } else if (p.kind == "dsa") {
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_id(EVP_PKEY_DSA, nullptr);
    ok = pctx != nullptr && EVP_PKEY_paramgen_init(pctx) == 1 &&
         EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx, static_cast<int>(p.bits)) == 1 &&
         (p.divisor < 0 || EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx, p.divisor) == 1) &&
         EVP_PKEY_paramgen(pctx, &params) == 1;
    EVP_PKEY_CTX_free(pctx);
    if (ok) {
      ctx = EVP_PKEY_CTX_new(params, nullptr);
      ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1;
    }
  } else if (p.kind == "ec") {
    int nid = CurveNid(p.curve);
    ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr);
    ok = nid != NID_undef && ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 &&
         EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx, nid) == 1 &&
         EVP_PKEY_CTX_set_ec_param_enc(ctx, p.explicit_params ? 0 : OPENSSL_EC_NAMED_CURVE) == 1;
  } else if (p.kind == "dh") {
    params = DhParams(p, err);
    if (params != nullptr) {
      ctx = EVP_PKEY_CTX_new(params, nullptr);
      ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1;
    }
  } else {
    int id = OkpId(p.kind);
    ctx = id == NID_undef ? nullptr : EVP_PKEY_CTX_new_id(id, nullptr);
    ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1;
  }
  if (ok) {
    ok = EVP_PKEY_keygen(ctx, &pkey) == 1;
  }
  if (!ok) {
    *err = ERR_get_error();
    ERR_clear_error();
    EVP_PKEY_free(pkey);
    pkey = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(params);
  return pkey;
}

EVP_PKEY *DhParams(const KeyGenParams &p, unsigned long *err) {
  DH *dh = nullptr;
  if (!p.group.empty() || !p.prime.empty()) {
    BIGNUM *prime = !p.group.empty() ? DhGroupPrime(p.group)
                                     : BN_bin2bn(p.prime.data(), static_cast<int>(p.prime.size()), nullptr);
    BIGNUM *gen = BN_new();
    BN_set_word(gen, p.group.empty() ? p.generator : 2);
    dh = DH_new();
    if (prime == nullptr || DH_set0_pqg(dh, prime, nullptr, gen) != 1) {
      BN_free(prime);
      BN_free(gen);
      DH_free(dh);
      return nullptr;
    }
  } else {
    dh = DH_new();
    if (DH_generate_parameters_ex(dh, static_cast<int>(p.bits), static_cast<int>(p.generator), nullptr) != 1) {
      *err = ERR_get_error();
      DH_free(dh);
      return nullptr;
    }
  }
  EVP_PKEY *params = EVP_PKEY_new();
  EVP_PKEY_assign_DH(params, dh);
  return params;
}

bool ReadKeyGenParams(v8::Isolate *isolate, v8::Local<v8::Value> value, KeyGenParams *p) {
  if (!value->IsObject()) {
    return false;
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> o = value.As<v8::Object>();
  auto get = [&](const char *key) {
    return o->Get(context, OneByte(isolate, key)).FromMaybe(v8::Local<v8::Value>());
  };
  v8::Local<v8::Value> v;
  p->kind = ToStdString(isolate, get("kind"));
  if ((v = get("modulusLength"))->IsNumber() || (v = get("primeLength"))->IsNumber()) {
    p->bits = static_cast<uint32_t>(v.As<v8::Number>()->Value());
  }
  if ((v = get("publicExponent"))->IsNumber()) {
    p->exponent = static_cast<uint64_t>(v.As<v8::Number>()->Value());
  }
  if ((v = get("hashAlgorithm"))->IsString()) {
    p->hash = ToStdString(isolate, v);
  }
  if ((v = get("mgf1HashAlgorithm"))->IsString()) {
    p->mgf1 = ToStdString(isolate, v);
  }
  if ((v = get("saltLength"))->IsNumber()) {
    p->salt = static_cast<int>(v.As<v8::Number>()->Value());
  }
  if ((v = get("divisorLength"))->IsNumber()) {
    p->divisor = static_cast<int>(v.As<v8::Number>()->Value());
  }
  if ((v = get("namedCurve"))->IsString()) {
    p->curve = ToStdString(isolate, v);
  }
  p->explicit_params = ToStdString(isolate, get("paramEncoding")) == "explicit";
  if ((v = get("groupName"))->IsString()) {
    p->group = ToStdString(isolate, v);
  }
  Bytes prime;
  if (GetBytes(get("prime"), &prime)) {
    p->prime.assign(prime.data, prime.data + prime.len);
  }
  if ((v = get("generator"))->IsNumber()) {
    p->generator = static_cast<uint32_t>(v.As<v8::Number>()->Value());
  }
  return true;
}

// Two handles (public, private) over pkey, whose reference the caller gives.
v8::MaybeLocal<v8::Value> KeyPairResult(Realm *realm, EVP_PKEY *pkey) {
  v8::Isolate *isolate = realm->isolate();
  EVP_PKEY_up_ref(pkey);
  v8::Local<v8::Object> pub, priv;
  if (!NewKeyHandle(realm, kKeyTypePublic, pkey).ToLocal(&pub)) {
    EVP_PKEY_free(pkey);
    return {};
  }
  if (!NewKeyHandle(realm, kKeyTypePrivate, pkey).ToLocal(&priv)) {
    return {};
  }
  v8::Local<v8::Array> pair = v8::Array::New(isolate, 2);
  USE(pair->Set(realm->context(), 0, pub));
  USE(pair->Set(realm->context(), 1, priv));
  return pair;
}

class KeyGenJob : public Job {
 public:
  KeyGenJob(Realm *realm, double id, KeyGenParams params) : Job(realm, id), params_(std::move(params)) {}
  ~KeyGenJob() override { EVP_PKEY_free(pkey_); }

 protected:
  void Run() override {
    pkey_ = Generate(params_, &err_);
    if (pkey_ == nullptr) {
      failed_ = true;
      message_ = "Key generation job failed";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override {
    EVP_PKEY *pkey = pkey_;
    pkey_ = nullptr;
    return KeyPairResult(realm, pkey);
  }

 private:
  KeyGenParams params_;
  EVP_PKEY *pkey_ = nullptr;
};

// generateKeyPair(params, id): id < 0 runs now and returns [public, private]
// handles; otherwise a job on the pool completes id with them.
void GenerateKeyPair(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  KeyGenParams params;
  if (!ReadKeyGenParams(isolate, args[0], &params)) {
    return;
  }
  double id = args[1]->IsNumber() ? args[1].As<v8::Number>()->Value() : -1;
  if (id >= 0) {
    (new KeyGenJob(realm, id, std::move(params)))->Submit();
    return;
  }
  unsigned long err = 0;
  EVP_PKEY *pkey = Generate(params, &err);
  if (pkey == nullptr) {
    if (err == 0) {
      ThrowError(isolate, nullptr, "Key generation job failed");
    } else {
      isolate->ThrowException(OpenSSLError(isolate, err, nullptr));
    }
    return;
  }
  v8::Local<v8::Value> pair;
  if (KeyPairResult(realm, pkey).ToLocal(&pair)) {
    args.GetReturnValue().Set(pair);
  }
}

}  // namespace

void InitKeys(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::FunctionTemplate> t = NewClass(isolate, KeyNew, "KeyObjectHandle");
  SetProto(isolate, t, "init", KeyInit);
  SetProto(isolate, t, "initRsa", KeyInitRsa);
  SetProto(isolate, t, "initEc", KeyInitEc);
  SetProto(isolate, t, "initOkp", KeyInitOkp);
  SetProto(isolate, t, "export", KeyExport);
  SetProto(isolate, t, "exportJwk", KeyExportJwk);
  SetProto(isolate, t, "exportRaw", KeyExportRaw);
  SetProto(isolate, t, "getAsymmetricKeyType", KeyGetAsymmetricKeyType);
  SetProto(isolate, t, "getSymmetricKeySize", KeyGetSymmetricKeySize);
  SetProto(isolate, t, "keyDetail", KeyDetail);
  SetProto(isolate, t, "equals", KeyEquals);
  SetProto(isolate, t, "publicHandle", KeyPublicHandle);
  GetData(realm)->key_template.Reset(isolate, t);
  SetValue(isolate, target, "KeyObjectHandle", t->GetFunction(realm->context()).ToLocalChecked());
  SetMethod(isolate, target, "generateKeyPair", GenerateKeyPair);
  SetInt(isolate, target, "kKeyTypeSecret", kKeyTypeSecret);
  SetInt(isolate, target, "kKeyTypePublic", kKeyTypePublic);
  SetInt(isolate, target, "kKeyTypePrivate", kKeyTypePrivate);
}

}  // namespace crypto
}  // namespace shard
