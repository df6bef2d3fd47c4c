// internalBinding('contextify'): compiling user code. CommonJS modules are
// compiled as functions (no wrapper text, so columns match the file), and
// -e/-p source as a script in the main context.
#include "js/binding.h"
#include "js/realm.h"

namespace shard {

// compileFunction(code, filename, params[]) -> function
static void CompileFunction(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString() || !args[1]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "code and filename must be strings");
    return;
  }
  std::vector<v8::Local<v8::String>> params;
  if (args[2]->IsArray()) {
    v8::Local<v8::Array> list = args[2].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> name;
      if (list->Get(context, i).ToLocal(&name) && name->IsString()) {
        params.push_back(name.As<v8::String>());
      }
    }
  }
  v8::ScriptOrigin origin(isolate, args[1]);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin);
  v8::Local<v8::Function> fn;
  if (v8::ScriptCompiler::CompileFunction(context, &source, params.size(), params.data())
          .ToLocal(&fn)) {
    args.GetReturnValue().Set(fn);
  }
}

// runInThisContext(code, filename) -> completion value
static void RunInThisContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "code must be a string");
    return;
  }
  v8::ScriptOrigin origin(isolate, args[1]->IsString() ? args[1] : Str(isolate, "evalmachine.<anonymous>").As<v8::Value>());
  v8::Local<v8::Script> script;
  if (!v8::Script::Compile(context, args[0].As<v8::String>(), &origin).ToLocal(&script)) {
    return;
  }
  v8::Local<v8::Value> result;
  if (script->Run(context).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// checkSyntax(code, filename, asFunction): throws the SyntaxError, if any.
static void CheckSyntax(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::ScriptOrigin origin(isolate, args[1]);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin);
  v8::Local<v8::String> params[] = {OneByte(isolate, "exports"), OneByte(isolate, "require"),
                                    OneByte(isolate, "module"), OneByte(isolate, "__filename"),
                                    OneByte(isolate, "__dirname")};
  USE(v8::ScriptCompiler::CompileFunction(context, &source, 5, params));
}

static void InitContextify(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "compileFunction", CompileFunction);
  SetMethod(isolate, target, "runInThisContext", RunInThisContext);
  SetMethod(isolate, target, "checkSyntax", CheckSyntax);
}

SH_BINDING(contextify, InitContextify);

}  // namespace shard
