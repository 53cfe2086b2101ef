#include "state/layout_edit.hpp"

#include <algorithm>

namespace losslab {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::string> splitPanelList(const std::string& text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        names.push_back(trimmed(text.substr(start, comma - start)));
        start = comma + 1;
    }
    return names;
}

std::optional<std::string> focusPanels(AppState& state, const std::vector<std::string>& panels) {
    if (panels.empty() || panels.size() > 2) {
        return std::string("give one panel, or two separated by a comma");
    }
    const std::vector<std::string>& known = knownPanelNames();
    for (const std::string& name : panels) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return "'" + name + "' is not a panel (see losslab export --list-panels)";
        }
    }
    if (panels.size() == 2 && panels[0] == panels[1]) {
        return "'" + panels[0] + "' is named twice";
    }
    state.presenter.focus = panels;
    return std::nullopt;
}

void toggleMaximized(AppState& state, const std::string& panel) {
    std::vector<std::string>& focus = state.presenter.focus;
    if (focus.size() == 1 && focus[0] == panel) {
        focus.clear();
    } else {
        focus = {panel};
    }
}

void restoreLayout(AppState& state) {
    state.presenter.focus.clear();
}

void switchWorkspace(AppState& state, Workspace workspace) {
    if (workspace == state.view.workspace) return;
    state.view.workspace = workspace;
    state.presenter.focus.clear();
    state.presenter.splitterIndex = -1;
}

LayoutNode& currentLayout(AppState& state) {
    return state.view.layouts[static_cast<std::size_t>(state.view.workspace)];
}

const LayoutNode& currentLayout(const AppState& state) {
    return state.view.layouts[static_cast<std::size_t>(state.view.workspace)];
}

void resetLayout(AppState& state) {
    currentLayout(state) = defaultLayouts()[static_cast<std::size_t>(state.view.workspace)];
    state.presenter.focus.clear();
}

bool setPanelShown(AppState& state, const std::string& panel, bool shown) {
    LayoutNode& layout = currentLayout(state);
    state.presenter.focus.clear();  // the change is to the layout: show it
    return shown ? addPanelToLayout(&layout, panel) : removePanelFromLayout(&layout, panel);
}

namespace {

// The share of the width the lesson bar takes when the layout does not place it itself.
constexpr double kLessonBarFraction = 0.3;

bool lessonBarAdded(const AppState& state, const LayoutNode& shown) {
    return state.lesson.lesson && !layoutContains(shown, "lesson");
}

// The focused panels, or the workspace's layout.
LayoutNode focusOrLayout(const AppState& state) {
    const std::vector<std::string>& focus = state.presenter.focus;
    if (focus.size() == 1) return layoutLeaf(focus[0]);
    if (focus.size() == 2) {
        return layoutRow({layoutLeaf(focus[0]), layoutLeaf(focus[1])}, {0.5, 0.5});
    }
    return currentLayout(state);
}

}  // namespace

LayoutNode screenLayout(const AppState& state) {
    LayoutNode shown = focusOrLayout(state);
    if (!lessonBarAdded(state, shown)) return shown;
    return layoutRow({std::move(shown), layoutLeaf("lesson")},
                     {1.0 - kLessonBarFraction, kLessonBarFraction});
}

LayoutRect layoutArea(const AppState& state, const LayoutRect& area) {
    if (!lessonBarAdded(state, focusOrLayout(state))) return area;
    return {area.x, area.y, area.w * (1.0 - kLessonBarFraction), area.h};
}

std::vector<PlacedPanel> placeWorkspace(const AppState& state, const LayoutRect& area) {
    return placePanels(screenLayout(state), area);
}

std::vector<std::string> visiblePanels(const AppState& state) {
    if (!state.mode.soloPanel.empty()) return {state.mode.soloPanel};
    return layoutPanels(screenLayout(state));
}

}  // namespace losslab
