/* Files on the ring and the blocking pool: see fs.h. */
#include "io/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "io/common.h"
#include "io/ring.h"
#include "perf/counters.h"

/* The most one read or write moves, as Linux caps it (and Node's kIoMaxLength
 * is smaller still). */
#define IO_MAX 0x7ffff000u
#define STATX_WANT (STATX_BASIC_STATS | STATX_BTIME)
#define DIRENT_BUF 32768
#define READFILE_CHUNK 65536

void sh_fs_req_init(sh_fs_req_t *req, sh_fs_op_t op) {
  memset(req, 0, sizeof *req);
  req->op = op;
  req->fd = -1;
  req->offset = -1;
}

void sh_fs_req_cleanup(sh_fs_req_t *req) {
  free(req->str);
  req->str = NULL;
  free(req->err_path);
  req->err_path = NULL;
  free(req->dirents.data);
  req->dirents.data = NULL;
  req->dirents.len = 0;
  req->dirents.count = 0;
  if (req->op == SH_FS_READFILE) {
    free(req->buf);
    req->buf = NULL;
  }
  free(req->scratch);
  req->scratch = NULL;
}

const char *sh_fs_syscall_name(sh_fs_op_t op) {
  switch (op) {
  case SH_FS_OPEN: return "open";
  case SH_FS_CLOSE: return "close";
  case SH_FS_READ: return "read";
  case SH_FS_WRITE: return "write";
  case SH_FS_READV: return "read";
  case SH_FS_WRITEV: return "write";
  case SH_FS_STAT: return "stat";
  case SH_FS_LSTAT: return "lstat";
  case SH_FS_FSTAT: return "fstat";
  case SH_FS_FSYNC: return "fsync";
  case SH_FS_FDATASYNC: return "fdatasync";
  case SH_FS_UNLINK: return "unlink";
  case SH_FS_RMDIR: return "rmdir";
  case SH_FS_RENAME: return "rename";
  case SH_FS_MKDIR: return "mkdir";
  case SH_FS_MKDIR_P: return "mkdir";
  case SH_FS_SYMLINK: return "symlink";
  case SH_FS_LINK: return "link";
  case SH_FS_FALLOCATE: return "fallocate";
  case SH_FS_FTRUNCATE: return "ftruncate";
  case SH_FS_TRUNCATE: return "open";
  case SH_FS_CHMOD: return "chmod";
  case SH_FS_FCHMOD: return "fchmod";
  case SH_FS_CHOWN: return "chown";
  case SH_FS_FCHOWN: return "fchown";
  case SH_FS_LCHOWN: return "lchown";
  case SH_FS_UTIMES: return "utime";
  case SH_FS_FUTIMES: return "futime";
  case SH_FS_LUTIMES: return "lutime";
  case SH_FS_ACCESS: return "access";
  case SH_FS_REALPATH: return "realpath";
  case SH_FS_READLINK: return "readlink";
  case SH_FS_COPYFILE: return "copyfile";
  case SH_FS_MKDTEMP: return "mkdtemp";
  case SH_FS_SCANDIR: return "scandir";
  case SH_FS_OPENDIR: return "opendir";
  case SH_FS_READDIR: return "readdir";
  case SH_FS_RM: return "rm";
  case SH_FS_STATFS: return "statfs";
  case SH_FS_READFILE: return "open";
  default: return "unknown";
  }
}

bool sh_fs_on_ring(sh_fs_op_t op) { return op >= SH_FS_OPEN && op <= SH_FS_FALLOCATE; }

void sh_fs_stat_from_statx(sh_fs_stat_t *out, const void *statx_buf) {
  const struct statx *s = statx_buf;
  out->dev = makedev(s->stx_dev_major, s->stx_dev_minor);
  out->mode = s->stx_mode;
  out->nlink = s->stx_nlink;
  out->uid = s->stx_uid;
  out->gid = s->stx_gid;
  out->rdev = makedev(s->stx_rdev_major, s->stx_rdev_minor);
  out->blksize = s->stx_blksize;
  out->ino = s->stx_ino;
  out->size = s->stx_size;
  out->blocks = s->stx_blocks;
  out->atime_sec = s->stx_atime.tv_sec;
  out->atime_nsec = s->stx_atime.tv_nsec;
  out->mtime_sec = s->stx_mtime.tv_sec;
  out->mtime_nsec = s->stx_mtime.tv_nsec;
  out->ctime_sec = s->stx_ctime.tv_sec;
  out->ctime_nsec = s->stx_ctime.tv_nsec;
  /* As libuv: the birth time only where the file system gave one. */
  if (s->stx_mask & STATX_BTIME) {
    out->birthtime_sec = s->stx_btime.tv_sec;
    out->birthtime_nsec = s->stx_btime.tv_nsec;
  } else {
    out->birthtime_sec = 0;
    out->birthtime_nsec = 0;
  }
}

static int64_t do_statx(sh_fs_req_t *req, int dfd, const char *path, int flags) {
  struct statx sx;
  if (statx(dfd, path, flags | AT_STATX_SYNC_AS_STAT, STATX_WANT, &sx) != 0) {
    return -errno;
  }
  sh_fs_stat_from_statx(&req->stat, &sx);
  return 0;
}

