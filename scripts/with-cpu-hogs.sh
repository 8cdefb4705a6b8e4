#!/usr/bin/env bash
# Runs a command with CPU hogs beside it: one busy loop per core by default (CPU_HOGS=N to choose),
# as a busy shared host or a small VPS in a spike. The hogs stop when the command does, however it ends.
set -euo pipefail
hogs=${CPU_HOGS:-$(nproc)}
pids=()
# SIGKILL: a shell busy loop does not reliably stop for SIGTERM.
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
for _ in $(seq "$hogs"); do
    # A shell busy loop: no package needed, same priority as the suite.
    bash -c 'while :; do :; done' &
    pids+=($!)
done
echo "== $hogs CPU hog(s) running beside: $*"
"$@"
