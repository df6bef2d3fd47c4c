// internalBinding('perf'): perf/ counters as JS objects (require('shard').stats())
// and --stats, which prints them when the process ends and on SIGUSR2.
#include <signal.h>

#include <string>
#include <vector>

#include "js/binding.h"
#include "js/cpu_profile.h"
#include "js/realm.h"
#include "perf/counters.h"

namespace shard {

namespace {

void SetNumber(v8::Isolate *isolate, v8::Local<v8::Object> obj, const char *name, double v) {
  SetValue(isolate, obj, name, v8::Number::New(isolate, v));
}

// One set of counters as a plain object. Times are in nanoseconds, as
// perf_hooks histograms report them.
v8::Local<v8::Object> CountersObject(v8::Isolate *isolate, const sh_perf_counters_t &c) {
  v8::Local<v8::Object> obj = v8::Object::New(isolate);
  SetNumber(isolate, obj, "loopTurns", static_cast<double>(c.turns));
  SetNumber(isolate, obj, "completions", static_cast<double>(c.completions));
  SetNumber(isolate, obj, "completionsPerTurn",
            c.turns ? static_cast<double>(c.completions) / static_cast<double>(c.turns) : 0);
  SetNumber(isolate, obj, "maxCompletionsPerTurn", static_cast<double>(c.max_batch));
  SetNumber(isolate, obj, "submits", static_cast<double>(c.submits));
  SetNumber(isolate, obj, "cqOverflows", static_cast<double>(c.cq_overflows));
  SetNumber(isolate, obj, "accepted", static_cast<double>(c.accepted));
  SetNumber(isolate, obj, "requests", static_cast<double>(c.requests));
  SetNumber(isolate, obj, "bytesIn", static_cast<double>(c.bytes_in));
  SetNumber(isolate, obj, "bytesOut", static_cast<double>(c.bytes_out));
  SetNumber(isolate, obj, "bufferRingEmpty", static_cast<double>(c.bufring_empty));
  SetNumber(isolate, obj, "fileReadBytes", static_cast<double>(c.file_read_bytes));
  SetNumber(isolate, obj, "spliceBytes", static_cast<double>(c.splice_bytes));
  if (c.bufring_low == UINT64_MAX) {
    SetValue(isolate, obj, "bufferRingLowWater", v8::Null(isolate));
  } else {
    SetNumber(isolate, obj, "bufferRingLowWater", static_cast<double>(c.bufring_low));
  }
  v8::Local<v8::Object> delay = v8::Object::New(isolate);
  SetNumber(isolate, delay, "mean",
            c.turns ? static_cast<double>(c.busy_ns) / static_cast<double>(c.turns) : 0);
  SetNumber(isolate, delay, "p50", static_cast<double>(sh_perf_delay_quantile(&c, 0.5)));
  SetNumber(isolate, delay, "p99", static_cast<double>(sh_perf_delay_quantile(&c, 0.99)));
  SetNumber(isolate, delay, "max", static_cast<double>(c.busy_max_ns));
  SetValue(isolate, obj, "eventLoopDelay", delay);
  return obj;
}

// stats() -> { core: {...}, process: {..., threads}, threads: [{..., core, live}] }
void Stats(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = realm->context();
  v8::Local<v8::Object> result = v8::Object::New(isolate);

  sh_perf_counters_t self;
  sh_perf_read_self(&self);
  v8::Local<v8::Object> core = CountersObject(isolate, self);
  SetInt(isolate, core, "core", realm->options()->core);
  SetValue(isolate, result, "core", core);

  sh_perf_counters_t total;
  unsigned threads = 0;
  sh_perf_total(&total, &threads);
  v8::Local<v8::Object> process = CountersObject(isolate, total);
  SetInt(isolate, process, "threads", threads);
  SetValue(isolate, result, "process", process);

  std::vector<sh_perf_slot_info_t> list(256);
  unsigned n = sh_perf_list(list.data(), static_cast<unsigned>(list.size()));
  v8::Local<v8::Array> each = v8::Array::New(isolate);
  uint32_t k = 0;
  for (unsigned i = 0; i < n; i++) {
    sh_perf_counters_t c;
    if (sh_perf_read(list[i].slot, &c) < 0) {
      continue;
    }
    v8::Local<v8::Object> obj = CountersObject(isolate, c);
    SetValue(isolate, obj, "core",
             list[i].label >= 0 ? v8::Integer::New(isolate, list[i].label).As<v8::Value>()
                                : v8::Null(isolate).As<v8::Value>());
    SetValue(isolate, obj, "live", v8::Boolean::New(isolate, list[i].live));
    USE(each->Set(context, k++, obj));
  }
  SetValue(isolate, result, "threads", each);
  args.GetReturnValue().Set(result);
}

void PrintTable(const char *when) {
  std::string text(4096, '\0');
  size_t n = sh_perf_format(&text[0], text.size(), when);
  if (n >= text.size()) {
    text.resize(n + 1);
    n = sh_perf_format(&text[0], text.size(), when);
  }
  text.resize(n);
  Host()->write_stdio(2, text.data(), text.size());
}

// The SIGUSR2 path of --stats: every core gets the signal (through
// process.emit's caller in the bootstrap); core 0 prints the whole table.
void SignalStats(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  if (realm->options()->stats && realm->options()->core == 0) {
    PrintTable("on SIGUSR2");
  }
}

void InitPerf(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "stats", Stats);
  SetMethod(isolate, target, "signalStats", SignalStats);
}

}  // namespace

void PerfStart(Realm *realm) {
  const sh_js_core_options_t *o = realm->options();
  sh_perf_set_label(static_cast<int>(o->core));
  if (o->stats) {
    // Counted once for the whole process: the last core to end prints.
    sh_perf_stats_expect(o->cores);
    // SIGUSR2 reaches the cores even with no JS listener (and no longer
    // kills the process), only under --stats.
    Host()->signal_listen(SIGUSR2, 1);
  }
  if (o->cpu_prof) {
    StartCpuProfile(realm);
  }
}

void PerfStop(Realm *realm) {
  const sh_js_core_options_t *o = realm->options();
  if (o->cpu_prof) {
    StopCpuProfile(realm);
  }
  if (o->stats) {
    Host()->signal_listen(SIGUSR2, -1);
    if (sh_perf_stats_release()) {
      PrintTable("at exit");
    }
  }
}

SH_BINDING(perf, InitPerf);

}  // namespace shard
