#include "cli/presets_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "io/json_writer.hpp"
#include "io/scene_io.hpp"

namespace losslab::cli {

CLI::App* addPresetsCommand(CLI::App& app) {
    return app.add_subcommand(
        "presets", "List the presets (the Presets menu) as JSON: each one's title and file");
}

std::string presetsJson() {
    std::error_code ec;
    auto absolute = [&ec](const std::string& path) {
        const std::filesystem::path full = std::filesystem::absolute(path, ec);
        return ec ? path : full.lexically_normal().string();
    };
    JsonWriter w;
    w.beginObject();
    w.field("folder", absolute(presetFolder()));
    w.key("presets").beginArray();
    for (const Preset& preset : listPresets()) {
        w.beginObject();
        w.field("title", preset.title);
        w.field("path", absolute(preset.path));
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.str();
}

}  // namespace losslab::cli