static unsigned dirent_type(unsigned char d_type) {
  switch (d_type) {
  case DT_REG: return SH_DIRENT_FILE;
  case DT_DIR: return SH_DIRENT_DIR;
  case DT_LNK: return SH_DIRENT_LINK;
  case DT_FIFO: return SH_DIRENT_FIFO;
  case DT_SOCK: return SH_DIRENT_SOCKET;
  case DT_CHR: return SH_DIRENT_CHAR;
  case DT_BLK: return SH_DIRENT_BLOCK;
  default: return SH_DIRENT_UNKNOWN;
  }
}

static unsigned mode_type(mode_t m) {
  if (S_ISREG(m)) return SH_DIRENT_FILE;
  if (S_ISDIR(m)) return SH_DIRENT_DIR;
  if (S_ISLNK(m)) return SH_DIRENT_LINK;
  if (S_ISFIFO(m)) return SH_DIRENT_FIFO;
  if (S_ISSOCK(m)) return SH_DIRENT_SOCKET;
  if (S_ISCHR(m)) return SH_DIRENT_CHAR;
  if (S_ISBLK(m)) return SH_DIRENT_BLOCK;
  return SH_DIRENT_UNKNOWN;
}

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static void dirents_push(sh_fs_dirents_t *d, size_t *cap, unsigned type, const char *name) {
  size_t n = strlen(name);
  if (d->len + n + 2 > *cap) {
    size_t want = *cap ? *cap * 2 : 4096;
    while (want < d->len + n + 2) {
      want *= 2;
    }
    d->data = sh_xrealloc(d->data, want);
    *cap = want;
  }
  d->data[d->len] = (char)type;
  memcpy(d->data + d->len + 1, name, n + 1);
  d->len += n + 2;
  d->count++;
}

/* One getdents64 call's worth of entries of dirfd appended to d (without
 * "." and ".."). Returns the bytes getdents64 returned (0 at the end) or
 * -errno. Unknown types are asked of the file itself, as libuv does. */
static ssize_t read_dirents(int dirfd, char *buf, sh_fs_dirents_t *d, size_t *cap) {
  ssize_t n;
  do {
    n = syscall(SYS_getdents64, dirfd, buf, DIRENT_BUF);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    return -errno;
  }
  for (ssize_t pos = 0; pos < n;) {
    struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + pos);
    pos += e->d_reclen;
    if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0))) {
      continue;
    }
    unsigned type = dirent_type(e->d_type);
    if (type == SH_DIRENT_UNKNOWN) {
      struct stat st;
      if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        type = mode_type(st.st_mode);
      }
    }
    dirents_push(d, cap, type, e->d_name);
  }
  return n;
}

typedef struct name_ref {
  const char *name;
  size_t off;
} name_ref_t;

static int cmp_names(const void *a, const void *b) {
  return strcmp(((const name_ref_t *)a)->name, ((const name_ref_t *)b)->name);
}

/* libuv's scandir sorts by name: fs.readdir lists in that order. */
static void sort_dirents(sh_fs_dirents_t *d) {
  if (d->count < 2) {
    return;
  }
  name_ref_t *refs = sh_xmalloc(d->count * sizeof *refs);
  size_t off = 0;
  for (unsigned i = 0; i < d->count; i++) {
    refs[i].off = off;
    refs[i].name = d->data + off + 1;
    off += strlen(refs[i].name) + 2;
  }
  qsort(refs, d->count, sizeof *refs, cmp_names);
  char *sorted = sh_xmalloc(d->len);
  size_t at = 0;
  for (unsigned i = 0; i < d->count; i++) {
    size_t n = strlen(refs[i].name) + 2;
    memcpy(sorted + at, d->data + refs[i].off, n);
    at += n;
  }
  free(refs);
  free(d->data);
  d->data = sorted;
}

static int64_t do_scandir(sh_fs_req_t *req) {
  int fd = open(req->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return -errno;
  }
  char *buf = sh_xmalloc(DIRENT_BUF);
  size_t cap = 0;
  ssize_t n;
  do {
    n = read_dirents(fd, buf, &req->dirents, &cap);
  } while (n > 0);
  free(buf);
  close(fd);
  if (n < 0) {
    return n;
  }
  sort_dirents(&req->dirents);
  return req->dirents.count;
}

static int64_t do_readdir(sh_fs_req_t *req) {
  char *buf = sh_xmalloc(DIRENT_BUF);
  size_t cap = 0;
  ssize_t n;
  /* A batch that held only "." and "..": read on, so an empty answer means
   * the end. */
  do {
    n = read_dirents(req->fd, buf, &req->dirents, &cap);
  } while (n > 0 && req->dirents.count == 0);
  free(buf);
  return n < 0 ? n : (int64_t)req->dirents.count;
}

