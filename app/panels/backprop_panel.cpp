// Backpropagation (lecture 001): the computational graph of one sample's loss,
//   x → φ(x) → s = W φ + b → z = s/τ → exp → Σ → p → L,
// with every node's forward value; Next reveals the gradient arriving at one more node, from the
// loss back to x, so that a teacher can narrate the chain rule. The lecture's toy circuits are
// presets of the same view. The numbers come from core (backprop.hpp); this file lays the nodes
// out and draws them, on screen and into a figure with the same code.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "losslab/features.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

// ------------------------------------------------------------------ the update step

void refreshClassifierSample(AppState& state) {
    BackpropPanelState& ui = state.panels.backprop;
    ensureTrainingReady(state);  // shown in any workspace, the panel needs the classifier
    const TrainingState& ts = state.training;
    const LinearClassifier* model = displayModel(ts);
    if (!model) {
        ui.message = "No classifier yet: the Training workspace needs points to train on.";
        return;
    }
    if (!backpropSupports(ts.config.features)) {
        ui.message =
            "This graph needs linear or poly features: with rbf, φ(x) has 25 bumps and W "
            "25 columns per class, which nobody reads. Choose linear, poly2 or poly3 in the "
            "Training panel.";
        return;
    }
    const ClassifierPanelState& classifier = ts.classifier;
    const Eigen::Index hovered = classifier.inspected;
    const bool hoveredValid = hovered >= 0 && hovered < ts.data.size() &&
                              classifier.inspectedDataRevision == ts.dataRevision;
    BackpropSample& sample = ui.sample;
    char label[160];
    if (!ui.pinned && hoveredValid) {
        sample.x = ts.data.points.row(hovered).transpose();
        sample.target = ts.data.labels[hovered];
        ui.sampleIndex = hovered;
        std::snprintf(label, sizeof label, "Point %lld, class %d, x = (%.3g, %.3g): last hovered",
                      static_cast<long long>(hovered), sample.target + 1, sample.x[0], sample.x[1]);
    } else {
        ui.pinnedLabel = std::clamp(ui.pinnedLabel, 0, model->classes() - 1);
        sample.x = {ui.pinnedX[0], ui.pinnedX[1]};
        sample.target = ui.pinnedLabel;
        ui.sampleIndex = -1;
        std::snprintf(label, sizeof label, "%s x = (%.3g, %.3g), class %d",
                      ui.pinned ? "Pinned" : "No point hovered yet:", sample.x[0], sample.x[1],
                      sample.target + 1);
    }
    ui.sampleLabel = label;
    sample.features = ts.config.features;
    sample.weights = model->weights;
    sample.bias = model->bias;
    sample.loss = ts.config.loss;
    sample.options = ts.config.lossOptions;
    if (auto error = runBackprop(sample, &ui.result)) {
        ui.message = *error;
        return;
    }
    ui.graph = backpropGraph(sample, ui.result);
    // Backward visits the nodes in reverse; a node the loss does not reach (z, exp, Σ and p for
    // the hinge) has no gradient to reveal and takes no step.
    for (int i = static_cast<int>(ui.graph.size()) - 1; i >= 0; --i) {
        if (ui.graph[static_cast<std::size_t>(i)].gradient.size() > 0)
            ui.backwardOrder.push_back(i);
    }
}

void refreshCircuit(BackpropPanelState& ui) {
    if (ui.preset == BackpropPreset::AddMultiply) {
        const double* in = ui.addMultiplyInputs;
        ui.circuit = addMultiplyCircuit(in[0], in[1], in[2]);
        ui.sampleLabel = "Lecture 001: an add gate, then a multiply gate";
    } else {
        const double* in = ui.sigmoidInputs;
        ui.circuit = sigmoidNeuronCircuit(in[0], in[1], in[2], in[3], in[4]);
        ui.sampleLabel = "Lecture 001: a 2-input neuron, one gate a node; ∂f/∂dot = σ(1 − σ)";
    }
    for (int i = static_cast<int>(ui.circuit.size()) - 1; i >= 0; --i)
        ui.backwardOrder.push_back(i);
}

