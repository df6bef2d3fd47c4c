# Sourced by the integration tests that use npm packages (frameworks, ws).
# Installs the packages once into tests/.work/frameworks (kept between
# runs, shared by concurrent runs under a lock) and gives each run its own
# scratch folder whose node_modules points there.
#
#   npm_work_setup      sets $npm_dir (the shared install) and $scratch
#                       (this run's folder, removed on exit); exits 77 when
#                       npm or the registry cannot be reached
npm_packages=(express4@npm:express@4 express5@npm:express@5 fastify@5 koa @koa/router koa-bodyparser ws)
npm_dirs=(express4 express5 fastify koa @koa/router koa-bodyparser ws)

npm_work_setup() {
  npm_dir=$top/tests/.work/frameworks
  mkdir -p "$npm_dir"
  (
    flock 9
    cd "$npm_dir" || exit 1
    [ -f package.json ] || echo '{ "name": "shard-framework-tests", "private": true }' > package.json
    missing=0
    for dir in "${npm_dirs[@]}"; do
      [ -f "node_modules/$dir/package.json" ] || missing=1
    done
    if [ $missing = 1 ]; then
      command -v npm >/dev/null 2>&1 || { echo "npm is not installed"; exit 77; }
      if ! out=$(timeout 300 npm install --no-audit --no-fund --loglevel=error "${npm_packages[@]}" 2>&1); then
        if printf '%s' "$out" | grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|proxy'; then
          echo "npm registry unreachable"
          exit 77
        fi
        echo "npm install failed:"
        printf '%s\n' "$out" | tail -20
        exit 1
      fi
    fi
    # The packages' own test suites are not ours to run (and some time
    # themselves): drop them, so that nothing here looks like our tests.
    find node_modules -mindepth 2 -maxdepth 3 -type d \( -name test -o -name tests \) \
      -execdir test -f package.json \; -prune -exec rm -rf {} + 2>/dev/null
    exit 0
  ) 9>"$npm_dir.lock" || exit $?
  scratch=$(mktemp -d "${TEST_WORK:-$top/tests/.work}/npm.XXXXXX")
  ln -s "$npm_dir/node_modules" "$scratch/node_modules"
}