static char *join_path(const char *dir, const char *name) {
  size_t a = strlen(dir);
  size_t b = strlen(name);
  char *p = sh_xmalloc(a + b + 2);
  memcpy(p, dir, a);
  p[a] = '/';
  memcpy(p + a + 1, name, b + 1);
  return p;
}

/* Fails req with err in syscall on path (a copy is kept when path is not
 * the request's own). */
static int64_t fail_at(sh_fs_req_t *req, int64_t err, const char *syscall, const char *path) {
  req->syscall = syscall;
  if (path != NULL && path != req->path) {
    free(req->err_path);
    req->err_path = sh_xstrdup(path);
  }
  return err;
}

/* Removes the tree at path (already known to be a directory). */
static int64_t rm_tree(sh_fs_req_t *req, const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return fail_at(req, -errno, "opendir", path);
  }
  sh_fs_dirents_t d = {0};
  size_t cap = 0;
  char *buf = sh_xmalloc(DIRENT_BUF);
  ssize_t n;
  do {
    n = read_dirents(fd, buf, &d, &cap);
  } while (n > 0);
  free(buf);
  close(fd);
  if (n < 0) {
    free(d.data);
    return fail_at(req, n, "scandir", path);
  }
  int64_t err = 0;
  size_t off = 0;
  for (unsigned i = 0; i < d.count && err == 0; i++) {
    unsigned type = (unsigned char)d.data[off];
    const char *name = d.data + off + 1;
    off += strlen(name) + 2;
    char *child = join_path(path, name);
    if (type == SH_DIRENT_DIR) {
      err = rm_tree(req, child);
    } else if (unlink(child) != 0 && errno != ENOENT) {
      err = fail_at(req, -errno, "unlink", child);
    }
    free(child);
  }
  free(d.data);
  if (err == 0 && rmdir(path) != 0 && errno != ENOENT) {
    err = fail_at(req, -errno, "rmdir", path);
  }
  return err;
}

static int64_t do_rm(sh_fs_req_t *req) {
  struct stat st;
  if (lstat(req->path, &st) != 0) {
    if (errno == ENOENT && (req->flags & SH_FS_RM_FORCE)) {
      return 0;
    }
    return fail_at(req, -errno, "lstat", req->path);
  }
  if (S_ISDIR(st.st_mode)) {
    if (!(req->flags & SH_FS_RM_RECURSIVE)) {
      return fail_at(req, -EISDIR, "rm", req->path);
    }
    return rm_tree(req, req->path);
  }
  if (req->flags & SH_FS_RM_DIR_ONLY) {
    return fail_at(req, -ENOTDIR, "rmdir", req->path);
  }
  if (unlink(req->path) != 0) {
    return fail_at(req, -errno, "unlink", req->path);
  }
  return 0;
}

/* mkdir -p: returns 1 and sets *first to the first directory made, 0 when
 * path already was a directory, or -errno. */
static int64_t mkdir_p(const char *path, unsigned mode, char **first) {
  if (mkdir(path, mode) == 0) {
    if (*first == NULL) {
      *first = sh_xstrdup(path);
    }
    return 1;
  }
  int err = errno;
  if (err == EEXIST) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      return 0;
    }
    return -EEXIST;
  }
  if (err != ENOENT) {
    return -err;
  }
  /* The parent is missing: make it, then this one. */
  char *parent = sh_xstrdup(path);
  char *slash = strrchr(parent, '/');
  while (slash != NULL && slash > parent && slash[1] == 0) {
    *slash = 0; /* trailing slashes */
    slash = strrchr(parent, '/');
  }
  if (slash == NULL || slash == parent) {
    free(parent);
    return -ENOENT;
  }
  *slash = 0;
  int64_t r = mkdir_p(parent, mode, first);
  free(parent);
  if (r < 0) {
    return r;
  }
  if (mkdir(path, mode) == 0) {
    if (*first == NULL) {
      *first = sh_xstrdup(path);
    }
    return 1;
  }
  if (errno == EEXIST) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      return r;
    }
  }
  return -errno;
}

