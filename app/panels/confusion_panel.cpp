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

// "train: accuracy 85.7 % (6 of 7)", or the short "train: 85.7 % (6/7)" when that does not fit
// in `width`.
std::string accuracyTitle(plot::Canvas& canvas, const char* split, const Eigen::MatrixXi& counts,
                          float width) {
    const long long total = counts.sum();
    char text[96];
    if (total == 0) {
        std::snprintf(text, sizeof text, "%s: no points", split);
        return text;
    }
    const long long right = counts.diagonal().sum();
    const double percent = 100.0 * static_cast<double>(right) / static_cast<double>(total);
    std::snprintf(text, sizeof text, "%s: accuracy %.1f %% (%lld of %lld)", split, percent, right,
                  total);
    if (canvas.textSize(text).x <= width) return text;
    std::snprintf(text, sizeof text, "%s: %.1f %% (%lld/%lld)", split, percent, right, total);
    return text;
}

// Where a matrix goes in its block: from the top, its title, "predicted", the column names,
// then the grid of square cells with the row names on its left.
struct MatrixLayout {
    std::vector<std::string> names;  // the classes' names on both axes
    float labelWidth = 0.0f;         // the row names' column
    float cell = 0.0f;               // side of a cell, pixels
    float left = 0.0f, top = 0.0f;   // the grid's top-left corner
};

MatrixLayout layoutMatrix(plot::Canvas& canvas, plot::Rect block, int classes) {
    MatrixLayout layout;
    const float font = canvas.fontSize();
    // Class names where they fit, the class numbers (the Classifier's chips) where they do not.
    float widest = 0.0f;
    for (int k = 0; k < classes; ++k) {
        layout.names.push_back("class " + std::to_string(k + 1));
        widest = std::max(widest, canvas.textSize(layout.names.back()).x);
    }
    const float header = font * (1.5f + 1.3f + 1.3f);  // title, "predicted", column names
    const float available = block.height() - header - font * 0.3f;
    auto fit = [&] {
        return std::max(
            0.0f, std::min((block.width() - layout.labelWidth) / classes, available / classes));
    };
    layout.labelWidth = widest + font * 0.5f;
    layout.cell = fit();
    if (layout.cell < widest + font * 0.3f) {  // the columns' names would overlap: numbers
        for (int k = 0; k < classes; ++k)
            layout.names[static_cast<std::size_t>(k)] = std::to_string(k + 1);
        layout.labelWidth = canvas.textSize("true").x + font * 0.5f;
        layout.cell = fit();
    }
    const float gridWidth = layout.labelWidth + layout.cell * classes;
    layout.left =
        block.min.x + std::max(0.0f, (block.width() - gridWidth) * 0.5f) + layout.labelWidth;
    layout.top = block.min.y + header;
    return layout;
}

// One matrix with its title, axis names and counts in `block`; returns its grid's rectangle.
plot::Rect drawMatrix(plot::Canvas& canvas, plot::Rect block, const char* split,
                      const Eigen::MatrixXi& counts) {
    const float font = canvas.fontSize();
    const int classes = static_cast<int>(counts.rows());
    const std::string title = accuracyTitle(canvas, split, counts, block.width());
    canvas.text({block.min.x + std::max(0.0f, (block.width() - canvas.textSize(title).x) * 0.5f),
                 block.min.y},
                canvas.textColor(), title);
    const MatrixLayout layout = layoutMatrix(canvas, block, classes);
    const float cell = layout.cell, left = layout.left, top = layout.top;
    if (!(cell > 2.0f)) return {{left, top}, {left, top}};
    const float gridWidth = cell * classes;
    const char* predicted = "predicted";
    canvas.text({left + (gridWidth - canvas.textSize(predicted).x) * 0.5f, top - font * 2.55f},
                canvas.textColor(0.7f), predicted);
    // "true" heads the row names, on the line of the column names.
    canvas.text({left - canvas.textSize("true").x - font * 0.4f, top - font * 1.25f},
                canvas.textColor(0.7f), "true");
    for (int k = 0; k < classes; ++k) {
        const std::string& name = layout.names[static_cast<std::size_t>(k)];
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
            if (rowTotal > 0) {  // a class without points here has no shares: an empty row
                const double share = static_cast<double>(counts(i, j)) / rowTotal;
                canvas.fillRect(rect, colormapColor(share), 0.0f);
                const std::string text = std::to_string(counts(i, j));
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
    return {{left, top}, {left + gridWidth, top + gridWidth}};
}

// Both matrices (the test one only when there is a test set) side by side or one above the
// other, whichever gives bigger cells, and the colour bar beside the first.
void drawConfusion(const AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const ConfusionPanelState& ui = state.panels.confusion;
    plot::ClipScope clip(canvas, area);
    if (!ui.message.empty() || ui.train.rows() == 0) {
        canvas.text(area.min, canvas.textColor(), ui.message);
        return;
    }
    const float font = canvas.fontSize();
    const int classes = static_cast<int>(ui.train.rows());
    const float barWidth = plot::colorBarWidth(canvas, {0.0, 1.0}) + font * 4.0f;
    const plot::Rect content{area.min, {area.max.x - barWidth, area.max.y}};
    const bool withTest = state.training.test.size() > 0;
    const float gap = font;
    plot::Rect first = content, second = content;
    if (withTest) {
        const float halfWidth = (content.width() - gap) * 0.5f;
        const float halfHeight = (content.height() - gap) * 0.5f;
        const plot::Rect left{content.min, {content.min.x + halfWidth, content.max.y}};
        const plot::Rect upper{content.min, {content.max.x, content.min.y + halfHeight}};
        const bool sideBySide =
            layoutMatrix(canvas, left, classes).cell >= layoutMatrix(canvas, upper, classes).cell;
        if (sideBySide) {
            first = left;
            second = {{content.max.x - halfWidth, content.min.y}, content.max};
        } else {
            first = upper;
            second = {{content.min.x, content.max.y - halfHeight}, content.max};
        }
    }
    const plot::Rect grid = drawMatrix(canvas, first, "train", ui.train);
    if (withTest) drawMatrix(canvas, second, "test", ui.test);
    // The bar as tall as a grid (with its label above), unless the grid is too small to carry
    // its ticks.
    const float barTop = grid.min.y - font * 1.4f;
    const float barBottom = std::max(grid.max.y + font * 0.5f, barTop + font * 8.0f);
    std::vector<plot::Color> colors;
    constexpr int kSteps = 64;
    for (int i = 0; i < kSteps; ++i)
        colors.push_back(colormapColor((i + 0.5) / kSteps));
    plot::colorBar(canvas,
                   {{area.max.x - barWidth + font * 0.5f, barTop},
                    {area.max.x, std::min(barBottom, area.max.y)}},
                   colors, {0.0, 1.0}, "row share");
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
