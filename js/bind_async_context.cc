// internalBinding('async_context'): what AsyncLocalStorage needs from V8 to
// carry the async context frame through promises.
//
// V8 calls the JavaScript promise hooks (Context::SetPromiseHooks) when a
// promise is created and around each reaction job; the hooks themselves are
// JS functions (internal/async_hooks.js), cheaper for V8 to call than API
// callbacks. They keep the frame on the promise under a private symbol,
// which no user code can see or reach through a Proxy.
#include <string.h>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

// setPromiseHooks(init, before, after, resolve): each a function or
// undefined (that hook off). All undefined turns promise hooks off.
static void SetPromiseHooks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Function> hooks[4];
  for (int i = 0; i < 4; i++) {
    if (args[i]->IsFunction()) {
      hooks[i] = args[i].As<v8::Function>();
    } else if (!args[i]->IsUndefined()) {
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "promise hooks must be functions");
      return;
    }
  }
  args.GetIsolate()->GetCurrentContext()->SetPromiseHooks(hooks[0], hooks[1], hooks[2], hooks[3]);
}

static void InitAsyncContext(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "setPromiseHooks", SetPromiseHooks);
  // A v8::Private is a symbol V8 flags as private: as a property key it is
  // never listed, copied or forwarded by a Proxy. V8's API has no cast from
  // Private to Value, but the handle points at a Symbol, so the Local is
  // reinterpreted (as Node does to hand private symbols to its built-ins).
  v8::Local<v8::Private> frame = v8::Private::ForApi(isolate, OneByte(isolate, "shard:asyncContextFrame"));
  v8::Local<v8::Value> symbol;
  static_assert(sizeof(symbol) == sizeof(frame), "a Local is one pointer");
  memcpy(static_cast<void *>(&symbol), &frame, sizeof(symbol));
  SetValue(isolate, target, "frameSymbol", symbol);
}

SH_BINDING(async_context, InitAsyncContext);

}  // namespace shard