static int64_t do_copyfile(sh_fs_req_t *req) {
  int src = open(req->path, O_RDONLY | O_CLOEXEC);
  if (src < 0) {
    return -errno;
  }
  struct stat st;
  if (fstat(src, &st) != 0) {
    int e = -errno;
    close(src);
    return e;
  }
  if (S_ISDIR(st.st_mode)) {
    close(src);
    return -EISDIR;
  }
  int oflags = O_WRONLY | O_CREAT | O_CLOEXEC;
  if (req->flags & SH_FS_COPYFILE_EXCL) {
    oflags |= O_EXCL;
  }
  int dst = open(req->path2, oflags, st.st_mode & 07777);
  if (dst < 0) {
    int e = -errno;
    close(src);
    return e;
  }
  int64_t err = 0;
  struct stat dst_st;
  if (fstat(dst, &dst_st) == 0 && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
    goto out; /* the same file: nothing to do (libuv does the same) */
  }
  if (ftruncate(dst, 0) != 0) {
    err = -errno;
    goto out;
  }
  if (fchmod(dst, st.st_mode & 07777) != 0 && errno != EPERM) {
    err = -errno;
    goto out;
  }
  if (req->flags & (SH_FS_COPYFILE_FICLONE | SH_FS_COPYFILE_FICLONE_FORCE)) {
    if (ioctl(dst, FICLONE, src) == 0) {
      goto out;
    }
    if (req->flags & SH_FS_COPYFILE_FICLONE_FORCE) {
      err = -errno;
      goto out;
    }
  }
  /* copy_file_range lets the file system share or copy extents in the
   * kernel; sendfile and read/write where it cannot (across mounts on
   * older kernels, special files). */
  off_t left = st.st_size;
  bool use_cfr = true;
  while (left > 0 || !S_ISREG(st.st_mode)) {
    size_t chunk = left > (off_t)IO_MAX || left <= 0 ? IO_MAX : (size_t)left;
    ssize_t n = -1;
    if (use_cfr) {
      n = copy_file_range(src, NULL, dst, NULL, chunk, 0);
      if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP ||
                    errno == EPERM)) {
        use_cfr = false;
        continue;
      }
    } else {
      n = sendfile(dst, src, NULL, chunk);
      if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
        char buf[65536];
        n = read(src, buf, sizeof buf);
        if (n > 0) {
          ssize_t w = 0;
          while (w < n) {
            ssize_t k = write(dst, buf + w, (size_t)(n - w));
            if (k < 0 && errno == EINTR) {
              continue;
            }
            if (k < 0) {
              err = -errno;
              goto out;
            }
            w += k;
          }
        }
      }
    }
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      err = -errno;
      goto out;
    }
    if (n == 0) {
      break;
    }
    left -= n;
  }
out:
  close(src);
  if (close(dst) != 0 && err == 0) {
    err = -errno;
  }
  if (err < 0) {
    unlink(req->path2);
  }
  return err;
}

static int64_t do_readlink(sh_fs_req_t *req) {
  size_t cap = 256;
  for (;;) {
    char *buf = sh_xmalloc(cap);
    ssize_t n = readlink(req->path, buf, cap);
    if (n < 0) {
      int e = -errno;
      free(buf);
      return e;
    }
    if ((size_t)n < cap) {
      buf[n] = 0;
      req->str = buf;
      return n;
    }
    free(buf);
    cap *= 2;
  }
}

/* The whole file into a malloc'd buffer (req->buf, req->len). A regular
 * file is read up to the size fstat gave; anything else (procfs, pipes)
 * until the end. */
static int64_t do_readfile(sh_fs_req_t *req) {
  int fd = req->fd;
  bool own = req->path != NULL;
  if (own) {
    fd = open(req->path, (req->flags ? req->flags : O_RDONLY) | O_CLOEXEC, req->mode);
    if (fd < 0) {
      return fail_at(req, -errno, "open", NULL);
    }
  }
  int64_t err = 0;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    err = fail_at(req, -errno, "fstat", NULL);
    goto out;
  }
  if (S_ISDIR(st.st_mode)) {
    err = fail_at(req, -EISDIR, "read", NULL);
    goto out;
  }
  size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : READFILE_CHUNK;
  if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > INT32_MAX) {
    req->len = (uint64_t)st.st_size;
    err = fail_at(req, -EFBIG, "read", NULL);
    goto out;
  }
  bool known = S_ISREG(st.st_mode) && st.st_size > 0;
  char *buf = sh_xmalloc(cap ? cap : 1);
  size_t len = 0;
  for (;;) {
    if (len == cap) {
      if (known) {
        break;
      }
      cap *= 2;
      if (cap > INT32_MAX) {
        free(buf);
        req->len = cap;
        err = fail_at(req, -EFBIG, "read", NULL);
        goto out;
      }
      buf = sh_xrealloc(buf, cap);
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      err = fail_at(req, -errno, "read", NULL);
      free(buf);
      goto out;
    }
    if (n == 0) {
      break;
    }
    len += (size_t)n;
  }
  SH_PERF_ADD(file_read_bytes, len);
  req->buf = buf;
  req->len = len;
  err = (int64_t)len;
out:
  if (own) {
    close(fd);
  }
  return err;
}

static struct timespec to_timespec(double t) {
  struct timespec ts;
  ts.tv_sec = (time_t)t;
  ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
  if (ts.tv_nsec < 0) {
    ts.tv_sec -= 1;
    ts.tv_nsec += 1000000000;
  }
  return ts;
}

static int64_t ret(int rc) { return rc < 0 ? -errno : rc; }

static int64_t ret_ssize(ssize_t rc) { return rc < 0 ? -errno : (int64_t)rc; }

