#pragma once
// One state struct per panel (rule 3 of DESIGN.md: no UI state in function statics).
#include <cstdint>

#include "plot/ticks.hpp"

namespace losslab {

struct LogitsPanelState {
    int dragging = -1;            // class whose bar is being dragged, or -1
    double dragStartLogit = 0.0;
    float dragStartMouseY = 0.0f;
    plot::Range frozenRange;      // the y range stays put while a bar is dragged
    int editing = -1;             // class whose value is typed in the popup
    double editValue = 0.0;
    double shiftBy = 1.0;         // "shift all by c"
    std::uint64_t randomSeed = 1;
    plot::Transform barsTransform;  // where the bars were drawn last frame (hit tests, tests)
};

struct SoftmaxPanelState {
    plot::Transform probsTransform;  // the p bars as drawn last frame
    float sliderLeft = 0, sliderRight = 0, sliderY = 0;  // the temperature slider, pixels
};

struct TargetPanelState {
    int dragging = -1;  // soft-target bar being dragged
};

struct LossesPanelState {
    bool logScaleBars = false;
};

struct PrecisionPanelState {
    int multiplierExponent = 0;  // the logits shown are s × 10^exponent
};

struct PanelStates {
    LogitsPanelState logits;
    SoftmaxPanelState softmax;
    TargetPanelState target;
    LossesPanelState losses;
    PrecisionPanelState precision;
};

}  // namespace losslab
