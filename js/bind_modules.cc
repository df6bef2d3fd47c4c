// internalBinding('modules'): ES module records on top of v8::Module.
//
// A record is a compiled source-text module or a synthetic module (a
// built-in, a CommonJS module or a JSON file seen from ESM) known to JS by a
// small integer id. JS does the policy: it resolves each request of a record
// to another record and hands the ids over with link(); V8's resolve callback
// then only looks them up. Records live as long as the realm, as entries of
// Node's module map do.
#include "js/modules.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

namespace {

struct ModuleRecord {
  v8::Global<v8::Module> module;
  std::string url;
  // "specifier\0key=value\0..." -> id of the linked record.
  std::unordered_map<std::string, int> links;
  bool linked = false;
  // Synthetic modules: their export names and the JS function that
  // returns the values (called when the module is evaluated).
  std::vector<v8::Global<v8::String>> export_names;
  v8::Global<v8::Function> evaluate;
};

struct ModuleTable : BindingData {
  explicit ModuleTable(Realm *) {}
  std::vector<std::unique_ptr<ModuleRecord>> records; // id = index; released slots are null
  std::unordered_multimap<int, int> by_hash;          // identity hash -> id
  v8::Global<v8::Function> import_dynamically;       // (specifier, referrer, attributes) -> promise
  v8::Global<v8::Function> init_import_meta;         // (meta, url)

  int Add(v8::Isolate *isolate, v8::Local<v8::Module> module, std::string url) {
    auto rec = std::make_unique<ModuleRecord>();
    rec->module.Reset(isolate, module);
    rec->url = std::move(url);
    int id = static_cast<int>(records.size());
    records.push_back(std::move(rec));
    by_hash.emplace(module->GetIdentityHash(), id);
    return id;
  }

  int Find(v8::Isolate *isolate, v8::Local<v8::Module> module) {
    auto range = by_hash.equal_range(module->GetIdentityHash());
    for (auto it = range.first; it != range.second; ++it) {
      ModuleRecord *rec = records[it->second].get();
      if (rec != nullptr && rec->module.Get(isolate) == module) {
        return it->second;
      }
    }
    return -1;
  }

  ModuleRecord *Get(int id) {
    if (id < 0 || static_cast<size_t>(id) >= records.size()) {
      return nullptr;
    }
    return records[id].get();
  }
};

ModuleTable *Table(v8::Isolate *isolate) {
  return Realm::From(isolate)->Data<ModuleTable>("modules");
}

// The record named by args[0], or nullptr after throwing.
ModuleRecord *ArgRecord(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  ModuleRecord *rec = nullptr;
  if (args[0]->IsInt32()) {
    rec = Table(isolate)->Get(args[0].As<v8::Int32>()->Value());
  }
  if (rec == nullptr) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "no such module record");
  }
  return rec;
}

// The key under which a request is linked: the specifier and its import
// attributes, which V8 hands over as [key, value, (offset,)...].
std::string RequestKey(v8::Isolate *isolate, v8::Local<v8::Context> context,
                       v8::Local<v8::String> specifier, v8::Local<v8::FixedArray> attrs,
                       int stride) {
  std::string key = ToStdString(isolate, specifier);
  for (int i = 0; i + 1 < attrs->Length(); i += stride) {
    key += '\0';
    key += ToStdString(isolate, attrs->Get(context, i).As<v8::Value>());
    key += '=';
    key += ToStdString(isolate, attrs->Get(context, i + 1).As<v8::Value>());
  }
  return key;
}

v8::Local<v8::Object> AttributesObject(v8::Isolate *isolate, v8::Local<v8::Context> context,
                                       v8::Local<v8::FixedArray> attrs, int stride) {
  v8::Local<v8::Object> obj = v8::Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  for (int i = 0; i + 1 < attrs->Length(); i += stride) {
    v8::Local<v8::Value> k = attrs->Get(context, i).As<v8::Value>();
    v8::Local<v8::Value> v = attrs->Get(context, i + 1).As<v8::Value>();
    USE(obj->CreateDataProperty(context, k.As<v8::Name>(), v));
  }
  return obj;
}

