// Symmetric ciphers: the CipherBase handle behind createCipheriv and
// createDecipheriv (block and stream modes, and the AEAD modes GCM, CCM,
// OCB and ChaCha20-Poly1305 with their tags), and getCipherInfo.
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/objects.h>
#include <limits.h>
#include <string.h>

#include <algorithm>


namespace shard {
namespace crypto {

namespace {

constexpr unsigned kNoAuthTagLength = static_cast<unsigned>(-1);

bool IsAeadMode(const EVP_CIPHER *cipher) {
  int mode = EVP_CIPHER_get_mode(cipher);
  return mode == EVP_CIPH_GCM_MODE || mode == EVP_CIPH_CCM_MODE || mode == EVP_CIPH_OCB_MODE ||
         EVP_CIPHER_get_nid(cipher) == NID_chacha20_poly1305;
}

// NIST SP 800-38D allows 4, 8 and 12 to 16 bytes.
bool IsValidGcmTagLength(unsigned len) { return len == 4 || len == 8 || (len >= 12 && len <= 16); }

void ThrowAuthTag(v8::Isolate *isolate, const std::string &message) {
  ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_AUTH_TAG", message.c_str());
}

class Cipher : public Wrap {
 public:
  Cipher(Realm *realm, v8::Local<v8::Object> object, bool encrypt) : Wrap(realm, object), encrypt(encrypt) {}
  ~Cipher() override { EVP_CIPHER_CTX_free(ctx); }

  bool IsAead() const { return cipher != nullptr && IsAeadMode(cipher); }
  int Mode() const { return EVP_CIPHER_get_mode(cipher); }

  // Hands a tag that setAuthTag stored to OpenSSL, once.
  bool PassTag() {
    if (tag_state == kTagKnown) {
      if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_len), tag) != 1) {
        return false;
      }
      tag_state = kTagPassed;
    }
    return true;
  }

  bool CheckCcmLength(int64_t len) const { return len >= 0 && len <= max_message; }

  bool encrypt;
  EVP_CIPHER_CTX *ctx = nullptr;
  const EVP_CIPHER *cipher = nullptr;
  enum { kTagUnknown, kTagKnown, kTagPassed } tag_state = kTagUnknown;
  unsigned tag_len = kNoAuthTagLength;
  uint8_t tag[EVP_GCM_TLS_TAG_LEN];
  int64_t max_message = INT_MAX;
  bool ccm_auth_failed = false;
};

void CipherNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new Cipher(Realm::From(args), args.This(), args[0]->IsTrue());
}

// initiv(name, key bytes | KeyObjectHandle, iv bytes | null, authTagLength or -1)
void CipherInitIv(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  std::string name = ToStdString(isolate, args[0]);
  const EVP_CIPHER *cipher = GetCipher(realm, name);
  if (cipher == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
    return;
  }
  Bytes key;
  if (KeyHandle *k = GetKeyHandle(args[1])) {
    key.data = k->secret.data();
    key.len = k->secret.size();
  } else if (!GetBytes(args[1], &key)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "key must be a buffer");
    return;
  }
  Bytes iv;
  bool has_iv = GetBytes(args[2], &iv) && iv.len > 0;
  unsigned tag_len = kNoAuthTagLength;
  if (args[3]->IsNumber() && args[3].As<v8::Number>()->Value() >= 0) {
    tag_len = static_cast<unsigned>(args[3].As<v8::Number>()->Value());
  }

  int expected_iv = EVP_CIPHER_get_iv_length(cipher);
  bool aead = IsAeadMode(cipher);
  if ((!has_iv && expected_iv != 0) || (!aead && has_iv && static_cast<int>(iv.len) != expected_iv) ||
      iv.len > INT_MAX) {
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
    return;
  }
  // OpenSSL does not itself reject long ChaCha20-Poly1305 nonces.
  if (EVP_CIPHER_get_nid(cipher) == NID_chacha20_poly1305 && iv.len > 12) {
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
    return;
  }

  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  c->ctx = ctx;
  c->cipher = cipher;
  int mode = EVP_CIPHER_get_mode(cipher);
  if (mode == EVP_CIPH_WRAP_MODE) {
    EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  }
  int enc = c->encrypt ? 1 : 0;
  if (EVP_CipherInit_ex(ctx, cipher, nullptr, nullptr, nullptr, enc) != 1) {
    ThrowOpenSSLError(isolate, "Failed to initialize cipher");
    return;
  }
  if (aead) {
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(iv.len), nullptr) != 1) {
      ERR_clear_error();
      ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
      return;
    }
    if (mode == EVP_CIPH_GCM_MODE) {
      if (tag_len != kNoAuthTagLength) {
        if (!IsValidGcmTagLength(tag_len)) {
          ThrowAuthTag(isolate, "Invalid authentication tag length: " + std::to_string(tag_len));
          return;
        }
        c->tag_len = tag_len;
      }
    } else {
      if (tag_len == kNoAuthTagLength) {
        // ChaCha20-Poly1305 defaults to 16-byte tags both ways; CCM and
        // OCB must be told.
        if (EVP_CIPHER_get_nid(cipher) == NID_chacha20_poly1305) {
          tag_len = 16;
        } else {
          ThrowAuthTag(isolate, "authTagLength required for " + name);
          return;
        }
      }
      if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_len), nullptr) != 1) {
        ERR_clear_error();
        ThrowAuthTag(isolate, "Invalid authentication tag length: " + std::to_string(tag_len));
        return;
      }
      c->tag_len = tag_len;
      if (mode == EVP_CIPH_CCM_MODE) {
        // CCM's length field limits the message to 2^(8 * (15 - ivlen)) - 1 bytes.
        c->max_message = INT_MAX;
        if (iv.len == 12) {
          c->max_message = 0xffffff;
        } else if (iv.len == 13) {
          c->max_message = 0xffff;
        }
      }
    }
  }
  if (key.len > INT_MAX || EVP_CIPHER_CTX_set_key_length(ctx, static_cast<int>(key.len)) != 1) {
    ERR_clear_error();
    EVP_CIPHER_CTX_free(ctx);
    c->ctx = nullptr;
    ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
    return;
  }
  if (EVP_CipherInit_ex(ctx, nullptr, nullptr, key.data, has_iv ? iv.data : nullptr, enc) != 1) {
    ThrowOpenSSLError(isolate, "Failed to initialize cipher");
    return;
  }
}

