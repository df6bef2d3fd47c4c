// internalBinding('tty_wrap'): is a descriptor a terminal, and its size.
#include <sys/ioctl.h>
#include <unistd.h>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

static void IsATTY(const v8::FunctionCallbackInfo<v8::Value> &args) {
  int fd = args[0]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(-1);
  args.GetReturnValue().Set(fd >= 0 && isatty(fd) == 1);
}

// getWindowSize(fd, [cols, rows]) -> 0 or -errno, filling the array.
static void GetWindowSize(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  int fd = args[0]->Int32Value(context).FromMaybe(-1);
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  if (args[1]->IsArray()) {
    v8::Local<v8::Array> out = args[1].As<v8::Array>();
    USE(out->Set(context, 0, v8::Integer::New(isolate, ws.ws_col)));
    USE(out->Set(context, 1, v8::Integer::New(isolate, ws.ws_row)));
  }
  args.GetReturnValue().Set(0);
}

static void InitTty(Realm *realm, v8::Local<v8::Object> target) {
  SetMethod(realm->isolate(), target, "isatty", IsATTY);
  SetMethod(realm->isolate(), target, "getWindowSize", GetWindowSize);
}

SH_BINDING(tty_wrap, InitTty);

}  // namespace shard
