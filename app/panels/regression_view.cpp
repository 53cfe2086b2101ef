#include "panels/regression_view.hpp"

#include <cstdio>

#include "plot/palette.hpp"
#include "state/regression_edit.hpp"

namespace losslab {

plot::Color regressionLossColor(RegressionLoss loss, float alpha) {
    // Class colours 0, 1, 2 and 5 of the Okabe–Ito order (palette.hpp): four hues that stay
    // apart for colour-blind eyes and read on dark and light backgrounds (no yellow).
    switch (loss) {
        case RegressionLoss::L2:
            return classImColor(0, alpha);
        case RegressionLoss::L1:
            return classImColor(1, alpha);
        case RegressionLoss::Huber:
            return classImColor(2, alpha);
        case RegressionLoss::LogCosh:
            return classImColor(5, alpha);
    }
    return classImColor(0, alpha);
}

void prepareRegression(AppState& state, bool visible) {
    const RegressionState& rs = state.regression;
    if (visible || rs.run.playing || state.view.workspace == Workspace::Regression) {
        ensureRegressionReady(state);
    }
}

std::string regressionFitProblem(const RegressionState& rs) {
    if (rs.data.size() < kMinRegressionPoints) {
        return "Fewer than 2 points: a line needs two. Click in the plot to add points.";
    }
    if (!chosenRegressionFit(rs)) return "No fit: " + rs.fits.error;
    return "";
}

std::string regressionNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

}  // namespace losslab