// ------------------------------------------------------------------ the diagram

// One box of the diagram: a title and lines of text, at a cell of a grid of rows and columns.
struct Box {
    std::string key;
    int row = 0, column = 0;
    // Starts at its column but may run wider without widening it (W: D entries a row for poly3).
    bool freeWidth = false;
    std::string title;
    std::vector<std::string> valueLines;
    std::string gradientTitle;
    std::vector<std::string> gradientLines;  // empty until revealed
    bool current = false;                    // the node the last step revealed
    plot::Rect rect;                         // where it lands, set by the layout
};

struct Diagram {
    std::vector<Box> boxes;
    std::vector<std::pair<std::string, std::string>> edges;  // from key, to key
    std::vector<std::string> notes;
};

// Adds "key: note", or adds the key to an earlier line with the same note (the hinge's four
// nodes that the backward pass does not reach say the same thing).
void addNote(std::vector<std::string>* notes, const std::string& key, const std::string& note,
             bool first) {
    const std::string tail = ": " + note;
    for (std::string& line : *notes) {
        if (line.size() > tail.size() &&
            line.compare(line.size() - tail.size(), tail.size(), tail) == 0) {
            line.insert(line.size() - tail.size(), ", " + key);
            return;
        }
    }
    notes->insert(first ? notes->begin() : notes->end(), key + tail);
}

std::string number(double value) {
    char text[32];
    // −0 (a zero gradient times a negative number) reads as a sign error: print it as 0.
    std::snprintf(text, sizeof text, "%.3g", value == 0.0 ? 0.0 : value);
    return text;
}

// A vector as a column of entries, a matrix as one line per row.
std::vector<std::string> matrixLines(const RowMatrix& m, bool asColumn) {
    std::vector<std::string> lines;
    if (asColumn) {
        for (Eigen::Index i = 0; i < m.size(); ++i)
            lines.push_back(number(m.data()[i]));
        return lines;
    }
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        std::string line;
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            if (c > 0) line += "  ";
            line += number(m(r, c));
        }
        lines.push_back(line);
    }
    return lines;
}

struct Cell {
    const char* key;
    int row, column;
    bool freeWidth = false;
};

// Where each node sits: the forward chain along the top row, b under s, the softmax's end
// coming back along the second row (p under Σ, the loss beside it), and W, as wide as it needs,
// on a row of its own.
constexpr Cell kGraphCells[] = {{"x", 0, 0},   {"phi", 0, 1}, {"s", 0, 2}, {"z", 0, 3},
                                {"exp", 0, 4}, {"sum", 0, 5}, {"b", 1, 2}, {"W", 2, 1, true},
                                {"p", 1, 5},   {"loss", 1, 4}};
constexpr Cell kAddMultiplyCells[] = {
    {"x", 0, 0}, {"y", 1, 0}, {"z", 2, 0}, {"q", 0, 1}, {"f", 1, 2}};
constexpr Cell kSigmoidCells[] = {{"w0", 0, 0},   {"x0", 1, 0},          {"w1", 2, 0},
                                  {"x1", 3, 0},   {"w2", 4, 0},          {"w0x0", 0, 1},
                                  {"w1x1", 2, 1}, {"dot", 1, 2},         {"neg", 1, 3},
                                  {"exp", 1, 4},  {"denominator", 1, 5}, {"f", 1, 6}};

template <std::size_t N>
bool placeBox(const Cell (&cells)[N], Box* box) {
    for (const Cell& cell : cells) {
        if (box->key == cell.key) {
            box->row = cell.row;
            box->column = cell.column;
            box->freeWidth = cell.freeWidth;
            return true;
        }
    }
    return false;
}

