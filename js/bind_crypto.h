// What the files of internalBinding('crypto') share: OpenSSL set-up, the
// per-realm cache of fetched algorithms, C++ objects owned by JS wrappers,
// OpenSSL errors shaped like Node's, and jobs on the core's blocking pool.
//
// The binding is split by area (bind_crypto_hash.cc, _cipher, _keys, _kdf,
// _random, _dh, _webcrypto); bind_crypto.cc registers it and calls each
// area's Init. Every algorithm comes from OpenSSL 3: nothing here computes
// cryptography itself.
#ifndef SH_JS_BIND_CRYPTO_H
#define SH_JS_BIND_CRYPTO_H

// The classic RSA/EC/DH structures are deprecated in OpenSSL 3 but remain
// the plainest way to do what Node's API asks (ECDH.setPrivateKey, DH with a
// caller's prime, PKCS#1 exports); they are still part of OpenSSL 3.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/err.h>
#include <openssl/evp.h>
#include <v8.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "io/loop.h"
#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace crypto {

class Wrap;

// Per-realm state of the binding: the wrappers still alive (freed with the
// realm if the collector has not freed them first) and the algorithms
// fetched from OpenSSL's providers, cached by the name JS used.
struct CryptoData : BindingData {
  explicit CryptoData(Realm *) {}
  ~CryptoData() override;
  std::unordered_set<Wrap *> live;
  std::unordered_map<std::string, EVP_MD *> mds;
  std::unordered_map<std::string, EVP_CIPHER *> ciphers;
  v8::Global<v8::FunctionTemplate> key_template; // KeyObjectHandle
  v8::Global<v8::FunctionTemplate> hash_template;
  v8::Global<v8::FunctionTemplate> hmac_template;
};
CryptoData *GetData(Realm *realm);

// A C++ object owned by a JS object (internal field 0): deleted when the
// wrapper is collected or when the realm ends, whichever comes first.
class Wrap {
 public:
  Wrap(Realm *realm, v8::Local<v8::Object> object);
  virtual ~Wrap() = default;
  Wrap(const Wrap &) = delete;
  Wrap &operator=(const Wrap &) = delete;

  v8::Local<v8::Object> object() { return object_.Get(realm_->isolate()); }
  Realm *realm() const { return realm_; }

  // The C++ object behind args.This(), or nullptr with a TypeError thrown.
  template <typename T>
  static T *Unwrap(const v8::FunctionCallbackInfo<v8::Value> &args) {
    return static_cast<T *>(UnwrapObject(args.GetIsolate(), args.This()));
  }
  // The object behind any wrapper value, or nullptr (nothing thrown).
  template <typename T>
  static T *FromValue(v8::Local<v8::Value> value) {
    return static_cast<T *>(Peek(value));
  }

  // Memory outside the V8 heap that this object holds, reported to V8 so
  // that many small wrappers holding large OpenSSL contexts get collected.
  void ReportMemory(int64_t bytes);

 private:
  static void *UnwrapObject(v8::Isolate *isolate, v8::Local<v8::Object> self);
  static void *Peek(v8::Local<v8::Value> value);
  static void OnGc(const v8::WeakCallbackInfo<Wrap> &info);
  static void Delete(const v8::WeakCallbackInfo<Wrap> &info);
  friend struct CryptoData;

  Realm *realm_;
  v8::Global<v8::Object> object_;
  int64_t external_ = 0;
};

// A function template whose instances have one internal field.
v8::Local<v8::FunctionTemplate> NewClass(v8::Isolate *isolate, v8::FunctionCallback ctor, const char *name);
void SetProto(v8::Isolate *isolate, v8::Local<v8::FunctionTemplate> t, const char *name,
              v8::FunctionCallback fn);

// ---- algorithms ----
// The digest or cipher that Node's name refers to (aliases and any letter
// case, as OpenSSL's name lookup accepts), fetched once per realm; nullptr
// when OpenSSL has none.
const EVP_MD *GetDigest(Realm *realm, const std::string &name);
const EVP_CIPHER *GetCipher(Realm *realm, const std::string &name);

// ---- bytes ----
struct Bytes {
  const uint8_t *data = nullptr;
  size_t len = 0;
};
// The bytes of an ArrayBufferView, ArrayBuffer or SharedArrayBuffer; false
// for any other value. Valid while the value lives and is not detached.
bool GetBytes(v8::Local<v8::Value> value, Bytes *out);
// Bytes of a value that may also be a string (UTF-8, or latin1 with
// latin1 = true); the string's bytes are copied into storage.
bool GetBytesOrString(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string *storage, Bytes *out,
                      bool latin1 = false);
// A Buffer holding a copy of the bytes (empty with an exception pending).
v8::MaybeLocal<v8::Value> ToBuffer(Realm *realm, const uint8_t *data, size_t len);
// A Buffer over malloc'd bytes, which it takes (freed on failure too).
v8::MaybeLocal<v8::Value> TakeBuffer(Realm *realm, uint8_t *data, size_t len);
// An ArrayBuffer holding a copy of the bytes.
v8::Local<v8::ArrayBuffer> ToArrayBuffer(v8::Isolate *isolate, const uint8_t *data, size_t len);

