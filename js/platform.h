// shard's v8::Platform. Foreground tasks of an isolate run on its core's loop:
// a poster on any thread appends to the isolate's locked queue and wakes the
// loop only when the queue goes from empty to non-empty. Delayed tasks become
// loop timers. Background tasks run on a small pool of worker threads.
#ifndef SH_JS_PLATFORM_H
#define SH_JS_PLATFORM_H

#include <libplatform/libplatform.h>
#include <v8-platform.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "io/loop.h"
#include "js/page_allocator.h"

namespace shard {

// The foreground task queue of one isolate. Shared (shared_ptr) between the
// platform, V8 and the Realm; outlives the loop, so posting after the loop
// ended only drops the task.
class ForegroundRunner : public v8::TaskRunner {
 public:
  explicit ForegroundRunner(sh_loop_t *loop) : loop_(loop) {}

  void PostTask(std::unique_ptr<v8::Task> task) override;
  void PostNonNestableTask(std::unique_ptr<v8::Task> task) override;
  void PostDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) override;
  void PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) override;
  void PostIdleTask(std::unique_ptr<v8::IdleTask> task) override;
  bool IdleTasksEnabled() override { return false; }
  bool NonNestableTasksEnabled() const override { return true; }
  bool NonNestableDelayedTasksEnabled() const override { return true; }

  // Loop thread: runs the tasks that are due; returns how many ran.
  int RunPending();
  // Loop thread: seconds until the next delayed task (< 0: none).
  double NextDelay();
  bool HasReadyTasks();
  // The loop ended: later posts are dropped.
  void Detach();

 private:
  std::mutex lock_;
  sh_loop_t *loop_;
  std::deque<std::unique_ptr<v8::Task>> ready_;
  std::multimap<double, std::unique_ptr<v8::Task>> delayed_; // by due time (seconds)
};

class Platform : public v8::Platform {
 public:
  explicit Platform(int worker_threads);
  ~Platform() override;

  // Loop thread: the isolate's tasks run on this loop from now on.
  std::shared_ptr<ForegroundRunner> Register(v8::Isolate *isolate, sh_loop_t *loop);
  void Unregister(v8::Isolate *isolate);

  int NumberOfWorkerThreads() override { return static_cast<int>(threads_.size()); }
  std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate *isolate) override;
  void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override;
  void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delay_in_seconds) override;
  bool IdleTasksEnabled(v8::Isolate *isolate) override { return false; }
  std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority,
                                         std::unique_ptr<v8::JobTask> job_task) override;
  double MonotonicallyIncreasingTime() override;
  double CurrentClockTimeMillis() override;
  v8::TracingController *GetTracingController() override { return &tracing_; }
  // V8's heap pages: recycled between isolates (js/page_allocator.h), unless
  // SHARD_PAGE_RECYCLING=0.
  v8::PageAllocator *GetPageAllocator() override { return page_allocator_.get(); }
  // Around an isolate's Dispose (RecyclingPageAllocator::BeginDispose).
  void BeginIsolateDispose() {
    if (page_allocator_) {
      page_allocator_->BeginDispose();
    }
  }
  void EndIsolateDispose() {
    if (page_allocator_) {
      page_allocator_->EndDispose();
    }
  }

 private:
  void WorkerMain();

  std::mutex runners_lock_;
  std::unordered_map<v8::Isolate *, std::shared_ptr<ForegroundRunner>> runners_;

  std::mutex lock_;
  std::condition_variable cond_;
  std::deque<std::unique_ptr<v8::Task>> tasks_;
  std::multimap<double, std::unique_ptr<v8::Task>> delayed_;
  bool quit_ = false;
  std::vector<std::thread> threads_;
  v8::TracingController tracing_;
  std::unique_ptr<RecyclingPageAllocator> page_allocator_; // null: V8's own
};

Platform *GetPlatform();

}  // namespace shard
#endif