// ---- V8 callbacks ----

v8::MaybeLocal<v8::Module> ResolveModule(v8::Local<v8::Context> context,
                                         v8::Local<v8::String> specifier,
                                         v8::Local<v8::FixedArray> import_assertions,
                                         v8::Local<v8::Module> referrer) {
  v8::Isolate *isolate = context->GetIsolate();
  ModuleTable *table = Table(isolate);
  int id = table->Find(isolate, referrer);
  ModuleRecord *rec = table->Get(id);
  std::string key = RequestKey(isolate, context, specifier, import_assertions, 3);
  if (rec != nullptr) {
    auto it = rec->links.find(key);
    if (it != rec->links.end()) {
      ModuleRecord *child = table->Get(it->second);
      if (child != nullptr) {
        return child->module.Get(isolate);
      }
    }
  }
  std::string msg = "The module '" + ToStdString(isolate, specifier) + "' requested by " +
                    (rec != nullptr ? rec->url : std::string("a module")) + " was not linked";
  ThrowTypeError(isolate, "ERR_VM_MODULE_LINK_FAILURE", msg.c_str());
  return {};
}

v8::MaybeLocal<v8::Value> EvaluateSynthetic(v8::Local<v8::Context> context,
                                            v8::Local<v8::Module> module) {
  v8::Isolate *isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  ModuleTable *table = Table(isolate);
  ModuleRecord *rec = table->Get(table->Find(isolate, module));
  if (rec == nullptr || rec->evaluate.IsEmpty()) {
    ThrowTypeError(isolate, "ERR_VM_MODULE_STATUS", "synthetic module without evaluation steps");
    return {};
  }
  v8::Local<v8::Value> values;
  if (!rec->evaluate.Get(isolate)
           ->Call(context, v8::Undefined(isolate), 0, nullptr)
           .ToLocal(&values)) {
    return {};
  }
  // The values object holds only the exports to set; a name it lacks stays
  // undefined, as a CommonJS export the lexer saw but the module never set.
  if (values->IsObject()) {
    v8::Local<v8::Object> obj = values.As<v8::Object>();
    for (auto &global : rec->export_names) {
      v8::Local<v8::String> name = global.Get(isolate);
      v8::Maybe<bool> has = obj->HasOwnProperty(context, name);
      if (has.IsNothing()) {
        return {};
      }
      if (!has.FromJust()) {
        continue;
      }
      v8::Local<v8::Value> value;
      if (!obj->Get(context, name).ToLocal(&value) ||
          module->SetSyntheticModuleExport(isolate, name, value).IsNothing()) {
        return {};
      }
    }
  }
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver) ||
      resolver->Resolve(context, v8::Undefined(isolate)).IsNothing()) {
    return {};
  }
  return scope.Escape(resolver->GetPromise());
}

v8::MaybeLocal<v8::Promise> ImportDynamically(v8::Local<v8::Context> context,
                                              v8::Local<v8::Data> host_defined_options,
                                              v8::Local<v8::Value> resource_name,
                                              v8::Local<v8::String> specifier,
                                              v8::Local<v8::FixedArray> import_assertions) {
  (void)host_defined_options;
  v8::Isolate *isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  ModuleTable *table = Table(isolate);
  if (table->import_dynamically.IsEmpty()) {
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) {
      return {};
    }
    v8::Local<v8::Value> err =
        v8::Exception::TypeError(Str(isolate, "import() is not available while shard starts"));
    USE(resolver->Reject(context, err));
    return scope.Escape(resolver->GetPromise());
  }
  v8::Local<v8::Value> argv[] = {
      specifier,
      resource_name.IsEmpty() ? v8::Undefined(isolate).As<v8::Value>() : resource_name,
      AttributesObject(isolate, context, import_assertions, 2),
  };
  v8::Local<v8::Value> result;
  if (!table->import_dynamically.Get(isolate)
           ->Call(context, v8::Undefined(isolate), 3, argv)
           .ToLocal(&result)) {
    return {};
  }
  if (!result->IsPromise()) {
    ThrowTypeError(isolate, "ERR_INVALID_RETURN_VALUE", "the import() handler must return a promise");
    return {};
  }
  return scope.Escape(result.As<v8::Promise>());
}

