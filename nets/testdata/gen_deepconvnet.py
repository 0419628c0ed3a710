"""Writes deepconvnet.npz: what the book's ch08/deep_convnet.py DeepConvNet
computes on a small batch, for the NumPy parity tests of package nets. The
book's class is imported from a copy of its repository (nothing of it is
copied here).

np.random.seed(7), DeepConvNet() (which draws W1 ... W8), then
x = np.random.rand(3, 1, 28, 28), t = np.random.randint(0, 10, 3); then
loss(x, t) (training mode: the Dropout masks are drawn), gradient(x, t)
(drawing new masks), and predict(x) in inference mode. The parameters and
gradients are large, so each is kept as a summary: its sum, the sum of its
absolute values, and its first, middle and last values (C order).

Run with NumPy 1.24 (from the nets/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_deepconvnet.py /tmp/book testdata/deepconvnet.npz
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + '/ch08')
from deep_convnet import DeepConvNet  # noqa: E402


def summary(a):
    f = np.ravel(a)
    return np.array([np.sum(f), np.sum(np.abs(f)), f[0], f[len(f) // 2], f[-1]])


np.random.seed(7)
net = DeepConvNet()
out = {}
for k, v in net.params.items():
    out['param_' + k] = summary(v)
    out['shape_' + k] = np.array(v.shape, dtype=np.float64)
x = np.random.rand(3, 1, 28, 28)
t = np.random.randint(0, 10, 3)
out['x'] = x
out['t'] = t.astype(np.float64)
out['loss'] = np.array(net.loss(x, t))
for k, v in net.gradient(x, t).items():
    out['grad_' + k] = summary(v)
out['predict'] = net.predict(x)
np.savez(sys.argv[2], **out)
