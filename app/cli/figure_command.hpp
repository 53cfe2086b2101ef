#pragma once
// `losslab figure` and `losslab animate`: their options and the parameter sweep they share
// (session/figure_runner.hpp renders them).
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace losslab::cli {

struct FigureArgs {
    std::string scenePath;
    std::string panel;
    std::string out;
    std::string size = "1200x800";
    double dpi = 96.0;
    double fontScale = 1.0;
    std::string theme = "paper";
    bool transparent = false;
    std::string sweep;  // PARAM=FROM:TO:N
};

struct AnimateArgs {
    std::string scenePath;
    std::string panel;
    std::string out;
    std::string size = "1280x720";
    int fps = 30;
    double fontScale = 1.0;
    std::string theme = "paper";
    long long trainSteps = 0;
    int stepsPerFrame = 1;
    std::string sweep;
    int descendSteps = 0;
};

CLI::App* addFigureCommand(CLI::App& app, FigureArgs& args);
CLI::App* addAnimateCommand(CLI::App& app, AnimateArgs& args);

// "1200x800" (or "1200X800") → width and height (each 1–16384); a message otherwise. Every
// --size of the program reads its value with this (the window's adds its own minimum).
std::optional<std::string> parseFigureSize(const std::string& text, int* width, int* height);

// A sweep: `count` values of `parameter` from `from` to `to` (either way round), evenly
// spaced, or geometrically for the temperature.
struct Sweep {
    std::string parameter;  // temperature, smoothing, margin, gamma, or logit.K
    int logit = -1;         // K for logit.K
    double from = 0.0;
    double to = 0.0;
    int count = 0;
    std::vector<double> values() const;
};
// Parses PARAM=FROM:TO:N (N ≥ 2; the temperature's ends > 0); a message naming what is wrong.
std::optional<std::string> parseSweep(const std::string& text, Sweep* sweep);

}  // namespace losslab::cli
