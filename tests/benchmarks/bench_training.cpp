// One training step of the linear classifier (the trainer's speed target: 10000 points,
// K = 5, linear features, cross-entropy, full batch, single-threaded), and 10⁶ points on one
// and on two threads.
#include <benchmark/benchmark.h>

#include "bench_threads.hpp"
#include "losslab/dataset.hpp"
#include "losslab/trainer.hpp"

namespace {

using namespace losslab;

Dataset blobs(Eigen::Index points, int classes) {
    GeneratorOptions options;
    options.kind = DatasetKind::Blobs;
    options.points = points;
    options.classes = classes;
    options.noise = 0.3;
    Dataset data;
    if (generateDataset(options, &data)) data = Dataset{};
    return data;
}

void runTrainStep(benchmark::State& state, FeatureMap features, Eigen::Index batch,
                  int threadCount = 1) {
    const ThreadsForBenchmark threads(threadCount);
    const Dataset data = blobs(state.range(0), static_cast<int>(state.range(1)));
    TrainerConfig config;
    config.features = features;
    config.batchSize = batch;
    // A small rate keeps the weights moving without converging, so every step does the
    // same work as in a real run.
    config.learningRate = 1e-3;
    Trainer trainer;
    if (auto error = trainer.reset(config, data)) {
        state.SkipWithError(error->c_str());
        return;
    }
    for (auto _ : state) {
        // A run of millions of steps would keep a history of millions of entries; start over
        // now and then (outside the timing) so memory stays flat.
        if (trainer.steps() >= 100000) {
            state.PauseTiming();
            trainer.setModel(trainer.model());
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(trainer.step());
    }
    state.counters["points/s"] = benchmark::Counter(static_cast<double>(data.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

void BM_TrainStepFullBatch(benchmark::State& state) {
    runTrainStep(state, FeatureMap::Linear, 0);
}
BENCHMARK(BM_TrainStepFullBatch)->Args({10000, 5})->Args({300, 3});

// 10⁶ points on range(2) threads.
void BM_TrainStepFullBatchThreads(benchmark::State& state) {
    runTrainStep(state, FeatureMap::Linear, 0, static_cast<int>(state.range(2)));
}
BENCHMARK(BM_TrainStepFullBatchThreads)
    ->Args({1000000, 5, 1})
    ->Args({1000000, 5, 2})
    ->Unit(benchmark::kMillisecond);

void BM_TrainStepFullBatchRbf(benchmark::State& state) {
    runTrainStep(state, FeatureMap::Rbf, 0);
}
BENCHMARK(BM_TrainStepFullBatchRbf)->Args({10000, 5});

void BM_TrainStepFullBatchRbfThreads(benchmark::State& state) {
    runTrainStep(state, FeatureMap::Rbf, 0, static_cast<int>(state.range(2)));
}
BENCHMARK(BM_TrainStepFullBatchRbfThreads)
    ->Args({1000000, 5, 1})
    ->Args({1000000, 5, 2})
    ->Unit(benchmark::kMillisecond);

void BM_TrainStepMiniBatch(benchmark::State& state) {
    runTrainStep(state, FeatureMap::Linear, 64);
}
BENCHMARK(BM_TrainStepMiniBatch)->Args({10000, 5});

// batchLoss alone (forward and gradient of the mean cross-entropy over the same 10000 x 5
// scores): the loss part of a step. The trainer itself never stores the scores: it runs the
// same kernel block by block over Φ̃ θᵀ (BM_TrainStepFullBatch).
void BM_TrainStepLossShare(benchmark::State& state) {
    const Dataset data = blobs(state.range(0), static_cast<int>(state.range(1)));
    const RowMatrix features = computeFeatures(FeatureMap::Linear, data.points);
    LinearClassifier model = LinearClassifier::zeros(data.classes, 2);
    model.weights.setConstant(0.5);
    model.weights(0, 0) = -0.25;
    const RowMatrix scores = model.scores(features);
    RowMatrix grad(data.size(), data.classes);
    for (auto _ : state) {
        double loss = batchLoss(Loss::CrossEntropy, scores, data.labels, LossOptions{}, &grad);
        benchmark::DoNotOptimize(loss);
        benchmark::DoNotOptimize(grad.data());
    }
}
BENCHMARK(BM_TrainStepLossShare)->Args({10000, 5});

// Starting over on 10⁶ points (a new scene, Regenerate, a changed setting): the features of
// every point, the checks and the first model; and moving one point of them (a drag's frame on
// the training thread), which computes one point's features.
void BM_TrainerReset(benchmark::State& state) {
    const ThreadsForBenchmark threads(1);
    const Dataset data = blobs(state.range(0), 5);
    TrainerConfig config;
    config.features = state.range(1) != 0 ? FeatureMap::Rbf : FeatureMap::Linear;
    Trainer trainer;
    for (auto _ : state) {
        if (auto error = trainer.reset(config, data)) {
            state.SkipWithError(error->c_str());
            return;
        }
    }
}
BENCHMARK(BM_TrainerReset)->Args({1000000, 0})->Args({1000000, 1})->Unit(benchmark::kMillisecond);

void BM_TrainerMovePoint(benchmark::State& state) {
    const Dataset data = blobs(state.range(0), 5);
    TrainerConfig config;
    config.features = FeatureMap::Rbf;
    Trainer trainer;
    if (auto error = trainer.reset(config, data)) {
        state.SkipWithError(error->c_str());
        return;
    }
    double x = 0.0;
    for (auto _ : state) {
        x = x > 1.0 ? 0.0 : x + 1e-3;
        benchmark::DoNotOptimize(trainer.movePoint(false, 7, x, 0.5));
    }
}
BENCHMARK(BM_TrainerMovePoint)->Arg(1000000)->Unit(benchmark::kMicrosecond);

}  // namespace
