#include "cli/figure_command.hpp"

#include <CLI/CLI.hpp>

#include <cmath>

#include "losslab/parse.hpp"

namespace losslab::cli {

namespace {
constexpr int kMaxSide = 16384;
constexpr int kMaxSweepValues = 1000;

bool parseNumber(const std::string& text, double* value) {
    return !parseFiniteDouble(text, value).has_value();
}
}  // namespace

CLI::App* addFigureCommand(CLI::App& app, FigureArgs& args) {
    CLI::App* command = app.add_subcommand(
        "figure",
        "A panel's plot as a figure for slides and papers: PNG, SVG or PDF, exact size, no "
        "widgets (headless)");
    command->add_option("--scene", args.scenePath, "Scene file (JSON); default: the default scene");
    command->add_option("--panel", args.panel, "Panel name (see `losslab export --list-panels`)")
        ->required();
    command->add_option("--out", args.out, "Output file: .png, .svg or .pdf")->required();
    command->add_option("--size", args.size, "WIDTHxHEIGHT in CSS pixels (1/96 inch)")
        ->capture_default_str();
    command->add_option("--dpi", args.dpi, "PNG pixels per inch: a PNG has size·dpi/96 pixels")
        ->capture_default_str();
    command->add_option("--font-scale", args.fontScale, "Scales text and line widths, not the size")
        ->capture_default_str();
    command->add_option("--theme", args.theme, "paper (black on white), light or dark")
        ->capture_default_str();
    command->add_flag("--transparent", args.transparent, "No background");
    command->add_option("--sweep", args.sweep,
                        "PARAM=FROM:TO:N over temperature, smoothing, margin, gamma or logit.K: "
                        "a PDF gets a page per value, a PNG N files NAME-01.png …");
    return command;
}

CLI::App* addAnimateCommand(CLI::App& app, AnimateArgs& args) {
    CLI::App* command = app.add_subcommand(
        "animate",
        "A panel's plot as an animation: MP4 (H.264), WebM (VP9) or GIF, of training, a "
        "parameter sweep or the descent on the loss surface (headless)");
    command->add_option("--scene", args.scenePath, "Scene file (JSON); default: the default scene");
    command->add_option("--panel", args.panel, "Panel name (see `losslab export --list-panels`)")
        ->required();
    command->add_option("--out", args.out, "Output file: .mp4, .webm or .gif")->required();
    command->add_option("--size", args.size, "WIDTHxHEIGHT in pixels (even for MP4 and WebM)")
        ->capture_default_str();
    command->add_option("--fps", args.fps, "Frames per second")
        ->check(CLI::Range(1, 120))
        ->capture_default_str();
    command->add_option("--font-scale", args.fontScale, "Scales text and line widths, not the size")
        ->capture_default_str();
    command->add_option("--theme", args.theme, "paper (black on white), light or dark")
        ->capture_default_str();
    CLI::Option* train =
        command->add_option("--train", args.trainSteps, "Train this many updates, a frame each");
    command->add_option("--steps-per-frame", args.stepsPerFrame, "With --train: updates per frame")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    CLI::Option* sweep = command->add_option("--sweep", args.sweep,
                                             "PARAM=FROM:TO:N: a frame per value (as figure)");
    CLI::Option* descend = command->add_option(
        "--descend", args.descendSteps, "Gradient descent on the surface panel's logits, N steps");
    train->excludes(sweep)->excludes(descend);
    sweep->excludes(descend);
    return command;
}

std::optional<std::string> parseFigureSize(const std::string& text, int* width, int* height) {
    const std::size_t x = text.find_first_of("xX");
    double w = 0, h = 0;
    if (x == std::string::npos || !parseNumber(text.substr(0, x), &w) ||
        !parseNumber(text.substr(x + 1), &h) || w != std::floor(w) || h != std::floor(h)) {
        return "'" + text + "' is not WIDTHxHEIGHT in whole pixels (e.g. 1200x800)";
    }
    if (w < 1 || h < 1 || w > kMaxSide || h > kMaxSide) {
        return "'" + text + "': each side must be 1 to " + std::to_string(kMaxSide) + " pixels";
    }
    *width = static_cast<int>(w);
    *height = static_cast<int>(h);
    return std::nullopt;
}

std::vector<double> Sweep::values() const {
    std::vector<double> out;
    for (int i = 0; i < count; ++i) {
        const double t = count > 1 ? static_cast<double>(i) / (count - 1) : 0.0;
        // The temperature acts through a ratio (s/τ): even steps in log τ look even.
        out.push_back(parameter == "temperature"
                          ? std::exp(std::log(from) + t * (std::log(to) - std::log(from)))
                          : from + t * (to - from));
    }
    if (!out.empty()) out.back() = to;  // exactly the asked end, not a rounding of it
    return out;
}

std::optional<std::string> parseSweep(const std::string& text, Sweep* sweep) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos) return "'" + text + "' is not PARAM=FROM:TO:N";
    Sweep s;
    s.parameter = text.substr(0, equals);
    if (s.parameter.rfind("logit.", 0) == 0) {
        double k = 0;
        if (!parseNumber(s.parameter.substr(6), &k) || k < 0 || k != std::floor(k) || k > 1e6) {
            return "'" + s.parameter + "': logit.K needs a class index K ≥ 0";
        }
        s.logit = static_cast<int>(k);
    } else if (s.parameter != "temperature" && s.parameter != "smoothing" &&
               s.parameter != "margin" && s.parameter != "gamma") {
        return "unknown parameter '" + s.parameter +
               "': use temperature, smoothing, margin, gamma or logit.K";
    }
    const std::string rest = text.substr(equals + 1);
    const std::size_t c1 = rest.find(':');
    const std::size_t c2 = c1 == std::string::npos ? c1 : rest.find(':', c1 + 1);
    double count = 0;
    if (c2 == std::string::npos || !parseNumber(rest.substr(0, c1), &s.from) ||
        !parseNumber(rest.substr(c1 + 1, c2 - c1 - 1), &s.to) ||
        !parseNumber(rest.substr(c2 + 1), &count)) {
        return "'" + text + "' is not PARAM=FROM:TO:N with numbers FROM, TO and N";
    }
    if (count != std::floor(count) || count < 2 || count > kMaxSweepValues) {
        return "N must be a whole number from 2 to " + std::to_string(kMaxSweepValues);
    }
    s.count = static_cast<int>(count);
    if (s.parameter == "temperature" && (s.from <= 0 || s.to <= 0)) {
        return "a temperature sweep needs FROM and TO > 0";
    }
    *sweep = s;
    return std::nullopt;
}

}  // namespace losslab::cli
