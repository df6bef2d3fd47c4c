// Hashes and HMAC: the Hash and Hmac handles behind createHash/createHmac,
// and crypto.hash's one-shot digest.
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/hmac.h>
#include <string.h>

#include "io/encoding.h"

namespace shard {
namespace crypto {

namespace {

// How digest() returns its bytes: a Buffer, or a string JS would otherwise
// make from that Buffer right away.
enum DigestOut { kOutBuffer = 0, kOutHex = 1, kOutBase64 = 2, kOutBase64Url = 3, kOutLatin1 = 4 };

v8::MaybeLocal<v8::Value> Encode(Realm *realm, const uint8_t *data, size_t len, int out) {
  v8::Isolate *isolate = realm->isolate();
  switch (out) {
  case kOutHex: {
    std::string s(len * 2, '\0');
    sh_hex_encode(&s[0], data, len);
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(s.data()),
                                      v8::NewStringType::kNormal, static_cast<int>(s.size()))
        .FromMaybe(v8::Local<v8::String>());
  }
  case kOutBase64:
  case kOutBase64Url: {
    bool url = out == kOutBase64Url;
    std::string s(sh_base64_encoded_length(len, url), '\0');
    size_t n = sh_base64_encode(&s[0], data, len, url);
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(s.data()),
                                      v8::NewStringType::kNormal, static_cast<int>(n))
        .FromMaybe(v8::Local<v8::String>());
  }
  case kOutLatin1:
    return v8::String::NewFromOneByte(isolate, data, v8::NewStringType::kNormal, static_cast<int>(len))
        .FromMaybe(v8::Local<v8::String>());
  default:
    return ToBuffer(realm, data, len);
  }
}

// update(data, latin1): data is a string (UTF-8 unless latin1) or bytes.
// Small strings are encoded on the stack; the hot path of createHash with
// short strings should not allocate.
template <typename Fn>
bool WithInput(v8::Isolate *isolate, v8::Local<v8::Value> data, bool latin1, Fn fn) {
  if (data->IsString()) {
    v8::Local<v8::String> s = data.As<v8::String>();
    char stack[1024];
    int len = s->Length();
    if (latin1) {
      if (len <= static_cast<int>(sizeof stack)) {
        s->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(stack), 0, len, v8::String::NO_NULL_TERMINATION);
        return fn(reinterpret_cast<const uint8_t *>(stack), static_cast<size_t>(len));
      }
    } else if (len * 3 <= static_cast<int>(sizeof stack)) {
      int n = s->WriteUtf8(isolate, stack, sizeof stack, nullptr,
                           v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
      return fn(reinterpret_cast<const uint8_t *>(stack), static_cast<size_t>(n));
    }
    std::string storage;
    Bytes b;
    GetBytesOrString(isolate, data, &storage, &b, latin1);
    return fn(b.data, b.len);
  }
  Bytes b;
  if (!GetBytes(data, &b)) {
    return false;
  }
  return fn(b.data, b.len);
}

// ---- Hash ----

class Hash : public Wrap {
 public:
  Hash(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~Hash() override { EVP_MD_CTX_free(ctx); }
  EVP_MD_CTX *ctx = nullptr;
  const EVP_MD *md = nullptr;
  int64_t xof_len = -1; // -1: the digest's own size
};

// new Hash(algorithm | Hash to copy, outputLength or -1)
void HashNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  Hash *source = Wrap::FromValue<Hash>(args[0]);
  const EVP_MD *md = nullptr;
  if (source != nullptr) {
    md = source->md;
  } else {
    md = GetDigest(realm, ToStdString(isolate, args[0]));
  }
  if (md == nullptr) {
    ThrowError(isolate, nullptr, "Digest method not supported");
    return;
  }
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && (source != nullptr ? EVP_MD_CTX_copy_ex(ctx, source->ctx) == 1
                                                 : EVP_DigestInit_ex(ctx, md, nullptr) == 1);
  if (!ok) {
    EVP_MD_CTX_free(ctx);
    ThrowOpenSSLError(isolate, "Digest method not supported");
    return;
  }
  Hash *hash = new Hash(realm, args.This());
  hash->ctx = ctx;
  hash->md = md;
  double xof = args[1]->IsNumber() ? args[1].As<v8::Number>()->Value() : -1;
  hash->xof_len = xof >= 0 ? static_cast<int64_t>(xof) : -1;
}

// update(data, latin1) -> true, or false when OpenSSL failed
void HashUpdate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Hash *hash = Wrap::Unwrap<Hash>(args);
  if (hash == nullptr) {
    return;
  }
  bool ok = WithInput(args.GetIsolate(), args[0], args[1]->IsTrue(), [&](const uint8_t *p, size_t n) {
    return EVP_DigestUpdate(hash->ctx, p, n) == 1;
  });
  args.GetReturnValue().Set(ok);
}

