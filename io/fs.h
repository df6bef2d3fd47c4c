/* Files: one request type for every file operation node:fs has, run either
 * on the loop's ring (the operations io_uring has: openat, read, write,
 * readv, writev, statx, close, fsync, unlinkat, renameat, mkdirat,
 * symlinkat, linkat, fallocate) or on the loop's blocking pool (the rest:
 * readdir through getdents64, chmod, chown, utimes, realpath, readlink,
 * copyfile, access, truncate, mkdtemp, recursive mkdir and rm, statfs...),
 * never on the loop thread. The same request runs synchronously with plain
 * syscalls (sh_fs_run) for the *Sync APIs and on the pool threads.
 *
 * Every descriptor made here is close-on-exec.
 *
 * Also here: inotify watches read through the ring (fs.watch). */
#ifndef SH_FS_H
#define SH_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sh_fs_op {
  SH_FS_OPEN = 1,   /* path, flags, mode -> fd */
  SH_FS_CLOSE,      /* fd */
  SH_FS_READ,       /* fd, buf, len, offset (-1: the file position) -> bytes */
  SH_FS_WRITE,      /* fd, buf, len, offset -> bytes */
  SH_FS_READV,      /* fd, iov, niov, offset -> bytes */
  SH_FS_WRITEV,     /* fd, iov, niov, offset -> bytes */
  SH_FS_STAT,       /* path -> stat */
  SH_FS_LSTAT,      /* path -> stat */
  SH_FS_FSTAT,      /* fd -> stat */
  SH_FS_FSYNC,      /* fd */
  SH_FS_FDATASYNC,  /* fd */
  SH_FS_UNLINK,     /* path */
  SH_FS_RMDIR,      /* path */
  SH_FS_RENAME,     /* path -> path2 */
  SH_FS_MKDIR,      /* path, mode */
  SH_FS_SYMLINK,    /* path (target), path2 (the link) */
  SH_FS_LINK,       /* path (existing), path2 (new) */
  SH_FS_FALLOCATE,  /* fd, flags (mode), offset, len */
  /* ---- blocking pool from here ---- */
  SH_FS_MKDIR_P,    /* path, mode -> str: the first directory made (NULL: none) */
  SH_FS_FTRUNCATE,  /* fd, len */
  SH_FS_TRUNCATE,   /* path, len */
  SH_FS_CHMOD,      /* path, mode */
  SH_FS_FCHMOD,     /* fd, mode */
  SH_FS_CHOWN,      /* path, uid, gid */
  SH_FS_FCHOWN,     /* fd, uid, gid */
  SH_FS_LCHOWN,     /* path, uid, gid */
  SH_FS_UTIMES,     /* path, atime, mtime (seconds) */
  SH_FS_FUTIMES,    /* fd, atime, mtime */
  SH_FS_LUTIMES,    /* path, atime, mtime */
  SH_FS_ACCESS,     /* path, mode */
  SH_FS_REALPATH,   /* path -> str */
  SH_FS_READLINK,   /* path -> str */
  SH_FS_COPYFILE,   /* path -> path2, flags (SH_FS_COPYFILE_*) */
  SH_FS_MKDTEMP,    /* path (prefix) -> str */
  SH_FS_SCANDIR,    /* path -> dirents (all of them) */
  SH_FS_OPENDIR,    /* path -> fd of the directory */
  SH_FS_READDIR,    /* fd (from OPENDIR) -> dirents (one batch; none at the end) */
  SH_FS_RM,         /* path, flags (SH_FS_RM_*) */
  SH_FS_STATFS,     /* path -> statfs */
  SH_FS_READFILE,   /* path (or fd when path is NULL), flags, mode -> buf (malloc), len */
  SH_FS_OP_COUNT,
} sh_fs_op_t;

enum {
  SH_FS_COPYFILE_EXCL = 1,          /* Node's COPYFILE_EXCL */
  SH_FS_COPYFILE_FICLONE = 2,       /* try a reflink, copy otherwise */
  SH_FS_COPYFILE_FICLONE_FORCE = 4, /* reflink or fail */
};

enum {
  SH_FS_RM_RECURSIVE = 1,
  SH_FS_RM_FORCE = 2, /* a missing path is not an error */
  SH_FS_RM_DIR_ONLY = 4, /* rmdir(path, { recursive: true }): refuse a non-directory */
};

/* Node's dirent types (UV_DIRENT_*). */
enum {
  SH_DIRENT_UNKNOWN = 0,
  SH_DIRENT_FILE,
  SH_DIRENT_DIR,
  SH_DIRENT_LINK,
  SH_DIRENT_FIFO,
  SH_DIRENT_SOCKET,
  SH_DIRENT_CHAR,
  SH_DIRENT_BLOCK,
};

/* What Node's Stats carry, from statx. */
typedef struct sh_fs_stat {
  uint64_t dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks;
  int64_t atime_sec, mtime_sec, ctime_sec, birthtime_sec;
  uint32_t atime_nsec, mtime_nsec, ctime_nsec, birthtime_nsec;
} sh_fs_stat_t;