void InitializeImportMeta(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                          v8::Local<v8::Object> meta) {
  v8::Isolate *isolate = context->GetIsolate();
  v8::HandleScope scope(isolate);
  ModuleTable *table = Table(isolate);
  int id = table->Find(isolate, module);
  ModuleRecord *rec = table->Get(id);
  if (rec == nullptr || table->init_import_meta.IsEmpty()) {
    return;
  }
  v8::Local<v8::Value> argv[] = {meta, Str(isolate, rec->url), v8::Integer::New(isolate, id)};
  USE(table->init_import_meta.Get(isolate)->Call(context, v8::Undefined(isolate), 3, argv));
}

// ---- the binding ----

// compileModule(source, url) -> id; throws the SyntaxError.
void CompileModule(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsString() || !args[1]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "source and url must be strings");
    return;
  }
  v8::ScriptOrigin origin(isolate, args[1], 0, 0, false, -1, v8::Local<v8::Value>(), false, false,
                          true);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin);
  v8::Local<v8::Module> module;
  if (!v8::ScriptCompiler::CompileModule(isolate, &source).ToLocal(&module)) {
    return;
  }
  int id = Table(isolate)->Add(isolate, module, ToStdString(isolate, args[1]));
  args.GetReturnValue().Set(id);
}

// createSyntheticModule(url, exportNames[], evaluate) -> id. evaluate() runs
// when the module is evaluated and returns an object of export values.
void CreateSyntheticModule(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString() || !args[1]->IsArray() || !args[2]->IsFunction()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "expected (url, names, evaluate)");
    return;
  }
  v8::Local<v8::Array> list = args[1].As<v8::Array>();
  std::vector<v8::Local<v8::String>> names;
  for (uint32_t i = 0; i < list->Length(); i++) {
    v8::Local<v8::Value> name;
    if (!list->Get(context, i).ToLocal(&name)) {
      return;
    }
    if (!name->IsString()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "export names must be strings");
      return;
    }
    names.push_back(name.As<v8::String>());
  }
  v8::Local<v8::Module> module =
      v8::Module::CreateSyntheticModule(isolate, args[0].As<v8::String>(), names, EvaluateSynthetic);
  ModuleTable *table = Table(isolate);
  int id = table->Add(isolate, module, ToStdString(isolate, args[0]));
  ModuleRecord *rec = table->Get(id);
  rec->linked = true;
  for (auto &name : names) {
    rec->export_names.emplace_back(isolate, name);
  }
  rec->evaluate.Reset(isolate, args[2].As<v8::Function>());
  args.GetReturnValue().Set(id);
}

// getRequests(id) -> [[specifier, attributes], ...] in source order.
void GetRequests(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::FixedArray> requests = rec->module.Get(isolate)->GetModuleRequests();
  v8::Local<v8::Array> out = v8::Array::New(isolate, requests->Length());
  for (int i = 0; i < requests->Length(); i++) {
    v8::Local<v8::ModuleRequest> req = requests->Get(context, i).As<v8::ModuleRequest>();
    v8::Local<v8::Value> pair[] = {
        req->GetSpecifier(), AttributesObject(isolate, context, req->GetImportAssertions(), 3)};
    USE(out->Set(context, i, v8::Array::New(isolate, pair, 2)));
  }
  args.GetReturnValue().Set(out);
}

// link(id, childIds[]): the record each request resolved to, in the order
// getRequests() gave them.
void Link(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[1]->IsArray()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "childIds must be an array");
    return;
  }
  v8::Local<v8::Array> ids = args[1].As<v8::Array>();
  v8::Local<v8::FixedArray> requests = rec->module.Get(isolate)->GetModuleRequests();
  if (static_cast<int>(ids->Length()) != requests->Length()) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "one child id is needed per request");
    return;
  }
  ModuleTable *table = Table(isolate);
  rec->links.clear();
  for (int i = 0; i < requests->Length(); i++) {
    v8::Local<v8::ModuleRequest> req = requests->Get(context, i).As<v8::ModuleRequest>();
    v8::Local<v8::Value> child;
    if (!ids->Get(context, i).ToLocal(&child)) {
      return;
    }
    if (!child->IsInt32() || table->Get(child.As<v8::Int32>()->Value()) == nullptr) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "no such module record");
      return;
    }
    std::string key =
        RequestKey(isolate, context, req->GetSpecifier(), req->GetImportAssertions(), 3);
    rec->links[key] = child.As<v8::Int32>()->Value();
  }
  rec->linked = true;
}

