#!/usr/bin/env bash
# expect.sh CODE PATTERN -- COMMAND...: runs COMMAND, passes if it exits with
# CODE and its stderr (or stdout) matches the grep pattern PATTERN ('' = any).
set -u
code=$1 pattern=$2
shift 3
output=$("$@" 2>&1)
status=$?
if [ "$status" -ne "$code" ]; then
  printf 'expected exit %s, got %s\n%s\n' "$code" "$status" "$output"
  exit 1
fi
if [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$output"; then
  printf 'output does not match /%s/:\n%s\n' "$pattern" "$output"
  exit 1
fi
exit 0