bool revealedIndex(const BackpropPanelState& ui, int node, bool* current) {
    const int shown = std::min(ui.revealed, static_cast<int>(ui.backwardOrder.size()));
    for (int i = 0; i < shown; ++i) {
        if (ui.backwardOrder[static_cast<std::size_t>(i)] == node) {
            *current = i == shown - 1;
            return true;
        }
    }
    return false;
}

Diagram buildDiagram(const BackpropPanelState& ui) {
    Diagram diagram;
    if (ui.preset == BackpropPreset::ClassifierSample) {
        for (std::size_t i = 0; i < ui.graph.size(); ++i) {
            const GraphNode& node = ui.graph[i];
            Box box;
            box.key = node.key;
            if (!placeBox(kGraphCells, &box)) continue;
            box.title = node.formula;
            const bool matrix = node.key == "W";
            box.valueLines = matrixLines(node.value, !matrix);
            bool current = false;
            const bool revealed = revealedIndex(ui, static_cast<int>(i), &current);
            if (revealed) {
                box.gradientTitle = "∂L/∂" + (node.key == "phi" ? std::string("φ") : node.key);
                box.gradientLines = matrixLines(node.gradient, !matrix);
                box.current = current;
            }
            // A node's note tells how its gradient came about: shown once the backward pass
            // reached it (the newest first), or, for a node it never reaches, once it started.
            const bool unreached = node.gradient.size() == 0 && ui.revealed > 0;
            if (!node.note.empty() && (revealed || unreached))
                addNote(&diagram.notes, node.key, node.note, current);
            diagram.boxes.push_back(std::move(box));
        }
        diagram.edges = {{"x", "phi"}, {"phi", "s"},   {"W", "s"},   {"b", "s"},   {"s", "z"},
                         {"z", "exp"}, {"exp", "sum"}, {"exp", "p"}, {"sum", "p"}, {"p", "loss"}};
        return diagram;
    }
    const bool addMultiply = ui.preset == BackpropPreset::AddMultiply;
    for (std::size_t i = 0; i < ui.circuit.size(); ++i) {
        const CircuitNode& node = ui.circuit[i];
        Box box;
        box.key = node.key;
        const bool placed =
            addMultiply ? placeBox(kAddMultiplyCells, &box) : placeBox(kSigmoidCells, &box);
        if (!placed) continue;
        box.title = node.formula;
        box.valueLines = {number(node.value)};
        bool current = false;
        if (revealedIndex(ui, static_cast<int>(i), &current)) {
            box.gradientTitle = "∂f/∂" + node.key;
            box.gradientLines = {number(node.gradient)};
            box.current = current;
        }
        diagram.boxes.push_back(std::move(box));
    }
    if (addMultiply) {
        diagram.edges = {{"x", "q"}, {"y", "q"}, {"q", "f"}, {"z", "f"}};
    } else {
        diagram.edges = {{"w0", "w0x0"},         {"x0", "w0x0"},      {"w1", "w1x1"},
                         {"x1", "w1x1"},         {"w0x0", "dot"},     {"w1x1", "dot"},
                         {"w2", "dot"},          {"dot", "neg"},      {"neg", "exp"},
                         {"exp", "denominator"}, {"denominator", "f"}};
    }
    return diagram;
}

