#include "js/platform.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/common.h"

namespace shard {

static double NowSeconds() { return static_cast<double>(sh_hrtime()) / 1e9; }

void ForegroundRunner::PostTask(std::unique_ptr<v8::Task> task) {
  std::lock_guard<std::mutex> guard(lock_);
  if (loop_ == nullptr) {
    return;
  }
  bool was_empty = ready_.empty();
  ready_.push_back(std::move(task));
  if (was_empty) {
    sh_loop_wake(loop_);
  }
}

void ForegroundRunner::PostNonNestableTask(std::unique_ptr<v8::Task> task) {
  // Tasks only ever run from the loop's top level, never nested in JS.
  PostTask(std::move(task));
}

void ForegroundRunner::PostDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) {
  std::lock_guard<std::mutex> guard(lock_);
  if (loop_ == nullptr) {
    return;
  }
  bool earliest = delayed_.empty() || NowSeconds() + delay_in_seconds < delayed_.begin()->first;
  delayed_.emplace(NowSeconds() + delay_in_seconds, std::move(task));
  if (earliest) {
    sh_loop_wake(loop_); // the loop re-arms its timer for the new earliest task
  }
}

void ForegroundRunner::PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task,
                                                  double delay_in_seconds) {
  PostDelayedTask(std::move(task), delay_in_seconds);
}

void ForegroundRunner::PostIdleTask(std::unique_ptr<v8::IdleTask> task) {
  SH_CHECK(!"idle tasks are disabled");
}

int ForegroundRunner::RunPending() {
  std::deque<std::unique_ptr<v8::Task>> batch;
  {
    std::lock_guard<std::mutex> guard(lock_);
    double now = NowSeconds();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      ready_.push_back(std::move(delayed_.begin()->second));
      delayed_.erase(delayed_.begin());
    }
    batch.swap(ready_);
  }
  // Tasks posted while these run go to the next batch (and wake the loop).
  for (auto &task : batch) {
    task->Run();
  }
  return static_cast<int>(batch.size());
}

double ForegroundRunner::NextDelay() {
  std::lock_guard<std::mutex> guard(lock_);
  if (delayed_.empty()) {
    return -1;
  }
  double d = delayed_.begin()->first - NowSeconds();
  return d < 0 ? 0 : d;
}

bool ForegroundRunner::HasReadyTasks() {
  std::lock_guard<std::mutex> guard(lock_);
  return !ready_.empty();
}

void ForegroundRunner::Detach() {
  std::deque<std::unique_ptr<v8::Task>> dropped;
  std::multimap<double, std::unique_ptr<v8::Task>> dropped_delayed;
  {
    std::lock_guard<std::mutex> guard(lock_);
    loop_ = nullptr;
    dropped.swap(ready_);
    dropped_delayed.swap(delayed_);
  }
  // Destroyed outside the lock: a task's destructor may post again.
}

static Platform *g_platform;

Platform *GetPlatform() { return g_platform; }

Platform::Platform(int worker_threads) {
  g_platform = this;
  const char *recycle = getenv("SHARD_PAGE_RECYCLING");
  if (recycle == nullptr || strcmp(recycle, "0") != 0) {
    page_allocator_ = std::make_unique<RecyclingPageAllocator>();
  }
  for (int i = 0; i < worker_threads; i++) {
    threads_.emplace_back([this] { WorkerMain(); });
  }
}

Platform::~Platform() {
  {
    std::lock_guard<std::mutex> guard(lock_);
    quit_ = true;
  }
  cond_.notify_all();
  for (auto &t : threads_) {
    t.join();
  }
}

std::shared_ptr<ForegroundRunner> Platform::Register(v8::Isolate *isolate, sh_loop_t *loop) {
  auto runner = std::make_shared<ForegroundRunner>(loop);
  std::lock_guard<std::mutex> guard(runners_lock_);
  runners_[isolate] = runner;
  return runner;
}

void Platform::Unregister(v8::Isolate *isolate) {
  std::shared_ptr<ForegroundRunner> runner;
  {
    std::lock_guard<std::mutex> guard(runners_lock_);
    auto it = runners_.find(isolate);
    if (it == runners_.end()) {
      return;
    }
    runner = it->second;
    runners_.erase(it);
  }
  runner->Detach();
}

std::shared_ptr<v8::TaskRunner> Platform::GetForegroundTaskRunner(v8::Isolate *isolate) {
  std::lock_guard<std::mutex> guard(runners_lock_);
  auto it = runners_.find(isolate);
  if (it != runners_.end()) {
    return it->second;
  }
  // An isolate being torn down: its tasks are dropped.
  return std::make_shared<ForegroundRunner>(nullptr);
}

void Platform::CallOnWorkerThread(std::unique_ptr<v8::Task> task) {
  {
    std::lock_guard<std::mutex> guard(lock_);
    tasks_.push_back(std::move(task));
  }
  cond_.notify_one();
}

void Platform::CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delay_in_seconds) {
  {
    std::lock_guard<std::mutex> guard(lock_);
    delayed_.emplace(NowSeconds() + delay_in_seconds, std::move(task));
  }
  cond_.notify_all();
}

std::unique_ptr<v8::JobHandle> Platform::PostJob(v8::TaskPriority priority,
                                                 std::unique_ptr<v8::JobTask> job_task) {
  return v8::platform::NewDefaultJobHandle(this, priority, std::move(job_task),
                                           threads_.size());
}

double Platform::MonotonicallyIncreasingTime() { return NowSeconds(); }

double Platform::CurrentClockTimeMillis() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void Platform::WorkerMain() {
  std::unique_lock<std::mutex> guard(lock_);
  for (;;) {
    if (quit_) {
      return;
    }
    double now = NowSeconds();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      tasks_.push_back(std::move(delayed_.begin()->second));
      delayed_.erase(delayed_.begin());
    }
    if (!tasks_.empty()) {
      std::unique_ptr<v8::Task> task = std::move(tasks_.front());
      tasks_.pop_front();
      guard.unlock();
      task->Run();
      task.reset();
      guard.lock();
      continue;
    }
    if (delayed_.empty()) {
      cond_.wait(guard);
    } else {
      double wait = delayed_.begin()->first - now;
      cond_.wait_for(guard, std::chrono::duration<double>(wait));
    }
  }
}

}  // namespace shard
