#!/usr/bin/python3
"""Helper of scripts/bench/models.ts (not run by `npm run bench` on its own).

  build DIR   writes DIR/r3d18.onnx: MONAI ResNet-18 (BasicBlock, layers [2,2,2,2], widths 64-128-256-512,
              3 input channels, conv1_t_size=3, no_max_pool=True — the r3d-18 layout), seeded random weights,
              opset 13, dynamic batch; DIR/conv-proxy.onnx: its layer2 3x3x3 64->128 stride-2 conv alone (the tfjs
              proxy); DIR/r3d18.json: parameter count and FLOPs (2 x MACs of conv + fc) at 1x3x16x112x112.
  folds DIR K writes DIR/r3d18-c1-fold-{1..K}.onnx: the same r3d-18 layout with ONE input channel (the paper's
              1x16x112x112 clips), K differently seeded folds, for the cohort-pipeline benchmark (pipeline.ts).
  time DIR N  times PyTorch CPU (torch.set_num_threads = cores) on the same model and input, N runs after one
              warm-up; prints JSON {"median_ms", "runs_ms", "threads", "torch"}.
"""
import json
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures'))
from resnet3d_monai import ResNet3d, export_onnx, randomize  # noqa: E402

SHAPE = (1, 3, 16, 112, 112)


def model():
    torch.manual_seed(18)
    return randomize(ResNet3d([2, 2, 2, 2], [64, 128, 256, 512], n_input_channels=3, num_classes=1,
                              conv1_t_size=3, conv1_t_stride=1, no_max_pool=True), 18)


def count_flops(m, x):
    total = {'conv': 0, 'fc': 0}

    def conv_hook(mod, inp, out):
        k = mod.weight[0].numel()  # Cin/groups * kT * kH * kW
        total['conv'] += 2 * out.numel() * k

    def fc_hook(mod, inp, out):
        total['fc'] += 2 * mod.in_features * mod.out_features * out.shape[0]

    hooks = [mm.register_forward_hook(conv_hook) for mm in m.modules() if isinstance(mm, nn.Conv3d)]
    hooks += [mm.register_forward_hook(fc_hook) for mm in m.modules() if isinstance(mm, nn.Linear)]
    with torch.no_grad():
        m(x)
    for h in hooks:
        h.remove()
    return total['conv'] + total['fc']


def build(folder):
    os.makedirs(folder, exist_ok=True)
    m = model()
    x = torch.zeros(SHAPE)
    export_onnx(m, os.path.join(folder, 'r3d18.onnx'), 3, 16, 112, 112, opset=13, dynamic_batch=True)
    conv = m.layer2[0].conv1.eval()  # input [1, 64, 16, 56, 56] -> [1, 128, 8, 28, 28]
    torch.onnx.export(conv, torch.zeros(1, 64, 16, 56, 56), os.path.join(folder, 'conv-proxy.onnx'), opset_version=13,
                      input_names=['input'], output_names=['out'])
    proxy_flops = 2 * 128 * 8 * 28 * 28 * 64 * 27
    info = {'params': int(sum(p.numel() for p in m.parameters())), 'flops': int(count_flops(m, x)),
            'proxy': {'input': [1, 64, 16, 56, 56], 'filter': [128, 64, 3, 3, 3], 'stride': 2, 'flops': proxy_flops}}
    with open(os.path.join(folder, 'r3d18.json'), 'w') as f:
        json.dump(info, f)
    print(json.dumps(info))


def timing(folder, n):
    threads = os.cpu_count() or 1
    torch.set_num_threads(threads)
    m = model()
    g = torch.Generator().manual_seed(5)
    x = torch.rand(SHAPE, generator=g)
    runs = []
    with torch.no_grad():
        m(x)
        for _ in range(n):
            t = time.perf_counter()
            m(x)
            runs.append((time.perf_counter() - t) * 1000)
    runs_sorted = sorted(runs)
    print(json.dumps({'median_ms': runs_sorted[len(runs) // 2], 'runs_ms': runs, 'threads': threads, 'torch': torch.__version__}))


def folds(folder, k):
    os.makedirs(folder, exist_ok=True)
    for i in range(1, k + 1):
        torch.manual_seed(100 + i)
        m = randomize(ResNet3d([2, 2, 2, 2], [64, 128, 256, 512], n_input_channels=1, num_classes=1,
                               conv1_t_size=3, conv1_t_stride=1, no_max_pool=True), 100 + i)
        export_onnx(m.eval(), os.path.join(folder, f'r3d18-c1-fold-{i}.onnx'), 1, 16, 112, 112, opset=13, dynamic_batch=True)
    print(json.dumps({'folds': k, 'shape': [1, 1, 16, 112, 112]}))


if __name__ == '__main__':
    if sys.argv[1] == 'build':
        build(sys.argv[2])
    elif sys.argv[1] == 'folds':
        folds(sys.argv[2], int(sys.argv[3]))
    else:
        timing(sys.argv[2], int(sys.argv[3]))
