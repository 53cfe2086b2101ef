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

std::vector<PlacedPanel> placeWorkspace(const AppState& state, const LayoutRect& area) {
    const std::vector<std::string>& focus = state.presenter.focus;
    if (focus.size() == 1) return placePanels(layoutLeaf(focus[0]), area);
    if (focus.size() == 2) {
        return placePanels(layoutRow({layoutLeaf(focus[0]), layoutLeaf(focus[1])}, {0.5, 0.5}),
                           area);
    }
    return placePanels(currentLayout(state), area);
}

std::vector<std::string> visiblePanels(const AppState& state) {
    if (!state.mode.soloPanel.empty()) return {state.mode.soloPanel};
    if (!state.presenter.focus.empty()) return state.presenter.focus;
    return layoutPanels(currentLayout(state));
}

}  // namespace losslab
