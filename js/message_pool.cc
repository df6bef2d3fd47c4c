// Where Messages (js/messaging.h) live: chunks recycled between threads.
//
// A message is allocated by its sender's thread and freed by its receiver's.
// Through malloc that is a cross-thread free per message: glibc returns the
// chunk to the sender's arena under the arena's lock, which the sender holds
// for its next malloc, and a storm between two threads turns into lock
// handoffs and futex calls. Here each thread has a pool of fixed-size
// chunks; a chunk freed on another thread goes back onto its pool's
// `returned` stack (one compare-and-swap), and the owner takes that stack
// whole (one exchange) when its own free list runs dry. Pushing one node and
// taking the whole stack cannot suffer ABA, so no tags are needed.
//
// A pool outlives its thread: messages it allocated may still be queued
// anywhere. At thread exit the pool frees what it holds and is parked for
// the next thread to adopt; so there are never more pools than there were
// threads at once, and each keeps at most about 2 x kPoolCap chunks.
#include <stddef.h>
#include <stdlib.h>

#include <atomic>
#include <mutex>
#include <new>
#include <vector>

#include "io/common.h"
#include "js/messaging.h"

namespace shard {

namespace {

// A chunk is two cache lines, line-aligned: its header, the control block
// of the message's shared_ptr and the message's fields fill the first
// (js/messaging.h lays Message out for this), its `small` bytes the second.
constexpr size_t kChunkBytes = 128;
constexpr size_t kChunkAlign = 64;
constexpr int kPoolCap = 4096; // chunks a pool keeps, on each of its two lists (a storm keeps thousands in flight; at most 1.5 MiB a thread)
constexpr int kTakeReturned = 32; // chunks given back before the owner takes them

struct MessagePool;

// Precedes every chunk's payload. While the chunk is free, `next` (in the
// payload's place) links it into a list.
struct ChunkHeader {
  MessagePool *pool; // null: a plain malloc (an odd size)
  ChunkHeader *next;
};
constexpr size_t kHeaderBytes = offsetof(ChunkHeader, next);
constexpr size_t kChunkSize = kChunkBytes - kHeaderBytes; // payload bytes
// The control block: a vtable pointer and two counts.
static_assert(sizeof(Message) + 16 <= kChunkSize, "a Message and its control block fit a chunk");

// The other threads' side (`returned`) and the owner's (`local`) are on
// separate cache lines: a receiver handing a chunk back must not take the
// line the sender allocates from.
struct MessagePool {
  alignas(64) std::atomic<ChunkHeader *> returned{nullptr}; // freed by other threads
  std::atomic<int> returned_count{0};                       // about how many: a cap, not a tally
  alignas(64) ChunkHeader *local = nullptr;                 // owner thread only
  int local_count = 0;
};

ChunkHeader *HeaderOf(void *payload) {
  return reinterpret_cast<ChunkHeader *>(static_cast<char *>(payload) - kHeaderBytes);
}

void *PayloadOf(ChunkHeader *h) { return reinterpret_cast<char *>(h) + kHeaderBytes; }

// A pool chunk is aligned by hand inside a plain malloc (glibc's
// aligned_alloc is several times slower, and a storm allocates many): the
// malloc'd address sits in the word before the chunk.
ChunkHeader *NewChunk() {
  char *raw = static_cast<char *>(sh_xmalloc(kChunkBytes + kChunkAlign));
  auto chunk = (reinterpret_cast<uintptr_t>(raw) + sizeof(void *) + kChunkAlign - 1) & ~(kChunkAlign - 1);
  reinterpret_cast<char **>(chunk)[-1] = raw;
  return reinterpret_cast<ChunkHeader *>(chunk);
}

// Frees a chunk of a pool (not a plain one: pool == null).
void FreeChunk(ChunkHeader *h) { free(reinterpret_cast<char **>(h)[-1]); }

void FreeList(ChunkHeader *list) {
  while (list != nullptr) {
    ChunkHeader *next = list->next;
    FreeChunk(list);
    list = next;
  }
}

// Pools of ended threads, waiting for a new thread (process-wide, never freed).
struct ParkedPools {
  std::mutex lock;
  std::vector<MessagePool *> pools;
};

ParkedPools &Parked() {
  static auto *parked = new ParkedPools();
  return *parked;
}

// This thread's pool, adopted or made on first use and parked at thread exit.
class ThreadPool {
 public:
  MessagePool *Get() {
    if (pool_ == nullptr) {
      ParkedPools &parked = Parked();
      std::lock_guard<std::mutex> guard(parked.lock);
      if (!parked.pools.empty()) {
        pool_ = parked.pools.back();
        parked.pools.pop_back();
      } else {
        pool_ = new MessagePool(); // lives as long as the process (parked when idle)
      }
    }
    return pool_;
  }
  MessagePool *Peek() const { return pool_; }
  ~ThreadPool() {
    if (pool_ == nullptr) {
      return;
    }
    FreeList(pool_->local);
    pool_->local = nullptr;
    pool_->local_count = 0;
    ParkedPools &parked = Parked();
    std::lock_guard<std::mutex> guard(parked.lock);
    parked.pools.push_back(pool_);
    pool_ = nullptr; // a message freed later on this thread goes back as a stranger's
  }

 private:
  MessagePool *pool_ = nullptr;
};

thread_local ThreadPool t_pool;

void *TakeChunk(size_t bytes) {
  if (bytes > kChunkSize) {
    auto *h = static_cast<ChunkHeader *>(sh_xmalloc(kHeaderBytes + bytes));
    h->pool = nullptr;
    return PayloadOf(h);
  }
  MessagePool *pool = t_pool.Get();
  // The chunks other threads gave back are taken a few dozen at a time: in
  // a ping-pong, taking each one as it came back cost a locked exchange on
  // the line the other CPU had just written, on the way to every send.
  if (pool->local == nullptr && pool->returned_count.load(std::memory_order_relaxed) >= kTakeReturned) {
    pool->local = pool->returned.exchange(nullptr, std::memory_order_acquire);
    pool->returned_count.store(0, std::memory_order_relaxed);
    pool->local_count = kPoolCap; // about: it only bounds what is kept
  }
  ChunkHeader *h = pool->local;
  if (h != nullptr) {
    pool->local = h->next;
    pool->local_count = pool->local_count > 0 ? pool->local_count - 1 : 0;
    // The next chunk's line was last written wherever it was freed: fetch
    // it now, so that the next message does not wait for it.
    __builtin_prefetch(pool->local, 1);
  } else {
    h = NewChunk();
  }
  h->pool = pool;
  return PayloadOf(h);
}

void GiveChunk(void *p) {
  ChunkHeader *h = HeaderOf(p);
  MessagePool *pool = h->pool;
  if (pool == nullptr) {
    free(h);
  } else if (pool == t_pool.Peek()) {
    if (pool->local_count >= kPoolCap) {
      FreeChunk(h);
      return;
    }
    h->next = pool->local;
    pool->local = h;
    pool->local_count++;
  } else {
    if (pool->returned_count.load(std::memory_order_relaxed) >= kPoolCap) {
      FreeChunk(h);
      return;
    }
    pool->returned_count.fetch_add(1, std::memory_order_relaxed);
    ChunkHeader *head = pool->returned.load(std::memory_order_relaxed);
    do {
      h->next = head;
    } while (!pool->returned.compare_exchange_weak(head, h, std::memory_order_release,
                                                   std::memory_order_relaxed));
  }
}

}  // namespace

std::shared_ptr<Message> NewMessage() {
  return std::allocate_shared<Message>(FnAllocator<Message, TakeChunk, GiveChunk>());
}

}  // namespace shard