// ---- errors ----
// The Error Node makes for an OpenSSL error code: message as OpenSSL's
// error string ("error:1C800064:Provider routines::bad decrypt"), with
// library, reason and code ('ERR_OSSL_BAD_DECRYPT') set. Falls back to
// `fallback` when err is 0.
v8::Local<v8::Value> OpenSSLError(v8::Isolate *isolate, unsigned long err, const char *fallback);
// Sets library, reason and code of OpenSSL error err on an error object
// (code only where OpenSSL knows the reason, as Node).
void DecorateOpenSSLError(v8::Isolate *isolate, v8::Local<v8::Object> obj, unsigned long err);
// Throws the newest error on this thread's OpenSSL queue (with the others
// in opensslErrorStack) and clears the queue.
void ThrowOpenSSLError(v8::Isolate *isolate, const char *fallback);
// The queue's newest error, and the queue cleared (for jobs on the pool).
unsigned long TakeOpenSSLError();
// Throws new Error(message) with err.code = code (code may be nullptr).
void ThrowError(v8::Isolate *isolate, const char *code, const char *message);

// ---- jobs on the core's blocking pool ----
// An operation that runs on a pool thread and completes through the
// completion batch: JS registered `id` (internal/loop register) and gets
// (0, index of the result in completionValues) or (-1, index of an Error).
class Job {
 public:
  Job(Realm *realm, double id) : realm_(realm), id_(id) {}
  virtual ~Job() = default;
  // Queues the job; it owns itself from here and is deleted after completing.
  void Submit();

 protected:
  // Pool thread: no V8 here. Sets err_ (an OpenSSL code) or message_ on failure.
  virtual void Run() = 0;
  // Loop thread: the value JS receives.
  virtual v8::MaybeLocal<v8::Value> Result(Realm *realm) = 0;

  unsigned long err_ = 0;
  std::string message_; // used when err_ is 0 and the job failed
  bool failed_ = false;

 private:
  static void RunCb(sh_work_t *w);
  static void DoneCb(sh_work_t *w, int status);
  sh_work_t work_{};
  Realm *realm_;
  double id_;
};

// ---- the areas ----
void InitHash(Realm *realm, v8::Local<v8::Object> target);
void InitCipher(Realm *realm, v8::Local<v8::Object> target);
void InitKeys(Realm *realm, v8::Local<v8::Object> target);
void InitSign(Realm *realm, v8::Local<v8::Object> target);
void InitKdf(Realm *realm, v8::Local<v8::Object> target);
void InitRandom(Realm *realm, v8::Local<v8::Object> target);
void InitDh(Realm *realm, v8::Local<v8::Object> target);

// The prime of a named MODP group (modp1, modp2, modp5, modp14-18), or nullptr.
struct bignum_st *DhGroupPrime(const std::string &name);

// ---- keys (bind_crypto_keys.cc), for the other areas ----
enum KeyType { kKeyTypeSecret = 0, kKeyTypePublic = 1, kKeyTypePrivate = 2 };

class KeyHandle : public Wrap {
 public:
  KeyHandle(Realm *realm, v8::Local<v8::Object> object) : Wrap(realm, object) {}
  ~KeyHandle() override;
  KeyType type = kKeyTypeSecret;
  std::vector<uint8_t> secret; // cleansed on free
  EVP_PKEY *pkey = nullptr;    // owned
};
// A new KeyObjectHandle holding pkey (taken) or the secret bytes.
v8::MaybeLocal<v8::Object> NewKeyHandle(Realm *realm, KeyType type, EVP_PKEY *pkey);
v8::MaybeLocal<v8::Object> NewSecretKeyHandle(Realm *realm, const uint8_t *data, size_t len);
// The key behind a KeyObjectHandle value, or nullptr.
KeyHandle *GetKeyHandle(v8::Local<v8::Value> value);

// Encodes a key as JS asked ({format, type, cipher, passphrase} already
// checked by JS): a string for PEM, a Buffer for DER. Empty with an
// exception pending on failure.
struct KeyEncoding {
  bool pem = true;
  std::string type; // pkcs1, spki, pkcs8, sec1
  const EVP_CIPHER *cipher = nullptr;
  std::string passphrase;
  bool has_passphrase = false;
};
v8::MaybeLocal<v8::Value> ExportKey(Realm *realm, EVP_PKEY *pkey, bool private_part, const KeyEncoding &enc);
// Reads a KeyEncoding from JS values (format, type, cipherName, passphrase).
bool ReadKeyEncoding(Realm *realm, const v8::FunctionCallbackInfo<v8::Value> &args, int first,
                     KeyEncoding *enc);

}  // namespace crypto
}  // namespace shard

#endif
