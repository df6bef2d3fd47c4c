/* io/fs.c: the same requests run synchronously (sh_fs_run) and on the loop
 * (ring or pool, sh_fs_submit), with the same results; callbacks run on the
 * loop thread, never synchronously; descriptors are close-on-exec; inotify
 * events arrive through the ring. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/fs.h"
#include "io/loop.h"
#include "io/tcp.h"
#include "perf/counters.h"
#include "tests/unit/test.h"

/* Paths here are short (a temporary directory plus a name): truncation
 * cannot happen, whatever the buffer sizes suggest to the compiler. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static sh_loop_t *loop;
static pthread_t loop_thread;
static char dir[256];
static int callbacks;

static void path_of(char *out, size_t cap, const char *name) { snprintf(out, cap, "%s/%s", dir, name); }

static void count_cb(sh_fs_req_t *req) {
  T_ASSERT(pthread_equal(pthread_self(), loop_thread));
  (*(int *)req->data)++;
  callbacks++;
}

/* Runs req on the loop until its callback ran; returns its result. */
static int64_t run_async(sh_fs_req_t *req) {
  int done = 0;
  req->data = &done;
  T_EQ(sh_fs_submit(loop, req, count_cb), 0);
  T_EQ(done, 0); /* never synchronously */
  while (!done) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
  return req->result;
}

/* Runs the request both ways (fresh copies of args) and checks they agree. */
static int64_t both(const sh_fs_req_t *proto, int64_t *async_out) {
  sh_fs_req_t a = *proto;
  sh_fs_req_t s = *proto;
  int64_t rs = sh_fs_run(&s);
  sh_fs_req_cleanup(&s);
  int64_t ra = run_async(&a);
  sh_fs_req_cleanup(&a);
  if (async_out) {
    *async_out = ra;
  }
  return rs;
}

static void test_open_write_read(void) {
  char p[300];
  path_of(p, sizeof p, "file");
  sh_fs_req_t req;
  sh_fs_req_init(&req, SH_FS_OPEN);
  req.path = p;
  req.flags = O_CREAT | O_RDWR | O_TRUNC;
  req.mode = 0644;
  int fd = (int)run_async(&req);
  T_ASSERT(fd >= 0);
  T_EQ(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);

  char data[] = "hello, ring";
  sh_fs_req_init(&req, SH_FS_WRITE);
  req.fd = fd;
  req.buf = data;
  req.len = strlen(data);
  req.offset = 0;
  T_EQ(run_async(&req), (int64_t)strlen(data));

  uint64_t before = 0;
  sh_perf_counters_t c;
  sh_perf_read_self(&c);
  before = c.file_read_bytes;
  char back[32] = {0};
  sh_fs_req_init(&req, SH_FS_READ);
  req.fd = fd;
  req.buf = back;
  req.len = sizeof back;
  req.offset = 7;
  T_EQ(run_async(&req), 4);
  T_ASSERT(memcmp(back, "ring", 4) == 0);
  sh_perf_read_self(&c);
  T_EQ(c.file_read_bytes - before, 4);

  /* readv/writev, at an offset past 4 GiB (sparse). */
  struct iovec iov[2] = {{.iov_base = "ab", .iov_len = 2}, {.iov_base = "cde", .iov_len = 3}};
  uint64_t far = (5ull << 30) + 3;
  sh_fs_req_init(&req, SH_FS_WRITEV);
  req.fd = fd;
  req.iov = iov;
  req.niov = 2;
  req.offset = (int64_t)far;
  T_EQ(run_async(&req), 5);
  char r1[2], r2[3];
  struct iovec riov[2] = {{.iov_base = r1, .iov_len = 2}, {.iov_base = r2, .iov_len = 3}};
  sh_fs_req_init(&req, SH_FS_READV);
  req.fd = fd;
  req.iov = riov;
  req.niov = 2;
  req.offset = (int64_t)far;
  T_EQ(sh_fs_run(&req), 5);
  T_ASSERT(memcmp(r1, "ab", 2) == 0 && memcmp(r2, "cde", 3) == 0);

  /* fstat both ways. */
  sh_fs_req_init(&req, SH_FS_FSTAT);
  req.fd = fd;
  T_EQ(run_async(&req), 0);
  T_EQ(req.stat.size, far + 5);
  T_ASSERT((req.stat.mode & S_IFMT) == S_IFREG);
  T_ASSERT(req.stat.mtime_sec > 0);
  sh_fs_req_t s2;
  sh_fs_req_init(&s2, SH_FS_FSTAT);
  s2.fd = fd;
  T_EQ(sh_fs_run(&s2), 0);
  T_EQ(s2.stat.ino, req.stat.ino);

  sh_fs_req_init(&req, SH_FS_FSYNC);
  req.fd = fd;
  T_EQ(run_async(&req), 0);
  sh_fs_req_init(&req, SH_FS_FALLOCATE);
  req.fd = fd;
  req.offset = 0;
  req.len = 8192;
  int64_t fr = run_async(&req);
  T_ASSERT(fr == 0 || fr == -EOPNOTSUPP);
  sh_fs_req_init(&req, SH_FS_FTRUNCATE);
  req.fd = fd;
  req.len = 3;
  T_EQ(run_async(&req), 0);
  sh_fs_req_init(&req, SH_FS_CLOSE);
  req.fd = fd;
  T_EQ(run_async(&req), 0);
  sh_fs_req_init(&req, SH_FS_CLOSE);
  req.fd = fd;
  T_EQ(run_async(&req), -EBADF);
}

