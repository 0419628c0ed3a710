# Runs the book's common/trainer.py Trainer with the book's ch05 TwoLayerNet
# on slices of MNIST and prints every line it prints, one block per run.
# usage: /usr/bin/python3 testdata/gen_trainer_numpy.py BOOK_DIR > testdata/trainer_numpy.txt
# (BOOK_DIR: a checkout of github.com/oreilly-japan/deep-learning-from-scratch)
import sys, os, io, glob, shutil, contextlib
book = os.path.abspath(sys.argv[1])
sys.path.insert(0, book)
sys.path.insert(0, os.path.join(book, "ch05"))
import numpy as np
import dataset.mnist as mn
gz = glob.glob(os.path.expanduser("~/go/pkg/mod/github.com/petar/!go!m!n!i!s!t@*/data"))[0]
def _download(name):
    dst = os.path.join(mn.dataset_dir, name)
    if not os.path.exists(dst):
        shutil.copy(os.path.join(gz, name), dst)
mn._download = _download
from dataset.mnist import load_mnist
from two_layer_net import TwoLayerNet
from common.trainer import Trainer

(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)

runs = [
    # optimizer, lr, train, test, epochs, batch, eval, seed, hidden, nan
    # (nan >= 0: the first pixel of training image nan is set to NaN, so
    # that the loss and then every weight become NaN once it is drawn)
    ("SGD", 0.1, 300, 100, 2, 100, None, 0, 50, -1),
    ("Adam", 0.001, 300, 100, 2, 100, None, 0, 50, -1),
    ("sgd", 0.1, 250, 100, 3, 100, 50, 1, 20, -1),
    ("adam", 0.01, 120, 60, 2, 40, 30, 2, 30, -1),
    ("SGD", 0.1, 100, 50, 2, 20, None, 0, 10, 5),
]
np.seterr(all="ignore")
print("# The book's Trainer (common/trainer.py) with the book's ch05/two_layer_net.py")
print("# TwoLayerNet(784, hidden, 10), run by NumPy %s with /usr/bin/python3 on the first" % np.__version__)
print("# train/test images of MNIST (load_mnist(normalize=True, one_hot_label=True)),")
print("# np.random.seed(seed) before the network is built; Trainer(network, x_train[:train],")
print("# t_train[:train], x_test[:test], t_test[:test], epochs, mini_batch_size=batch,")
print("# optimizer, optimizer_param={'lr': lr}, evaluate_sample_num_per_epoch=eval (0: None)).")
print("# nan=k (k >= 0): x_train[k, 0] = np.nan, so that the loss and then every weight become NaN.")
print("# Each run: line gives the settings; the lines after it are what the Trainer printed.")
for opt, lr, ntr, nte, ep, bs, ev, seed, hid, nan in runs:
    np.random.seed(seed)
    net = TwoLayerNet(784, hid, 10)
    x = x_train[:ntr].copy()
    if nan >= 0:
        x[nan, 0] = np.nan
    tr = Trainer(net, x, t_train[:ntr], x_test[:nte], t_test[:nte],
                 epochs=ep, mini_batch_size=bs, optimizer=opt, optimizer_param={"lr": lr},
                 evaluate_sample_num_per_epoch=ev, verbose=True)
    print("run: optimizer=%s lr=%r train=%d test=%d epochs=%d batch=%d eval=%d seed=%d hidden=%d nan=%d"
          % (opt, lr, ntr, nte, ep, bs, ev or 0, seed, hid, nan))
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        tr.train()
    sys.stdout.write(buf.getvalue())