// Box sizes from their text, columns as wide and rows as tall as their largest box; returns the
// size of the whole diagram.
plot::Vec2 layoutDiagram(plot::Canvas& canvas, Diagram* diagram, plot::Vec2 origin) {
    const float font = canvas.fontSize();
    const float pad = font * 0.4f, gapX = font * 2.2f, gapY = font * 1.4f;
    int rows = 0, columns = 0;
    for (const Box& box : diagram->boxes) {
        rows = std::max(rows, box.row + 1);
        columns = std::max(columns, box.column + 1);
    }
    std::vector<float> widths(static_cast<std::size_t>(columns), 0.0f);
    std::vector<float> heights(static_cast<std::size_t>(rows), 0.0f);
    std::vector<plot::Vec2> sizes;
    for (const Box& box : diagram->boxes) {
        float width = canvas.textSize(box.title).x;
        for (const std::string& line : box.valueLines)
            width = std::max(width, canvas.textSize(line).x);
        if (!box.gradientTitle.empty()) {
            width = std::max(width, canvas.textSize(box.gradientTitle).x);
            for (const std::string& line : box.gradientLines)
                width = std::max(width, canvas.textSize(line).x);
        }
        const std::size_t lines = 1 + box.valueLines.size() +
                                  (box.gradientTitle.empty() ? 0 : 1 + box.gradientLines.size());
        const plot::Vec2 size{width + 2 * pad, static_cast<float>(lines) * font + 2 * pad};
        sizes.push_back(size);
        auto& w = widths[static_cast<std::size_t>(box.column)];
        auto& h = heights[static_cast<std::size_t>(box.row)];
        if (!box.freeWidth) w = std::max(w, size.x);
        h = std::max(h, size.y);
    }
    std::vector<float> left(widths.size()), top(heights.size());
    float x = origin.x, y = origin.y;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        left[c] = x;
        x += widths[c] + gapX;
    }
    for (std::size_t r = 0; r < heights.size(); ++r) {
        top[r] = y;
        y += heights[r] + gapY;
    }
    float right = x - gapX;
    for (std::size_t i = 0; i < diagram->boxes.size(); ++i) {
        Box& box = diagram->boxes[i];
        const auto c = static_cast<std::size_t>(box.column);
        const auto r = static_cast<std::size_t>(box.row);
        const float cellX = box.freeWidth ? left[c] : left[c] + (widths[c] - sizes[i].x) * 0.5f;
        const float cellY = top[r] + (heights[r] - sizes[i].y) * 0.5f;
        box.rect = {{cellX, cellY}, {cellX + sizes[i].x, cellY + sizes[i].y}};
        right = std::max(right, box.rect.max.x);
    }
    return {right - origin.x, y - gapY - origin.y};
}

// Where the segment from the centre of `rect` towards `to` leaves the rectangle.
plot::Vec2 exitPoint(const plot::Rect& rect, plot::Vec2 to) {
    const plot::Vec2 c{(rect.min.x + rect.max.x) * 0.5f, (rect.min.y + rect.max.y) * 0.5f};
    const float dx = to.x - c.x, dy = to.y - c.y;
    const float hx = rect.width() * 0.5f, hy = rect.height() * 0.5f;
    float t = 1.0f;
    if (std::abs(dx) > 1e-6f) t = std::min(t, hx / std::abs(dx));
    if (std::abs(dy) > 1e-6f) t = std::min(t, hy / std::abs(dy));
    return {c.x + dx * t, c.y + dy * t};
}

plot::Vec2 centre(const plot::Rect& rect) {
    return {(rect.min.x + rect.max.x) * 0.5f, (rect.min.y + rect.max.y) * 0.5f};
}

void arrow(plot::Canvas& canvas, plot::Vec2 from, plot::Vec2 to, plot::Color color) {
    const float dx = to.x - from.x, dy = to.y - from.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    const float ux = dx / length, uy = dy / length;
    const float head = canvas.fontSize() * 0.5f;
    const plot::Vec2 base{to.x - ux * head, to.y - uy * head};
    canvas.line(from, base, color, 1.5f * canvas.style().lineScale);
    canvas.fillPolygon({to,
                        {base.x - uy * head * 0.45f, base.y + ux * head * 0.45f},
                        {base.x + uy * head * 0.45f, base.y - ux * head * 0.45f}},
                       color);
}

const Box* findBox(const Diagram& diagram, const std::string& key) {
    for (const Box& box : diagram.boxes) {
        if (box.key == key) return &box;
    }
    return nullptr;
}

