#!/usr/bin/env bash
# The REPL on a real pseudo-terminal (tmux), its screen read back: results,
# multi-line input, top-level await, errors, `_`, .help, history with the
# up arrow and in the history file, tab completion, Ctrl+C, .exit, and the
# terminal left as it was (raw mode undone). Then the REPL with -i on a
# pipe, compared with the lines Node prints.
set -u
SHARD=${SHARD:?}
fail() { echo "FAIL: $*"; echo "--- screen:"; screen; exit 1; }

if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; }
  fi
  command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
fi

dir=$(mktemp -d)
sock="shard-repl-$$"
T() { tmux -L "$sock" "$@"; }
cleanup() {
  T kill-server 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

screen() { T capture-pane -t repl -p -S -100 2>/dev/null; }
# Waits until the screen shows the pattern (grep -E), up to 10 seconds.
wait_for() {
  for _ in $(seq 100); do
    screen | grep -qE -- "$1" && return 0
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}
# Types text as keystrokes, one call per key group, so each arrives alone.
type_keys() { T send-keys -t repl -l -- "$1"; sleep 0.15; }
key() { T send-keys -t repl "$@"; sleep 0.15; }

cat >"$dir/run.sh" <<SH
#!/bin/sh
stty -g > "$dir/stty.before"
HOME="$dir" NODE_REPL_HISTORY="$dir/history" "$SHARD"
echo "exit code \$?" > "$dir/exit"
stty -g > "$dir/stty.after"
sleep 30
SH
chmod +x "$dir/run.sh"
T new-session -d -s repl -x 100 -y 40 "$dir/run.sh"

wait_for '^Welcome to Node\.js v'
wait_for '^> ?$'

type_keys '1 + 2'; key Enter
wait_for '^3$'

type_keys 'function twice(a) {'; key Enter
wait_for '^\.\.\.'
type_keys 'return a * 2'; key Enter
type_keys '}'; key Enter
type_keys 'twice(21)'; key Enter
wait_for '^42$'

type_keys "await new Promise((r) => setTimeout(() => r('later'), 50))"; key Enter
wait_for "^'later'$"

type_keys 'nosuchthing'; key Enter
wait_for '^Uncaught ReferenceError: nosuchthing is not defined$'
type_keys '_'; key Enter
wait_for "^> _$"
screen | grep -A1 '^> _$' | tail -1 | grep -q "^'later'$" || fail "_ is not the last result"

type_keys '.help'; key Enter
wait_for '^\.exit +Exit the REPL$'

# The up arrow brings back the previous line; run it again.
key Up
wait_for '^> \.help$'
key C-u
type_keys 'twice(5)'; key Enter
wait_for '^10$'
key Up
wait_for '^> twice\(5\)$'
key C-u

# Tab completes a property, a second tab lists the choices.
type_keys 'process.versi'; key Tab
wait_for '^> process\.version$'
key Tab
wait_for 'process\.version +process\.versions'
key C-u

# .editor gathers lines until Ctrl+D runs them together.
type_keys '.editor'; key Enter
wait_for '^// Entering editor mode'
type_keys 'const base = 40'; key Enter
type_keys 'base + 2'; key C-d
wait_for '^42$'

# The terminal changes size: columns follow and 'resize' is emitted.
type_keys "void process.stdout.on('resize', () => console.log('resized to', process.stdout.columns))"; key Enter
wait_for '^undefined$'
T resize-window -t repl -x 90 -y 40
wait_for 'resized to 90$'
key Enter

# Ctrl+C clears a line; on an empty line it says how to leave.
type_keys 'half typed'; key C-c
key C-c
wait_for '^\(To exit, press Ctrl\+C again or Ctrl\+D or type \.exit\)$'

type_keys '.exit'; key Enter
for _ in $(seq 100); do [ -f "$dir/exit" ] && break; sleep 0.1; done
[ -f "$dir/exit" ] || fail "the REPL did not exit on .exit"
grep -q '^exit code 0$' "$dir/exit" || fail "exit code: $(cat "$dir/exit")"
for _ in $(seq 50); do [ -f "$dir/stty.after" ] && break; sleep 0.1; done
# Raw mode undone: the terminal settings are what they were.
diff "$dir/stty.before" "$dir/stty.after" >/dev/null || fail "terminal settings changed: $(diff "$dir/stty.before" "$dir/stty.after")"
grep -qx 'twice(5)' "$dir/history" || fail "history file: $(cat "$dir/history" 2>&1)"
# Newest first, as Node writes it.
[ "$(head -1 "$dir/history")" = '.exit' ] || fail "history order: $(head -3 "$dir/history")"

# ---- -i on a pipe: no terminal, the same answers Node gives ----
out=$(printf '1+1\nlet x = {a: 1}\nx\nfunction f() {\nreturn 3\n}\nf()\nthrow new Error("boom")\n_\n' | "$SHARD" -i 2>&1)
expected='> 2
> undefined
> { a: 1 }
> ... ... undefined
> 3
> Uncaught Error: boom
> 3
> '
[ "$(printf '%s' "$out" | tail -n +3)" = "$expected" ] || { echo "FAIL: -i on a pipe printed:"; printf '%s\n' "$out"; exit 1; }
echo ok
