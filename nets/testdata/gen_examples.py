"""Prints the values shown by ExampleMultiLayerNet and
ExampleMultiLayerNetExtend (example_multilayer_test.go): the same steps
run with the book's classes and NumPy 1.24.

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_examples.py /tmp/book
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.multi_layer_net import MultiLayerNet  # noqa: E402
from common.multi_layer_net_extend import MultiLayerNetExtend  # noqa: E402
from common.optimizer import Adam, SGD  # noqa: E402

print("ExampleMultiLayerNet")
np.random.seed(0)
net = MultiLayerNet(4, [10, 10], 3, weight_decay_lambda=0.01)
x = np.random.rand(6, 4)
t = np.eye(3)[[i % 3 for i in range(6)]]
print("loss %.6f" % net.loss(x, t))
opt = Adam(lr=0.01)
for _ in range(100):
    opt.update(net.params, net.gradient(x, t))
print("loss %.6f" % net.loss(x, t))
print("accuracy", net.accuracy(x, t))

print("ExampleMultiLayerNetExtend")
np.random.seed(0)
net = MultiLayerNetExtend(4, [10, 10], 3, use_batchnorm=True, use_dropout=True,
                          dropout_ration=0.2)
x = np.random.rand(6, 4)
t = np.array([i % 3 for i in range(6)])
print("loss %.6f" % net.loss(x, t))
opt = SGD(lr=0.1)
for i in range(100):
    grads = net.gradient(x, t)
    if i == 0:
        print(" ".join(grads.keys()))
    opt.update(net.params, grads)
print("loss %.6f" % net.loss(x, t))
print("accuracy", net.accuracy(x, t))
print("running_mean1", net.layers["BatchNorm1"].running_mean[:3])
