#pragma once
// `losslab presets`: the lecture presets this copy of LossLab opens (the Presets menu), each
// with its title and the absolute path of its file, so a user sees which copy is in use (an
// installed one, a moved one, or the source checkout's).
#include <string>

namespace CLI {
class App;
}

namespace losslab::cli {

// Registers `presets` on `app` and returns it.
CLI::App* addPresetsCommand(CLI::App& app);

// {"folder": DIR, "presets": [{"title", "path"}]}, sorted by file name.
std::string presetsJson();

}  // namespace losslab::cli