// digest(out kind) -> Buffer or string
void HashDigest(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  Hash *hash = Wrap::Unwrap<Hash>(args);
  if (hash == nullptr) {
    return;
  }
  int out = args[0]->Int32Value(realm->context()).FromMaybe(0);
  size_t size = static_cast<size_t>(EVP_MD_get_size(hash->md));
  bool xof = hash->xof_len >= 0 && static_cast<size_t>(hash->xof_len) != size;
  bool is_xof = (EVP_MD_get_flags(hash->md) & EVP_MD_FLAG_XOF) != 0;
  v8::Local<v8::Value> result;
  if (xof || (is_xof && hash->xof_len >= 0)) {
    size_t len = static_cast<size_t>(hash->xof_len);
    if (len == 0) {
      if (Encode(realm, nullptr, 0, out).ToLocal(&result)) {
        args.GetReturnValue().Set(result);
      }
      return;
    }
    std::vector<uint8_t> buf(len);
    if (!is_xof) {
      // OpenSSL 3.0 fails here without saying why; later versions say this.
      ERR_raise(ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH);
      ThrowOpenSSLError(args.GetIsolate(), "Failed to finalize digest");
      return;
    }
    if (EVP_DigestFinalXOF(hash->ctx, buf.data(), len) != 1) {
      ThrowOpenSSLError(args.GetIsolate(), "Failed to finalize digest");
      return;
    }
    if (Encode(realm, buf.data(), len, out).ToLocal(&result)) {
      args.GetReturnValue().Set(result);
    }
    return;
  }
  uint8_t buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(hash->ctx, buf, &len) != 1) {
    ThrowOpenSSLError(args.GetIsolate(), "Failed to finalize digest");
    return;
  }
  if (Encode(realm, buf, len, out).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// ---- Hmac ----

class Hmac : public Wrap {
 public:
  Hmac(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~Hmac() override { HMAC_CTX_free(ctx); }
  HMAC_CTX *ctx = nullptr;
};

void HmacNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new Hmac(Realm::From(args), args.This());
}

// init(digest name, key bytes | KeyObjectHandle) -> false for an unknown digest
void HmacInit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  Hmac *hmac = Wrap::Unwrap<Hmac>(args);
  if (hmac == nullptr) {
    return;
  }
  const EVP_MD *md = GetDigest(realm, ToStdString(isolate, args[0]));
  if (md == nullptr) {
    args.GetReturnValue().Set(false);
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
  // HMAC_Init_ex treats a NULL key as "reuse the previous one".
  static const uint8_t kEmpty[1] = {0};
  hmac->ctx = HMAC_CTX_new();
  if (hmac->ctx == nullptr ||
      HMAC_Init_ex(hmac->ctx, key.len == 0 ? kEmpty : key.data, static_cast<int>(key.len), md, nullptr) != 1) {
    ThrowOpenSSLError(isolate, "Failed to initialize HMAC");
    return;
  }
  args.GetReturnValue().Set(true);
}

void HmacUpdate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Hmac *hmac = Wrap::Unwrap<Hmac>(args);
  if (hmac == nullptr || hmac->ctx == nullptr) {
    args.GetReturnValue().Set(false);
    return;
  }
  bool ok = WithInput(args.GetIsolate(), args[0], args[1]->IsTrue(), [&](const uint8_t *p, size_t n) {
    return HMAC_Update(hmac->ctx, p, n) == 1;
  });
  args.GetReturnValue().Set(ok);
}

