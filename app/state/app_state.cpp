#include "state/app_state.hpp"

#include "losslab/scene.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {

const char* workspaceKey(Workspace workspace) {
    return sceneWorkspaceKeys()[static_cast<std::size_t>(workspace)].c_str();
}

namespace {

// The value whose key (as `keyOf` spells it) is `key`: one spelling per value, in one place.
template <typename Enum, std::size_t N>
bool fromKey(const std::string& key, const Enum (&values)[N], const char* (*keyOf)(Enum),
             Enum* out) {
    for (Enum value : values) {
        if (key == keyOf(value)) {
            *out = value;
            return true;
        }
    }
    return false;
}

}  // namespace

bool workspaceFromKey(const std::string& key, Workspace* out) {
    return fromKey(key, kAllWorkspaces, workspaceKey, out);
}

const char* workspaceTitle(Workspace workspace) {
    switch (workspace) {
        case Workspace::LogitLab:
            return "Logit Lab";
        case Workspace::Geometry:
            return "Geometry";
        case Workspace::Training:
            return "Training";
        case Workspace::Regression:
            return "Regression";
    }
    return "";
}

const char* themeKey(Theme theme) {
    return sceneThemeKeys()[static_cast<std::size_t>(theme)].c_str();
}

bool themeFromKey(const std::string& key, Theme* out) {
    const Theme all[] = {Theme::Dark, Theme::Light, Theme::Projector};
    return fromKey(key, all, themeKey, out);
}

std::array<LayoutNode, kWorkspaceCount> defaultLayouts() {
    auto leaf = [](const char* panel) { return layoutLeaf(panel); };
    std::array<LayoutNode, kWorkspaceCount> layouts;
    // Logit Lab: the pipeline left to right, logits → softmax → losses, with what each
    // column's lower panel adds (target, p against q, precision) beneath it.
    layouts[static_cast<int>(Workspace::LogitLab)] =
        layoutRow({layoutColumn({leaf("logits"), leaf("target")}, {0.6, 0.4}),
                   layoutColumn({leaf("softmax"), leaf("probabilities")}, {0.6, 0.4}),
                   layoutColumn({leaf("losses"), leaf("precision")}, {0.6, 0.4})},
                  {0.30, 0.32, 0.38});
    layouts[static_cast<int>(Workspace::Geometry)] =
        layoutRow({layoutColumn({leaf("logits"), leaf("losses")}, {0.5, 0.5}),
                   layoutColumn({leaf("simplex"), leaf("surface3d")}, {0.55, 0.45}),
                   layoutColumn({leaf("surface"), leaf("probabilities")}, {0.55, 0.45})},
                  {0.25, 0.375, 0.375});
    // Training: the classifier the full height on the left (a projector at 1280×720 and 150 %
    // still shows a readable plot), the curves and settings top right, the weight-space
    // landscape under them.
    layouts[static_cast<int>(Workspace::Training)] = layoutRow(
        {leaf("classifier"), layoutColumn({leaf("training"), leaf("landscape")}, {0.6, 0.4})},
        {0.5, 0.5});
    // Regression: the points and their lines large on the left with the controls under them;
    // on the right the objective over (w, b) and the residuals with both noise models.
    layouts[static_cast<int>(Workspace::Regression)] =
        layoutRow({layoutColumn({leaf("fit"), leaf("reg_controls")}, {0.66, 0.34}),
                   layoutColumn({leaf("reg_surface"), leaf("residuals")}, {0.5, 0.5})},
                  {0.56, 0.44});
    return layouts;
}

void AppState::touchModel() {
    ++modelRevision;
    history.editedThisFrame = true;
}

void AppState::updateDerived() {
    if (derived.revision == modelRevision) return;
    const ModelState& m = model;
    const int k = m.classCount();
    derived.scaledLogits = m.logits / m.options.temperature;
    derived.shiftedExp = (derived.scaledLogits.array() - derived.scaledLogits.maxCoeff()).exp();
    derived.probs = softmax(m.logits, m.options.temperature);
    derived.target = m.useSoftTarget ? smoothTarget(m.softTarget, m.options.smoothing)
                                     : makeTarget(k, m.trueClass, m.options.smoothing);
    derived.entropy = entropy(derived.probs, m.options.logBase);
    derived.prediction = argmax(m.logits);
    derived.margin = margin(m.logits, m.trueClass);
    derived.losses = evaluateAllLosses(m.logits, m.trueClass, derived.target, m.options);
    derived.revision = modelRevision;
}

void AppState::endFrame(bool anyItemActive) {
    if (history.editedThisFrame && !history.editInProgress) {
        history.undo.push_back(history.stable);
        if (history.undo.size() > UndoHistory::kMaxEntries)
            history.undo.erase(history.undo.begin());
        history.redo.clear();
        history.editInProgress = true;
    }
    // While a widget is held (a drag, a slider) the edit continues; once released, the
    // next edit starts a new undo entry from the model as it is now.
    if (!anyItemActive) {
        history.editInProgress = false;
        history.stable = model;
    }
    history.editedThisFrame = false;
}

bool AppState::undo() {
    if (history.undo.empty()) return false;
    history.redo.push_back(model);
    model = history.undo.back();
    history.undo.pop_back();
    history.stable = model;
    history.editInProgress = false;
    ++modelRevision;
    return true;
}

bool AppState::redo() {
    if (history.redo.empty()) return false;
    history.undo.push_back(model);
    model = history.redo.back();
    history.redo.pop_back();
    history.stable = model;
    history.editInProgress = false;
    ++modelRevision;
    return true;
}

void AppState::showToast(const std::string& text, bool error) {
    // The same message again (a slider dragged over many frames, each applying a setting)
    // keeps one toast up for longer instead of stacking copies.
    for (Toast& toast : toasts) {
        if (toast.text == text && toast.error == error) {
            toast.expiresAt = -1.0;  // shown for its full time again from the next frame
            return;
        }
    }
    toasts.push_back({text, -1.0, error});
}

}  // namespace losslab
