# Records what a (shortened) copy of the book's ch06/hyperparameter_optimization.py hands to matplotlib:
# run with the arguments of run_book.py, e.g.
#   /usr/bin/python3 gen_figure.py /tmp/book 0 ch06/hyperparameter_optimization_t6e5.py > numpy_figure.txt
# It replaces plt.subplot, title, ylim, yticks, xticks and plot by a recorder, then runs
# /work/shared/tools/run_book.py with its arguments; the script's own lines go to stderr.
import os, runpy, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out = sys.stdout
counts = {}
lines = []


def record(name, *arrays, per_subplot=False):
    n = counts.get(name, 0)
    counts[name] = n + 1
    if per_subplot:
        n = counts["subplot"] - 1
    if len(arrays) == 1:
        lines.append((name + str(n), arrays[0]))
    else:
        for j, a in enumerate(arrays):
            lines.append(("%s%d.%d" % (name, n, j), a))


plt.subplot = lambda r, c, i: record("subplot", [r, c, i])
plt.title = lambda s: record("title", [float(s.split("-")[1])], per_subplot=True)
plt.ylim = lambda lo, hi: record("ylim", [lo, hi], per_subplot=True)
plt.yticks = lambda t: record("yticks", list(t), per_subplot=True)
plt.xticks = lambda t: record("xticks", list(t), per_subplot=True)
plt.plot = lambda x, y, *fmt: record("plot", list(np.asarray(x, dtype=float)), list(np.asarray(y, dtype=float)))
plt.show = lambda: None

sys.stdout = sys.stderr
sys.argv = ["run_book.py"] + sys.argv[1:]
runpy.run_path("/work/shared/tools/run_book.py", run_name="__main__")
sys.stdout = out
print("# The arrays the book's ch06/hyperparameter_optimization.py hands to matplotlib, recorded by")
print("# testdata/gen_figure.py %s (NumPy %s, Python %s)." % (" ".join(sys.argv[1:]), np.__version__, sys.version.split()[0]))
print("# One array a line: <call><n> and repr() of each element. The K-th plt.subplot call (from 0) gives subplotK")
print("# (rows, cols, index); the calls after it titleK (the k of \"Best-k\"), ylimK, yticksK and xticksK (the ticks")
print("# given: none; no yticksK where plt.yticks was not called), plot<2K>.0 and .1 (x, val_acc_list) and")
print("# plot<2K+1>.0 and .1 (x, train_acc_list, drawn \"--\").")
for key, a in lines:
    print(" ".join([key] + [repr(float(v)) for v in a]))