// update(data) -> Buffer; throws in an unusable state
void CipherUpdate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  Bytes in;
  if (!GetBytes(args[0], &in)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "data must be a buffer");
    return;
  }
  if (c->ctx == nullptr || in.len > INT_MAX) {
    ThrowOpenSSLError(isolate, "Trying to add data in unsupported state");
    return;
  }
  int mode = c->Mode();
  if (mode == EVP_CIPH_CCM_MODE && !c->CheckCcmLength(static_cast<int64_t>(in.len))) {
    ThrowRangeError(isolate, "ERR_CRYPTO_INVALID_MESSAGELEN", "Invalid message length");
    return;
  }
  if (!c->encrypt && c->IsAead() && !c->PassTag()) {
    ThrowOpenSSLError(isolate, "Trying to add data in unsupported state");
    return;
  }
  int block = EVP_CIPHER_CTX_get_block_size(c->ctx);
  int out_len = static_cast<int>(in.len) + block;
  if (c->encrypt && mode == EVP_CIPH_WRAP_MODE &&
      EVP_CipherUpdate(c->ctx, nullptr, &out_len, in.data, static_cast<int>(in.len)) != 1) {
    ThrowOpenSSLError(isolate, "Trying to add data in unsupported state");
    return;
  }
  uint8_t *out = static_cast<uint8_t *>(malloc(out_len > 0 ? static_cast<size_t>(out_len) : 1));
  int r = EVP_CipherUpdate(c->ctx, out, &out_len, in.data, static_cast<int>(in.len));
  if (r != 1) {
    // CCM checks the tag while decrypting: the failure is reported by final().
    if (!c->encrypt && mode == EVP_CIPH_CCM_MODE) {
      ERR_clear_error();
      c->ccm_auth_failed = true;
      out_len = 0;
    } else {
      free(out);
      ThrowOpenSSLError(isolate, "Trying to add data in unsupported state");
      return;
    }
  }
  v8::Local<v8::Value> buf;
  if (TakeBuffer(c->realm(), out, static_cast<size_t>(out_len)).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

// final() -> Buffer
void CipherFinal(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  if (c->ctx == nullptr) {
    ThrowError(isolate, "ERR_CRYPTO_INVALID_STATE", "Invalid state");
    return;
  }
  bool aead = c->IsAead();
  int mode = c->Mode();
  uint8_t out[EVP_MAX_BLOCK_LENGTH];
  int out_len = 0;
  bool ok;
  if (!c->encrypt && aead) {
    c->PassTag();
  }
  if (!c->encrypt && mode == EVP_CIPH_CCM_MODE) {
    // CCM verified the tag in update(); its final step would fail.
    ok = !c->ccm_auth_failed;
  } else {
    ok = EVP_CipherFinal_ex(c->ctx, out, &out_len) == 1;
    if (ok && c->encrypt && aead) {
      if (c->tag_len == kNoAuthTagLength) {
        c->tag_len = sizeof c->tag; // GCM encrypts with 16-byte tags unless told
      }
      ok = EVP_CIPHER_CTX_ctrl(c->ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(c->tag_len), c->tag) == 1;
    }
  }
  EVP_CIPHER_CTX_free(c->ctx);
  c->ctx = nullptr;
  if (!ok) {
    ThrowOpenSSLError(isolate, aead ? "Unsupported state or unable to authenticate data" : "Unsupported state");
    return;
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(c->realm(), out, static_cast<size_t>(out_len)).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

void CipherSetAutoPadding(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  bool ok = c->ctx != nullptr && EVP_CIPHER_CTX_set_padding(c->ctx, args[0]->IsTrue() ? 1 : 0) == 1;
  args.GetReturnValue().Set(ok);
}

// setAAD(data, plaintextLength or -1) -> false in a state that has none
void CipherSetAAD(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  Bytes aad;
  if (!GetBytes(args[0], &aad) || c->ctx == nullptr || !c->IsAead() || aad.len > INT_MAX) {
    args.GetReturnValue().Set(false);
    return;
  }
  int64_t plaintext_len = args[1]->IsNumber() ? static_cast<int64_t>(args[1].As<v8::Number>()->Value()) : -1;
  int out_len;
  if (c->Mode() == EVP_CIPH_CCM_MODE) {
    if (plaintext_len < 0) {
      ThrowTypeError(isolate, "ERR_MISSING_ARGS", "options.plaintextLength required for CCM mode with AAD");
      return;
    }
    if (!c->CheckCcmLength(plaintext_len)) {
      args.GetReturnValue().Set(false);
      return;
    }
    if (!c->encrypt && !c->PassTag()) {
      args.GetReturnValue().Set(false);
      return;
    }
    // CCM needs the message length before any data.
    if (EVP_CipherUpdate(c->ctx, nullptr, &out_len, nullptr, static_cast<int>(plaintext_len)) != 1) {
      ERR_clear_error();
      args.GetReturnValue().Set(false);
      return;
    }
  }
  bool ok = EVP_CipherUpdate(c->ctx, nullptr, &out_len, aad.data, static_cast<int>(aad.len)) == 1;
  ERR_clear_error();
  args.GetReturnValue().Set(ok);
}

// getAuthTag() -> Buffer, or undefined before final() or for other modes
void CipherGetAuthTag(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr || c->ctx != nullptr || !c->encrypt || c->tag_len == kNoAuthTagLength || c->tag_len == 0) {
    return;
  }
  v8::Local<v8::Value> buf;
  if (ToBuffer(c->realm(), c->tag, c->tag_len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

// setAuthTag(tag) -> false in a state that takes none; throws for a bad length
void CipherSetAuthTag(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Cipher *c = Wrap::Unwrap<Cipher>(args);
  if (c == nullptr) {
    return;
  }
  Bytes tag;
  if (!GetBytes(args[0], &tag) || c->ctx == nullptr || !c->IsAead() || c->encrypt ||
      c->tag_state != Cipher::kTagUnknown) {
    args.GetReturnValue().Set(false);
    return;
  }
  bool valid;
  if (c->Mode() == EVP_CIPH_GCM_MODE) {
    valid = (c->tag_len == kNoAuthTagLength || c->tag_len == tag.len) && tag.len <= 16 &&
            IsValidGcmTagLength(static_cast<unsigned>(tag.len));
  } else {
    valid = c->tag_len == tag.len;
  }
  if (!valid) {
    ThrowAuthTag(isolate, "Invalid authentication tag length: " + std::to_string(tag.len));
    return;
  }
  c->tag_len = static_cast<unsigned>(tag.len);
  c->tag_state = Cipher::kTagKnown;
  memcpy(c->tag, tag.data, tag.len);
  args.GetReturnValue().Set(true);
}

const char *ModeName(int mode, int nid) {
  switch (mode) {
  case EVP_CIPH_CBC_MODE:
    return "cbc";
  case EVP_CIPH_CCM_MODE:
    return "ccm";
  case EVP_CIPH_CFB_MODE:
    return "cfb";
  case EVP_CIPH_CTR_MODE:
    return "ctr";
  case EVP_CIPH_ECB_MODE:
    return "ecb";
  case EVP_CIPH_GCM_MODE:
    return "gcm";
  case EVP_CIPH_OCB_MODE:
    return "ocb";
  case EVP_CIPH_OFB_MODE:
    return "ofb";
  case EVP_CIPH_STREAM_CIPHER:
    return "stream";
  case EVP_CIPH_WRAP_MODE:
    return "wrap";
  case EVP_CIPH_XTS_MODE:
    return "xts";
  default:
    return nullptr;
  }
}

// getCipherInfo(name or nid, keyLength or -1, ivLength or -1) -> object or undefined
void GetCipherInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  const EVP_CIPHER *cipher = nullptr;
  // Node describes ciphers from OpenSSL's table, even those (rc4, bf) whose
  // provider is not loaded.
  std::string name;
  if (args[0]->IsString()) {
    name = ToStdString(isolate, args[0]);
  } else if (args[0]->IsNumber()) {
    const char *sn = OBJ_nid2sn(static_cast<int>(args[0].As<v8::Number>()->Value()));
    if (sn != nullptr) {
      name = sn;
    }
  }
  if (!name.empty()) {
    cipher = GetCipher(realm, name);
    if (cipher == nullptr) {
      cipher = EVP_get_cipherbyname(name.c_str());
    }
  }
  if (cipher == nullptr) {
    return;
  }
  int mode = EVP_CIPHER_get_mode(cipher);
  int iv_len = EVP_CIPHER_get_iv_length(cipher);
  int key_len = EVP_CIPHER_get_key_length(cipher);
  int64_t want_key = args[1]->IsNumber() ? static_cast<int64_t>(args[1].As<v8::Number>()->Value()) : -1;
  int64_t want_iv = args[2]->IsNumber() ? static_cast<int64_t>(args[2].As<v8::Number>()->Value()) : -1;
  if (want_key >= 0 && want_key != key_len) {
    // Variable-length ciphers (rc4, bf...) may take it.
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    bool ok = EVP_CipherInit_ex(ctx, cipher, nullptr, nullptr, nullptr, 1) == 1 &&
              EVP_CIPHER_CTX_set_key_length(ctx, static_cast<int>(want_key)) == 1;
    EVP_CIPHER_CTX_free(ctx);
    ERR_clear_error();
    if (!ok) {
      return;
    }
    key_len = static_cast<int>(want_key);
  }
  if (want_iv >= 0 && want_iv != iv_len) {
    bool ok = false;
    if (mode == EVP_CIPH_CCM_MODE) {
      ok = want_iv >= 7 && want_iv <= 13;
    } else if (mode == EVP_CIPH_GCM_MODE) {
      ok = want_iv > 0;
    } else if (mode == EVP_CIPH_OCB_MODE) {
      ok = want_iv >= 1 && want_iv <= 15;
    }
    if (!ok) {
      return;
    }
    iv_len = static_cast<int>(want_iv);
  }
  int nid = EVP_CIPHER_get_nid(cipher);
  v8::Local<v8::Object> info = v8::Object::New(isolate);
  const char *mode_name = ModeName(mode, nid);
  if (mode_name != nullptr) {
    SetValue(isolate, info, "mode", OneByte(isolate, mode_name));
  }
  const char *sn = OBJ_nid2sn(nid);
  std::string lower = sn != nullptr ? sn : EVP_CIPHER_get0_name(cipher);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) { return static_cast<char>(tolower(ch)); });
  SetValue(isolate, info, "name", Str(isolate, lower));
  SetInt(isolate, info, "nid", nid);
  if (mode != EVP_CIPH_STREAM_CIPHER) {
    SetInt(isolate, info, "blockSize", EVP_CIPHER_get_block_size(cipher));
  }
  if (iv_len != 0) {
    SetInt(isolate, info, "ivLength", iv_len);
  }
  SetInt(isolate, info, "keyLength", key_len);
  args.GetReturnValue().Set(info);
}

}  // namespace

void InitCipher(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::FunctionTemplate> t = NewClass(isolate, CipherNew, "CipherBase");
  SetProto(isolate, t, "initiv", CipherInitIv);
  SetProto(isolate, t, "update", CipherUpdate);
  SetProto(isolate, t, "final", CipherFinal);
  SetProto(isolate, t, "setAutoPadding", CipherSetAutoPadding);
  SetProto(isolate, t, "setAAD", CipherSetAAD);
  SetProto(isolate, t, "getAuthTag", CipherGetAuthTag);
  SetProto(isolate, t, "setAuthTag", CipherSetAuthTag);
  SetValue(isolate, target, "CipherBase", t->GetFunction(realm->context()).ToLocalChecked());
  SetMethod(isolate, target, "getCipherInfo", GetCipherInfo);
}

}  // namespace crypto
}  // namespace shard
