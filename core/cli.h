/* The command line: Node's options that shard supports, V8 flags passed
 * through, and shard's own (--cores, --stats). */
#ifndef SH_CLI_H
#define SH_CLI_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sh_cli {
  const char *script;       /* first non-option argument, or NULL */
  const char *eval;         /* -e / -p source */
  bool print;
  bool check;               /* -c: syntax check only */
  bool interactive;         /* -i */
  bool test;                /* --test */
  const char *test_reporter;
  bool version;
  bool help;
  bool v8_options;
  int cores;                /* 0: not given (one core, not pinned); -1: auto */
  bool stats;
  bool cpu_prof;
  const char *cpu_prof_dir;
  char **preloads;          /* -r, in order */
  int preload_count;
  char **imports;           /* --import, in order */
  int import_count;
  char **env_files;
  int env_file_count;
  char *v8_flags;           /* space-separated, owned */
  char **other_flags;       /* options shard does not know: V8 may (checked in main) */
  int other_flag_count;
  size_t heap_limit_mb;     /* --max-old-space-size, for the per-core share */
  char **exec_argv;         /* the options, for process.execArgv */
  int exec_argc;
  char **script_argv;       /* the script's own arguments */
  int script_argc;
} sh_cli_t;

/* Parses argv (and the options in NODE_OPTIONS first). Returns 0, or prints
 * why the command line is refused and returns a non-zero exit code. */
int sh_cli_parse(sh_cli_t *cli, int argc, char **argv);
void sh_cli_print_help(void);

#endif
