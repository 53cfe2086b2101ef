#pragma once
// `losslab figure` and `losslab animate`: a scene's panel drawn by its figure step on a cairo
// canvas, headless and without GL. (The options are cli/figure_command.hpp's; drawing needs
// the panels, which sit above the command-line layer.)
#include "cli/figure_command.hpp"

namespace losslab {

// Return the exit code; saved paths go to stdout, one-line errors to stderr.
int runFigure(const cli::FigureArgs& args);
int runAnimate(const cli::AnimateArgs& args);

}  // namespace losslab