static void test_errors_agree(void) {
  char missing[300];
  path_of(missing, sizeof missing, "missing/x");
  sh_fs_req_t req;
  int64_t ra;
  sh_fs_op_t path_ops[] = {SH_FS_OPEN, SH_FS_STAT, SH_FS_LSTAT, SH_FS_UNLINK, SH_FS_RMDIR,
                           SH_FS_MKDIR, SH_FS_CHMOD, SH_FS_ACCESS, SH_FS_REALPATH, SH_FS_READLINK,
                           SH_FS_SCANDIR, SH_FS_OPENDIR, SH_FS_STATFS, SH_FS_TRUNCATE, SH_FS_UTIMES,
                           SH_FS_READFILE};
  for (size_t i = 0; i < sizeof path_ops / sizeof path_ops[0]; i++) {
    sh_fs_req_init(&req, path_ops[i]);
    req.path = missing;
    T_EQ(both(&req, &ra), -ENOENT);
    T_EQ(ra, -ENOENT);
  }
  /* The syscall Node names in its message. */
  sh_fs_req_init(&req, SH_FS_SCANDIR);
  req.path = missing;
  sh_fs_run(&req);
  T_ASSERT(strcmp(req.syscall, "scandir") == 0);
  sh_fs_req_init(&req, SH_FS_READFILE);
  req.path = dir;
  T_EQ(sh_fs_run(&req), -EISDIR);
  T_ASSERT(strcmp(req.syscall, "read") == 0);
  sh_fs_req_init(&req, SH_FS_READFILE);
  req.path = dir;
  T_EQ(run_async(&req), -EISDIR);
  T_ASSERT(strcmp(req.syscall, "read") == 0);
  sh_fs_req_init(&req, SH_FS_MKDIR);
  req.path = dir;
  req.mode = 0755;
  T_EQ(both(&req, &ra), -EEXIST);
  T_EQ(ra, -EEXIST);
}

