#!/bin/sh
# openblas_compare.sh times the Go kernels of BenchmarkGemm against
# OpenBLAS's cblas_dgemm on the same shapes, side by side: in each round,
# bench/openblas/gemm.c (every shape, median of 7 blocks of at least 100
# ms) and then `go test -bench Gemm/kernel=auto` (every shape, once), on
# one thread for both. It prints the rounds' lines, then per shape the
# minimum and median µs of each and the ratio OpenBLAS / Go (above 1: Go
# is faster). A second table sets single products timed one by one side
# by side (gemm.c's last two columns, `go test -bench GemmCalls`): their
# 10th percentile and median, which the slow calls of a busy machine do
# not move as they move the means of the first.
#
# Usage, from the repository root (needs a C compiler and OpenBLAS, e.g.
# Debian's libopenblas-dev):
#
#	bench/openblas_compare.sh [rounds] [threads]
#
# OpenBLAS runs with the kernels bench/openblas_core.sh picks (its own
# choice unless it falls back to its generic ones on a CPU it does not
# know), OPENBLAS_L2_SIZE unset; threads (default 1) is both
# OpenBLAS's thread count and Go's -cpu.
set -eu

rounds=${1:-3}
threads=${2:-1}
cc=${CC:-cc}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cc" -O2 -o "$tmp/gemm" bench/openblas/gemm.c -lopenblas
go test -c -o "$tmp/bench.test" ./bench

. bench/openblas_core.sh
openblas_core "$tmp/gemm" -core
echo "# $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $threads thread(s), $(date -u +%H:%M) UTC"
for r in $(seq "$rounds"); do
  env $OPENBLAS_ENV "$tmp/gemm" "$threads" >"$tmp/c.out"
  awk -v r="$r" '/^shape=/ { sub(/^shape=/, "", $1); print "openblas", r, $1, $3 }' "$tmp/c.out" >>"$tmp/runs"
  awk -v r="$r" '/^shape=/ { sub(/^shape=/, "", $1); for (i = 2; i < NF; i++) { if ($i == "p10") p = $(i + 1); if ($i == "median") m = $(i + 1) }; print "openblas", r, $1, p, m }' "$tmp/c.out" >>"$tmp/calls"
  (cd bench && "$tmp/bench.test" -test.run '^$' -test.bench 'Gemm/kernel=auto/' -test.benchtime 300ms -test.cpu "$threads") |
    awk -v r="$r" '/^BenchmarkGemm/ { s = $1; sub(/.*shape=/, "", s); sub(/-[0-9]+$/, "", s); print "go", r, s, $3 / 1000 }' >>"$tmp/runs"
  (cd bench && "$tmp/bench.test" -test.run '^$' -test.bench 'GemmCalls/' -test.benchtime 300ms -test.cpu "$threads") |
    awk -v r="$r" '/^BenchmarkGemmCalls/ { s = $1; sub(/.*shape=/, "", s); sub(/-[0-9]+$/, "", s); for (i = 2; i < NF; i++) { if ($(i + 1) == "p10-µs") p = $i; if ($(i + 1) == "med-µs") m = $i }; print "go", r, s, p, m }' >>"$tmp/calls"
done
sort -k3,3 -k1,1 -k2,2n "$tmp/runs"
echo
echo "shape	OpenBLAS min/med µs	Go min/med µs	ratio min/med"
awk '
  { v[$1, $3] = v[$1, $3] " " $4; shapes[$3] = 1 }
  function stats(s, out,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    out["min"] = a[1]; out["med"] = a[int((n + 1) / 2)]
  }
  END {
    for (s in shapes) {
      if (!((("openblas", s) in v) && (("go", s) in v))) continue
      stats(v["openblas", s], o); stats(v["go", s], g)
      printf "%s\t%.1f / %.1f\t%.1f / %.1f\t%.2f / %.2f\n", s, o["min"], o["med"], g["min"], g["med"], o["min"] / g["min"], o["med"] / g["med"]
    }
  }' "$tmp/runs" | sort
echo
echo "single products timed one by one (BenchmarkGemmCalls; gemm.c's calls): the lowest 10th percentile"
echo "and the median of the rounds' medians, µs, and the ratios OpenBLAS / Go"
echo "shape	OpenBLAS p10/med µs	Go p10/med µs	ratio p10/med"
awk '
  { p[$1, $3] = p[$1, $3] " " $4; m[$1, $3] = m[$1, $3] " " $5; shapes[$3] = 1 }
  function sorted(s, a,   n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n
  }
  END {
    for (s in shapes) {
      if (!((("openblas", s) in p) && (("go", s) in p))) continue
      sorted(p["openblas", s], op); n = sorted(m["openblas", s], om)
      sorted(p["go", s], gp); k = sorted(m["go", s], gm)
      printf "%s\t%.2f / %.2f\t%.2f / %.2f\t%.2f / %.2f\n", s, op[1], om[int((n + 1) / 2)], gp[1], gm[int((k + 1) / 2)], op[1] / gp[1], om[int((n + 1) / 2)] / gm[int((k + 1) / 2)]
    }
  }' "$tmp/calls" | sort
