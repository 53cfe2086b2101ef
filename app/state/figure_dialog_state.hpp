#pragma once
// The "Export figure…" dialog: the choices it remembers between runs (ViewState, saved in the
// settings) and what it holds while open (its preview image).
#include <cstdint>
#include <string>

#include "losslab/colormap.hpp"
#include "plot/figure_file.hpp"

namespace losslab {

struct FigureExportChoices {
    int width = 1200;  // CSS pixels (1/96 inch)
    int height = 800;
    bool sizeInCm = false;  // the dialog shows the size in centimetres at `dpi`
    double dpi = 300.0;     // a PNG's pixels per inch
    plot::FigureTheme theme = plot::FigureTheme::Paper;
    double fontScale = 1.0;
    plot::FigureFormat format = plot::FigureFormat::Png;
    bool transparent = false;
};

// "Record": a panel as it is drawn, while the user works, into a video. The draw step asks
// (start/stop) and says where the panel is; the session reads the pixels and encodes them on a
// worker thread (session/recorder.hpp).
struct RecordingState {
    bool active = false;         // recording (or asked to start)
    bool stopRequested = false;  // Stop pressed: the session finishes the file
    std::string panel;
    std::string path;
    int fps = 30;
    // Where the panel is this frame, in ImGui's coordinates (its window).
    float x = 0, y = 0, width = 0, height = 0;
    double startedAt = -1.0;  // UI clock when the first frame was taken
    long long frames = 0;     // frames taken so far
    long long dropped = 0;    // frames the encoder could not keep up with
};

struct FigureDialogState {
    bool open = false;
    bool justOpened = false;  // the popup opens on the next draw
    std::string panel;
    std::string outPath;  // where Save writes; follows the format's extension
    Rgba8Image preview;   // the figure at the dialog's preview size
    std::uint64_t previewRevision = 0;
    std::uint64_t previewKey = 0;
    double previewTime = -1.0;  // UI clock of the last preview
    std::string previewError;
};

}  // namespace losslab