static void test_tree_ops(void) {
  char a[300], b[300], c[300], deep[300];
  path_of(a, sizeof a, "tree");
  path_of(deep, sizeof deep, "tree/x/y/z");
  sh_fs_req_t req;
  sh_fs_req_init(&req, SH_FS_MKDIR_P);
  req.path = deep;
  req.mode = 0755;
  T_EQ(run_async(&req), 0);
  T_ASSERT(req.str != NULL && strcmp(req.str, a) == 0); /* the first one made */
  sh_fs_req_cleanup(&req);
  sh_fs_req_init(&req, SH_FS_MKDIR_P);
  req.path = deep;
  req.mode = 0755;
  T_EQ(sh_fs_run(&req), 0);
  T_ASSERT(req.str == NULL);

  /* Files c, a; readdir sorts by name, as libuv's scandir. */
  const char *names[] = {"zeta", "alpha", "mid"};
  for (int i = 0; i < 3; i++) {
    path_of(b, sizeof b, "tree");
    snprintf(c, sizeof c, "%s/%s", b, names[i]);
    int fd = open(c, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    T_ASSERT(fd >= 0);
    T_EQ(write(fd, "0123456789", 10), 10);
    close(fd);
  }
  sh_fs_req_init(&req, SH_FS_SCANDIR);
  req.path = a;
  T_EQ(run_async(&req), 4);
  const char *expect[] = {"alpha", "mid", "x", "zeta"};
  size_t off = 0;
  for (int i = 0; i < 4; i++) {
    unsigned type = (unsigned char)req.dirents.data[off];
    const char *name = req.dirents.data + off + 1;
    T_ASSERT(strcmp(name, expect[i]) == 0);
    T_EQ(type, i == 2 ? SH_DIRENT_DIR : SH_DIRENT_FILE);
    off += strlen(name) + 2;
  }
  sh_fs_req_cleanup(&req);

  /* opendir + readdir batches until empty. */
  sh_fs_req_init(&req, SH_FS_OPENDIR);
  req.path = a;
  int dfd = (int)run_async(&req);
  T_ASSERT(dfd >= 0);
  unsigned total = 0;
  for (;;) {
    sh_fs_req_init(&req, SH_FS_READDIR);
    req.fd = dfd;
    int64_t n = run_async(&req);
    sh_fs_req_cleanup(&req);
    T_ASSERT(n >= 0);
    if (n == 0) {
      break;
    }
    total += (unsigned)n;
  }
  T_EQ(total, 4);
  close(dfd);

  /* READFILE on the ring reads the whole file; copyfile, rename, link, symlink. */
  snprintf(c, sizeof c, "%s/alpha", a);
  sh_fs_req_init(&req, SH_FS_READFILE);
  req.path = c;
  T_EQ(run_async(&req), 10);
  T_EQ(req.len, 10);
  T_ASSERT(memcmp(req.buf, "0123456789", 10) == 0);
  sh_fs_req_cleanup(&req);
  snprintf(b, sizeof b, "%s/copy", a);
  sh_fs_req_init(&req, SH_FS_COPYFILE);
  req.path = c;
  req.path2 = b;
  T_EQ(run_async(&req), 0);
  sh_fs_req_init(&req, SH_FS_COPYFILE);
  req.path = c;
  req.path2 = b;
  req.flags = SH_FS_COPYFILE_EXCL;
  T_EQ(run_async(&req), -EEXIST);
  char renamed[300];
  snprintf(renamed, sizeof renamed, "%s/renamed", a);
  sh_fs_req_init(&req, SH_FS_RENAME);
  req.path = b;
  req.path2 = renamed;
  T_EQ(run_async(&req), 0);
  char lnk[300];
  snprintf(lnk, sizeof lnk, "%s/lnk", a);
  sh_fs_req_init(&req, SH_FS_SYMLINK);
  req.path = "renamed";
  req.path2 = lnk;
  T_EQ(run_async(&req), 0);
  sh_fs_req_init(&req, SH_FS_READLINK);
  req.path = lnk;
  T_EQ(run_async(&req), 7);
  T_ASSERT(strcmp(req.str, "renamed") == 0);
  sh_fs_req_cleanup(&req);
  sh_fs_req_init(&req, SH_FS_LSTAT);
  req.path = lnk;
  T_EQ(run_async(&req), 0);
  T_ASSERT((req.stat.mode & S_IFMT) == S_IFLNK);
  sh_fs_req_init(&req, SH_FS_STAT);
  req.path = lnk;
  T_EQ(run_async(&req), 0);
  T_EQ(req.stat.size, 10);
  sh_fs_req_init(&req, SH_FS_LINK);
  req.path = renamed;
  req.path2 = b;
  T_EQ(run_async(&req), 0);

  /* rm: a directory needs recursive; recursive removes the tree. */
  sh_fs_req_init(&req, SH_FS_RM);
  req.path = a;
  T_EQ(run_async(&req), -EISDIR);
  T_ASSERT(strcmp(req.syscall, "rm") == 0);
  sh_fs_req_init(&req, SH_FS_RM);
  req.path = a;
  req.flags = SH_FS_RM_RECURSIVE;
  T_EQ(run_async(&req), 0);
  T_ASSERT(access(a, F_OK) != 0);
  sh_fs_req_init(&req, SH_FS_RM);
  req.path = a;
  req.flags = SH_FS_RM_FORCE;
  T_EQ(run_async(&req), 0);
}

static int events;
static int saw_create;
static void on_watch(sh_fs_watch_t *w, int wd, uint32_t mask, const char *name) {
  (void)w;
  (void)wd;
  T_ASSERT(pthread_equal(pthread_self(), loop_thread));
  events++;
  if ((mask & IN_CREATE) && name != NULL && strcmp(name, "made") == 0) {
    saw_create = 1;
    T_ASSERT(sh_fs_watch_is_rename(mask));
  }
}
static int watch_closed;
static void on_watch_closed(sh_fs_watch_t *w) {
  (void)w;
  watch_closed = 1;
}

static void test_watch(void) {
  sh_fs_watch_t w;
  T_EQ(sh_fs_watch_init(loop, &w, on_watch, NULL), 0);
  T_EQ(fcntl(w.fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
  T_ASSERT(sh_fs_watch_add(&w, dir) >= 0);
  char p[300];
  path_of(p, sizeof p, "made");
  int fd = open(p, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  T_ASSERT(fd >= 0);
  close(fd);
  while (!saw_create) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
  T_ASSERT(!sh_fs_watch_is_rename(IN_MODIFY));
  T_ASSERT(!sh_fs_watch_is_rename(IN_ATTRIB));
  sh_fs_watch_close(&w, on_watch_closed);
  T_EQ(watch_closed, 0); /* never synchronously */
  int seen = events;
  unlink(p);
  while (!watch_closed) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
  T_EQ(events, seen); /* nothing after close */
}

/* ---- io/tcp.c's file segments: file -> pipe -> socket by splice ---- */

typedef struct {
  int fd;
  char *buf;
  size_t len;
  size_t cap;
} reader_t;

static void *read_all(void *arg) {
  reader_t *r = arg;
  for (;;) {
    if (r->len == r->cap) {
      r->cap *= 2;
      r->buf = realloc(r->buf, r->cap);
    }
    ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
    if (n <= 0) {
      break;
    }
    r->len += (size_t)n;
  }
  return NULL;
}

static int seg_done_count;
static uint64_t seg_moved[4];
static int seg_err[4];
static void seg_done(void *owner, uint64_t moved, int err) {
  int i = (int)(intptr_t)owner;
  seg_moved[i] = moved;
  seg_err[i] = err;
  seg_done_count++;
}
static bool tcp_on_read(sh_tcp_t *t, const char *d, size_t n, const sh_slot_ref_t *s) {
  (void)t, (void)d, (void)n, (void)s;
  return false;
}
static void tcp_on_read_end(sh_tcp_t *t, int err) { (void)t, (void)err; }
static size_t written;
static void tcp_on_write(sh_tcp_t *t, size_t bytes, int err) {
  (void)t;
  T_EQ(err, 0);
  written += bytes;
}
static void tcp_on_connect(sh_tcp_t *t, int err) { (void)t, (void)err; }
static int shut_done;
static void tcp_on_shutdown(sh_tcp_t *t, int err) {
  (void)t;
  T_EQ(err, 0);
  shut_done = 1;
}
static int tcp_closed;
static void tcp_on_close(sh_tcp_t *t) {
  (void)t;
  tcp_closed = 1;
}
static const sh_tcp_ops_t tcp_ops = {tcp_on_read,    tcp_on_read_end, tcp_on_write,
                                     tcp_on_connect, tcp_on_shutdown, tcp_on_close};

static void test_tcp_file_segments(void) {
  char p[300];
  path_of(p, sizeof p, "segments");
  size_t size = 3u << 20;
  char *data = malloc(size);
  for (size_t i = 0; i < size; i++) {
    data[i] = (char)(i * 7 + (i >> 12));
  }
  int fd = open(p, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0644);
  T_ASSERT(fd >= 0);
  T_EQ(write(fd, data, size), (ssize_t)size);

  int sv[2];
  T_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), 0);
  int fl = fcntl(sv[1], F_GETFL);
  fcntl(sv[1], F_SETFL, fl & ~O_NONBLOCK);
  reader_t r = {.fd = sv[1], .buf = malloc(1 << 16), .cap = 1 << 16};
  pthread_t reader;
  T_EQ(pthread_create(&reader, NULL, read_all, &r), 0);

  sh_perf_counters_t before, after;
  sh_perf_read_self(&before);
  sh_tcp_t tcp;
  sh_tcp_init(&tcp, loop, NULL, sv[0], &tcp_ops, NULL);
  size_t range = (5u << 19) + 3; /* 2.5 MiB and a bit: several pipe loads */
  T_EQ(sh_tcp_write(&tcp, "<", 1), 0);
  T_EQ(sh_tcp_write_file(&tcp, fd, 100, range, seg_done, (void *)(intptr_t)0), 0);
  T_EQ(sh_tcp_write(&tcp, ">", 1), 0);
  /* A range past the end of the file: what exists goes, the rest is skipped. */
  T_EQ(sh_tcp_write_file(&tcp, fd, size - 10, 4096, seg_done, (void *)(intptr_t)1), 0);
  T_EQ(sh_tcp_write(&tcp, "!", 1), 0);
  T_EQ(sh_tcp_shutdown(&tcp), 0);
  T_EQ(seg_done_count, 0); /* never synchronously */
  while (!shut_done) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
  T_EQ(seg_done_count, 2);
  T_EQ(seg_moved[0], range);
  T_EQ(seg_err[0], 0);
  T_EQ(seg_moved[1], 10);
  T_EQ(seg_err[1], 0);
  /* Every queued byte is accounted for (the skipped ones as sent). */
  T_EQ(written, 1 + range + 1 + 4096 + 1);
  pthread_join(reader, NULL);
  T_EQ(r.len, 1 + range + 1 + 10 + 1);
  T_EQ(r.buf[0], '<');
  T_ASSERT(memcmp(r.buf + 1, data + 100, range) == 0);
  T_EQ(r.buf[1 + range], '>');
  T_ASSERT(memcmp(r.buf + 2 + range, data + size - 10, 10) == 0);
  T_EQ(r.buf[r.len - 1], '!');
  sh_perf_read_self(&after);
  T_EQ(after.splice_bytes - before.splice_bytes, range + 10);
  T_EQ(after.file_read_bytes, before.file_read_bytes);

  sh_tcp_close(&tcp);
  while (!tcp_closed) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
  close(sv[1]);
  close(fd);
  free(r.buf);
  free(data);
}

int main(void) {
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  loop_thread = pthread_self();
  snprintf(dir, sizeof dir, "%s/shard-fs-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  T_ASSERT(mkdtemp(dir) != NULL);
  test_open_write_read();
  test_errors_agree();
  test_tree_ops();
  test_watch();
  test_tcp_file_segments();
  T_ASSERT(callbacks > 20);
  sh_fs_req_t rm;
  sh_fs_req_init(&rm, SH_FS_RM);
  rm.path = dir;
  rm.flags = SH_FS_RM_RECURSIVE;
  T_EQ(sh_fs_run(&rm), 0);
  T_EQ(sh_loop_run(loop, SH_RUN_DEFAULT), 0);
  sh_loop_destroy(loop);
  return 0;
}
