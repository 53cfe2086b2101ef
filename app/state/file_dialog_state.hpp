#pragma once
// What the file chooser shows (ui/file_dialog.hpp draws it): part of the state so that the
// recent files and the folder last looked in persist while the app runs. Where the desktop
// portal runs, its dialog stands in for the built-in one
// (session/platform/portal_file_chooser.hpp) and answers through the same fields.
#include <optional>
#include <string>
#include <vector>

namespace losslab {

struct FileDialogState {
    // Scenes (.json), a lesson (.md), or a CSV table of points (`csvTable` says whose).
    enum class Mode { Open, Save, OpenLesson, OpenCsv, SaveCsv };
    enum class CsvTable { ClassifierPoints, RegressionPoints };
    bool visible = false;
    bool justOpened = false;
    Mode mode = Mode::Open;
    std::string folder;               // listed folder
    char path[1024] = {};             // the path being typed
    std::vector<std::string> recent;  // most recent first
    std::string error;
    CsvTable csvTable = CsvTable::ClassifierPoints;
    // A panel's wish to open the chooser: panels cannot open it themselves (ui/ does, before
    // it draws the dialog in the same frame).
    std::optional<Mode> requested;

    // The desktop portal: the session sets `usePortal` at start when a portal runs on the
    // session bus. Opening the chooser then asks the portal (Requested) instead of showing
    // the built-in one; while the portal's dialog is up (Showing) the app keeps drawing; the
    // path chosen there waits in `portalChoice` until the file dialog applies it as if typed.
    enum class PortalStep { Idle, Requested, Showing };
    bool usePortal = false;
    PortalStep portalStep = PortalStep::Idle;
    std::optional<std::string> portalChoice;
};

}  // namespace losslab