void drawDiagram(plot::Canvas& canvas, const Diagram& diagram) {
    const float font = canvas.fontSize();
    const float pad = font * 0.4f;
    const plot::Color edge = canvas.textColor(0.45f);
    for (const auto& [fromKey, toKey] : diagram.edges) {
        const Box* from = findBox(diagram, fromKey);
        const Box* to = findBox(diagram, toKey);
        if (!from || !to) continue;
        // A wide box's arrow leaves from the part of it under its column's start.
        plot::Rect start = from->rect;
        if (from->freeWidth)
            start.max.x = std::min(start.max.x, start.min.x + canvas.fontSize() * 4);
        arrow(canvas, exitPoint(start, centre(to->rect)), exitPoint(to->rect, centre(start)), edge);
    }
    const plot::Color accent = accentColor(canvas);
    const plot::Color gradientColor = classImColor(0);
    for (const Box& box : diagram.boxes) {
        canvas.fillRect(box.rect, canvas.textColor(0.07f), font * 0.25f);
        canvas.strokeRect(box.rect, box.current ? accent : canvas.textColor(0.35f),
                          box.current ? 2.5f : 1.0f, font * 0.25f);
        float y = box.rect.min.y + pad;
        canvas.text({box.rect.min.x + pad, y}, canvas.textColor(0.6f), box.title);
        y += font;
        for (const std::string& line : box.valueLines) {
            canvas.text({box.rect.min.x + pad, y}, canvas.textColor(), line);
            y += font;
        }
        if (box.gradientTitle.empty()) continue;
        canvas.text({box.rect.min.x + pad, y}, gradientColor, box.gradientTitle);
        y += font;
        for (const std::string& line : box.gradientLines) {
            canvas.text({box.rect.min.x + pad, y}, gradientColor, line);
            y += font;
        }
    }
}

// ------------------------------------------------------------------ the controls

void drawPresetControls(AppState& state) {
    BackpropPanelState& ui = state.panels.backprop;
    const float font = ImGui::GetFontSize();
    int preset = static_cast<int>(ui.preset);
    ImGui::SetNextItemWidth(font * 11);
    if (ImGui::Combo("##preset", &preset, kBackpropPresetNames,
                     IM_ARRAYSIZE(kBackpropPresetNames))) {
        ui.preset = static_cast<BackpropPreset>(preset);
        ui.revealed = 0;
    }
    auto input = [font](const char* label, double* value) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(font * 4.5f);
        ImGui::InputDouble(label, value, 0.0, 0.0, "%.3g");
    };
    switch (ui.preset) {
        case BackpropPreset::ClassifierSample: {
            ImGui::SameLine();
            if (ImGui::Button(ui.pinned ? "Unpin" : "Pin")) {
                if (!ui.pinned) {
                    ui.pinnedX[0] = ui.sample.x[0];
                    ui.pinnedX[1] = ui.sample.x[1];
                    ui.pinnedLabel = ui.sample.target;
                }
                ui.pinned = !ui.pinned;
            }
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip(
                    "Pinned: the graph keeps this x (edit it here) while the mouse moves.\n"
                    "Unpinned: it follows the point last hovered in the Classifier panel.");
            }
            if (ui.pinned) {
                input("x₁", &ui.pinnedX[0]);
                input("x₂", &ui.pinnedX[1]);
                ImGui::SameLine();
                int shownClass = ui.pinnedLabel + 1;
                ImGui::SetNextItemWidth(font * 5.5f);
                if (ImGui::InputInt("class", &shownClass)) ui.pinnedLabel = shownClass - 1;
            }
            break;
        }
        case BackpropPreset::AddMultiply:
            input("x", &ui.addMultiplyInputs[0]);
            input("y", &ui.addMultiplyInputs[1]);
            input("z", &ui.addMultiplyInputs[2]);
            break;
        case BackpropPreset::SigmoidNeuron: {
            const char* labels[] = {"w0", "w1", "w2", "x0", "x1"};
            for (int i = 0; i < 5; ++i)
                input(labels[i], &ui.sigmoidInputs[i]);
            break;
        }
    }
}

