// --cpu-prof: V8's sampling CpuProfiler for the realm's whole run, written
// as a .cpuprofile (the JSON of the DevTools protocol's Profiler.Profile,
// which Chrome DevTools and speedscope load), named as node --cpu-prof names
// its files. Libnode's V8 has no serializer for CpuProfile, so the JSON is
// built here from the profile's tree and samples.
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <v8-profiler.h>

#include "js/binding.h"
#include "js/cpu_profile.h"
#include "js/realm.h"
#include "perf/counters.h"

namespace shard {

namespace {

// node --cpu-prof samples every 1000 us unless --cpu-prof-interval says otherwise.
constexpr int kSamplingIntervalUs = 1000;
constexpr const char *kTitle = "shard --cpu-prof";

struct CpuProfileState : BindingData {
  explicit CpuProfileState(Realm *realm) : realm(realm) {}
  ~CpuProfileState() override {
    // A realm torn down without PerfStop: stop sampling before the isolate goes.
    if (profiler != nullptr) {
      profiler->Dispose();
    }
  }
  Realm *realm;
  v8::CpuProfiler *profiler = nullptr;
};

void AppendJsonString(std::string *out, const char *s) {
  out->push_back('"');
  for (const unsigned char *p = reinterpret_cast<const unsigned char *>(s); *p; p++) {
    switch (*p) {
    case '"':
      *out += "\\\"";
      break;
    case '\\':
      *out += "\\\\";
      break;
    case '\n':
      *out += "\\n";
      break;
    case '\r':
      *out += "\\r";
      break;
    case '\t':
      *out += "\\t";
      break;
    default:
      if (*p < 0x20) {
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", *p);
        *out += esc;
      } else {
        out->push_back(static_cast<char>(*p)); // UTF-8 passes through
      }
    }
  }
  out->push_back('"');
}

// Scripts loaded from files are named by absolute path; DevTools (and Node's
// profiles) name them by file: URL.
std::string ScriptUrl(const char *name) {
  if (name == nullptr || name[0] != '/') {
    return name ? name : "";
  }
  std::string url = "file://";
  static const char kHex[] = "0123456789ABCDEF";
  for (const unsigned char *p = reinterpret_cast<const unsigned char *>(name); *p; p++) {
    if (*p == '%' || *p == ' ' || *p == '#' || *p == '?' || *p < 0x20 || *p >= 0x7f) {
      url.push_back('%');
      url.push_back(kHex[*p >> 4]);
      url.push_back(kHex[*p & 15]);
    } else {
      url.push_back(static_cast<char>(*p));
    }
  }
  return url;
}

void AppendNode(std::string *out, const v8::CpuProfileNode *node) {
  const char *fn = node->GetFunctionNameStr();
  char buf[128];
  snprintf(buf, sizeof buf, "{\"id\":%u,\"callFrame\":{\"functionName\":", node->GetNodeId());
  *out += buf;
  AppendJsonString(out, fn != nullptr ? fn : ""); // "" for anonymous functions, as V8's inspector
  snprintf(buf, sizeof buf, ",\"scriptId\":\"%d\",\"url\":", node->GetScriptId());
  *out += buf;
  AppendJsonString(out, ScriptUrl(node->GetScriptResourceNameStr()).c_str());
  // V8 counts lines and columns from 1 (0: none); the protocol from 0 (-1: none).
  snprintf(buf, sizeof buf, ",\"lineNumber\":%d,\"columnNumber\":%d},\"hitCount\":%u",
           node->GetLineNumber() - 1, node->GetColumnNumber() - 1, node->GetHitCount());
  *out += buf;
  int children = node->GetChildrenCount();
  if (children > 0) {
    *out += ",\"children\":[";
    for (int i = 0; i < children; i++) {
      snprintf(buf, sizeof buf, "%s%u", i ? "," : "", node->GetChild(i)->GetNodeId());
      *out += buf;
    }
    *out += "]";
  }
  unsigned lines = node->GetHitLineCount();
  if (lines > 0) {
    std::vector<v8::CpuProfileNode::LineTick> ticks(lines);
    if (node->GetLineTicks(ticks.data(), lines)) {
      *out += ",\"positionTicks\":[";
      for (unsigned i = 0; i < lines; i++) {
        snprintf(buf, sizeof buf, "%s{\"line\":%d,\"ticks\":%u}", i ? "," : "", ticks[i].line,
                 ticks[i].hit_count);
        *out += buf;
      }
      *out += "]";
    }
  }
  *out += "}";
}

std::string ProfileJson(const v8::CpuProfile *profile) {
  std::string out = "{\"nodes\":[";
  // Pre-order, with an explicit stack: deep JS recursion makes deep trees.
  std::vector<const v8::CpuProfileNode *> stack = {profile->GetTopDownRoot()};
  bool first = true;
  while (!stack.empty()) {
    const v8::CpuProfileNode *node = stack.back();
    stack.pop_back();
    if (!first) {
      out += ",";
    }
    first = false;
    AppendNode(&out, node);
    for (int i = node->GetChildrenCount() - 1; i >= 0; i--) {
      stack.push_back(node->GetChild(i));
    }
  }
  char buf[128];
  int64_t start = profile->GetStartTime();
  snprintf(buf, sizeof buf, "],\"startTime\":%lld,\"endTime\":%lld,\"samples\":[",
           static_cast<long long>(start), static_cast<long long>(profile->GetEndTime()));
  out += buf;
  int samples = profile->GetSamplesCount();
  for (int i = 0; i < samples; i++) {
    snprintf(buf, sizeof buf, "%s%u", i ? "," : "", profile->GetSample(i)->GetNodeId());
    out += buf;
  }
  out += "],\"timeDeltas\":[";
  int64_t last = start;
  for (int i = 0; i < samples; i++) {
    int64_t t = profile->GetSampleTimestamp(i);
    snprintf(buf, sizeof buf, "%s%lld", i ? "," : "", static_cast<long long>(t - last));
    out += buf;
    last = t;
  }
  out += "]}";
  return out;
}

// mkdir -p: --cpu-prof-dir may name a directory that does not exist yet.
int MakeDirs(const std::string &dir) {
  std::string path;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    path = dir.substr(0, pos);
    if (path.empty() || mkdir(path.c_str(), 0777) == 0 || errno == EEXIST) {
      continue;
    }
    return -errno;
  }
  return 0;
}

int WriteFile(const std::string &path, const std::string &data) {
  FILE *f = fopen(path.c_str(), "we");
  if (f == nullptr) {
    return -errno;
  }
  size_t n = fwrite(data.data(), 1, data.size(), f);
  int err = n == data.size() ? 0 : -EIO;
  if (fclose(f) != 0 && err == 0) {
    err = -errno;
  }
  return err;
}

}  // namespace

