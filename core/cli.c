#include "core/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/common.h"

typedef enum { OPT_FLAG, OPT_VALUE } opt_kind_t;

typedef enum {
  K_EVAL, K_PRINT, K_CHECK, K_INTERACTIVE, K_REQUIRE, K_IMPORT, K_ENV_FILE, K_CORES, K_STATS,
  K_CPU_PROF, K_CPU_PROF_DIR, K_TEST, K_TEST_REPORTER, K_VERSION, K_HELP, K_V8_OPTIONS,
  K_V8,      /* passed to V8 as given */
  K_JS,      /* read by the built-ins from process.execArgv */
  K_IGNORED, /* accepted for compatibility, no effect (documented in --help) */
} opt_key_t;

typedef struct {
  const char *name; /* without leading dashes */
  opt_kind_t kind;
  opt_key_t key;
} opt_t;

static const opt_t kOptions[] = {
    {"e", OPT_VALUE, K_EVAL},
    {"eval", OPT_VALUE, K_EVAL},
    {"p", OPT_VALUE, K_PRINT},
    {"print", OPT_VALUE, K_PRINT},
    {"c", OPT_FLAG, K_CHECK},
    {"check", OPT_FLAG, K_CHECK},
    {"i", OPT_FLAG, K_INTERACTIVE},
    {"interactive", OPT_FLAG, K_INTERACTIVE},
    {"r", OPT_VALUE, K_REQUIRE},
    {"require", OPT_VALUE, K_REQUIRE},
    {"import", OPT_VALUE, K_IMPORT},
    {"env-file", OPT_VALUE, K_ENV_FILE},
    {"cores", OPT_VALUE, K_CORES},
    {"stats", OPT_FLAG, K_STATS},
    {"cpu-prof", OPT_FLAG, K_CPU_PROF},
    {"cpu-prof-dir", OPT_VALUE, K_CPU_PROF_DIR},
    {"test", OPT_FLAG, K_TEST},
    {"test-reporter", OPT_VALUE, K_TEST_REPORTER},
    {"v", OPT_FLAG, K_VERSION},
    {"version", OPT_FLAG, K_VERSION},
    {"h", OPT_FLAG, K_HELP},
    {"help", OPT_FLAG, K_HELP},
    {"v8-options", OPT_FLAG, K_V8_OPTIONS},
    /* V8 flags */
    {"max-old-space-size", OPT_VALUE, K_V8},
    {"max-semi-space-size", OPT_VALUE, K_V8},
    {"stack-size", OPT_VALUE, K_V8},
    {"expose-gc", OPT_FLAG, K_V8},
    {"expose_gc", OPT_FLAG, K_V8},
    {"jitless", OPT_FLAG, K_V8},
    {"no-opt", OPT_FLAG, K_V8},
    {"allow-natives-syntax", OPT_FLAG, K_V8},
    {"trace-gc", OPT_FLAG, K_V8},
    {"abort-on-uncaught-exception", OPT_FLAG, K_V8},
    {"disallow-code-generation-from-strings", OPT_FLAG, K_V8},
    {"interpreted-frames-native-stack", OPT_FLAG, K_V8},
    {"perf-basic-prof", OPT_FLAG, K_V8},
    {"perf-prof", OPT_FLAG, K_V8},
    {"random-seed", OPT_VALUE, K_V8},
    {"single-threaded-gc", OPT_FLAG, K_V8},
    {"huge-max-old-generation-size", OPT_FLAG, K_V8},
    /* Node options the built-ins read */
    {"no-warnings", OPT_FLAG, K_JS},
    {"trace-warnings", OPT_FLAG, K_JS},
    {"trace-uncaught", OPT_FLAG, K_JS},
    {"no-deprecation", OPT_FLAG, K_JS},
    {"trace-deprecation", OPT_FLAG, K_JS},
    {"throw-deprecation", OPT_FLAG, K_JS},
    {"pending-deprecation", OPT_FLAG, K_JS},
    {"unhandled-rejections", OPT_VALUE, K_JS},
    {"input-type", OPT_VALUE, K_JS},
    {"title", OPT_VALUE, K_JS},
    {"preserve-symlinks", OPT_FLAG, K_JS},
    {"preserve-symlinks-main", OPT_FLAG, K_JS},
    {"conditions", OPT_VALUE, K_JS},
    {"C", OPT_VALUE, K_JS},
    {"test-only", OPT_FLAG, K_JS},
    {"test-name-pattern", OPT_VALUE, K_JS},
    {"test-timeout", OPT_VALUE, K_JS},
    {"test-concurrency", OPT_VALUE, K_JS},
    {"test-skip-pattern", OPT_VALUE, K_JS},
    {"test-reporter-destination", OPT_VALUE, K_JS},
    {"test-force-exit", OPT_FLAG, K_JS},
    {"stack-trace-limit", OPT_VALUE, K_JS},
    /* no effect here */
    {"experimental-require-module", OPT_FLAG, K_IGNORED},
    {"experimental-detect-module", OPT_FLAG, K_IGNORED},
    {"enable-source-maps", OPT_FLAG, K_IGNORED},
    {"no-experimental-fetch", OPT_FLAG, K_IGNORED},
};

