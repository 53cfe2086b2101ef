#pragma once
// The one place that owns the model state (what the user set) and every panel's state.
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

// What the lecture is about right now: logits, target, temperature and loss options.
struct ModelState {
    std::vector<std::string> classNames = {"cat", "car", "frog"};
    Vec logits = (Vec(3) << 3.2, 5.1, -1.7).finished();
    int trueClass = 0;
    bool useSoftTarget = false;
    Vec softTarget = (Vec(3) << 1.0, 0.0, 0.0).finished();  // t before smoothing
    LossOptions options;  // temperature, smoothing, margin, gamma, log base, divide-by-K
    Loss selectedLoss = Loss::CrossEntropy;

    int classCount() const { return static_cast<int>(logits.size()); }
};

// Values derived from ModelState, recomputed only when the model's revision changes.
struct DerivedState {
    std::uint64_t revision = ~std::uint64_t{0};
    Vec probs;
    Vec target;
    double entropy = 0.0;
    int prediction = 0;
    double margin = 0.0;
    std::vector<LossValue> losses;  // indexed like kAllLosses
};

struct ViewState {
    float uiScale = 1.0f;
    bool darkTheme = true;
    bool showHelp = false;
};

struct AppState {
    ModelState model;
    std::uint64_t modelRevision = 0;  // bump after every edit of `model`
    DerivedState derived;
    ViewState view;

    void touchModel() { ++modelRevision; }
    // Brings `derived` up to date with `model` (cheap when nothing changed).
    void updateDerived();
};

}  // namespace losslab
