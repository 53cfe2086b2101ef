#pragma once
// Every panel by name: its title, its update and draw steps (panels/panels.hpp), and the
// workspace it lives in. The layouts, the export command and the panel menus all use this one
// table.
#include <string_view>
#include <vector>

#include "panels/panel_gpu.hpp"
#include "state/app_state.hpp"

namespace losslab {

enum class UpdateStage {
    Advance,  // moves the state on: the trainer's steps, a descent's steps, their keys
    Derive,   // refreshes a panel's data from the state (grids, images, point scores)
    Read,     // reads other panels' derived data
};

struct PanelInfo {
    const char* name;                         // export name: "logits", "surface3d", …
    const char* title;                        // window title
    void (*update)(AppState&, bool visible);  // nullptr: nothing to do before drawing
    void (*draw)(AppState&, PanelGpu&);
    Workspace workspace;
    // When its update runs: stages run in order, so that what moves (the trainer, a descent)
    // has moved before the data derived from it is refreshed, and that before what reads it.
    UpdateStage stage = UpdateStage::Derive;
    // Steps of its own that Next/Previous take while the mouse is over it (nullptr: none).
    bool (*step)(AppState&, int direction) = nullptr;
    // A plot that `losslab export --panel all` renders (the lesson bar is not one).
    bool screenshot = true;
    // Its plot without widgets on any canvas (`losslab figure`, `losslab animate`); nullptr
    // for a panel that is no plot (tables of widgets, the lesson bar).
    void (*figure)(AppState&, plot::Canvas&, plot::Rect) = nullptr;
};

const std::vector<PanelInfo>& allPanels();
const PanelInfo* findPanel(std::string_view name);
// The panel names, in the table's order (what `losslab export --list-panels` prints).
std::vector<std::string> panelNames();

}  // namespace losslab