// digest(out kind): a second digest gives nothing, as in Node.
void HmacDigest(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  Hmac *hmac = Wrap::Unwrap<Hmac>(args);
  if (hmac == nullptr) {
    return;
  }
  int out = args[0]->Int32Value(realm->context()).FromMaybe(0);
  uint8_t buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (hmac->ctx != nullptr) {
    if (HMAC_Final(hmac->ctx, buf, &len) != 1) {
      ThrowOpenSSLError(args.GetIsolate(), "Failed to finalize HMAC");
      return;
    }
    HMAC_CTX_free(hmac->ctx);
    hmac->ctx = nullptr;
  }
  v8::Local<v8::Value> result;
  if (Encode(realm, buf, len, out).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// oneShotDigest(algorithm, data, latin1, out kind, xof length or -1) ->
// result, or undefined for an unknown algorithm.
void OneShotDigest(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  const EVP_MD *md = GetDigest(realm, ToStdString(isolate, args[0]));
  if (md == nullptr) {
    return;
  }
  int out = args[3]->Int32Value(realm->context()).FromMaybe(0);
  int64_t xof = args[4]->IsNumber() ? static_cast<int64_t>(args[4].As<v8::Number>()->Value()) : -1;
  size_t size = xof >= 0 ? static_cast<size_t>(xof) : static_cast<size_t>(EVP_MD_get_size(md));
  std::vector<uint8_t> buf(size > 0 ? size : 1);
  bool xof_final = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0 || xof >= 0;
  bool ok = WithInput(isolate, args[1], args[2]->IsTrue(), [&](const uint8_t *p, size_t n) {
    if (!xof_final) {
      unsigned int len = 0;
      return EVP_Digest(p, n, buf.data(), &len, md, nullptr) == 1;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool r = ctx != nullptr && EVP_DigestInit_ex(ctx, md, nullptr) == 1 && EVP_DigestUpdate(ctx, p, n) == 1 &&
             (size == 0 || EVP_DigestFinalXOF(ctx, buf.data(), size) == 1);
    EVP_MD_CTX_free(ctx);
    return r;
  });
  if (!ok) {
    ThrowOpenSSLError(isolate, "Digest method not supported");
    return;
  }
  v8::Local<v8::Value> result;
  if (Encode(realm, buf.data(), size, out).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// A digest of a large input on the pool (Web Crypto's digest): holds the
// input's backing store, which the caller does not change meanwhile.
class DigestJob : public Job {
 public:
  DigestJob(Realm *realm, double id, const EVP_MD *md, std::shared_ptr<v8::BackingStore> store, const uint8_t *data,
            size_t len)
      : Job(realm, id), md_(md), store_(std::move(store)), data_(data), len_(len) {
    EVP_MD_up_ref(const_cast<EVP_MD *>(md_));
  }
  ~DigestJob() override { EVP_MD_free(const_cast<EVP_MD *>(md_)); }

 protected:
  void Run() override {
    if (EVP_Digest(data_, len_, out_, &out_len_, md_, nullptr) != 1) {
      failed_ = true;
      err_ = ERR_get_error();
      message_ = "Digest failed";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override { return ToArrayBuffer(realm->isolate(), out_, out_len_); }

 private:
  const EVP_MD *md_;
  std::shared_ptr<v8::BackingStore> store_;
  const uint8_t *data_;
  size_t len_;
  uint8_t out_[EVP_MAX_MD_SIZE];
  unsigned int out_len_ = 0;
};

// digestJob(algorithm, view, id): completes id with an ArrayBuffer.
void DigestJobStart(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  const EVP_MD *md = GetDigest(realm, ToStdString(isolate, args[0]));
  if (md == nullptr || !args[1]->IsArrayBufferView()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "bad digest arguments");
    return;
  }
  v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
  std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
  const uint8_t *data = static_cast<const uint8_t *>(store->Data()) + view->ByteOffset();
  double id = args[2]->NumberValue(realm->context()).FromMaybe(0);
  (new DigestJob(realm, id, md, std::move(store), data, view->ByteLength()))->Submit();
}

// Size in bytes of a digest (its default output length), or -1 if unknown.
void DigestSize(const v8::FunctionCallbackInfo<v8::Value> &args) {
  const EVP_MD *md = GetDigest(Realm::From(args), ToStdString(args.GetIsolate(), args[0]));
  args.GetReturnValue().Set(md == nullptr ? -1 : EVP_MD_get_size(md));
}

}  // namespace

void InitHash(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  CryptoData *data = GetData(realm);

  v8::Local<v8::FunctionTemplate> hash = NewClass(isolate, HashNew, "Hash");
  SetProto(isolate, hash, "update", HashUpdate);
  SetProto(isolate, hash, "digest", HashDigest);
  data->hash_template.Reset(isolate, hash);
  SetValue(isolate, target, "Hash", hash->GetFunction(context).ToLocalChecked());

  v8::Local<v8::FunctionTemplate> hmac = NewClass(isolate, HmacNew, "Hmac");
  SetProto(isolate, hmac, "init", HmacInit);
  SetProto(isolate, hmac, "update", HmacUpdate);
  SetProto(isolate, hmac, "digest", HmacDigest);
  data->hmac_template.Reset(isolate, hmac);
  SetValue(isolate, target, "Hmac", hmac->GetFunction(context).ToLocalChecked());

  SetMethod(isolate, target, "oneShotDigest", OneShotDigest);
  SetMethod(isolate, target, "digestSize", DigestSize);
  SetMethod(isolate, target, "digestJob", DigestJobStart);
}

}  // namespace crypto
}  // namespace shard
