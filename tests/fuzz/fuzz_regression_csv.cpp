// Fuzz target: x,y CSV files. Any input gives points or a message naming the line; parsed
// points are finite, at least two, and round-trip. Small parsed sets are also fitted with
// every loss: each fit is finite or a clear error (values near the double limit), never NaN.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "losslab/regression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    losslab::RegressionData points;
    if (losslab::parseRegressionCsv(text, &points)) return 0;
    if (points.size() < losslab::kMinRegressionPoints || points.y.size() != points.size()) {
        std::abort();
    }
    if (!points.x.allFinite() || !points.y.allFinite()) std::abort();
    losslab::RegressionData again;
    if (losslab::parseRegressionCsv(losslab::formatRegressionCsv(points), &again)) std::abort();
    if (again.x != points.x || again.y != points.y) std::abort();

    // The fits cost more than the parse: only small sets, so each input stays fast.
    constexpr Eigen::Index kMaxFittedPoints = 16;
    if (points.size() > kMaxFittedPoints) return 0;
    for (losslab::RegressionLoss loss : losslab::kAllRegressionLosses) {
        losslab::RegressionOptions options;
        options.loss = loss;
        options.l2 = 0.01;
        losslab::ExactFit fit;
        if (losslab::solveRegressionExact(options, points, &fit)) continue;
        if (!std::isfinite(fit.line.w) || !std::isfinite(fit.line.b) ||
            !std::isfinite(fit.objective.value)) {
            std::abort();
        }
    }
    return 0;
}
