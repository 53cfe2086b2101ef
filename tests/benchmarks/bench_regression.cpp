// Exact fits of the regression line (losslab/regression.hpp) on 100,000 points: the seeded
// line dataset with 5% outliers, for every loss, without and with an l2 penalty.
#include <benchmark/benchmark.h>

#include "losslab/regression.hpp"

namespace {

using namespace losslab;

RegressionData outlierLine(Eigen::Index points) {
    LineDatasetOptions options;
    options.points = points;
    options.noise = 0.3;
    options.outliers = points / 20;
    options.seed = 7;
    RegressionData data;
    if (generateLineDataset(options, &data)) data = RegressionData{};
    return data;
}

void runExactFit(benchmark::State& state, RegressionLoss loss) {
    const RegressionData data = outlierLine(state.range(0));
    RegressionOptions options;
    options.loss = loss;
    options.l2 = static_cast<double>(state.range(1)) / 100.0;
    int iterations = 0;
    for (auto _ : state) {
        ExactFit fit;
        if (auto error = solveRegressionExact(options, data, &fit)) {
            state.SkipWithError(error->c_str());
            return;
        }
        iterations = fit.iterations;
        benchmark::DoNotOptimize(fit.objective.value);
    }
    state.counters["solver_iterations"] = iterations;
    state.counters["points/s"] = benchmark::Counter(static_cast<double>(data.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

// Args: points, λ2 in hundredths.
void BM_RegressionExactL2(benchmark::State& state) {
    runExactFit(state, RegressionLoss::L2);
}
BENCHMARK(BM_RegressionExactL2)
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

void BM_RegressionExactL1(benchmark::State& state) {
    runExactFit(state, RegressionLoss::L1);
}
BENCHMARK(BM_RegressionExactL1)
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

void BM_RegressionExactHuber(benchmark::State& state) {
    runExactFit(state, RegressionLoss::Huber);
}
BENCHMARK(BM_RegressionExactHuber)
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

void BM_RegressionExactLogCosh(benchmark::State& state) {
    runExactFit(state, RegressionLoss::LogCosh);
}
BENCHMARK(BM_RegressionExactLogCosh)
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
