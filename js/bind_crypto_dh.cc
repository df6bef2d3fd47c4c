// Key agreement: the DiffieHellman handle (finite-field DH with a caller's
// or a named MODP prime), the ECDH handle, ECDH.convertKey, and
// crypto.diffieHellman over two key objects (DH, ECDH, X25519, X448).
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/bn.h>
#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <string.h>


namespace shard {
namespace crypto {

BIGNUM *DhGroupPrime(const std::string &name) {
  if (name == "modp1") {
    return BN_get_rfc2409_prime_768(nullptr);
  }
  if (name == "modp2") {
    return BN_get_rfc2409_prime_1024(nullptr);
  }
  if (name == "modp5") {
    return BN_get_rfc3526_prime_1536(nullptr);
  }
  if (name == "modp14") {
    return BN_get_rfc3526_prime_2048(nullptr);
  }
  if (name == "modp15") {
    return BN_get_rfc3526_prime_3072(nullptr);
  }
  if (name == "modp16") {
    return BN_get_rfc3526_prime_4096(nullptr);
  }
  if (name == "modp17") {
    return BN_get_rfc3526_prime_6144(nullptr);
  }
  if (name == "modp18") {
    return BN_get_rfc3526_prime_8192(nullptr);
  }
  return nullptr;
}

namespace {

v8::Local<v8::Value> BnBuffer(Realm *realm, const BIGNUM *bn, int pad = 0) {
  int n = BN_num_bytes(bn);
  if (pad < n) {
    pad = n;
  }
  std::vector<uint8_t> buf(static_cast<size_t>(pad > 0 ? pad : 1));
  BN_bn2binpad(bn, buf.data(), pad);
  v8::Local<v8::Value> out;
  if (!ToBuffer(realm, buf.data(), static_cast<size_t>(pad)).ToLocal(&out)) {
    return v8::Undefined(realm->isolate());
  }
  return out;
}

// ---- DiffieHellman ----

class DiffieHellman : public Wrap {
 public:
  DiffieHellman(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~DiffieHellman() override { DH_free(dh); }
  DH *dh = nullptr;
  int verify_error = 0;
};

void DhNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new DiffieHellman(Realm::From(args), args.This());
}

void DhCheck(DiffieHellman *d) {
  int codes = 0;
  if (DH_check(d->dh, &codes) != 1) {
    codes = 0;
  }
  ERR_clear_error();
  // A generator other than 2 or 5 is normal for a caller's group.
  d->verify_error = codes & ~DH_NOT_SUITABLE_GENERATOR;
}

// init(prime bytes | prime length, generator bytes | number) ; initGroup(name)
void DhInit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  if (d == nullptr) {
    return;
  }
  DH *dh = DH_new();
  if (args[0]->IsNumber()) {
    int bits = args[0]->Int32Value(context).FromMaybe(0);
    int gen = args[1]->Int32Value(context).FromMaybe(2);
    if (bits < 2) {
      // OpenSSL's own check, raised as it would raise it.
      DH_free(dh);
      ERR_raise(ERR_LIB_DH, DH_R_MODULUS_TOO_SMALL);
      ThrowOpenSSLError(isolate, "Failed to generate DH parameters");
      return;
    }
    if (gen < 2) {
      DH_free(dh);
      ERR_raise(ERR_LIB_DH, DH_R_BAD_GENERATOR);
      ThrowOpenSSLError(isolate, "Invalid generator");
      return;
    }
    if (DH_generate_parameters_ex(dh, bits, gen, nullptr) != 1) {
      DH_free(dh);
      ThrowOpenSSLError(isolate, "Failed to generate DH parameters");
      return;
    }
  } else {
    Bytes prime;
    if (!GetBytes(args[0], &prime)) {
      DH_free(dh);
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "prime must be a buffer");
      return;
    }
    BIGNUM *p = BN_bin2bn(prime.data, static_cast<int>(prime.len), nullptr);
    BIGNUM *g = nullptr;
    if (args[1]->IsNumber()) {
      int gen = args[1]->Int32Value(context).FromMaybe(2);
      g = BN_new();
      BN_set_word(g, static_cast<BN_ULONG>(gen < 0 ? 0 : gen));
    } else {
      Bytes gb;
      GetBytes(args[1], &gb);
      g = BN_bin2bn(gb.data, static_cast<int>(gb.len), nullptr);
    }
    // A generator of 0 or 1 makes every key trivial.
    if (BN_is_zero(g) || BN_is_one(g)) {
      BN_free(p);
      BN_free(g);
      DH_free(dh);
      ERR_raise(ERR_LIB_DH, DH_R_BAD_GENERATOR);
      ThrowOpenSSLError(isolate, "Invalid generator");
      return;
    }
    if (DH_set0_pqg(dh, p, nullptr, g) != 1) {
      BN_free(p);
      BN_free(g);
      DH_free(dh);
      ThrowOpenSSLError(isolate, "Invalid DH parameters");
      return;
    }
  }
  d->dh = dh;
  DhCheck(d);
}

// initGroup(name) -> false for an unknown group
void DhInitGroup(const v8::FunctionCallbackInfo<v8::Value> &args) {
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  if (d == nullptr) {
    return;
  }
  BIGNUM *p = DhGroupPrime(ToStdString(args.GetIsolate(), args[0]));
  if (p == nullptr) {
    args.GetReturnValue().Set(false);
    return;
  }
  BIGNUM *g = BN_new();
  BN_set_word(g, 2);
  d->dh = DH_new();
  DH_set0_pqg(d->dh, p, nullptr, g);
  DhCheck(d);
  args.GetReturnValue().Set(true);
}

void DhVerifyError(const v8::FunctionCallbackInfo<v8::Value> &args) {
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  if (d != nullptr) {
    args.GetReturnValue().Set(d->verify_error);
  }
}

void DhGenerateKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  if (d == nullptr || d->dh == nullptr) {
    return;
  }
  if (DH_generate_key(d->dh) != 1) {
    ThrowOpenSSLError(args.GetIsolate(), "Key generation failed");
    return;
  }
  const BIGNUM *pub = nullptr;
  DH_get0_key(d->dh, &pub, nullptr);
  args.GetReturnValue().Set(BnBuffer(d->realm(), pub));
}