void drawStepControls(AppState& state) {
    BackpropPanelState& ui = state.panels.backprop;
    const int total = static_cast<int>(ui.backwardOrder.size());
    if (ImGui::Button("◀ Prev")) stepBackprop(state, -1);
    ImGui::SameLine();
    if (ImGui::Button(ui.revealed == 0 ? "Backward ▶" : "Next ▶")) stepBackprop(state, +1);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Reveal the gradient at one more node, from the loss back (PageDown)");
    ImGui::SameLine();
    if (ImGui::Button("All")) ui.revealed = total;
    ImGui::SameLine();
    if (ImGui::Button("Forward only")) ui.revealed = 0;
    ImGui::SameLine();
}

}  // namespace

void updateBackpropPanel(AppState& state, bool visible) {
    BackpropPanelState& ui = state.panels.backprop;
    if (!visible) return;
    ui.message.clear();
    ui.graph.clear();
    ui.circuit.clear();
    ui.backwardOrder.clear();
    if (ui.preset == BackpropPreset::ClassifierSample) {
        refreshClassifierSample(state);
    } else {
        refreshCircuit(ui);
    }
    ui.revealed = std::clamp(ui.revealed, 0, static_cast<int>(ui.backwardOrder.size()));
}

bool stepBackprop(AppState& state, int direction) {
    BackpropPanelState& ui = state.panels.backprop;
    const int total = static_cast<int>(ui.backwardOrder.size());
    const int next = std::clamp(ui.revealed + (direction > 0 ? 1 : -1), 0, total);
    if (next == ui.revealed) return false;
    ui.revealed = next;
    return true;
}

void drawBackpropPanel(AppState& state, PanelGpu& /*gpu*/) {
    const BackpropPanelState& ui = state.panels.backprop;
    if (controlsShown(state)) drawPresetControls(state);
    if (!ui.message.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ui.message.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (controlsShown(state)) drawStepControls(state);
    ImGui::Text("backward: %d / %d nodes", ui.revealed, static_cast<int>(ui.backwardOrder.size()));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui.sampleLabel.c_str());
    if (ui.preset == BackpropPreset::ClassifierSample) {
        ImGui::TextDisabled("%s, %s features: L = %.4g",
                            std::string(lossName(ui.sample.loss)).c_str(),
                            std::string(featureKey(ui.sample.features)).c_str(), ui.result.loss);
    }

    Diagram diagram = buildDiagram(ui);
    ImGui::BeginChild("graph", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const plot::Vec2 size = layoutDiagram(canvas, &diagram, plot::fromImVec2(origin));
    drawDiagram(canvas, diagram);
    ImGui::Dummy(ImVec2(size.x, size.y));
    for (const std::string& note : diagram.notes) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", note.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
}

void figureBackpropPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    updateBackpropPanel(state, true);
    const BackpropPanelState& ui = state.panels.backprop;
    plot::ClipScope clip(canvas, area);
    if (!ui.message.empty()) {
        canvas.text(area.min, canvas.textColor(), ui.message);
        return;
    }
    Diagram diagram = buildDiagram(ui);
    const plot::Vec2 size = layoutDiagram(canvas, &diagram, area.min);
    // Centred in the figure when it fits; from the top-left corner (clipped) when not.
    const plot::Vec2 offset{std::max(0.0f, (area.width() - size.x) * 0.5f),
                            std::max(0.0f, (area.height() - size.y) * 0.5f)};
    for (Box& box : diagram.boxes) {
        box.rect.min.x += offset.x;
        box.rect.max.x += offset.x;
        box.rect.min.y += offset.y;
        box.rect.max.y += offset.y;
    }
    drawDiagram(canvas, diagram);
}

}  // namespace losslab