typedef struct sh_fs_statfs {
  uint64_t type, bsize, blocks, bfree, bavail, files, ffree;
} sh_fs_statfs_t;

/* Directory entries packed as "<type byte><name>\0" one after another. */
typedef struct sh_fs_dirents {
  char *data; /* malloc'd; the owner frees it */
  size_t len;
  unsigned count;
} sh_fs_dirents_t;

typedef struct sh_fs_req sh_fs_req_t;
typedef void (*sh_fs_cb)(sh_fs_req_t *req);

/* A request. The caller owns it (and every buffer and path it points to)
 * and keeps it alive until the callback; it may embed it. Results the
 * request allocates (str, dirents.data, buf for READFILE) belong to the
 * caller after completion: free them with sh_fs_req_cleanup. */
struct sh_fs_req {
  sh_fs_op_t op;
  /* ---- arguments ---- */
  const char *path;
  const char *path2;
  int fd;
  int flags;
  unsigned mode;
  int64_t offset;
  uint64_t len;
  void *buf;
  const struct iovec *iov;
  unsigned niov;
  uint32_t uid, gid;
  double atime, mtime; /* seconds since the epoch */
  /* ---- results ---- */
  int64_t result;      /* >= 0 or -errno */
  /* The syscall that failed, as Node names it ("open", "lstat", "scandir",
   * ...), and for operations that walk a tree the path it failed on (malloc'd,
   * NULL when it is req->path). */
  const char *syscall;
  char *err_path;
  sh_fs_stat_t stat;
  sh_fs_statfs_t statfs;
  char *str;
  sh_fs_dirents_t dirents;
  /* ---- the callback ---- */
  sh_fs_cb cb;
  void *data;
  /* ---- internal ---- */
  sh_loop_t *loop;
  sh_req_t ring_req;
  sh_work_t work;
  int step;
  void *scratch;
};

/* Sets every field to its neutral value (fd -1, offset -1). */
void sh_fs_req_init(sh_fs_req_t *req, sh_fs_op_t op);
/* Frees the results the request allocated (str, err_path, dirents, READFILE's buf). */
void sh_fs_req_cleanup(sh_fs_req_t *req);

/* Runs the request now with plain syscalls, on the calling thread.
 * Returns req->result. */
int64_t sh_fs_run(sh_fs_req_t *req);

/* Starts the request on the loop: the ring for the operations it has, the
 * blocking pool for the rest. cb runs once on the loop thread, never
 * synchronously; the loop is kept alive until then. Returns 0, or -errno
 * (and cb never runs). */
int sh_fs_submit(sh_loop_t *loop, sh_fs_req_t *req, sh_fs_cb cb);
/* Whether op goes to the ring (true) or the pool. */
bool sh_fs_on_ring(sh_fs_op_t op);
/* Node's name for the syscall an operation makes ("open", "scandir"...). */
const char *sh_fs_syscall_name(sh_fs_op_t op);

/* Converts a statx result (struct statx *) into Node's fields. */
void sh_fs_stat_from_statx(sh_fs_stat_t *out, const void *statx_buf);

/* ---- inotify watches (fs.watch) ---- */
typedef struct sh_fs_watch sh_fs_watch_t;
/* One event: wd names the watched path (from sh_fs_watch_add); name is the
 * entry inside a watched directory, or NULL for the path itself. Node's
 * event: "rename" when rename is true, else "change". mask is inotify's. */
typedef void (*sh_fs_watch_cb)(sh_fs_watch_t *w, int wd, uint32_t mask, const char *name);
/* Runs once after sh_fs_watch_close, when the ring no longer reads the
 * descriptor: the owner may free w then. */
typedef void (*sh_fs_watch_close_cb)(sh_fs_watch_t *w);

struct sh_fs_watch {
  sh_loop_t *loop;
  int fd;
  bool closing;
  bool reading;
  bool refed;
  sh_fs_watch_cb cb;
  sh_fs_watch_close_cb close_cb;
  void *data;
  sh_req_t read_req;
  char *buf;
};

/* Makes an inotify instance read through the ring; events reach cb on the
 * loop thread. The watch keeps the loop alive while refed. */
int sh_fs_watch_init(sh_loop_t *loop, sh_fs_watch_t *w, sh_fs_watch_cb cb, void *data);
/* Watches path: returns the watch descriptor or -errno. */
int sh_fs_watch_add(sh_fs_watch_t *w, const char *path);
void sh_fs_watch_remove(sh_fs_watch_t *w, int wd);
void sh_fs_watch_ref(sh_fs_watch_t *w, bool ref);
/* Stops reading and closes the descriptor; close_cb runs later (never
 * synchronously). No event callback runs after this call. */
void sh_fs_watch_close(sh_fs_watch_t *w, sh_fs_watch_close_cb close_cb);

/* Whether an inotify mask is a "rename" (else a "change") for Node. */
bool sh_fs_watch_is_rename(uint32_t mask);

#ifdef __cplusplus
}
#endif
#endif
