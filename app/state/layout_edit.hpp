#pragma once
// Edits of the workspaces' layouts and of the presenter's focus: what dragging a splitter, the
// View menu, a double-click on a panel's title, F, Esc and --focus do. No ImGui here: the
// frame code calls these, and so do tests.
#include <optional>
#include <string>
#include <vector>

#include "state/app_state.hpp"

namespace losslab {

// "simplex,losses" → {"simplex", "losses"} (spaces around names are dropped).
std::vector<std::string> splitPanelList(const std::string& text);
// Makes one panel fill the workspace, or two share it side by side. An unknown or repeated
// name, or more than two, is an error and changes nothing.
std::optional<std::string> focusPanels(AppState& state, const std::vector<std::string>& panels);
// Double-click on a title, or F over a panel: that panel alone; again: the layout.
void toggleMaximized(AppState& state, const std::string& panel);
// Back to the workspace's layout (Esc).
void restoreLayout(AppState& state);

// Shows another workspace. The focus and a splitter being dragged belong to the one left, so
// they end (switching to the workspace already shown changes nothing).
void switchWorkspace(AppState& state, Workspace workspace);

// The current workspace's layout.
LayoutNode& currentLayout(AppState& state);
const LayoutNode& currentLayout(const AppState& state);
// The current workspace's default layout again; the focus ends.
void resetLayout(AppState& state);
// Shows or hides a panel in the current workspace (the View menu). Hiding the last panel, or
// showing one already shown, changes nothing and returns false.
bool setPanelShown(AppState& state, const std::string& panel, bool shown);

// What is on screen: the focused panels or the workspace's layout, with the lesson bar at the
// right while a lesson is open (unless the layout places it itself).
LayoutNode screenLayout(const AppState& state);
// The part of the work area the workspace's own layout fills (its splitters live there).
LayoutRect layoutArea(const AppState& state, const LayoutRect& area);
// Where each panel on screen goes inside `area`: the focused panels, or the layout's.
std::vector<PlacedPanel> placeWorkspace(const AppState& state, const LayoutRect& area);
// The names of the panels on screen (export mode: the one exported).
std::vector<std::string> visiblePanels(const AppState& state);

}  // namespace losslab