static int64_t run_op(sh_fs_req_t *req) {
  switch (req->op) {
  case SH_FS_OPEN:
    return ret(open(req->path, req->flags | O_CLOEXEC, req->mode));
  case SH_FS_CLOSE:
    return ret(close(req->fd));
  case SH_FS_READ: {
    size_t len = req->len > IO_MAX ? IO_MAX : (size_t)req->len;
    ssize_t n = req->offset < 0 ? read(req->fd, req->buf, len)
                                : pread(req->fd, req->buf, len, (off_t)req->offset);
    if (n > 0) {
      SH_PERF_ADD(file_read_bytes, n);
    }
    return ret_ssize(n);
  }
  case SH_FS_WRITE: {
    size_t len = req->len > IO_MAX ? IO_MAX : (size_t)req->len;
    return ret_ssize(req->offset < 0 ? write(req->fd, req->buf, len)
                                     : pwrite(req->fd, req->buf, len, (off_t)req->offset));
  }
  case SH_FS_READV: {
    ssize_t n = req->offset < 0 ? readv(req->fd, req->iov, (int)req->niov)
                                : preadv(req->fd, req->iov, (int)req->niov, (off_t)req->offset);
    if (n > 0) {
      SH_PERF_ADD(file_read_bytes, n);
    }
    return ret_ssize(n);
  }
  case SH_FS_WRITEV:
    return ret_ssize(req->offset < 0
                         ? writev(req->fd, req->iov, (int)req->niov)
                         : pwritev(req->fd, req->iov, (int)req->niov, (off_t)req->offset));
  case SH_FS_STAT:
    return do_statx(req, AT_FDCWD, req->path, 0);
  case SH_FS_LSTAT:
    return do_statx(req, AT_FDCWD, req->path, AT_SYMLINK_NOFOLLOW);
  case SH_FS_FSTAT:
    return do_statx(req, req->fd, "", AT_EMPTY_PATH);
  case SH_FS_FSYNC:
    return ret(fsync(req->fd));
  case SH_FS_FDATASYNC:
    return ret(fdatasync(req->fd));
  case SH_FS_UNLINK:
    return ret(unlink(req->path));
  case SH_FS_RMDIR:
    return ret(rmdir(req->path));
  case SH_FS_RENAME:
    return ret(rename(req->path, req->path2));
  case SH_FS_MKDIR:
    return ret(mkdir(req->path, req->mode));
  case SH_FS_MKDIR_P: {
    int64_t r = mkdir_p(req->path, req->mode, &req->str);
    return r < 0 ? r : 0;
  }
  case SH_FS_SYMLINK:
    return ret(symlink(req->path, req->path2));
  case SH_FS_LINK:
    return ret(link(req->path, req->path2));
  case SH_FS_FALLOCATE:
    return ret(fallocate(req->fd, req->flags, (off_t)req->offset, (off_t)req->len));
  case SH_FS_FTRUNCATE:
    return ret(ftruncate(req->fd, (off_t)req->len));
  case SH_FS_TRUNCATE: {
    int fd = open(req->path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      return fail_at(req, -errno, "open", NULL);
    }
    int64_t r = ret(ftruncate(fd, (off_t)req->len));
    if (r < 0) {
      req->syscall = "ftruncate";
    }
    close(fd);
    return r;
  }
  case SH_FS_CHMOD:
    return ret(chmod(req->path, req->mode));
  case SH_FS_FCHMOD:
    return ret(fchmod(req->fd, req->mode));
  case SH_FS_CHOWN:
    return ret(chown(req->path, req->uid, req->gid));
  case SH_FS_FCHOWN:
    return ret(fchown(req->fd, req->uid, req->gid));
  case SH_FS_LCHOWN:
    return ret(lchown(req->path, req->uid, req->gid));
  case SH_FS_UTIMES:
  case SH_FS_LUTIMES: {
    struct timespec ts[2] = {to_timespec(req->atime), to_timespec(req->mtime)};
    return ret(utimensat(AT_FDCWD, req->path, ts, req->op == SH_FS_LUTIMES ? AT_SYMLINK_NOFOLLOW : 0));
  }
  case SH_FS_FUTIMES: {
    struct timespec ts[2] = {to_timespec(req->atime), to_timespec(req->mtime)};
    return ret(futimens(req->fd, ts));
  }
  case SH_FS_ACCESS:
    return ret(access(req->path, (int)req->mode));
  case SH_FS_REALPATH: {
    char *p = realpath(req->path, NULL);
    if (p == NULL) {
      return -errno;
    }
    req->str = p;
    return 0;
  }
  case SH_FS_READLINK:
    return do_readlink(req);
  case SH_FS_COPYFILE:
    return do_copyfile(req);
  case SH_FS_MKDTEMP: {
    size_t n = strlen(req->path);
    char *tmpl = sh_xmalloc(n + 7);
    memcpy(tmpl, req->path, n);
    memcpy(tmpl + n, "XXXXXX", 7);
    if (mkdtemp(tmpl) == NULL) {
      int e = -errno;
      req->err_path = tmpl; /* Node names the template in the error */
      return e;
    }
    req->str = tmpl;
    return 0;
  }
  case SH_FS_SCANDIR:
    return do_scandir(req);
  case SH_FS_OPENDIR:
    return ret(open(req->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  case SH_FS_READDIR:
    return do_readdir(req);
  case SH_FS_RM:
    return do_rm(req);
  case SH_FS_STATFS: {
    struct statfs s;
    if (statfs(req->path, &s) != 0) {
      return -errno;
    }
    req->statfs.type = (uint64_t)s.f_type;
    req->statfs.bsize = (uint64_t)s.f_bsize;
    req->statfs.blocks = s.f_blocks;
    req->statfs.bfree = s.f_bfree;
    req->statfs.bavail = s.f_bavail;
    req->statfs.files = s.f_files;
    req->statfs.ffree = s.f_ffree;
    return 0;
  }
  case SH_FS_READFILE:
    return do_readfile(req);
  default:
    return -ENOSYS;
  }
}

int64_t sh_fs_run(sh_fs_req_t *req) {
  int64_t r;
  do {
    r = run_op(req);
    /* An interrupted close must not be retried (the descriptor is gone). */
  } while (r == -EINTR && req->op != SH_FS_CLOSE);
  req->result = r;
  if (r < 0 && req->syscall == NULL) {
    req->syscall = sh_fs_syscall_name(req->op);
  }
  return r;
}

/* ---- asynchronous: the blocking pool ---- */

static void pool_work(sh_work_t *w) {
  sh_fs_req_t *req = w->data;
  sh_fs_run(req);
}

static void pool_done(sh_work_t *w, int status) {
  sh_fs_req_t *req = w->data;
  if (status < 0) {
    req->result = status;
  }
  req->cb(req);
}

/* ---- asynchronous: the ring ---- */

static void ring_done(sh_fs_req_t *req, int64_t res) {
  req->result = res;
  if (res < 0 && req->syscall == NULL) {
    req->syscall = sh_fs_syscall_name(req->op);
  }
  sh_loop_unref(req->loop);
  req->cb(req);
}

static int ring_start(sh_fs_req_t *req);

static void on_ring(sh_req_t *r, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_fs_req_t *req = r->data;
  switch (req->op) {
  case SH_FS_STAT:
  case SH_FS_LSTAT:
  case SH_FS_FSTAT:
    if (res == 0) {
      sh_fs_stat_from_statx(&req->stat, req->scratch);
    }
    free(req->scratch);
    req->scratch = NULL;
    break;
  case SH_FS_READ:
  case SH_FS_READV:
    if (res > 0) {
      SH_PERF_ADD(file_read_bytes, res);
    }
    break;
  default:
    break;
  }
  ring_done(req, res);
}

static int ring_start(sh_fs_req_t *req) {
  sh_ring_t *ring = sh_loop_ring(req->loop);
  sh_req_t *r = &req->ring_req;
  uint64_t off = req->offset < 0 ? (uint64_t)-1 : (uint64_t)req->offset;
  unsigned len = req->len > IO_MAX ? IO_MAX : (unsigned)req->len;
  switch (req->op) {
  case SH_FS_OPEN:
    return sh_ring_openat(ring, r, AT_FDCWD, req->path, req->flags | O_CLOEXEC, req->mode);
  case SH_FS_CLOSE:
    return sh_ring_close(ring, r, req->fd);
  case SH_FS_READ:
    return sh_ring_read(ring, r, req->fd, req->buf, len, off);
  case SH_FS_WRITE:
    return sh_ring_write(ring, r, req->fd, req->buf, len, off);
  case SH_FS_READV:
    return sh_ring_readv(ring, r, req->fd, req->iov, req->niov, off);
  case SH_FS_WRITEV:
    return sh_ring_writev(ring, r, req->fd, req->iov, req->niov, off);
  case SH_FS_STAT:
  case SH_FS_LSTAT:
  case SH_FS_FSTAT: {
    req->scratch = sh_xmalloc(sizeof(struct statx));
    int dfd = req->op == SH_FS_FSTAT ? req->fd : AT_FDCWD;
    const char *path = req->op == SH_FS_FSTAT ? "" : req->path;
    int flags = AT_STATX_SYNC_AS_STAT | (req->op == SH_FS_LSTAT ? AT_SYMLINK_NOFOLLOW : 0) |
                (req->op == SH_FS_FSTAT ? AT_EMPTY_PATH : 0);
    int err = sh_ring_statx(ring, r, dfd, path, flags, STATX_WANT, req->scratch);
    if (err < 0) {
      free(req->scratch);
      req->scratch = NULL;
    }
    return err;
  }
  case SH_FS_FSYNC:
  case SH_FS_FDATASYNC:
    return sh_ring_fsync(ring, r, req->fd, req->op == SH_FS_FDATASYNC);
  case SH_FS_UNLINK:
    return sh_ring_unlinkat(ring, r, AT_FDCWD, req->path, 0);
  case SH_FS_RMDIR:
    return sh_ring_unlinkat(ring, r, AT_FDCWD, req->path, AT_REMOVEDIR);
  case SH_FS_RENAME:
    return sh_ring_renameat(ring, r, AT_FDCWD, req->path, AT_FDCWD, req->path2, 0);
  case SH_FS_MKDIR:
    return sh_ring_mkdirat(ring, r, AT_FDCWD, req->path, req->mode);
  case SH_FS_SYMLINK:
    return sh_ring_symlinkat(ring, r, req->path, AT_FDCWD, req->path2);
  case SH_FS_LINK:
    return sh_ring_linkat(ring, r, AT_FDCWD, req->path, AT_FDCWD, req->path2, 0);
  case SH_FS_FALLOCATE:
    return sh_ring_fallocate(ring, r, req->fd, req->flags, (uint64_t)req->offset, req->len);
  default:
    return -ENOSYS;
  }
}

/* READFILE on the ring: open, statx, reads, close, one step per completion. */
enum { RF_OPEN, RF_STAT, RF_READ, RF_CLOSE };

typedef struct readfile_state {
  struct statx sx;
  size_t cap;
  bool known; /* a regular file whose size statx gave */
  bool own_fd;
  int64_t err;
  const char *err_syscall;
} readfile_state_t;

static void readfile_step(sh_fs_req_t *req);

static void readfile_finish(sh_fs_req_t *req) {
  readfile_state_t *st = req->scratch;
  int64_t res = st->err;
  const char *sc = st->err_syscall;
  free(st);
  req->scratch = NULL;
  if (res < 0) {
    free(req->buf);
    req->buf = NULL;
    req->syscall = sc;
  } else {
    SH_PERF_ADD(file_read_bytes, req->len);
    res = (int64_t)req->len;
  }
  ring_done(req, res);
}

static void readfile_fail(sh_fs_req_t *req, int64_t err, const char *syscall) {
  readfile_state_t *st = req->scratch;
  if (st->err == 0) {
    st->err = err;
    st->err_syscall = syscall;
  }
  if (st->own_fd && req->fd >= 0) {
    req->step = RF_CLOSE;
    readfile_step(req);
  } else {
    readfile_finish(req);
  }
}

static void on_readfile(sh_req_t *r, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_fs_req_t *req = r->data;
  readfile_state_t *st = req->scratch;
  switch (req->step) {
  case RF_OPEN:
    if (res < 0) {
      readfile_fail(req, res, "open");
      return;
    }
    req->fd = res;
    req->step = RF_STAT;
    break;
  case RF_STAT:
    if (res < 0) {
      readfile_fail(req, res, "fstat");
      return;
    }
    if (S_ISDIR(st->sx.stx_mode)) {
      readfile_fail(req, -EISDIR, "read");
      return;
    }
    st->known = S_ISREG(st->sx.stx_mode) && st->sx.stx_size > 0;
    if (S_ISREG(st->sx.stx_mode) && st->sx.stx_size > INT32_MAX) {
      req->len = st->sx.stx_size;
      readfile_fail(req, -EFBIG, "read");
      return;
    }
    st->cap = st->known ? (size_t)st->sx.stx_size : READFILE_CHUNK;
    req->buf = sh_xmalloc(st->cap);
    req->len = 0;
    req->step = RF_READ;
    break;
  case RF_READ:
    if (res == -EINTR || res == -EAGAIN) {
      break; /* again */
    }
    if (res < 0) {
      readfile_fail(req, res, "read");
      return;
    }
    req->len += (uint64_t)res;
    if (res == 0 || (st->known && req->len == st->cap)) {
      if (st->own_fd) {
        req->step = RF_CLOSE;
      } else {
        readfile_finish(req);
        return;
      }
    } else if (req->len == st->cap) {
      if (st->cap * 2 > INT32_MAX) {
        req->len = st->cap * 2;
        readfile_fail(req, -EFBIG, "read");
        return;
      }
      st->cap *= 2;
      req->buf = sh_xrealloc(req->buf, st->cap);
    }
    break;
  case RF_CLOSE:
    req->fd = -1;
    readfile_finish(req);
    return;
  }
  readfile_step(req);
}

static void readfile_step(sh_fs_req_t *req) {
  readfile_state_t *st = req->scratch;
  sh_ring_t *ring = sh_loop_ring(req->loop);
  sh_req_t *r = &req->ring_req;
  int err = 0;
  switch (req->step) {
  case RF_OPEN:
    err = sh_ring_openat(ring, r, AT_FDCWD, req->path, (req->flags ? req->flags : O_RDONLY) | O_CLOEXEC,
                         req->mode);
    break;
  case RF_STAT:
    err = sh_ring_statx(ring, r, req->fd, "", AT_EMPTY_PATH | AT_STATX_SYNC_AS_STAT, STATX_WANT, &st->sx);
    break;
  case RF_READ: {
    size_t want = st->cap - (size_t)req->len;
    /* A descriptor the caller gave reads on from its position (Node's
     * readFile(fd) reads from the current position too). */
    uint64_t off = st->own_fd ? req->len : (uint64_t)-1;
    err = sh_ring_read(ring, r, req->fd, (char *)req->buf + req->len, want > IO_MAX ? IO_MAX : (unsigned)want,
                       off);
    break;
  }
  case RF_CLOSE:
    err = sh_ring_close(ring, r, req->fd);
    break;
  }
  /* The SQ is never full here (get_sqe submits when it is): a refusal is a
   * broken invariant. */
  SH_CHECK(err == 0);
}

int sh_fs_submit(sh_loop_t *loop, sh_fs_req_t *req, sh_fs_cb cb) {
  req->loop = loop;
  req->cb = cb;
  req->result = 0;
  req->syscall = NULL;
  if (req->op == SH_FS_READFILE) {
    readfile_state_t *st = sh_xcalloc(1, sizeof *st);
    st->own_fd = req->path != NULL;
    req->scratch = st;
    req->buf = NULL;
    req->len = 0;
    req->ring_req = (sh_req_t){.cb = on_readfile, .data = req};
    req->step = st->own_fd ? RF_OPEN : RF_STAT;
    sh_loop_ref(loop);
    readfile_step(req);
    return 0;
  }
  if (sh_fs_on_ring(req->op)) {
    req->ring_req = (sh_req_t){.cb = on_ring, .data = req};
    int err = ring_start(req);
    if (err < 0) {
      return err;
    }
    sh_loop_ref(loop);
    return 0;
  }
  if (req->op <= 0 || req->op >= SH_FS_OP_COUNT) {
    return -ENOSYS;
  }
  req->work.work = pool_work;
  req->work.done = pool_done;
  req->work.data = req;
  return sh_work_submit(loop, &req->work);
}

/* ---- inotify ---- */

#define WATCH_BUF (sizeof(struct inotify_event) + NAME_MAX + 1) * 16
/* libuv's mask: what Node's fs.watch reports. */
#define WATCH_MASK                                                                                 \
  (IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_MOVED_FROM | \
   IN_MOVED_TO)

bool sh_fs_watch_is_rename(uint32_t mask) { return (mask & ~(uint32_t)(IN_ATTRIB | IN_MODIFY)) != 0; }

static void watch_arm(sh_fs_watch_t *w);

static void watch_finish_close(sh_fs_watch_t *w) {
  if (w->fd >= 0) {
    close(w->fd);
    w->fd = -1;
  }
  free(w->buf);
  w->buf = NULL;
  if (w->refed) {
    w->refed = false;
    sh_loop_unref(w->loop);
  }
  if (w->close_cb) {
    w->close_cb(w);
  }
}

static void on_watch_read(sh_req_t *r, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_fs_watch_t *w = r->data;
  w->reading = false;
  if (w->closing) {
    watch_finish_close(w);
    return;
  }
  if (res > 0) {
    for (int pos = 0; pos < res && !w->closing;) {
      const struct inotify_event *e = (const struct inotify_event *)(w->buf + pos);
      pos += (int)(sizeof *e + e->len);
      if (e->mask & IN_IGNORED) {
        continue;
      }
      w->cb(w, e->wd, e->mask, e->len > 0 ? e->name : NULL);
    }
  }
  if (w->closing) {
    watch_finish_close(w);
    return;
  }
  if (res < 0 && res != -EINTR && res != -EAGAIN && res != -ECANCELED) {
    return; /* the descriptor failed: nothing more will come */
  }
  watch_arm(w);
}

static void watch_arm(sh_fs_watch_t *w) {
  if (w->reading || w->closing) {
    return;
  }
  int err = sh_ring_read(sh_loop_ring(w->loop), &w->read_req, w->fd, w->buf, WATCH_BUF, 0);
  SH_CHECK(err == 0);
  w->reading = true;
}

int sh_fs_watch_init(sh_loop_t *loop, sh_fs_watch_t *w, sh_fs_watch_cb cb, void *data) {
  memset(w, 0, sizeof *w);
  /* Blocking: the ring waits for readiness itself (a non-blocking inotify
   * descriptor would make its reads fail with EAGAIN instead). */
  int fd = inotify_init1(IN_CLOEXEC);
  if (fd < 0) {
    return -errno;
  }
  w->loop = loop;
  w->fd = fd;
  w->cb = cb;
  w->data = data;
  w->buf = sh_xmalloc(WATCH_BUF);
  w->read_req = (sh_req_t){.cb = on_watch_read, .data = w};
  w->refed = true;
  sh_loop_ref(loop);
  watch_arm(w);
  return 0;
}

int sh_fs_watch_add(sh_fs_watch_t *w, const char *path) {
  int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
  return wd < 0 ? -errno : wd;
}

void sh_fs_watch_remove(sh_fs_watch_t *w, int wd) { inotify_rm_watch(w->fd, wd); }

void sh_fs_watch_ref(sh_fs_watch_t *w, bool ref) {
  if (w->closing || ref == w->refed) {
    return;
  }
  w->refed = ref;
  if (ref) {
    sh_loop_ref(w->loop);
  } else {
    sh_loop_unref(w->loop);
  }
}

void sh_fs_watch_close(sh_fs_watch_t *w, sh_fs_watch_close_cb close_cb) {
  if (w->closing) {
    return;
  }
  w->closing = true;
  w->close_cb = close_cb;
  /* The read in flight ends (cancelled) and its completion finishes the close. */
  SH_CHECK(w->reading);
  sh_ring_cancel(sh_loop_ring(w->loop), &w->read_req);
}
