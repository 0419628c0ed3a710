#!/bin/sh
# convstep_vs_numpy.sh times a training step of the book's SimpleConvNet
# and DeepConvNet under NumPy (bench/numpy/convstep.py) against
# BenchmarkConvNetStep, side by side: in rounds, for each network, the
# NumPy step then the Go step, so that both meet the same noise. It prints
# one line per run (ms per step) and, at the end, the minimum and the
# median of each and their ratios.
#
# Usage, from the repository root:
#
#	bench/convstep_vs_numpy.sh BOOK_DIR [rounds] [net ...]
#
# BOOK_DIR is the book's repository extracted outside this one; net is
# simple or deep (both by default). NumPy times 10 (simple) or 5 (deep)
# steps after a first one, Go 40 or 20; PYTHON names the interpreter
# (/usr/bin/python3 by default, with NumPy). OpenBLAS runs with the kernels
# bench/openblas_core.sh picks.
set -eu

book=${1:?usage: bench/convstep_vs_numpy.sh BOOK_DIR [rounds] [net ...]}
shift
rounds=${1:-3}
[ $# -gt 0 ] && shift
nets=${*:-simple deep}
python=${PYTHON:-/usr/bin/python3}
for n in $nets; do
	case $n in
	simple | deep) ;;
	*)
		echo "convstep_vs_numpy.sh: unknown net $n (simple or deep)" >&2
		exit 2
		;;
	esac
done

. bench/openblas_core.sh
openblas_core "$python" -c 'import numpy'
echo "# $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(date -u +%H:%M) UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/bench.test" ./bench
log=$tmp/runs.txt
for r in $(seq "$rounds"); do
	for n in $nets; do
		steps=5 iters=20
		[ "$n" = simple ] && steps=10 iters=40
		env $OPENBLAS_ENV "$python" bench/numpy/convstep.py "$book" "$n" "$steps" |
			awk -v n="$n" '{print n, "numpy", $2}' | tee -a "$log"
		"$tmp/bench.test" -test.run '^$' -test.bench "ConvNetStep/net=$n\$" -test.benchtime "${iters}x" |
			awk -v n="$n" '/^Benchmark/ {print n, "go", $3 / 1e6}' | tee -a "$log"
	done
done
echo "net: numpy min/median ms | go min/median ms | ratio min/median"
for n in $nets; do
	awk -v s="$n" '
		function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
		function med(a, n) { return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
		$1 == s && $2 == "numpy" { nn++; np[nn] = $3 }
		$1 == s && $2 == "go" { gn++; gp[gn] = $3 }
		END {
			sort(np, nn); sort(gp, gn)
			printf "%s: %.1f/%.1f | %.1f/%.1f | %.1fx/%.1fx\n", s, np[1], med(np, nn), gp[1], med(gp, gn),
				np[1] / gp[1], med(np, nn) / med(gp, gn)
		}' "$log"
done
