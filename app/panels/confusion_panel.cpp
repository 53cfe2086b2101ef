// Confusion: where the training and the test points land under the Training workspace's
// classifier. One K x K matrix per split (the Classifier's train/test mask): row = true class,
// column = predicted class (argmax, lowest index on ties, as accuracy counts), each cell its
// count, coloured by its share of its row, with the accuracy (the diagonal's share) in the title.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "losslab/colormap.hpp"
#include "losslab/point_diagnostics.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/plot.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

// While training plays the weights change every frame; counting every point (a pass over the
// data) follows them a few times a second, as the Training panel's diagrams do.
constexpr double kPlayingRefreshSeconds = 0.25;
constexpr Colormap kConfusionColormap = Colormap::Viridis;

// The matrices brought up to date; `throttled` lets a playing trainer skip frames.
void refreshConfusion(AppState& state, bool throttled) {
    const TrainingState& ts = state.training;
    ConfusionPanelState& ui = state.panels.confusion;
    const LinearClassifier* model = displayModel(ts);
    if (!model) {
        ui.message = "No classifier yet: the Training workspace needs points to train on.";
        ui.train.resize(0, 0);
        ui.test.resize(0, 0);
        ui.key = ~std::uint64_t{0};
        return;
    }
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
                  static_cast<double>(ts.configRevision)});
    if (key == ui.key) return;
    if (throttled && ts.playing && ui.computedTime >= 0 &&
        state.clockSeconds - ui.computedTime < kPlayingRefreshSeconds) {
        return;
    }
    ui.key = key;
    ui.computedTime = state.clockSeconds;
    ui.message.clear();
    const int classes = model->classes();
    // The model may lag the points for a frame (a new class, new features).
    if (model->dimension() != featureDimension(ts.config.features) ||
        (ts.data.size() > 0 &&
         (ts.data.labels.minCoeff() < 0 || ts.data.labels.maxCoeff() >= classes))) {
        ui.message = "The classifier is being rebuilt for the new points or features.";
        ui.train.resize(0, 0);
        ui.test.resize(0, 0);
        return;
    }
    auto countsOf = [&](const Dataset& split) {
        return split.size() > 0 ? confusionMatrix(ts.config, *model, split)
                                : Eigen::MatrixXi(Eigen::MatrixXi::Zero(classes, classes));
    };
    ui.train = countsOf(ts.train);
    ui.test = countsOf(ts.test);
}

plot::Color colormapColor(double t) {
    const Rgb8 c = colormapColor8(kConfusionColormap, t);
    return plot::rgba(c.r, c.g, c.b, 255);
}

// Black or white, whichever reads on a cell of colour t.
plot::Color countColor(double t) {
    const Rgb8 c = colormapColor8(kConfusionColormap, t);
    return cieLightness(toRgbF(c)) > 55.0 ? plot::rgba(0, 0, 0, 255) : plot::rgba(255, 255, 255);
}

std::string accuracyTitle(const char* split, const Eigen::MatrixXi& counts) {
    const long long total = counts.sum();
    char text[96];
    if (total == 0) {
        std::snprintf(text, sizeof text, "%s: no points", split);
    } else {
        const long long right = counts.diagonal().sum();
        std::snprintf(text, sizeof text, "%s: accuracy %.1f %% (%lld of %lld)", split,
                      100.0 * static_cast<double>(right) / static_cast<double>(total), right,
                      total);
    }
    return text;
}