// get(which): 0 prime, 1 generator, 2 public, 3 private
void DhGet(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  if (d == nullptr || d->dh == nullptr) {
    return;
  }
  int which = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  const BIGNUM *p, *g, *pub, *priv;
  DH_get0_pqg(d->dh, &p, nullptr, &g);
  DH_get0_key(d->dh, &pub, &priv);
  const BIGNUM *bn = which == 0 ? p : which == 1 ? g : which == 2 ? pub : priv;
  if (bn == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_INVALID_STATE",
               which == 2 ? "No public key - did you forget to generate one?"
                          : "No private key - did you forget to generate one?");
    return;
  }
  args.GetReturnValue().Set(BnBuffer(d->realm(), bn));
}

// set(which, bytes): 2 public, 3 private
void DhSet(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  Bytes b;
  if (d == nullptr || d->dh == nullptr || !GetBytes(args[1], &b)) {
    return;
  }
  int which = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(2);
  BIGNUM *bn = BN_bin2bn(b.data, static_cast<int>(b.len), nullptr);
  if (which == 2) {
    DH_set0_key(d->dh, bn, nullptr);
  } else {
    DH_set0_key(d->dh, nullptr, bn);
  }
}

// computeSecret(other public bytes) -> Buffer padded to the prime's size
void DhComputeSecret(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  DiffieHellman *d = Wrap::Unwrap<DiffieHellman>(args);
  Bytes b;
  if (d == nullptr || d->dh == nullptr || !GetBytes(args[0], &b)) {
    return;
  }
  BIGNUM *key = BN_bin2bn(b.data, static_cast<int>(b.len), nullptr);
  int check = 0;
  if (DH_check_pub_key(d->dh, key, &check) != 1 || check != 0) {
    BN_free(key);
    ERR_clear_error();
    if (check & DH_CHECK_PUBKEY_TOO_SMALL) {
      ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_KEYLEN", "Supplied key is too small");
    } else if (check & DH_CHECK_PUBKEY_TOO_LARGE) {
      ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_KEYLEN", "Supplied key is too large");
    } else {
      ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_KEYTYPE", "Unspecified validation error");
    }
    return;
  }
  int size = DH_size(d->dh);
  std::vector<uint8_t> out(static_cast<size_t>(size));
  int n = DH_compute_key(out.data(), key, d->dh);
  BN_free(key);
  if (n < 0) {
    ThrowOpenSSLError(isolate, "Failed to compute DH secret");
    return;
  }
  // DH_compute_key drops leading zeros: put them back, as Node does.
  if (n < size) {
    memmove(out.data() + (size - n), out.data(), static_cast<size_t>(n));
    memset(out.data(), 0, static_cast<size_t>(size - n));
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(d->realm(), out.data(), out.size()).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

// ---- ECDH ----

int CurveNid(const std::string &name) {
  int nid = OBJ_sn2nid(name.c_str());
  if (nid == NID_undef) {
    nid = EC_curve_nist2nid(name.c_str());
  }
  return nid;
}

class Ecdh : public Wrap {
 public:
  Ecdh(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~Ecdh() override { EC_KEY_free(key); }
  EC_KEY *key = nullptr;
  const EC_GROUP *group() const { return EC_KEY_get0_group(key); }
};

// new ECDH(curve): JS checked the name with isValidCurve.
void EcdhNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  int nid = CurveNid(ToStdString(isolate, args[0]));
  EC_KEY *key = nid == NID_undef ? nullptr : EC_KEY_new_by_curve_name(nid);
  if (key == nullptr) {
    ERR_clear_error();
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
    return;
  }
  Ecdh *e = new Ecdh(Realm::From(args), args.This());
  e->key = key;
}

// isValidCurve(name) -> bool
void IsValidCurve(const v8::FunctionCallbackInfo<v8::Value> &args) {
  int nid = CurveNid(ToStdString(args.GetIsolate(), args[0]));
  EC_GROUP *g = nid == NID_undef ? nullptr : EC_GROUP_new_by_curve_name(nid);
  EC_GROUP_free(g);
  ERR_clear_error();
  args.GetReturnValue().Set(g != nullptr);
}

v8::Local<v8::Value> PointBuffer(Realm *realm, const EC_GROUP *group, const EC_POINT *pt, int form) {
  size_t len = EC_POINT_point2oct(group, pt, static_cast<point_conversion_form_t>(form), nullptr, 0, nullptr);
  std::vector<uint8_t> buf(len > 0 ? len : 1);
  EC_POINT_point2oct(group, pt, static_cast<point_conversion_form_t>(form), buf.data(), len, nullptr);
  v8::Local<v8::Value> out;
  if (!ToBuffer(realm, buf.data(), len).ToLocal(&out)) {
    return v8::Undefined(realm->isolate());
  }
  return out;
}

// generateKeys()
void EcdhGenerateKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  if (e == nullptr) {
    return;
  }
  if (EC_KEY_generate_key(e->key) != 1) {
    ThrowOpenSSLError(args.GetIsolate(), "Failed to generate key");
  }
}

// getPublicKey(form) -> Buffer
void EcdhGetPublicKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  if (e == nullptr) {
    return;
  }
  const EC_POINT *pt = EC_KEY_get0_public_key(e->key);
  if (pt == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH public key");
    return;
  }
  int form = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(POINT_CONVERSION_UNCOMPRESSED);
  args.GetReturnValue().Set(PointBuffer(e->realm(), e->group(), pt, form));
}

void EcdhGetPrivateKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  if (e == nullptr) {
    return;
  }
  const BIGNUM *priv = EC_KEY_get0_private_key(e->key);
  if (priv == nullptr) {
    ThrowError(args.GetIsolate(), "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH private key");
    return;
  }
  // Padded to the order's size, as Node returns it.
  int pad = (EC_GROUP_order_bits(e->group()) + 7) / 8;
  args.GetReturnValue().Set(BnBuffer(e->realm(), priv, pad));
}

// setPrivateKey(bytes): also derives the public key.
void EcdhSetPrivateKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  Bytes b;
  if (e == nullptr || !GetBytes(args[0], &b)) {
    return;
  }
  BIGNUM *priv = BN_bin2bn(b.data, static_cast<int>(b.len), nullptr);
  const BIGNUM *order = EC_GROUP_get0_order(e->group());
  // Valid private keys are 1 .. order - 1.
  if (BN_is_zero(priv) || BN_cmp(priv, order) >= 0) {
    BN_clear_free(priv);
    ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_KEYTYPE", "Private key is not valid for specified curve.");
    return;
  }
  EC_KEY *fresh = EC_KEY_new_by_curve_name(EC_GROUP_get_curve_name(e->group()));
  EC_POINT *pub = EC_POINT_new(e->group());
  bool ok = fresh != nullptr && EC_KEY_set_private_key(fresh, priv) == 1 &&
            EC_POINT_mul(e->group(), pub, priv, nullptr, nullptr, nullptr) == 1 &&
            EC_KEY_set_public_key(fresh, pub) == 1;
  BN_clear_free(priv);
  EC_POINT_free(pub);
  if (!ok) {
    EC_KEY_free(fresh);
    ThrowOpenSSLError(isolate, "Failed to set ECDH private key");
    return;
  }
  EC_KEY_free(e->key);
  e->key = fresh;
}

