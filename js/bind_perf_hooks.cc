// internalBinding('perf_hooks'): the loop's idle time, for
// performance.eventLoopUtilization() and nodeTiming.idleTime.
//
// perf/ records, per loop thread, the time each turn spent busy (from
// coming back from the kernel to entering it again) and when the current
// turn came back. Everything between loop start and that moment that was
// not busy was spent waiting in the kernel, so
//   idle = (woke - busy) - loopStart,
// and (woke - busy) is a clock that only advances while the loop waits.
#include "js/binding.h"
#include "js/realm.h"
#include "perf/counters.h"

namespace shard {

// loopTimes(Float64Array(3)) fills [started, idle clock (ms), now (ms)], on
// CLOCK_MONOTONIC as process.hrtime. started is 0 until the loop first came
// back from the kernel; the idle clock is meaningless before that.
static void LoopTimes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsFloat64Array() || args[0].As<v8::Float64Array>()->Length() < 3) {
    return;
  }
  v8::Local<v8::Float64Array> arr = args[0].As<v8::Float64Array>();
  double *out = reinterpret_cast<double *>(static_cast<char *>(arr->Buffer()->Data()) + arr->ByteOffset());
  sh_perf_counters_t c;
  sh_perf_read_self(&c);
  out[0] = c.woke_ns != 0 ? 1 : 0;
  out[1] = static_cast<double>(c.woke_ns - c.busy_ns) / 1e6;
  out[2] = static_cast<double>(sh_hrtime()) / 1e6;
}

static void InitPerfHooks(Realm *realm, v8::Local<v8::Object> target) {
  SetMethod(realm->isolate(), target, "loopTimes", LoopTimes);
}

SH_BINDING(perf_hooks, InitPerfHooks);

}  // namespace shard
