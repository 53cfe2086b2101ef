// Loss surfaces and the simplex heatmap (grid.hpp, simplex.hpp): the panels recompute them
// while a slider moves, so a 256 x 256 grid must take a few milliseconds at most.
#include <benchmark/benchmark.h>

#include <random>

#include "losslab/contour.hpp"
#include "losslab/grid.hpp"
#include "losslab/simplex.hpp"

namespace {

using namespace losslab;

Vec benchmarkLogits(Eigen::Index k) {
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal(0.0, 3.0);
    Vec s(k);
    for (Eigen::Index i = 0; i < k; ++i)
        s[i] = normal(rng);
    return s;
}

// A 256 x 256 logit-plane grid with both gradient components; range(0) is K.
void runLogitPlane(benchmark::State& state, Loss loss) {
    const Eigen::Index k = state.range(0);
    const Vec logits = benchmarkLogits(k);
    LossContext context;
    context.loss = loss;
    context.trueClass = 1;
    context.options.smoothing = 0.1;
    LogitPlaneRequest request;
    request.axisA = 0;
    request.axisB = 1;
    request.spec = centredSpec(logits[0], logits[1], 6.0, 256);
    request.withGradient = true;
    LossGridWorkspace workspace;  // kept between frames, as a panel does
    LogitPlaneGrid grid;
    for (auto _ : state) {
        auto error = computeLogitPlane(context, logits, request, &grid, &workspace);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(grid.loss.values.data());
    }
    state.counters["nodes/s"] =
        benchmark::Counter(256.0 * 256.0, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_LossGrid256(benchmark::State& state) {
    runLogitPlane(state, Loss::CrossEntropy);
}
BENCHMARK(BM_LossGrid256)->Arg(10)->Arg(3)->Unit(benchmark::kMillisecond);

void BM_LossGrid256HingeWW(benchmark::State& state) {
    runLogitPlane(state, Loss::HingeWW);
}
BENCHMARK(BM_LossGrid256HingeWW)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_LossGrid256Focal(benchmark::State& state) {
    runLogitPlane(state, Loss::Focal);
}
BENCHMARK(BM_LossGrid256Focal)->Arg(10)->Unit(benchmark::kMillisecond);

// The simplex heatmap at 256 x 256 pixels (about half inside the triangle); range(0) is K.
void BM_SimplexGrid256(benchmark::State& state) {
    const Eigen::Index k = state.range(0);
    const Vec logits = benchmarkLogits(k);
    LossContext context;
    context.options.smoothing = 0.1;
    SimplexGridRequest request;
    request.width = 256;
    request.height = 256;
    LossGridWorkspace workspace;
    Grid grid;
    for (auto _ : state) {
        auto error = computeSimplexGrid(context, logits, request, &grid, &workspace);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(grid.values.data());
    }
}
BENCHMARK(BM_SimplexGrid256)->Arg(3)->Arg(10)->Unit(benchmark::kMillisecond);

// Ten contour levels of a 256 x 256 cross-entropy surface.
void BM_ContoursGrid256(benchmark::State& state) {
    const Vec logits = benchmarkLogits(10);
    LossContext context;
    LogitPlaneRequest request;
    request.spec = centredSpec(logits[0], logits[1], 6.0, 256);
    LogitPlaneGrid grid;
    if (computeLogitPlane(context, logits, request, &grid)) {
        state.SkipWithError("grid failed");
        return;
    }
    const std::vector<double> levels = niceLevels(grid.loss.minValue, grid.loss.maxValue);
    for (auto _ : state) {
        auto contours = traceContours(grid.loss, levels);
        benchmark::DoNotOptimize(contours.data());
    }
}
BENCHMARK(BM_ContoursGrid256)->Unit(benchmark::kMillisecond);

}  // namespace