static const char *kRefused[][2] = {
    {"inspect", "the inspector protocol is not supported; use --cpu-prof for profiles"},
    {"inspect-brk", "the inspector protocol is not supported; use --cpu-prof for profiles"},
    {"inspect-port", "the inspector protocol is not supported"},
    {"inspect-wait", "the inspector protocol is not supported"},
    {"prof", "V8's tick profiler is not supported; use --cpu-prof"},
    {"watch", "watch mode is not supported"},
    {"snapshot-blob", "user-land startup snapshots are not supported"},
    {"experimental-loader", "module customization hooks are not supported"},
    {"loader", "module customization hooks are not supported"},
    {"experimental-vm-modules", "vm.Module is not supported"},
    {"experimental-permission", "the permission model is not supported"},
    {"heapsnapshot-signal", "heap snapshots are not supported"},
};

static void push(char ***list, int *count, char *item) {
  *list = sh_xrealloc(*list, sizeof(char *) * (size_t)(*count + 2));
  (*list)[(*count)++] = item;
  (*list)[*count] = NULL;
}

static void add_v8_flag(sh_cli_t *cli, const char *flag) {
  size_t old = cli->v8_flags ? strlen(cli->v8_flags) : 0;
  cli->v8_flags = sh_xrealloc(cli->v8_flags, old + strlen(flag) + 2);
  if (old == 0) {
    strcpy(cli->v8_flags, flag);
  } else {
    cli->v8_flags[old] = ' ';
    strcpy(cli->v8_flags + old + 1, flag);
  }
}

static const opt_t *find_option(const char *name, size_t len) {
  for (size_t i = 0; i < SH_ARRAY_SIZE(kOptions); i++) {
    if (strlen(kOptions[i].name) == len && strncmp(kOptions[i].name, name, len) == 0) {
      return &kOptions[i];
    }
  }
  /* V8 spells flags with - or _ alike; --harmony-* are all V8's. */
  if (len > 8 && strncmp(name, "harmony-", 8) == 0) {
    static const opt_t harmony = {"harmony", OPT_FLAG, K_V8};
    return &harmony;
  }
  return NULL;
}

