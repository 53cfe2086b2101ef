#include "state/model_edit.hpp"

#include "losslab/scene.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace losslab {

namespace {
double clampFinite(double v, double lo, double hi, double fallback) {
    if (!std::isfinite(v)) return fallback;
    return std::clamp(v, lo, hi);
}
}  // namespace

void setClassCount(AppState& state, int classes) {
    classes = std::clamp(classes, kMinLogitClasses, kMaxLogitClasses);
    ModelState& m = state.model;
    if (classes == m.classCount()) return;
    resizeClasses(classes, &m.classNames, &m.logits, &m.softTarget, &m.trueClass);
    state.touchModel();
}

void setLogit(AppState& state, int k, double value) {
    ModelState& m = state.model;
    if (k < 0 || k >= m.classCount()) return;
    m.logits[k] = clampFinite(value, -kMaxAbsLogit, kMaxAbsLogit, m.logits[k]);
    state.touchModel();
}

void setTrueClass(AppState& state, int k) {
    if (k < 0 || k >= state.model.classCount() || k == state.model.trueClass) return;
    state.model.trueClass = k;
    if (!state.model.useSoftTarget) state.model.softTarget = Vec::Zero(state.model.classCount());
    if (!state.model.useSoftTarget) state.model.softTarget[k] = 1.0;
    state.touchModel();
}

void randomizeLogits(AppState& state) {
    std::mt19937_64 rng(state.panels.logits.randomSeed++);
    std::normal_distribution<double> normal(0.0, 2.5);
    for (Eigen::Index i = 0; i < state.model.logits.size(); ++i) {
        state.model.logits[i] = std::round(normal(rng) * 10.0) / 10.0;
    }
    state.touchModel();
}

void zeroLogits(AppState& state) {
    state.model.logits.setZero();
    state.touchModel();
}

void shiftLogits(AppState& state, double by) {
    if (!std::isfinite(by)) return;
    Vec& s = state.model.logits;
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        s[i] = std::clamp(s[i] + by, -kMaxAbsLogit, kMaxAbsLogit);
    }
    state.touchModel();
}

void setTemperature(AppState& state, double temperature) {
    state.model.options.temperature =
        clampFinite(temperature, kMinTemperature, kMaxTemperature, state.model.options.temperature);
    state.touchModel();
}

void setSmoothing(AppState& state, double smoothing) {
    state.model.options.smoothing = clampFinite(smoothing, 0.0, 1.0, state.model.options.smoothing);
    state.touchModel();
}

void setSoftTargetEntry(AppState& state, int k, double value) {
    Vec& t = state.model.softTarget;
    if (k < 0 || k >= t.size()) return;
    value = clampFinite(value, 0.0, 1.0, t[k]);
    const double othersSum = t.sum() - t[k];
    const int n = static_cast<int>(t.size());
    for (int i = 0; i < n; ++i) {
        if (i == k) continue;
        // Keep the others' proportions; if they were all 0, share the rest equally.
        t[i] = othersSum > 1e-12 ? t[i] / othersSum * (1.0 - value) : (1.0 - value) / (n - 1);
    }
    t[k] = value;
    state.touchModel();
}

void renameClass(AppState& state, int k, const std::string& name) {
    if (k < 0 || k >= state.model.classCount()) return;
    state.model.classNames[static_cast<size_t>(k)] =
        name.empty() ? "class " + std::to_string(k) : name;
    state.touchModel();
}

}  // namespace losslab

namespace losslab {

void setLogits(AppState& state, const Vec& logits) {
    Vec& s = state.model.logits;
    if (logits.size() != s.size()) return;
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        if (std::isfinite(logits[i])) s[i] = std::clamp(logits[i], -kMaxAbsLogit, kMaxAbsLogit);
    }
    state.touchModel();
}

void loadSample(AppState& state, const Vec& logits, int trueClass, const LossOptions& options) {
    const int classes = static_cast<int>(logits.size());
    if (classes < kMinLogitClasses || classes > kMaxLogitClasses) return;
    setClassCount(state, classes);
    ModelState& m = state.model;
    for (int k = 0; k < classes; ++k) {
        if (std::isfinite(logits[k]))
            m.logits[k] = std::clamp(logits[k], -kMaxAbsLogit, kMaxAbsLogit);
    }
    for (int k = 0; k < classes; ++k) {  // as the Training workspace numbers its classes
        m.classNames[static_cast<std::size_t>(k)] = "class " + std::to_string(k + 1);
    }
    m.trueClass = std::clamp(trueClass, 0, classes - 1);
    m.useSoftTarget = false;
    m.softTarget = Vec::Zero(classes);
    m.softTarget[m.trueClass] = 1.0;
    m.options = options;
    m.options.temperature = std::clamp(options.temperature, kMinTemperature, kMaxTemperature);
    state.touchModel();
}

}  // namespace losslab