EC_POINT *ToPoint(const EC_GROUP *group, const Bytes &b) {
  EC_POINT *pt = EC_POINT_new(group);
  if (EC_POINT_oct2point(group, pt, b.data, b.len, nullptr) != 1) {
    EC_POINT_free(pt);
    ERR_clear_error();
    return nullptr;
  }
  return pt;
}

void EcdhSetPublicKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  Bytes b;
  if (e == nullptr || !GetBytes(args[0], &b)) {
    return;
  }
  EC_POINT *pt = ToPoint(e->group(), b);
  if (pt == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_OPERATION_FAILED", "Failed to convert Buffer to EC_POINT");
    return;
  }
  bool ok = EC_KEY_set_public_key(e->key, pt) == 1;
  EC_POINT_free(pt);
  if (!ok) {
    ThrowError(isolate, "ERR_CRYPTO_OPERATION_FAILED", "Failed to set EC_POINT as the public key");
  }
}

void EcdhComputeSecret(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Ecdh *e = Wrap::Unwrap<Ecdh>(args);
  Bytes b;
  if (e == nullptr || !GetBytes(args[0], &b)) {
    return;
  }
  if (EC_KEY_get0_private_key(e->key) == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_INVALID_STATE", "Failed to compute ECDH key");
    return;
  }
  EC_POINT *pt = ToPoint(e->group(), b);
  if (pt == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve");
    return;
  }
  int len = (EC_GROUP_get_degree(e->group()) + 7) / 8;
  std::vector<uint8_t> out(static_cast<size_t>(len));
  int n = ECDH_compute_key(out.data(), out.size(), pt, e->key, nullptr);
  EC_POINT_free(pt);
  if (n <= 0) {
    ThrowOpenSSLError(isolate, "Failed to compute ECDH key");
    return;
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(e->realm(), out.data(), static_cast<size_t>(n)).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

// convertKey(key bytes, curve, form) -> Buffer
void EcdhConvertKey(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  Bytes b;
  if (!GetBytes(args[0], &b)) {
    return;
  }
  int nid = CurveNid(ToStdString(isolate, args[1]));
  EC_GROUP *group = nid == NID_undef ? nullptr : EC_GROUP_new_by_curve_name(nid);
  if (group == nullptr) {
    ERR_clear_error();
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
    return;
  }
  EC_POINT *pt = ToPoint(group, b);
  if (pt == nullptr) {
    EC_GROUP_free(group);
    ThrowError(isolate, "ERR_CRYPTO_OPERATION_FAILED", "Failed to convert Buffer to EC_POINT");
    return;
  }
  int form = args[2]->Int32Value(isolate->GetCurrentContext()).FromMaybe(POINT_CONVERSION_UNCOMPRESSED);
  args.GetReturnValue().Set(PointBuffer(realm, group, pt, form));
  EC_POINT_free(pt);
  EC_GROUP_free(group);
}

// ---- key objects ----

// statelessDH(private handle, public handle) -> Buffer
void StatelessDh(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  KeyHandle *priv = GetKeyHandle(args[0]);
  KeyHandle *pub = GetKeyHandle(args[1]);
  if (priv == nullptr || pub == nullptr || priv->pkey == nullptr || pub->pkey == nullptr) {
    return;
  }
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv->pkey, nullptr);
  size_t len = 0;
  bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, pub->pkey) == 1 &&
            EVP_PKEY_derive(ctx, nullptr, &len) == 1;
  std::vector<uint8_t> out(len > 0 ? len : 1);
  ok = ok && EVP_PKEY_derive(ctx, out.data(), &len) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) {
    ThrowOpenSSLError(isolate, "Failed to derive shared secret");
    return;
  }
  // Finite-field DH secrets keep the prime's width, as Node pads them.
  if (EVP_PKEY_get_base_id(priv->pkey) == EVP_PKEY_DH) {
    size_t size = static_cast<size_t>(EVP_PKEY_get_size(priv->pkey));
    if (len < size) {
      out.resize(size);
      memmove(out.data() + (size - len), out.data(), len);
      memset(out.data(), 0, size - len);
      len = size;
    }
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(Realm::From(args), out.data(), len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

}  // namespace

void InitDh(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  v8::Local<v8::FunctionTemplate> dh = NewClass(isolate, DhNew, "DiffieHellman");
  SetProto(isolate, dh, "init", DhInit);
  SetProto(isolate, dh, "initGroup", DhInitGroup);
  dh->InstanceTemplate()->SetAccessorProperty(
      OneByte(isolate, "verifyError"), v8::FunctionTemplate::New(isolate, DhVerifyError), {}, v8::DontDelete);
  SetProto(isolate, dh, "generateKeys", DhGenerateKeys);
  SetProto(isolate, dh, "get", DhGet);
  SetProto(isolate, dh, "set", DhSet);
  SetProto(isolate, dh, "computeSecret", DhComputeSecret);
  SetValue(isolate, target, "DiffieHellman", dh->GetFunction(context).ToLocalChecked());

  v8::Local<v8::FunctionTemplate> ecdh = NewClass(isolate, EcdhNew, "ECDH");
  SetProto(isolate, ecdh, "generateKeys", EcdhGenerateKeys);
  SetProto(isolate, ecdh, "getPublicKey", EcdhGetPublicKey);
  SetProto(isolate, ecdh, "getPrivateKey", EcdhGetPrivateKey);
  SetProto(isolate, ecdh, "setPrivateKey", EcdhSetPrivateKey);
  SetProto(isolate, ecdh, "setPublicKey", EcdhSetPublicKey);
  SetProto(isolate, ecdh, "computeSecret", EcdhComputeSecret);
  SetValue(isolate, target, "ECDH", ecdh->GetFunction(context).ToLocalChecked());
  SetMethod(isolate, target, "ecdhConvertKey", EcdhConvertKey);
  SetMethod(isolate, target, "isValidCurve", IsValidCurve);
  SetMethod(isolate, target, "statelessDH", StatelessDh);
}

}  // namespace crypto
}  // namespace shard