static int apply(sh_cli_t *cli, const opt_t *opt, const char *arg, const char *value) {
  switch (opt->key) {
  case K_EVAL:
    cli->eval = value;
    break;
  case K_PRINT:
    cli->eval = value;
    cli->print = true;
    break;
  case K_CHECK:
    cli->check = true;
    break;
  case K_INTERACTIVE:
    cli->interactive = true;
    break;
  case K_REQUIRE:
    push(&cli->preloads, &cli->preload_count, (char *)value);
    break;
  case K_IMPORT:
    push(&cli->imports, &cli->import_count, (char *)value);
    break;
  case K_ENV_FILE:
    push(&cli->env_files, &cli->env_file_count, (char *)value);
    break;
  case K_CORES:
    if (strcmp(value, "auto") == 0) {
      cli->cores = -1;
    } else {
      char *end;
      long n = strtol(value, &end, 10);
      if (*end != '\0' || n < 1 || n > 1024) {
        fprintf(stderr, "shard: --cores takes a number from 1 to 1024 or 'auto', not '%s'\n", value);
        return 9;
      }
      cli->cores = (int)n;
    }
    break;
  case K_STATS:
    cli->stats = true;
    break;
  case K_CPU_PROF:
    cli->cpu_prof = true;
    break;
  case K_CPU_PROF_DIR:
    cli->cpu_prof_dir = value;
    break;
  case K_TEST:
    cli->test = true;
    break;
  case K_TEST_REPORTER:
    cli->test_reporter = value;
    break;
  case K_VERSION:
    cli->version = true;
    break;
  case K_HELP:
    cli->help = true;
    break;
  case K_V8_OPTIONS:
    cli->v8_options = true;
    break;
  case K_V8:
    if (strncmp(arg + 2, "max-old-space-size", 18) == 0 && value != NULL) {
      cli->heap_limit_mb = (size_t)strtoul(value, NULL, 10);
    }
    if (value != NULL && strchr(arg, '=') == NULL) {
      char *flag = sh_xmalloc(strlen(arg) + strlen(value) + 2);
      sprintf(flag, "%s=%s", arg, value);
      add_v8_flag(cli, flag);
      free(flag);
    } else {
      add_v8_flag(cli, arg);
    }
    break;
  case K_JS:
  case K_IGNORED:
    break;
  }
  return 0;
}

/* Parses one option at argv[*i]; advances *i past its value. */
static int parse_option(sh_cli_t *cli, int argc, char **argv, int *i, bool from_env) {
  char *arg = argv[*i];
  const char *name = arg[1] == '-' ? arg + 2 : arg + 1;
  const char *eq = strchr(name, '=');
  size_t len = eq ? (size_t)(eq - name) : strlen(name);
  for (size_t k = 0; k < SH_ARRAY_SIZE(kRefused); k++) {
    if (strlen(kRefused[k][0]) == len && strncmp(kRefused[k][0], name, len) == 0) {
      fprintf(stderr, "shard: %.*s: %s\n", (int)(len + (size_t)(name - arg)), arg, kRefused[k][1]);
      return 9;
    }
  }
  const opt_t *opt = find_option(name, len);
  if (opt == NULL) {
    if (arg[1] == '-' && len > 0) {
      /* Perhaps one of V8's own flags (--trace-opt...): main asks V8. */
      push(&cli->other_flags, &cli->other_flag_count, arg);
      if (!from_env) {
        push(&cli->exec_argv, &cli->exec_argc, arg);
      }
      return 0;
    }
    fprintf(stderr, "shard: bad option: %s%s\n", arg, from_env ? " (in NODE_OPTIONS)" : "");
    return 9;
  }
  if (from_env && (opt->key == K_EVAL || opt->key == K_PRINT || opt->key == K_TEST ||
                   opt->key == K_VERSION || opt->key == K_HELP)) {
    fprintf(stderr, "shard: %s is not allowed in NODE_OPTIONS\n", arg);
    return 9;
  }
  const char *value = NULL;
  if (opt->kind == OPT_VALUE) {
    if (eq) {
      value = eq + 1;
    } else if (*i + 1 < argc) {
      value = argv[++*i];
    } else {
      fprintf(stderr, "shard: %s requires an argument\n", arg);
      return 9;
    }
  } else if (eq) {
    fprintf(stderr, "shard: %s takes no value\n", arg);
    return 9;
  }
  if (!from_env) {
    push(&cli->exec_argv, &cli->exec_argc, arg);
    if (value != NULL && eq == NULL) {
      push(&cli->exec_argv, &cli->exec_argc, (char *)value);
    }
  }
  return apply(cli, opt, arg, value);
}

