#!/bin/sh
# parity_vs_numpy.sh runs twins and the book's scripts with one seed and
# compares what they print: the same lines, each accuracy (a number of a
# line that holds "acc", or of a batch_norm_test "epoch:N | a - b" line)
# within 0.001 and every other number within a relative 1e-6 (issue 9's
# tolerances; a gradient check's differences, which are rounding noise,
# within a relative 1e-3 plus 1e-12). Lines starting with "figure: " or
# "image: " (the twins') are left out. It prints one line per script and
# the first lines beyond the tolerances, and exits with status 1 if any.
#
# Usage, from the repository root:
#
#	bench/parity_vs_numpy.sh BOOK_DIR SEED [chNN/script ...]
#
# BOOK_DIR is the book's repository extracted somewhere outside this one
# (git -C <mirror> archive HEAD | tar -x -C /tmp/book); the scripts run
# through ../shared/tools/run_book.py with np.random.seed(SEED) prepended
# (RUN_BOOK overrides its path; PYTHON the interpreter, /usr/bin/python3 by
# default, which must have NumPy and matplotlib). The default scripts are
# chapter 6's that print numbers (about five minutes of NumPy). The twins
# are built into a temporary folder and run with -seed, -o and -save there
# where they have those flags, and their defaults otherwise (the twins
# that read the book's weight files need them in the current folder).
set -eu

book=${1:?usage: bench/parity_vs_numpy.sh BOOK_DIR SEED [chNN/script ...]}
seed=${2:?usage: bench/parity_vs_numpy.sh BOOK_DIR SEED [chNN/script ...]}
shift 2
scripts=${*:-ch06/batch_norm_gradient_check ch06/weight_init_compare ch06/optimizer_compare_mnist ch06/batch_norm_test ch06/overfit_weight_decay ch06/overfit_dropout ch06/hyperparameter_optimization}
run_book=${RUN_BOOK:-../shared/tools/run_book.py}
python=${PYTHON:-/usr/bin/python3}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/compare.py" <<'EOF'
import re, sys

num = re.compile(r'[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf')

def lines(path):
    return [l.rstrip('\n') for l in open(path, errors='replace')
            if l.strip() and not l.startswith(('figure: ', 'image: '))]

name, want, got = sys.argv[1], lines(sys.argv[2]), lines(sys.argv[3])
gradcheck = 'gradient_check' in name
worst_rel = worst_acc = 0.0
bad = []
if len(want) != len(got):
    bad.append('%d lines, NumPy %d' % (len(got), len(want)))
for i, (w, g) in enumerate(zip(want, got)):
    nw, ng = num.findall(w), num.findall(g)
    if num.sub('#', w) != num.sub('#', g) or len(nw) != len(ng):
        bad.append('line %d: %r, NumPy %r' % (i + 1, g, w))
        continue
    acc = 'acc' in w or re.match(r'epoch:\d+ \| ', w) is not None
    for a, b in zip(nw, ng):
        fa, fb = float(a), float(b)
        if a == b or (fa != fa and fb != fb):
            continue
        d = abs(fa - fb)
        if acc and '.' in a:
            worst_acc = max(worst_acc, d)
            ok = d <= 0.001 + 1e-12
        else:
            rel = d / max(abs(fa), abs(fb))
            worst_rel = max(worst_rel, rel)
            ok = d <= 1e-3 * abs(fa) + 1e-12 if gradcheck else rel <= 1e-6
        if not ok:
            bad.append('line %d: %r, NumPy %r' % (i + 1, g, w))
            break
print('%s: %d lines, largest relative difference %.2g, largest accuracy difference %.4f, %d beyond the tolerances'
      % (name, len(want), worst_rel, worst_acc, len(bad)))
for b in bad[:5]:
    print('   ', b)
sys.exit(1 if bad else 0)
EOF

echo "# seed $seed, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(date -u +%H:%M) UTC"
status=0
for s in $scripts; do
	bin=$tmp/$(echo "$s" | tr / _)
	go build -o "$bin" "./cmd/$s"
	"$python" "$run_book" "$book" "$seed" "$s.py" >"$bin.numpy" 2>"$bin.numpy.err"
	set --
	if "$bin" -h 2>&1 | grep -q '^  -seed '; then
		set -- -seed "$seed"
	fi
	if "$bin" -h 2>&1 | grep -q '^  -o '; then
		set -- "$@" -o "$bin.svg"
	fi
	if "$bin" -h 2>&1 | grep -q '^  -save '; then
		set -- "$@" -save "$bin.pkl"
	fi
	"$bin" "$@" >"$bin.go"
	"$python" "$tmp/compare.py" "$s" "$bin.numpy" "$bin.go" || status=1
done
exit $status