void Instantiate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  USE(rec->module.Get(isolate)->InstantiateModule(isolate->GetCurrentContext(), ResolveModule));
}

// evaluate(id) -> the promise of the module's evaluation (settled already
// unless the graph has top-level await).
void Evaluate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Value> result;
  if (rec->module.Get(isolate)->Evaluate(isolate->GetCurrentContext()).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// evaluateSync(id) -> the namespace; throws what the evaluation threw, and
// returns undefined when it did not finish synchronously (top-level await).
void EvaluateSync(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Module> module = rec->module.Get(isolate);
  v8::Local<v8::Value> result;
  if (!module->Evaluate(isolate->GetCurrentContext()).ToLocal(&result)) {
    return;
  }
  if (result->IsPromise()) {
    v8::Local<v8::Promise> promise = result.As<v8::Promise>();
    switch (promise->State()) {
    case v8::Promise::kRejected: {
      // Thrown to the caller of require() instead. A handler (not just
      // MarkAsHandled) so the rejection tracker hears that it was handled.
      v8::Local<v8::Context> context = isolate->GetCurrentContext();
      v8::Local<v8::Function> noop;
      if (v8::Function::New(context, [](const v8::FunctionCallbackInfo<v8::Value> &) {})
              .ToLocal(&noop)) {
        USE(promise->Catch(context, noop));
      }
      isolate->ThrowException(promise->Result());
      return;
    }
    case v8::Promise::kPending:
      return;
    case v8::Promise::kFulfilled:
      break;
    }
  }
  args.GetReturnValue().Set(module->GetModuleNamespace());
}

// Module::Status as a number: 0 uninstantiated ... 5 errored.
void GetStatus(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec != nullptr) {
    args.GetReturnValue().Set(static_cast<int>(rec->module.Get(args.GetIsolate())->GetStatus()));
  }
}

void GetException(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Local<v8::Module> module = rec->module.Get(args.GetIsolate());
  if (module->GetStatus() == v8::Module::kErrored) {
    args.GetReturnValue().Set(module->GetException());
  }
}

void GetNamespace(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Local<v8::Module> module = rec->module.Get(args.GetIsolate());
  if (module->GetStatus() < v8::Module::kInstantiated) {
    ThrowTypeError(args.GetIsolate(), "ERR_MODULE_NOT_INSTANTIATED",
                   "cannot get the namespace of an uninstantiated module");
    return;
  }
  args.GetReturnValue().Set(module->GetModuleNamespace());
}

void IsGraphAsync(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Local<v8::Module> module = rec->module.Get(args.GetIsolate());
  bool async = module->GetStatus() >= v8::Module::kInstantiated && module->IsGraphAsync();
  args.GetReturnValue().Set(async);
}

// setExport(id, name, value): a synthetic module's live binding changes
// (module.syncBuiltinESMExports()).
void SetExport(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ModuleRecord *rec = ArgRecord(args);
  if (rec == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Module> module = rec->module.Get(isolate);
  if (!args[1]->IsString() || !module->IsSyntheticModule() ||
      module->GetStatus() < v8::Module::kInstantiated) {
    return;
  }
  USE(module->SetSyntheticModuleExport(isolate, args[1].As<v8::String>(), args[2]));
}

// release(id): forgets a record that never became part of the module map
// (its load failed), so V8 can collect it.
void Release(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  ModuleTable *table = Table(isolate);
  if (!args[0]->IsInt32()) {
    return;
  }
  int id = args[0].As<v8::Int32>()->Value();
  ModuleRecord *rec = table->Get(id);
  if (rec == nullptr) {
    return;
  }
  auto range = table->by_hash.equal_range(rec->module.Get(isolate)->GetIdentityHash());
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == id) {
      table->by_hash.erase(it);
      break;
    }
  }
  table->records[id].reset();
}