/* NODE_OPTIONS: space-separated, with "double quotes" for values with spaces. */
static int parse_node_options(sh_cli_t *cli, const char *env) {
  char **words = NULL;
  int count = 0;
  const char *p = env;
  while (*p) {
    while (*p == ' ' || *p == '\t') {
      p++;
    }
    if (*p == '\0') {
      break;
    }
    char *word = sh_xmalloc(strlen(p) + 1);
    size_t n = 0;
    bool quoted = false;
    while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
      if (*p == '"') {
        quoted = !quoted;
      } else if (*p == '\\' && quoted && p[1]) {
        word[n++] = *++p;
      } else {
        word[n++] = *p;
      }
      p++;
    }
    word[n] = '\0';
    push(&words, &count, word);
  }
  for (int i = 0; i < count; i++) {
    if (words[i][0] != '-') {
      fprintf(stderr, "shard: NODE_OPTIONS may hold only options, not '%s'\n", words[i]);
      return 9;
    }
    int err = parse_option(cli, count, words, &i, true);
    if (err) {
      return err;
    }
  }
  return 0; /* the words stay allocated: values point into them */
}

int sh_cli_parse(sh_cli_t *cli, int argc, char **argv) {
  memset(cli, 0, sizeof *cli);
  push(&cli->exec_argv, &cli->exec_argc, NULL); /* keeps the list non-NULL */
  cli->exec_argc = 0;
  push(&cli->preloads, &cli->preload_count, NULL);
  cli->preload_count = 0;
  push(&cli->imports, &cli->import_count, NULL);
  cli->import_count = 0;
  const char *node_options = getenv("NODE_OPTIONS");
  if (node_options != NULL && *node_options) {
    int err = parse_node_options(cli, node_options);
    if (err) {
      return err;
    }
  }
  int i = 1;
  for (; i < argc; i++) {
    char *arg = argv[i];
    if (strcmp(arg, "--") == 0) {
      i++;
      break;
    }
    if (arg[0] != '-' || strcmp(arg, "-") == 0) {
      break;
    }
    int err = parse_option(cli, argc, argv, &i, false);
    if (err) {
      return err;
    }
  }
  if (i < argc && cli->eval == NULL && !cli->test) {
    cli->script = strcmp(argv[i], "-") == 0 ? NULL : argv[i];
    i++;
  }
  cli->script_argv = argv + i;
  cli->script_argc = argc - i;
  if (cli->cores == 0) {
    const char *env = getenv("SHARD_CORES");
    if (env != NULL && *env) {
      const opt_t *opt = find_option("cores", 5);
      int err = apply(cli, opt, "--cores", env);
      if (err) {
        return err;
      }
    }
  }
  return 0;
}

void sh_cli_print_help(void) {
  fputs("Usage: shard [options] [ script.js | -e \"script\" | - ] [arguments]\n"
        "       shard --test [options] [files or globs]\n"
        "\n"
        "Runs Node.js programs: one event loop per CPU core on io_uring.\n"
        "\n"
        "Options:\n"
        "  -e, --eval script          evaluate script\n"
        "  -p, --print script         evaluate script and print the result\n"
        "  -c, --check                check the script's syntax without running it\n"
        "  -r, --require module       require a module before the entry point\n"
        "  --import module            import an ES module before the entry point\n"
        "  --env-file file            set environment variables from file\n"
        "  --cores=N|auto             run the program on N cores (SHARD_CORES); one\n"
        "                             copy per core, each pinned, sharing nothing\n"
        "  --stats                    print per-core counters at exit and on SIGUSR2\n"
        "  --cpu-prof                 write a .cpuprofile per core and Worker at exit\n"
        "  --cpu-prof-dir dir         where --cpu-prof writes\n"
        "  --test                     run tests (node:test) from files or globs\n"
        "  --test-reporter name       spec or tap\n"
        "  --input-type type          commonjs or module, for -e and stdin\n"
        "  --unhandled-rejections m   throw (default), strict, warn, none\n"
        "  --no-warnings              silence process warnings\n"
        "  --max-old-space-size=MB    V8 heap limit (per core)\n"
        "  --stack-size=KB            V8 stack size\n"
        "  --expose-gc                expose gc()\n"
        "  --v8-options               print V8's options\n"
        "  -v, --version              print shard's version\n"
        "  -h, --help                 print this help\n"
        "\n"
        "Environment:\n"
        "  NODE_OPTIONS               options to add (as Node reads them)\n"
        "  SHARD_CORES                as --cores\n",
        stdout);
}
