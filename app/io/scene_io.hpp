#pragma once
// Between the app's state and scene files: what a scene captures and how one is applied.
#include <optional>
#include <string>

#include "losslab/scene.hpp"
#include "state/app_state.hpp"

namespace losslab {

Scene sceneFromState(const AppState& state);
// Applies an already validated scene. Everything is checked first (sizes, classes), so the
// state either takes the whole scene or, on an error, stays exactly as it was.
std::optional<std::string> applyScene(const Scene& scene, AppState& state);
// Loads, validates and applies; on any error the state is untouched.
std::optional<std::string> openScene(const std::string& path, AppState& state);

}  // namespace losslab

#include <vector>

namespace losslab {

// The lecture presets in assets/scenes, sorted by file name (titles from the files).
std::vector<Preset> listPresets();
std::string presetFolder();

}  // namespace losslab
