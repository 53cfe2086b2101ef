// Decision regions (decision.hpp): the Classifier panel redraws the raster whenever the model
// changes, i.e. every frame while training plays, so 512 x 512 pixels with K = 5 and poly3
// features must take a few milliseconds at most (budget: 5 ms single-threaded).
#include <benchmark/benchmark.h>

#include <cmath>

#include "losslab/decision.hpp"
#include "losslab/landscape.hpp"

namespace {

using namespace losslab;

LinearClassifier benchmarkModel(int classes, FeatureMap map) {
    const int d = featureDimension(map);
    LinearClassifier model = LinearClassifier::zeros(classes, d);
    for (int k = 0; k < classes; ++k) {
        for (int j = 0; j < d; ++j) {
            model.weights(k, j) = 2.0 * std::sin(1.3 * k + 0.7 * j + 0.1);
        }
        model.bias[k] = 0.2 * k - 0.4;
    }
    return model;
}

// range(0): side in pixels, range(1): K.
void runDecision(benchmark::State& state, FeatureMap map) {
    const int side = static_cast<int>(state.range(0));
    const int classes = static_cast<int>(state.range(1));
    const LinearClassifier model = benchmarkModel(classes, map);
    const DecisionView view{-1.4, 1.4, -1.4, 1.4, side, side};
    RegionStyle style;
    style.background = {30, 30, 34};
    Rgba8Image image;
    DecisionWorkspace workspace;  // kept between frames, as the panel does
    for (auto _ : state) {
        auto error =
            computeDecisionImage(model, map, kDefaultRbfWidth, view, style, &image, &workspace);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(image.pixels.data());
    }
    state.counters["pixels/s"] = benchmark::Counter(static_cast<double>(side) * side,
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

void BM_DecisionRegions(benchmark::State& state) {
    runDecision(state, FeatureMap::Poly3);
}
BENCHMARK(BM_DecisionRegions)->Args({512, 5})->Args({512, 10})->Unit(benchmark::kMillisecond);

void BM_DecisionRegionsRbf(benchmark::State& state) {
    runDecision(state, FeatureMap::Rbf);
}
BENCHMARK(BM_DecisionRegionsRbf)->Args({512, 5})->Unit(benchmark::kMillisecond);

// The boundary and margin grids the panel traces (a quarter of the raster's resolution).
void BM_ClassMargins(benchmark::State& state) {
    const int side = static_cast<int>(state.range(0));
    const LinearClassifier model = benchmarkModel(5, FeatureMap::Poly3);
    std::vector<Grid> margins;
    DecisionWorkspace workspace;
    for (auto _ : state) {
        auto error = computeClassMargins(model, FeatureMap::Poly3, kDefaultRbfWidth,
                                         {-1.4, 1.4, -1.4, 1.4, side, side}, &margins, &workspace);
        benchmark::DoNotOptimize(error);
    }
}
BENCHMARK(BM_ClassMargins)->Arg(128)->Unit(benchmark::kMillisecond);

// The weight-space landscape at the panel's default size: 41 x 41 nodes, 2000 points, K = 3.
void BM_Landscape(benchmark::State& state) {
    GeneratorOptions options;
    options.points = state.range(0);
    options.classes = 3;
    Dataset data;
    if (generateDataset(options, &data)) return;
    TrainerConfig config;
    config.features = FeatureMap::Poly2;
    Trainer trainer;
    if (trainer.reset(config, data)) return;
    trainer.run(20);
    LandscapeRequest request;
    request.resolution = 41;
    LandscapeSlice slice;
    LandscapeWorkspace workspace;
    for (auto _ : state) {
        auto error =
            computeLandscape(config, trainer.model(), data, request, nullptr, &slice, &workspace);
        benchmark::DoNotOptimize(error);
    }
}
BENCHMARK(BM_Landscape)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
