#include "ui/panel_registry.hpp"

#include "panels/panels.hpp"

namespace losslab {

const std::vector<PanelInfo>& allPanels() {
    // A constant table, built once; not UI state.
    static const std::vector<PanelInfo> panels = {
        {"logits", "Logits s", drawLogitsPanel, Workspace::LogitLab},
        {"softmax", "Softmax: s → z = s/τ → e^z → p", drawSoftmaxPanel, Workspace::LogitLab},
        {"target", "Target q", drawTargetPanel, Workspace::LogitLab},
        {"probabilities", "Probabilities p vs target q", drawProbabilitiesPanel,
         Workspace::LogitLab},
        {"losses", "Losses and gradients ∇L", drawLossesPanel, Workspace::LogitLab},
        {"precision", "Precision: naive vs shifted softmax", drawPrecisionPanel,
         Workspace::LogitLab},
        {"simplex", "Simplex: the loss over all p", drawSimplexPanel, Workspace::Geometry},
        {"surface", "Loss surface over two logits", drawSurfacePanel, Workspace::Geometry},
        {"surface3d", "Loss surface in 3D", drawSurface3DPanel, Workspace::Geometry},
        {"classifier", "Classifier: decision regions", drawClassifierPanel, Workspace::Training},
        {"training", "Training", drawTrainingPanel, Workspace::Training},
        {"landscape", "Weight-space landscape", drawLandscapePanel, Workspace::Training},
    };
    return panels;
}

const PanelInfo* findPanel(std::string_view name) {
    for (const PanelInfo& panel : allPanels()) {
        if (name == panel.name) return &panel;
    }
    return nullptr;
}

}  // namespace losslab