// getErrorSource(error) -> [arrow, resourceName, sourceLine] for an error
// V8 knows the source position of (a SyntaxError from linking, say), or
// undefined. The arrow is Node's "file:line\nsource\n   ^^^\n".
void GetErrorSource(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Message> message = v8::Exception::CreateMessage(isolate, args[0]);
  v8::Local<v8::String> line;
  if (message.IsEmpty() || !message->GetSourceLine(context).ToLocal(&line)) {
    return;
  }
  std::string source = ToStdString(isolate, line);
  std::string file = ToStdString(isolate, message->GetScriptResourceName());
  int linenum = message->GetLineNumber(context).FromMaybe(0);
  int start = message->GetStartColumn(context).FromMaybe(0);
  int end = message->GetEndColumn(context).FromMaybe(0);
  std::string arrow = file + ":" + std::to_string(linenum) + "\n" + source + "\n";
  if (start >= 0 && start <= end && static_cast<size_t>(end) <= source.size()) {
    for (int i = 0; i < start; i++) {
      arrow += source[i] == '\t' ? '\t' : ' ';
    }
    arrow.append(static_cast<size_t>(end - start), '^');
    arrow += '\n';
  }
  v8::Local<v8::Value> out[] = {Str(isolate, arrow), Str(isolate, file), line};
  args.GetReturnValue().Set(v8::Array::New(isolate, out, 3));
}

// reportUncaught(error, fromPromise): the uncaught-exception path for an
// error whose stack already shows its source (no arrow printed again).
void ReportUncaught(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  realm->HandleException(args[0], v8::Local<v8::Message>(), args[1]->BooleanValue(args.GetIsolate()));
}

// setCallbacks(importModuleDynamically, initializeImportMeta)
void SetCallbacks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  ModuleTable *table = Table(isolate);
  if (args[0]->IsFunction()) {
    table->import_dynamically.Reset(isolate, args[0].As<v8::Function>());
  }
  if (args[1]->IsFunction()) {
    table->init_import_meta.Reset(isolate, args[1].As<v8::Function>());
  }
}

void InitModules(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "compileModule", CompileModule);
  SetMethod(isolate, target, "createSyntheticModule", CreateSyntheticModule);
  SetMethod(isolate, target, "getRequests", GetRequests);
  SetMethod(isolate, target, "link", Link);
  SetMethod(isolate, target, "instantiate", Instantiate);
  SetMethod(isolate, target, "evaluate", Evaluate);
  SetMethod(isolate, target, "evaluateSync", EvaluateSync);
  SetMethod(isolate, target, "getStatus", GetStatus);
  SetMethod(isolate, target, "getException", GetException);
  SetMethod(isolate, target, "getNamespace", GetNamespace);
  SetMethod(isolate, target, "isGraphAsync", IsGraphAsync);
  SetMethod(isolate, target, "setExport", SetExport);
  SetMethod(isolate, target, "release", Release);
  SetMethod(isolate, target, "setCallbacks", SetCallbacks);
  SetMethod(isolate, target, "getErrorSource", GetErrorSource);
  SetMethod(isolate, target, "reportUncaught", ReportUncaught);
  SetInt(isolate, target, "kUninstantiated", v8::Module::kUninstantiated);
  SetInt(isolate, target, "kInstantiating", v8::Module::kInstantiating);
  SetInt(isolate, target, "kInstantiated", v8::Module::kInstantiated);
  SetInt(isolate, target, "kEvaluating", v8::Module::kEvaluating);
  SetInt(isolate, target, "kEvaluated", v8::Module::kEvaluated);
  SetInt(isolate, target, "kErrored", v8::Module::kErrored);
}

}  // namespace

void InitModuleCallbacks(v8::Isolate *isolate) {
  isolate->SetHostImportModuleDynamicallyCallback(ImportDynamically);
  isolate->SetHostInitializeImportMetaObjectCallback(InitializeImportMeta);
}

SH_BINDING(modules, InitModules);

}  // namespace shard
