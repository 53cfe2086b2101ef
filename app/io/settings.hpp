#pragma once
// The user's view preferences (theme, UI scale, workspace), kept between runs in
// $XDG_CONFIG_HOME/losslab/settings.json (default ~/.config/losslab/settings.json).
#include <optional>
#include <string>

#include "state/app_state.hpp"

namespace losslab {

// The settings file path, or "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string settingsPath();
// Applies what the file holds to `view`; a missing file changes nothing, a broken one is
// reported and ignored (the defaults stay).
std::optional<std::string> loadSettings(const std::string& path, ViewState* view);
// Writes atomically (temp file + rename), creating the folder if needed.
std::optional<std::string> saveSettings(const std::string& path, const ViewState& view);

}  // namespace losslab
