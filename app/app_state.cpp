#include "app_state.hpp"

#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {

void AppState::updateDerived() {
    if (derived.revision == modelRevision) return;
    const ModelState& m = model;
    const int k = m.classCount();
    derived.probs = softmax(m.logits, m.options.temperature);
    derived.target = m.useSoftTarget ? smoothTarget(m.softTarget, m.options.smoothing)
                                     : makeTarget(k, m.trueClass, m.options.smoothing);
    derived.entropy = entropy(derived.probs, m.options.logBase);
    derived.prediction = argmax(m.logits);
    derived.margin = margin(m.logits, m.trueClass);
    derived.losses.clear();
    for (Loss loss : kAllLosses) {
        derived.losses.push_back(evaluateLoss(loss, m.logits, m.trueClass, derived.target, m.options));
    }
    derived.revision = modelRevision;
}

}  // namespace losslab
