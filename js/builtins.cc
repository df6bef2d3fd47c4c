// Compiling the embedded built-ins: internalBinding('builtins').
#include "js/builtins.h"

#include <string.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"
#include "js/snapshot.h"

namespace shard {

namespace {

// A built-in's source as a V8 string without a copy: the bytes live in the
// binary. One wrapper per built-in serves every string of every isolate and
// lives as long as the process (a snapshot names it: js/snapshot.h).
class StaticSource : public v8::String::ExternalOneByteStringResource {
 public:
  StaticSource(const char *data, size_t length) : data_(data), length_(length) {}
  const char *data() const override { return data_; }
  size_t length() const override { return length_; }

 protected:
  void Dispose() override {} // shared: a string's death does not end it

 private:
  const char *data_;
  size_t length_;
};

const std::unordered_map<std::string, const BuiltinSource *> &Index() {
  static const auto *index = [] {
    auto *m = new std::unordered_map<std::string, const BuiltinSource *>();
    for (size_t i = 0; i < kBuiltinCount; i++) {
      m->emplace(kBuiltins[i].id, &kBuiltins[i]);
    }
    return m;
  }();
  return *index;
}

}  // namespace

const BuiltinSource *FindBuiltin(const char *id, size_t len) {
  auto it = Index().find(std::string(id, len));
  return it == Index().end() ? nullptr : it->second;
}

static StaticSource *SharedSource(const BuiltinSource *src) {
  static std::mutex lock;
  static std::unordered_map<const BuiltinSource *, StaticSource *> *sources =
      new std::unordered_map<const BuiltinSource *, StaticSource *>(); // never freed
  std::lock_guard<std::mutex> guard(lock);
  StaticSource *&source = (*sources)[src];
  if (source == nullptr) {
    source = new StaticSource(src->source, src->length); // never freed
    RegisterExternalReference(source);
  }
  return source;
}

static v8::Local<v8::String> SourceString(v8::Isolate *isolate, const BuiltinSource *src) {
  if (src->ascii) {
    return v8::String::NewExternalOneByte(isolate, SharedSource(src)).ToLocalChecked();
  }
  return v8::String::NewFromUtf8(isolate, src->source, v8::NewStringType::kNormal,
                                 static_cast<int>(src->length))
      .ToLocalChecked();
}

// ---- the code cache of the built-ins, shared by the realms of the process ----
// A realm compiles built-ins lazily and remembers them. When it starts a
// Worker or a cluster copy (ShareBuiltinCodeCache), it leaves V8's code cache
// of each here, with the bytecode of every function that ran so far; the new
// realms deserialize it instead of parsing the sources again (half of a
// Worker's start). The first Workers to end leave fuller caches
// (RefreshBuiltinCodeCache): the functions only a Worker runs are then
// compiled once, not in every Worker. Readers hold an entry's bytes by
// shared_ptr, so replacing it never pulls them from under a compile.
struct BuiltinCodeCache {
  std::mutex lock;
  std::unordered_map<std::string, std::shared_ptr<const std::vector<uint8_t>>> entries;
};

static BuiltinCodeCache &CodeCache() {
  static auto *cache = new BuiltinCodeCache(); // process-wide, never freed
  return *cache;
}

// The built-ins this realm compiled: those without a cache wait in `fresh`
// for ShareBuiltinCodeCache; all of them stay in `all` (for a refresh).
struct CompiledBuiltins : BindingData {
  explicit CompiledBuiltins(Realm *) {}
  ~CompiledBuiltins() override {
    for (auto &entry : all) {
      entry.second.Reset();
    }
  }
  std::vector<std::pair<std::string, v8::Global<v8::Function>>> all;
  std::vector<size_t> fresh; // indexes into all
};

// Stores the code cache of fn under key: when none is there yet, or (replace)
// when it holds more than the one there (more functions compiled).
static void StoreCodeCache(v8::Local<v8::Function> fn, const std::string &key, bool replace) {
  {
    BuiltinCodeCache &cache = CodeCache();
    std::lock_guard<std::mutex> guard(cache.lock);
    if (!replace && cache.entries.count(key) > 0) {
      return;
    }
  }
  std::unique_ptr<v8::ScriptCompiler::CachedData> data(v8::ScriptCompiler::CreateCodeCacheForFunction(fn));
  if (data == nullptr || data->length <= 0) {
    return;
  }
  auto bytes = std::make_shared<const std::vector<uint8_t>>(data->data, data->data + data->length);
  BuiltinCodeCache &cache = CodeCache();
  std::lock_guard<std::mutex> guard(cache.lock);
  auto &slot = cache.entries[key];
  if (!slot || (replace && bytes->size() > slot->size() + slot->size() / 20)) {
    slot = std::move(bytes);
  }
}

void ShareBuiltinCodeCache(Realm *realm) {
  auto *compiled = realm->Data<CompiledBuiltins>("builtins.compiled");
  if (compiled->fresh.empty()) {
    return;
  }
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  for (size_t index : compiled->fresh) {
    auto &entry = compiled->all[index];
    StoreCodeCache(entry.second.Get(isolate), entry.first, false);
  }
  compiled->fresh.clear();
}

void RefreshBuiltinCodeCache(Realm *realm) {
  auto *compiled = realm->Data<CompiledBuiltins>("builtins.compiled");
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  for (auto &entry : compiled->all) {
    StoreCodeCache(entry.second.Get(isolate), entry.first, true);
  }
  compiled->fresh.clear();
}

// compileFunction(id, [param names]) -> the built-in's body as a function.
static void CompileFunction(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string id = ToStdString(isolate, args[0]);
  const BuiltinSource *src = FindBuiltin(id.data(), id.size());
  if (src == nullptr) {
    ThrowTypeError(isolate, "ERR_UNKNOWN_BUILTIN_MODULE", ("No such built-in module: " + id).c_str());
    return;
  }
  std::vector<v8::Local<v8::String>> params;
  if (args[1]->IsArray()) {
    v8::Local<v8::Array> list = args[1].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> name;
      if (list->Get(context, i).ToLocal(&name) && name->IsString()) {
        params.push_back(name.As<v8::String>());
      }
    }
  }
  std::string url = "node:" + id;
  v8::ScriptOrigin origin(isolate, Str(isolate, url));
  std::string key = id + "/" + std::to_string(params.size());
  std::shared_ptr<const std::vector<uint8_t>> cached; // held until the compile is done
  {
    BuiltinCodeCache &cache = CodeCache();
    std::lock_guard<std::mutex> guard(cache.lock);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end()) {
      cached = it->second;
    }
  }
  v8::ScriptCompiler::CachedData *data =
      cached == nullptr ? nullptr
                        : new v8::ScriptCompiler::CachedData(cached->data(), static_cast<int>(cached->size()),
                                                             v8::ScriptCompiler::CachedData::BufferNotOwned);
  v8::ScriptCompiler::Source source(SourceString(isolate, src), origin, data); // owns data
  v8::Local<v8::Function> fn;
  if (!v8::ScriptCompiler::CompileFunction(context, &source, params.size(), params.data(), 0, nullptr,
                                           data != nullptr ? v8::ScriptCompiler::kConsumeCodeCache
                                                           : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&fn)) {
    return;
  }
  auto *compiled = Realm::From(isolate)->Data<CompiledBuiltins>("builtins.compiled");
  if (data == nullptr) {
    compiled->fresh.push_back(compiled->all.size());
  }
  compiled->all.emplace_back(key, v8::Global<v8::Function>(isolate, fn));
  args.GetReturnValue().Set(fn);
}

static void HasBuiltin(const v8::FunctionCallbackInfo<v8::Value> &args) {
  std::string id = ToStdString(args.GetIsolate(), args[0]);
  args.GetReturnValue().Set(FindBuiltin(id.data(), id.size()) != nullptr);
}

static void InitBuiltins(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "compileFunction", CompileFunction);
  SetMethod(isolate, target, "hasBuiltin", HasBuiltin);
  v8::Local<v8::Array> ids = v8::Array::New(isolate, static_cast<int>(kBuiltinCount));
  for (size_t i = 0; i < kBuiltinCount; i++) {
    USE(ids->Set(isolate->GetCurrentContext(), static_cast<uint32_t>(i),
                 OneByte(isolate, kBuiltins[i].id)));
  }
  SetValue(isolate, target, "ids", ids);
}

SH_BINDING(builtins, InitBuiltins);

}  // namespace shard
