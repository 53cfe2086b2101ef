#!/usr/bin/env python3
"""PyTorch's time for the work of BM_SoftmaxCrossEntropyGrad (bench_losses.cpp): the mean
cross-entropy with label smoothing 0.1 of N x K float64 logits and its gradient, forward and
backward, on one thread. Issue 16 asks our kernel to be 8x faster than this on the same machine.

Needs PyTorch (Debian: apt-get install python3-torch; run with /usr/bin/python3). It is a
yardstick, not a dependency: scripts/bench runs it only when torch imports.
"""
import statistics
import time

import torch


def median_seconds(n, k, repetitions=15):
    torch.manual_seed(42)
    logits = (torch.randn(n, k, dtype=torch.float64) * 3.0).requires_grad_(True)
    labels = torch.randint(0, k, (n,))

    def step():
        logits.grad = None
        loss = torch.nn.functional.cross_entropy(logits, labels, label_smoothing=0.1)
        loss.backward()

    for _ in range(20):  # warm-up
        step()
    calls = max(1, int(2e6 // (n * k)))
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(calls):
            step()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def main():
    torch.set_num_threads(1)
    for n, k in [(1000, 3), (100000, 10), (10000, 1000)]:
        print(f"torch cross_entropy+backward {n}/{k}: {median_seconds(n, k) * 1e3:.3f} ms "
              f"(median of 15, torch {torch.__version__}, float64, 1 thread)")


if __name__ == "__main__":
    main()
