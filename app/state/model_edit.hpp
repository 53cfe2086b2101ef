#pragma once
// Edits of the model that several panels and shortcuts share. Each keeps the model valid
// (sizes agree, values finite and within the UI limits) and bumps its revision.
#include <string>

#include "state/app_state.hpp"

namespace losslab {

void setClassCount(AppState& state, int classes);
void setLogit(AppState& state, int k, double value);  // clamped to ±kMaxAbsLogit
void setTrueClass(AppState& state, int k);
void randomizeLogits(AppState& state);  // seeded; advances the seed
void zeroLogits(AppState& state);
void shiftLogits(AppState& state, double by);
void setTemperature(AppState& state, double temperature);
void setSmoothing(AppState& state, double smoothing);
// Sets t_k of the soft target and rescales the others so that t still sums to 1.
void setSoftTargetEntry(AppState& state, int k, double value);
void renameClass(AppState& state, int k, const std::string& name);
// Makes the Logit Lab show one sample: K, every logit (clamped to ±kMaxAbsLogit), the true
// class, a one-hot target, the loss options (T clamped to the UI's range) and class names
// "class 1".."class K" as the Training workspace numbers them. Undoable.
void loadSample(AppState& state, const Vec& logits, int trueClass, const LossOptions& options);

}  // namespace losslab

namespace losslab {
// Replaces every logit (sizes must agree; non-finite entries are ignored).
void setLogits(AppState& state, const Vec& logits);
}  // namespace losslab
