#!/bin/sh
# ch06_vs_numpy.sh times the chapter 6 MNIST twins against the book's
# scripts under NumPy, side by side: for each script, the script then the
# twin, in rounds, so that both meet the same noise. It prints one line per
# run (wall seconds, user seconds, peak KB) and, at the end, the minimum
# and the median of each, and their ratios.
#
# Usage, from the repository root:
#
#	bench/ch06_vs_numpy.sh BOOK_DIR [rounds] [script ...]
#
# BOOK_DIR is the book's repository extracted somewhere outside this one
# (git -C <mirror> archive HEAD | tar -x -C /tmp/book); the scripts run
# through ../shared/tools/run_book.py with seed 0 (RUN_BOOK overrides its
# path; PYTHON the interpreter, /usr/bin/python3 by default, which must
# have NumPy and matplotlib). OpenBLAS runs with the kernels
# bench/openblas_core.sh picks (its own choice, unless it falls back to its
# generic ones on a CPU it does not know), OPENBLAS_L2_SIZE unset. The twins are built into a temporary folder first; the
# figures go there too.
set -eu

book=${1:?usage: bench/ch06_vs_numpy.sh BOOK_DIR [rounds] [script ...]}
shift
rounds=${1:-3}
[ $# -gt 0 ] && shift
scripts=${*:-weight_init_compare optimizer_compare_mnist batch_norm_test overfit_weight_decay overfit_dropout hyperparameter_optimization}
run_book=${RUN_BOOK:-../shared/tools/run_book.py}
python=${PYTHON:-/usr/bin/python3}

. bench/openblas_core.sh
openblas_core "$python" -c 'import numpy'
echo "# $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(date -u +%H:%M) UTC"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in $scripts; do
	go build -o "$tmp/$s" "./cmd/ch06/$s"
done
log=$tmp/runs.txt
for r in $(seq "$rounds"); do
	for s in $scripts; do
		env $OPENBLAS_ENV /usr/bin/time -f "$s numpy %e %U %M" \
			"$python" "$run_book" "$book" 0 "ch06/$s.py" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
		tail -1 "$tmp/err" | tee -a "$log"
		/usr/bin/time -f "$s go %e %U %M" "$tmp/$s" -o "$tmp/$s.svg" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
		tail -1 "$tmp/err" | tee -a "$log"
	done
done
echo "script: numpy min/median s | go min/median s | ratio min/median | peak MB numpy/go"
for s in $scripts; do
	awk -v s="$s" '
		function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
		function med(a, n) { return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
		$1 == s && $2 == "numpy" { nn++; np[nn] = $3; if ($5 > nm) nm = $5 }
		$1 == s && $2 == "go" { gn++; gp[gn] = $3; if ($5 > gm) gm = $5 }
		END {
			sort(np, nn); sort(gp, gn)
			printf "%s: %.2f/%.2f | %.2f/%.2f | %.1fx/%.1fx | %.0f/%.0f\n", s, np[1], med(np, nn), gp[1], med(gp, gn),
				np[1] / gp[1], med(np, nn) / med(gp, gn), nm / 1024, gm / 1024
		}' "$log"
done
