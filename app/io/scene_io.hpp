#pragma once
// Between the app's state and scene files: what a scene captures and how one is applied.
#include <optional>
#include <string>

#include "losslab/scene.hpp"
#include "state/app_state.hpp"

namespace losslab {

Scene sceneFromState(const AppState& state);
// Whether a scene's theme and UI scale apply. A user's own scene file brings them back as they
// were saved; a preset opened from the menu or stepped to with a clicker does not undo the
// presenter's projector theme and scale (the presets all say dark, 100 %).
enum class ScenePresentation { FromScene, Keep };
// Applies an already validated scene. Everything is checked first (sizes, classes), so the
// state either takes the whole scene or, on an error, stays exactly as it was.
std::optional<std::string> applyScene(
    const Scene& scene, AppState& state,
    ScenePresentation presentation = ScenePresentation::FromScene);
// Loads, validates and applies; on any error the state is untouched.
std::optional<std::string> openScene(const std::string& path, AppState& state,
                                     ScenePresentation presentation = ScenePresentation::FromScene);

}  // namespace losslab

#include <vector>

namespace losslab {

// The lecture presets in assets/scenes, sorted by file name (titles from the files).
std::vector<Preset> listPresets();
std::string presetFolder();

}  // namespace losslab
