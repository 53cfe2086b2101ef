#pragma once
// Every panel by name: its title, how to draw it, and the workspace it lives in. The
// layouts, the export command and the panel menus all use this one table.
#include <string_view>
#include <vector>

#include "app_state.hpp"

namespace losslab {

struct PanelInfo {
    const char* name;   // export name: "logits", "surface3d", …
    const char* title;  // window title
    void (*draw)(AppState&);
    Workspace workspace;
};

const std::vector<PanelInfo>& allPanels();
const PanelInfo* findPanel(std::string_view name);

}  // namespace losslab
