"""Writes multilayer.json: what the book's common/multi_layer_net.py
MultiLayerNet and common/multi_layer_net_extend.py MultiLayerNetExtend
compute on small nets, for the NumPy parity tests of package nets. The
book's classes are imported from a copy of its repository (nothing of it is
copied here).

Each case seeds the global generator (np.random.seed(seed)), which draws
the weights and every Dropout mask, builds the net, takes x from
np.random.RandomState(100 + case) (a separate generator) and then, in this
order: the initial parameters, loss(x, t) (inference mode), for the
extended net loss(x, t, train_flg=True), accuracy(x, t), gradient(x, t),
and a few steps of the book's Trainer loop (gradient, optimizer update,
loss), recording the loss and parameters after each. Some cases also
record numerical_gradient(x, t), which draws a new Dropout mask for every
loss it evaluates.

Run with NumPy 1.24 (from the nets/ directory):

    git -C <book repo> archive HEAD | tar -x -C /tmp/book
    /usr/bin/python3 testdata/gen_multilayer.py /tmp/book > testdata/multilayer.json
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from common.multi_layer_net import MultiLayerNet  # noqa: E402
from common.multi_layer_net_extend import MultiLayerNetExtend  # noqa: E402
from common.optimizer import SGD, Adam  # noqa: E402
from common.trainer import Trainer  # noqa: E402


def floats(a):
    return [float(v).hex() for v in np.ravel(a)]


def named(d):
    return [{"name": k, "shape": list(np.shape(v)), "values": floats(v)} for k, v in d.items()]


def case(k, name, extend, seed, inp, hidden, out, batch, kwargs, opt, steps,
         indices=False, numerical=False):
    np.random.seed(seed)
    cls = MultiLayerNetExtend if extend else MultiLayerNet
    net = cls(input_size=inp, hidden_size_list=list(hidden), output_size=out, **kwargs)
    rs = np.random.RandomState(100 + k)
    x = rs.randn(batch, inp)
    cls_ = rs.randint(0, out, batch)
    t = cls_ if indices else np.eye(out)[cls_]
    rec = {"name": name, "extend": extend, "seed": seed, "input": inp, "hidden": list(hidden),
           "output": out, "kwargs": {k2: (v if not isinstance(v, np.floating) else float(v))
                                     for k2, v in kwargs.items()},
           "x": floats(x), "x_shape": list(x.shape), "t": floats(t), "t_shape": list(t.shape),
           "optimizer": opt[0], "lr": opt[1]}
    rec["initial"] = named(net.params)
    rec["loss"] = float(net.loss(x, t)).hex()
    if extend:
        rec["loss_train"] = float(net.loss(x, t, train_flg=True)).hex()
    rec["accuracy"] = float(net.accuracy(x, t)).hex()
    rec["gradient"] = named(net.gradient(x, t))
    if numerical:
        rec["numerical"] = named(net.numerical_gradient(x, t))
    optimizer = SGD(lr=opt[1]) if opt[0] == "sgd" else Adam(lr=opt[1])
    rec["steps"] = []
    for _ in range(steps):
        grads = net.gradient(x, t)
        optimizer.update(net.params, grads)
        loss = net.loss(x, t)
        rec["steps"].append({"loss": float(loss).hex()})
    rec["final"] = named(net.params)
    if extend and net.use_batchnorm:
        state = {}
        for idx in range(1, net.hidden_layer_num + 1):
            bn = net.layers["BatchNorm" + str(idx)]
            state["running_mean" + str(idx)] = bn.running_mean
            state["running_var" + str(idx)] = bn.running_var
        rec["state"] = named(state)
    rec["accuracy_final"] = float(net.accuracy(x, t)).hex()
    return rec


cases = [
    case(0, "MultiLayerNet relu he decay 0.1 SGD", False, 0, 6, [5, 4], 3, 4,
         {"activation": "relu", "weight_init_std": "relu", "weight_decay_lambda": 0.1},
         ("sgd", 0.1), 3),
    case(1, "MultiLayerNet sigmoid xavier Adam indices", False, 1, 7, [6, 5, 4], 3, 5,
         {"activation": "sigmoid", "weight_init_std": "Xavier"}, ("adam", 0.01), 4, indices=True),
    case(2, "MultiLayerNet std 0.05 no hidden", False, 2, 4, [], 3, 3,
         {"weight_init_std": 0.05, "weight_decay_lambda": 0.01}, ("sgd", 0.5), 2),
    case(3, "Extend batchnorm dropout decay SGD", True, 3, 6, [5, 4, 4], 3, 4,
         {"use_batchnorm": True, "use_dropout": True, "dropout_ration": 0.3,
          "weight_decay_lambda": 0.05}, ("sgd", 0.1), 3, numerical=True),
    case(4, "Extend sigmoid dropout 0.5 std 0.3 Adam indices", True, 4, 5, [6, 6], 4, 6,
         {"activation": "sigmoid", "weight_init_std": 0.3, "use_dropout": True},
         ("adam", 0.001), 3, indices=True),
    case(5, "Extend batchnorm only he Adam", True, 5, 8, [7, 6, 5], 4, 5,
         {"weight_init_std": "He", "use_batchnorm": True}, ("adam", 0.01), 3, numerical=True),
    case(6, "Extend plain (as MultiLayerNet)", True, 6, 6, [5], 3, 4, {}, ("sgd", 0.1), 2),
]


def trainer_case(k, name, seed, kwargs, optimizer, lr):
    """The book's Trainer on a MultiLayerNetExtend: mini-batches
    (np.random.choice) and Dropout masks interleave on the global
    generator."""
    np.random.seed(seed)
    net = MultiLayerNetExtend(input_size=6, hidden_size_list=[8, 8], output_size=3, **kwargs)
    rs = np.random.RandomState(100 + k)
    x = rs.randn(30, 6)
    t = np.eye(3)[rs.randint(0, 3, 30)]
    tr = Trainer(net, x, t, x[:10], t[:10], epochs=3, mini_batch_size=7,
                 optimizer=optimizer, optimizer_param={"lr": lr}, verbose=False)
    test_acc = tr.network.accuracy(x[:10], t[:10])
    tr.train()
    return {"name": name, "seed": seed, "kwargs": kwargs, "optimizer": optimizer, "lr": lr,
            "x": floats(x), "x_shape": list(x.shape), "t": floats(t), "t_shape": list(t.shape),
            "train_loss": floats(tr.train_loss_list), "train_acc": floats(tr.train_acc_list),
            "test_acc": floats(tr.test_acc_list), "final": named(net.params),
            "initial_test_acc": float(test_acc).hex()}


trainers = [
    trainer_case(10, "batchnorm dropout SGD", 10,
                 {"use_batchnorm": True, "use_dropout": True, "dropout_ration": 0.2,
                  "weight_decay_lambda": 0.01}, "sgd", 0.1),
    trainer_case(11, "dropout Adam", 11, {"use_dropout": True}, "adam", 0.01),
]
json.dump({"about": "book common/multi_layer_net.py and multi_layer_net_extend.py run by "
           "testdata/gen_multilayer.py; floats as Python float.hex()",
           "numpy_version": np.__version__, "cases": cases, "trainers": trainers}, sys.stdout, indent=1)
sys.stdout.write("\n")
