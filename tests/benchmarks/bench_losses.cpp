// Forward value + gradient of the batched losses (issue 2's speed targets).
#include <benchmark/benchmark.h>

#include <random>

#include "bench_threads.hpp"
#include "losslab/losses.hpp"

namespace {

using namespace losslab;

struct Batch {
    RowMatrix logits;
    IntVec labels;
};

Batch makeBatch(Eigen::Index n, Eigen::Index k) {
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal(0.0, 3.0);
    std::uniform_int_distribution<int> label(0, static_cast<int>(k) - 1);
    Batch b{RowMatrix(n, k), IntVec(n)};
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < k; ++j)
            b.logits(i, j) = normal(rng);
        b.labels[i] = label(rng);
    }
    return b;
}

void runLoss(benchmark::State& state, Loss loss, int threadCount = 1) {
    const ThreadsForBenchmark threads(threadCount);
    const Batch batch = makeBatch(state.range(0), state.range(1));
    LossOptions options;
    options.smoothing = 0.1;
    RowMatrix grad(batch.logits.rows(), batch.logits.cols());
    for (auto _ : state) {
        double value = batchLoss(loss, batch.logits, batch.labels, options, &grad);
        benchmark::DoNotOptimize(value);
        benchmark::DoNotOptimize(grad.data());
    }
    state.counters["logits/s"] = benchmark::Counter(static_cast<double>(batch.logits.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

void BM_SoftmaxCrossEntropyGrad(benchmark::State& state) {
    runLoss(state, Loss::CrossEntropy);
}
BENCHMARK(BM_SoftmaxCrossEntropyGrad)->Args({1000, 3})->Args({100000, 10})->Args({10000, 1000});

// The same on range(2) threads.
void BM_SoftmaxCrossEntropyGradThreads(benchmark::State& state) {
    runLoss(state, Loss::CrossEntropy, static_cast<int>(state.range(2)));
}
BENCHMARK(BM_SoftmaxCrossEntropyGradThreads)->Args({100000, 10, 2});

void BM_FocalGrad(benchmark::State& state) {
    runLoss(state, Loss::Focal);
}
BENCHMARK(BM_FocalGrad)->Args({100000, 10});

void BM_HingeWWGrad(benchmark::State& state) {
    runLoss(state, Loss::HingeWW);
}
BENCHMARK(BM_HingeWWGrad)->Args({100000, 10});

}  // namespace
