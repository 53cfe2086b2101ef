// LossLab entry point: parses the command line, picks a mode, nothing else.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cli/argv_fixup.hpp"
#include "cli/backprop_command.hpp"
#include "cli/eval_command.hpp"
#include "cli/export_command.hpp"
#include "cli/figure_command.hpp"
#include "cli/lesson_command.hpp"
#include "cli/presets_command.hpp"
#include "cli/regress_command.hpp"
#include "cli/train_command.hpp"
#include "losslab/scene.hpp"
#include "session/export_runner.hpp"
#include "session/figure_runner.hpp"
#include "session/gui_app.hpp"

int main(int argc, char** argv) {
    using namespace losslab;
    using losslab::Scene;
    CLI::App app{
        "LossLab: a desktop lab for the loss functions of K-class classification.\n"
        "Without a subcommand it opens the app; the subcommands work without a display."};
    app.set_version_flag("--version", "LossLab 0.1.0");

    GuiOptions gui;
    CLI::Option* sceneOption =
        app.add_option("--scene", gui.scenePath, "Open this scene file (JSON)");
    // What a file manager passes (the .desktop entry's `Exec=losslab %f`): the file alone.
    std::string sceneArgument;
    app.add_option("file", sceneArgument,
                   "Open this scene file (JSON), as --scene does, or this lesson (.md), as "
                   "--lesson does")
        ->excludes(sceneOption);
    app.add_option("--screenshot", gui.screenshotPath,
                   "Render the scene, write the window image to this PNG and exit "
                   "(headless when there is no display)");
    CLI::Option* benchFrames =
        app.add_option("--bench-frames", gui.benchFrames,
                       "Render N frames of the scene and print frame-time statistics as JSON")
            ->check(CLI::Range(1, 1000000));
    app.add_option("--bench-activity", gui.benchActivity,
                   "What changes while benchmarking: none, drag (a logit moves every frame), "
                   "train (training plays) or train_drag (training plays while a point is "
                   "dragged)")
        ->check(CLI::IsMember({"none", "drag", "train", "train_drag"}))
        ->needs(benchFrames)
        ->capture_default_str();
    app.add_option("--size", gui.sizeText, "Window size WxH, e.g. 1600x900")->capture_default_str();
    app.add_option("--scale", gui.scalePercent,
                   "UI scale in percent (75-250; default: last used, 100)")
        ->check(CLI::Range(75, 250));
    app.add_option("--theme", gui.theme,
                   "Colour theme: dark, light or projector (high contrast, thick lines; "
                   "default: last used, dark)")
        ->check(CLI::IsMember(sceneThemeKeys()));
    app.add_option("--workspace", gui.workspace,
                   "Start in this workspace: logit_lab, geometry, training or regression")
        ->check(CLI::IsMember(sceneWorkspaceKeys()));
    CLI::Option* focus =
        app.add_option("--focus", gui.focus,
                       "Start with these panels filling the window: one panel, or two side by side "
                       "(e.g. simplex or simplex,losses; names as `losslab export --list-panels`)");
    CLI::Option* lessonOption =
        app.add_option("--lesson", gui.lessonPath,
                       "Open this lesson (Markdown, see `losslab lesson list` for the built-in "
                       "ones): PageDown / → next step, PageUp / ← back");
    app.add_option("--step", gui.lessonStep, "With --lesson: start at this step (from 1)")
        ->check(CLI::Range(1, 100000))
        ->needs(lessonOption);
    app.add_flag("--headless", gui.forceHeadless,
                 "Render offscreen (EGL) even if a display exists");
    app.add_option("--print-state-on-exit", gui.statePath,
                   "On exit, write the model state (logits, target, T, ...) as JSON to this file");

    cli::EvalArgs evalArgs;
    CLI::App* eval = cli::addEvalCommand(app, evalArgs);
    cli::TrainArgs trainArgs;
    CLI::App* train = cli::addTrainCommand(app, trainArgs);
    cli::RegressArgs regressArgs;
    CLI::App* regress = cli::addRegressCommand(app, regressArgs);
    cli::BackpropArgs backpropArgs;
    CLI::App* backprop = cli::addBackpropCommand(app, backpropArgs);

    std::string checkPath, canonicalPath;
    CLI::App* checkScene = app.add_subcommand(
        "check-scene", "Validate a scene file: prints 'ok' or the error naming the field");
    checkScene->add_option("file", checkPath, "Scene file (JSON)")->required();
    checkScene->add_option("--write-canonical", canonicalPath,
                           "Also write the scene in LossLab's own formatting (what Save writes)");

    cli::ExportArgs exportArgs;
    CLI::App* exportCommand = cli::addExportCommand(app, exportArgs);
    cli::FigureArgs figureArgs;
    CLI::App* figure = cli::addFigureCommand(app, figureArgs);
    cli::AnimateArgs animateArgs;
    CLI::App* animate = cli::addAnimateCommand(app, animateArgs);
    cli::LessonArgs lessonArgs;
    CLI::App* lesson = cli::addLessonCommand(app, lessonArgs);
    CLI::App* presets = cli::addPresetsCommand(app);

    const std::vector<std::string> args =
        cli::normalizeNameValues(cli::joinNegativeValues(argc, argv));
    std::vector<const char*> cargs;
    for (const auto& a : args)
        cargs.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(cargs.size()), cargs.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "losslab: %s (see losslab --help)\n", e.what());
        return 2;
    }

    gui.focusGiven = focus->count() > 0;
    if (*eval) {
        std::string json, error;
        if (!cli::runEval(evalArgs, &json, &error)) {
            std::fprintf(stderr, "losslab eval: %s\n", error.c_str());
            return 2;
        }
        std::printf("%s\n", json.c_str());
        return 0;
    }
    if (*train) {
        std::string json, error;
        if (!cli::runTrain(trainArgs, &json, &error)) {
            std::fprintf(stderr, "losslab train: %s\n", error.c_str());
            return 2;
        }
        std::printf("%s\n", json.c_str());
        return 0;
    }
    if (*regress) {
        std::string json, error;
        if (!cli::runRegress(regressArgs, &json, &error)) {
            std::fprintf(stderr, "losslab regress: %s\n", error.c_str());
            return 2;
        }
        std::printf("%s\n", json.c_str());
        return 0;
    }
    if (*backprop) {
        std::string json, error;
        if (!cli::runBackpropCommand(backpropArgs, &json, &error)) {
            std::fprintf(stderr, "losslab backprop: %s\n", error.c_str());
            return 2;
        }
        std::printf("%s\n", json.c_str());
        return 0;
    }
    if (*exportCommand) return runExport(exportArgs);
    if (*lesson) return cli::runLesson(lessonArgs);
    if (*presets) {
        std::printf("%s\n", cli::presetsJson().c_str());
        return 0;
    }
    if (*figure) return runFigure(figureArgs);
    if (*animate) return runAnimate(animateArgs);
    if (*checkScene) {
        Scene scene;
        if (auto error = loadSceneFile(checkPath, &scene)) {
            std::fprintf(stderr, "losslab check-scene: %s\n", error->c_str());
            return 2;
        }
        if (!canonicalPath.empty()) {
            if (auto error = saveSceneFile(canonicalPath, scene)) {
                std::fprintf(stderr, "losslab check-scene: %s\n", error->c_str());
                return 1;
            }
        }
        std::printf("ok\n");
        return 0;
    }
    if (!sceneArgument.empty()) {
        const bool isLesson = sceneArgument.size() > 3 &&
                              sceneArgument.compare(sceneArgument.size() - 3, 3, ".md") == 0;
        if (isLesson && gui.lessonPath.empty()) {
            gui.lessonPath = sceneArgument;
        } else {
            gui.scenePath = sceneArgument;
        }
    }
    return runGui(gui);
}
