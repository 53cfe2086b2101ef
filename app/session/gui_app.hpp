#pragma once
// The desktop program: window (or headless surface), ImGui, the frame loop.
#include <string>

namespace losslab {

struct GuiOptions {
    std::string scenePath;
    std::string screenshotPath;
    int benchFrames = 0;
    // What changes during --bench-frames: "none" (a still scene), "drag" (a logit moves every
    // frame, as when the user drags it) or "train" (training plays, one step per frame).
    std::string benchActivity = "none";
    std::string sizeText = "1600x900";
    int scalePercent = 0;  // 0: the saved preference (default 100)
    std::string theme;     // "": the saved preference (default dark)
    bool forceHeadless = false;
    std::string statePath;    // --print-state-on-exit
    std::string workspace;    // "": the saved preference; logit_lab, geometry, training, regression
    std::string focus;        // --focus PANEL[,PANEL]: those panels fill the window
    bool focusGiven = false;  // --focus was on the command line (even as "")
    std::string lessonPath;   // --lesson FILE
    int lessonStep = 0;       // --step N (from 1); 0: where the student left the lesson
};

// Runs the app until the window closes (or the screenshot / benchmark is done).
// Returns the process exit code.
int runGui(const GuiOptions& options);

}  // namespace losslab
