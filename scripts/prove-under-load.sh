#!/usr/bin/env bash
# Proves tests under load, as CI's busy 2-core machine runs them: keeps one core busy with Debian's
# stress-ng, runs each given jest test file N times in a row (or, with `suite`, the whole test suite of
# both packages N times), and prints how many runs passed. Stops the load when it ends.
#
#   scripts/prove-under-load.sh 20 packages/cli/test/sandbox/trigger-isolation.test.ts test/...
#   scripts/prove-under-load.sh 3 suite
#
# Needs stress-ng (`apt-get install -y stress-ng`) and a built tree (`npx projen build` once).
set -uo pipefail
cd "$(dirname "$0")/.."
runs=$1; shift
command -v stress-ng > /dev/null || { echo "prove-under-load: stress-ng is missing: apt-get install -y stress-ng" >&2; exit 2; }
stress-ng --cpu 1 --timeout 7200s > /dev/null 2>&1 &
load=$!
trap 'kill $load 2> /dev/null' EXIT
failed_any=0
run_one() { # run_one FILE: the file's package folder and its path there
  case "$1" in
    suite) (npx jest --ci --coverage=false && cd packages/cli && npx jest --ci --coverage=false) > /tmp/prove-suite.log 2>&1 ;;
    packages/cli/*) (cd packages/cli && npx jest --ci --coverage=false "${1#packages/cli/}") > /tmp/prove-file.log 2>&1 ;;
    *) npx jest --ci --coverage=false "$1" > /tmp/prove-file.log 2>&1 ;;
  esac
}
for target in "$@"; do
  passed=0
  for i in $(seq 1 "$runs"); do
    started=$(date +%s)
    if run_one "$target"; then passed=$((passed + 1)); else
      failed_any=1
      echo "prove-under-load: $target failed on run $i; its log:" >&2
      tail -40 /tmp/prove-*.log >&2
    fi
    echo "prove-under-load: $target run $i/$runs done in $(( $(date +%s) - started )) s ($passed passed so far)"
  done
  echo "prove-under-load: $target: $passed of $runs passed under load"
done
exit $failed_any
