#pragma once
// `losslab export` run: a headless session renders each asked panel alone and writes its PNG.
// (The command line's options are cli/export_command.hpp's; rendering needs a session, which
// sits above the command-line layer.)
#include "cli/export_command.hpp"

namespace losslab {

// Returns the exit code; messages go to stdout (saved files) and stderr (one-line errors).
int runExport(const cli::ExportArgs& args);

}  // namespace losslab
