#include "cli/export_command.hpp"

#include <CLI/CLI.hpp>

namespace losslab::cli {

CLI::App* addExportCommand(CLI::App& app, ExportArgs& args) {
    CLI::App* command = app.add_subcommand(
        "export", "Render panels of a scene to PNG files, headless (no display needed)");
    command->add_option("--scene", args.scenePath, "Scene file (JSON); default: the default scene");
    command->add_option("--panel", args.panel, "Panel name (see --list-panels) or 'all'")
        ->capture_default_str();
    command->add_option("--out", args.out, "Output PNG file, or a folder for --panel all");
    command->add_option("--width", args.width, "Width in pixels at scale 1")
        ->check(CLI::Range(160, 8192))
        ->capture_default_str();
    command->add_option("--height", args.height, "Height in pixels at scale 1")
        ->check(CLI::Range(120, 8192))
        ->capture_default_str();
    command
        ->add_option("--scale", args.scale,
                     "Render scale 1-4: fonts and lines re-rendered, not upscaled")
        ->check(CLI::Range(1, 4))
        ->capture_default_str();
    command->add_flag("--transparent", args.transparent, "Transparent background");
    command->add_flag("--list-panels", args.listPanels, "List the panel names and exit");
    return command;
}

}  // namespace losslab::cli