std::string CpuProfileFileName(unsigned pid, unsigned tid, unsigned seq) {
  time_t now = time(nullptr);
  struct tm tm;
  localtime_r(&now, &tm);
  char buf[128];
  snprintf(buf, sizeof buf, "CPU.%04d%02d%02d.%02d%02d%02d.%u.%u.%03u.cpuprofile", tm.tm_year + 1900,
           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, pid, tid, seq);
  return buf;
}

void StartCpuProfile(Realm *realm) {
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  CpuProfileState *state = realm->Data<CpuProfileState>("cpu_profile");
  if (state->profiler != nullptr) {
    return;
  }
  state->profiler = v8::CpuProfiler::New(isolate);
  state->profiler->SetSamplingInterval(kSamplingIntervalUs);
  v8::CpuProfilingOptions options(v8::kLeafNodeLineNumbers, v8::CpuProfilingOptions::kNoSampleLimit);
  v8::CpuProfilingStatus status = state->profiler->StartProfiling(OneByte(isolate, kTitle), options);
  if (status == v8::CpuProfilingStatus::kErrorTooManyProfilers) {
    fprintf(stderr, "shard: --cpu-prof could not start V8's profiler\n");
    state->profiler->Dispose();
    state->profiler = nullptr;
  }
}

int StopCpuProfile(Realm *realm) {
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  CpuProfileState *state = realm->Data<CpuProfileState>("cpu_profile");
  if (state->profiler == nullptr) {
    return 0;
  }
  v8::CpuProfile *profile = state->profiler->StopProfiling(OneByte(isolate, kTitle));
  int err = 0;
  if (profile != nullptr) {
    std::string json = ProfileJson(profile);
    profile->Delete();
    const sh_js_core_options_t *o = realm->options();
    std::string dir = o->cpu_prof_dir != nullptr ? o->cpu_prof_dir : "";
    // <tid>: a core's index (the first is node's main thread, 0), or a Worker's threadId.
    unsigned tid = o->thread_id > 0 ? o->thread_id : o->core;
    std::string path = CpuProfileFileName(static_cast<unsigned>(getpid()), tid, sh_perf_next_seq());
    if (!dir.empty()) {
      err = MakeDirs(dir);
      path = dir + "/" + path;
    }
    if (err == 0) {
      err = WriteFile(path, json);
    }
    if (err < 0) {
      std::string msg = "shard: --cpu-prof could not write " + path + ": " + strerror(-err) + "\n";
      Host()->write_stdio(2, msg.data(), msg.size());
    }
  }
  state->profiler->Dispose();
  state->profiler = nullptr;
  return err;
}

}  // namespace shard