// One matrix with its title, class names and counts, centred in `area`.
void drawMatrix(plot::Canvas& canvas, plot::Rect area, const char* split,
                const Eigen::MatrixXi& counts) {
    const float font = canvas.fontSize();
    const int classes = static_cast<int>(counts.rows());
    const std::string title = accuracyTitle(split, counts);
    canvas.text(
        {area.min.x + std::max(0.0f, (area.width() - canvas.textSize(title).x) * 0.5f), area.min.y},
        canvas.textColor(), title);
    if (classes == 0) return;
    // Class names where they fit, the class numbers (the Classifier's chips) where they do not.
    std::vector<std::string> names;
    float widest = 0.0f;
    for (int k = 0; k < classes; ++k) {
        names.push_back("class " + std::to_string(k + 1));
        widest = std::max(widest, canvas.textSize(names.back()).x);
    }
    const float captionHeight = font * 1.3f;
    const float top = area.min.y + font * 1.5f + font * 1.3f;  // title, column names
    const float available = area.max.y - captionHeight - top;
    float labelWidth = widest + font * 0.5f;
    float cell = std::min((area.width() - labelWidth) / classes, available / classes);
    if (cell < widest + font * 0.3f) {  // the columns' names would overlap: numbers
        for (int k = 0; k < classes; ++k)
            names[static_cast<std::size_t>(k)] = std::to_string(k + 1);
        labelWidth = canvas.textSize(std::to_string(classes)).x + font * 0.8f;
        cell = std::min((area.width() - labelWidth) / classes, available / classes);
    }
    if (!(cell > 2.0f)) return;
    const float gridWidth = labelWidth + cell * classes;
    const float left = area.min.x + std::max(0.0f, (area.width() - gridWidth) * 0.5f) + labelWidth;
    for (int k = 0; k < classes; ++k) {
        const std::string& name = names[static_cast<std::size_t>(k)];
        const plot::Vec2 size = canvas.textSize(name);
        // Column k (predicted) above, row k (true) on the left, in the class's colour.
        canvas.text({left + cell * (k + 0.5f) - size.x * 0.5f, top - font * 1.25f}, classImColor(k),
                    name);
        canvas.text({left - size.x - font * 0.4f, top + cell * (k + 0.5f) - size.y * 0.5f},
                    classImColor(k), name);
    }
    for (int i = 0; i < classes; ++i) {
        const int rowTotal = counts.row(i).sum();
        for (int j = 0; j < classes; ++j) {
            const plot::Rect rect{{left + cell * j, top + cell * i},
                                  {left + cell * (j + 1), top + cell * (i + 1)}};
            const int count = counts(i, j);
            if (rowTotal > 0) {
                const double share = static_cast<double>(count) / rowTotal;
                canvas.fillRect(rect, colormapColor(share), 0.0f);
                const std::string text = std::to_string(count);
                const plot::Vec2 size = canvas.textSize(text);
                canvas.text(
                    {rect.min.x + (cell - size.x) * 0.5f, rect.min.y + (cell - size.y) * 0.5f},
                    countColor(share), text);
            }
            canvas.strokeRect(rect, canvas.frameColor(), 1.0f, 0.0f);
        }
    }
    // The diagonal (the right answers) framed in the text colour, over the grid lines.
    for (int k = 0; k < classes; ++k) {
        const plot::Rect diagonal{{left + cell * k, top + cell * k},
                                  {left + cell * (k + 1), top + cell * (k + 1)}};
        canvas.strokeRect(diagonal, canvas.textColor(0.9f), 2.0f, 0.0f);
    }
    const char* caption = "rows: true class · columns: predicted";
    const float captionWidth = canvas.textSize(caption).x;
    canvas.text(
        {left + cell * classes * 0.5f - captionWidth * 0.5f, top + cell * classes + font * 0.25f},
        canvas.textColor(0.7f), caption);
}

// Both matrices side by side (the test one only when there is a test set) and the colour bar.
void drawConfusion(const AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const ConfusionPanelState& ui = state.panels.confusion;
    plot::ClipScope clip(canvas, area);
    if (!ui.message.empty() || ui.train.rows() == 0) {
        canvas.text(area.min, canvas.textColor(), ui.message);
        return;
    }
    const float font = canvas.fontSize();
    const float barWidth = plot::colorBarWidth(canvas, {0.0, 1.0}) + font * 4.0f;
    const plot::Rect bar{{area.max.x - barWidth + font * 0.5f, area.min.y + font * 1.5f},
                         {area.max.x, area.max.y - font * 1.3f}};
    std::vector<plot::Color> colors;
    constexpr int kSteps = 64;
    for (int i = 0; i < kSteps; ++i)
        colors.push_back(colormapColor((i + 0.5) / kSteps));
    plot::colorBar(canvas, bar, colors, {0.0, 1.0}, "row share");
    const bool withTest = state.training.test.size() > 0;
    const float gap = font;
    const float width = area.width() - barWidth - (withTest ? gap : 0.0f);
    const float each = withTest ? width * 0.5f : width;
    drawMatrix(canvas, {area.min, {area.min.x + each, area.max.y}}, "train", ui.train);
    if (withTest) {
        drawMatrix(
            canvas,
            {{area.min.x + each + gap, area.min.y}, {area.min.x + 2 * each + gap, area.max.y}},
            "test", ui.test);
    }
}

}  // namespace

void updateConfusionPanel(AppState& state, bool visible) {
    if (!visible) return;
    ensureTrainingReady(state);  // shown in any workspace, the panel needs the classifier
    refreshConfusion(state, true);
}

void drawConfusionPanel(AppState& state, PanelGpu& /*gpu*/) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float font = ImGui::GetFontSize();
    const ImVec2 size(std::max(avail.x, font * 12), std::max(avail.y, font * 8));
    plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
    drawConfusion(state, canvas,
                  {plot::fromImVec2(origin), {origin.x + size.x, origin.y + size.y}});
    ImGui::Dummy(size);
}

void figureConfusionPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    ensureTrainingReady(state);
    refreshConfusion(state, false);
    drawConfusion(state, canvas, area);
}

}  // namespace losslab
