#include "ui/panel_registry.hpp"

#include "panels/panels.hpp"

namespace losslab {

const std::vector<PanelInfo>& allPanels() {
    // A constant table, built once; not UI state.
    static const std::vector<PanelInfo> panels = {
        {"logits", "Logits s", nullptr, drawLogitsPanel, Workspace::LogitLab, UpdateStage::Derive,
         nullptr, true, figureLogitsPanel},
        {"softmax", "Softmax: s → z = s/τ → e^z → p", updateSoftmaxPanel, drawSoftmaxPanel,
         Workspace::LogitLab, UpdateStage::Derive, nullptr, true, figureSoftmaxPanel},
        {"target", "Target q", nullptr, drawTargetPanel, Workspace::LogitLab},
        {"probabilities", "Probabilities p vs target q", nullptr, drawProbabilitiesPanel,
         Workspace::LogitLab, UpdateStage::Derive, nullptr, true, figureProbabilitiesPanel},
        {"losses", "Losses and gradients ∇L", updateLossesPanel, drawLossesPanel,
         Workspace::LogitLab, UpdateStage::Read, nullptr, true, figureLossesPanel},
        {"precision", "Precision: naive vs shifted softmax", nullptr, drawPrecisionPanel,
         Workspace::LogitLab},
        {"simplex", "Simplex: the loss over all p", updateSimplexPanel, drawSimplexPanel,
         Workspace::Geometry, UpdateStage::Derive, nullptr, true, figureSimplexPanel},
        {"surface", "Loss surface over two logits", updateSurfacePanel, drawSurfacePanel,
         Workspace::Geometry, UpdateStage::Advance, stepSurfaceDescent, true, figureSurfacePanel},
        {"surface3d", "Loss surface in 3D", updateSurface3DPanel, drawSurface3DPanel,
         Workspace::Geometry, UpdateStage::Derive, nullptr, true, figureSurface3DPanel},
        {"classifier", "Classifier: decision regions", updateClassifierPanel, drawClassifierPanel,
         Workspace::Training, UpdateStage::Derive, nullptr, true, figureClassifierPanel},
        {"confusion", "Confusion matrix: true class vs predicted", updateConfusionPanel,
         drawConfusionPanel, Workspace::Training, UpdateStage::Derive, nullptr, true,
         figureConfusionPanel},
        {"training", "Training", updateTrainingPanel, drawTrainingPanel, Workspace::Training,
         UpdateStage::Advance, nullptr, true, figureTrainingPanel},
        {"landscape", "Weight-space landscape", updateLandscapePanel, drawLandscapePanel,
         Workspace::Training, UpdateStage::Derive, nullptr, true, figureLandscapePanel},
        {"batch", "Batch: every sample's losses and their mean", updateBatchPanel, drawBatchPanel,
         Workspace::LogitLab},
        {"backprop", "Backpropagation: one sample's loss, node by node", updateBackpropPanel,
         drawBackpropPanel, Workspace::Training, UpdateStage::Read, stepBackprop, true,
         figureBackpropPanel},
        {"lesson", "Lesson", updateLessonPanel, drawLessonPanel, Workspace::LogitLab,
         UpdateStage::Read, nullptr, false},
        {"fit", "Fit: the points and each loss's line", updateFitPanel, drawFitPanel,
         Workspace::Regression, UpdateStage::Derive, nullptr, true, figureFitPanel},
        {"reg_surface", "Regression objective over (w, b)", updateRegressionSurfacePanel,
         drawRegressionSurfacePanel, Workspace::Regression, UpdateStage::Derive, nullptr, true,
         figureRegressionSurfacePanel},
        {"residuals", "Residuals and likelihood", updateResidualsPanel, drawResidualsPanel,
         Workspace::Regression, UpdateStage::Read, nullptr, true, figureResidualsPanel},
        {"reg_controls", "Regression: loss, descent, points", updateRegressionControlsPanel,
         drawRegressionControlsPanel, Workspace::Regression, UpdateStage::Advance},
    };
    return panels;
}

const PanelInfo* findPanel(std::string_view name) {
    for (const PanelInfo& panel : allPanels()) {
        if (name == panel.name) return &panel;
    }
    return nullptr;
}

std::vector<std::string> panelNames() {
    std::vector<std::string> names;
    for (const PanelInfo& panel : allPanels())
        names.push_back(panel.name);
    return names;
}

}  // namespace losslab
