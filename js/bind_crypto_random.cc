// Random bytes and primes from OpenSSL's CSPRNG: randomFill into a buffer
// (now, or on the pool holding the buffer's backing store), and
// checkPrime/generatePrime.
// First: it configures the OpenSSL headers below.
#include "js/bind_crypto.h"

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <string.h>


namespace shard {
namespace crypto {

namespace {

// The backing store and byte range of a view or ArrayBuffer, kept alive
// while a job writes into it.
struct Target {
  std::shared_ptr<v8::BackingStore> store;
  uint8_t *data = nullptr;
  size_t len = 0;
};

bool GetTarget(v8::Local<v8::Value> value, Target *t) {
  if (value->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> v = value.As<v8::ArrayBufferView>();
    t->store = v->Buffer()->GetBackingStore();
    t->data = static_cast<uint8_t *>(t->store->Data()) + v->ByteOffset();
    t->len = v->ByteLength();
    return true;
  }
  if (value->IsArrayBuffer()) {
    t->store = value.As<v8::ArrayBuffer>()->GetBackingStore();
    t->data = static_cast<uint8_t *>(t->store->Data());
    t->len = t->store->ByteLength();
    return true;
  }
  if (value->IsSharedArrayBuffer()) {
    t->store = value.As<v8::SharedArrayBuffer>()->GetBackingStore();
    t->data = static_cast<uint8_t *>(t->store->Data());
    t->len = t->store->ByteLength();
    return true;
  }
  return false;
}

// RAND_bytes takes an int: fill large ranges in pieces.
bool Fill(uint8_t *p, size_t len) {
  while (len > 0) {
    int n = len > INT32_MAX ? INT32_MAX : static_cast<int>(len);
    if (RAND_bytes(p, n) != 1) {
      return false;
    }
    p += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

class FillJob : public Job {
 public:
  FillJob(Realm *realm, double id, Target t, size_t offset, size_t size)
      : Job(realm, id), t_(std::move(t)), offset_(offset), size_(size) {}

 protected:
  void Run() override {
    if (!Fill(t_.data + offset_, size_)) {
      failed_ = true;
      err_ = ERR_get_error();
      message_ = "Random bytes generation failed";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override { return v8::Undefined(realm->isolate()); }

 private:
  Target t_;
  size_t offset_, size_;
};

// randomFill(buffer, offset, size, id): offset and size were checked by JS.
void RandomFill(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  Target t;
  if (!GetTarget(args[0], &t)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "buffer must be an ArrayBuffer or a view");
    return;
  }
  size_t offset = static_cast<size_t>(args[1]->NumberValue(context).FromMaybe(0));
  size_t size = static_cast<size_t>(args[2]->NumberValue(context).FromMaybe(0));
  if (offset > t.len || size > t.len - offset) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "offset and size are out of range");
    return;
  }
  double id = args[3]->IsNumber() ? args[3].As<v8::Number>()->Value() : -1;
  if (id >= 0) {
    (new FillJob(Realm::From(args), id, std::move(t), offset, size))->Submit();
    return;
  }
  if (!Fill(t.data + offset, size)) {
    ThrowOpenSSLError(isolate, "Random bytes generation failed");
  }
}

// ---- primes ----

BIGNUM *BnFrom(v8::Local<v8::Value> value) {
  Bytes b;
  if (!GetBytes(value, &b)) {
    return nullptr;
  }
  return BN_bin2bn(b.data, static_cast<int>(b.len), nullptr);
}

class PrimeJob : public Job {
 public:
  PrimeJob(Realm *realm, double id) : Job(realm, id) {}
  ~PrimeJob() override {
    BN_free(candidate);
    BN_free(add);
    BN_free(rem);
    BN_free(result);
  }
  // check: candidate and checks; generate: bits, safe, add, rem
  bool check = false;
  BIGNUM *candidate = nullptr;
  int checks = 0;
  int bits = 0;
  bool safe = false;
  BIGNUM *add = nullptr;
  BIGNUM *rem = nullptr;
  BIGNUM *result = nullptr;
  bool is_prime = false;

  // Also used to run now, for the *Sync forms.
  bool Compute() {
    if (check) {
      BN_CTX *ctx = BN_CTX_new();
      int r = BN_check_prime(candidate, ctx, nullptr);
      BN_CTX_free(ctx);
      if (r < 0) {
        return false;
      }
      is_prime = r == 1;
      (void)checks; // OpenSSL 3 picks the number of rounds itself
      return true;
    }
    result = BN_new();
    return BN_generate_prime_ex(result, bits, safe ? 1 : 0, add, rem, nullptr) == 1;
  }

  v8::MaybeLocal<v8::Value> Value(Realm *realm) {
    if (check) {
      return v8::Boolean::New(realm->isolate(), is_prime);
    }
    int len = BN_num_bytes(result);
    v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(realm->isolate(), static_cast<size_t>(len));
    BN_bn2binpad(result, static_cast<uint8_t *>(ab->Data()), len);
    return ab;
  }

 protected:
  void Run() override {
    if (!Compute()) {
      failed_ = true;
      err_ = ERR_get_error();
      message_ = check ? "Prime check failed" : "Prime generation failed";
    }
  }
  v8::MaybeLocal<v8::Value> Result(Realm *realm) override { return Value(realm); }
};

void RunPrime(const v8::FunctionCallbackInfo<v8::Value> &args, PrimeJob *job, double id) {
  if (id >= 0) {
    job->Submit();
    return;
  }
  bool ok = job->Compute();
  if (!ok) {
    ThrowOpenSSLError(args.GetIsolate(), job->check ? "Prime check failed" : "Prime generation failed");
  } else {
    v8::Local<v8::Value> v;
    if (job->Value(Realm::From(args)).ToLocal(&v)) {
      args.GetReturnValue().Set(v);
    }
  }
  delete job;
}

// checkPrime(candidate bytes, checks, id) -> bool
void CheckPrime(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  double id = args[2]->IsNumber() ? args[2].As<v8::Number>()->Value() : -1;
  PrimeJob *job = new PrimeJob(Realm::From(args), id);
  job->check = true;
  job->candidate = BnFrom(args[0]);
  job->checks = args[1]->Int32Value(context).FromMaybe(0);
  RunPrime(args, job, id);
}

// generatePrime(bits, safe, add bytes | undefined, rem bytes | undefined, id) -> ArrayBuffer
void GeneratePrime(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  double id = args[4]->IsNumber() ? args[4].As<v8::Number>()->Value() : -1;
  PrimeJob *job = new PrimeJob(Realm::From(args), id);
  job->bits = args[0]->Int32Value(context).FromMaybe(0);
  job->safe = args[1]->IsTrue();
  job->add = BnFrom(args[2]);
  job->rem = BnFrom(args[3]);
  RunPrime(args, job, id);
}

}  // namespace

void InitRandom(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "randomFill", RandomFill);
  SetMethod(isolate, target, "checkPrime", CheckPrime);
  SetMethod(isolate, target, "generatePrime", GeneratePrime);
}

}  // namespace crypto
}  // namespace shard
