#pragma once
// The one place that owns the model state (what the user set) and every panel's state.
#include <array>
#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "losslab/layout.hpp"
#include "losslab/losses.hpp"
#include "losslab/types.hpp"
#include "state/figure_dialog_state.hpp"
#include "state/file_dialog_state.hpp"
#include "state/lesson_session.hpp"
#include "state/panel_states.hpp"
#include "state/regression_state.hpp"
#include "state/training_state.hpp"

namespace losslab {

// What the lecture is about right now: logits, target, temperature and loss options.
struct ModelState {
    std::vector<std::string> classNames = {"cat", "car", "frog"};
    Vec logits = (Vec(3) << 3.2, 5.1, -1.7).finished();
    int trueClass = 0;
    bool useSoftTarget = false;
    Vec softTarget = (Vec(3) << 1.0, 0.0, 0.0).finished();  // t before smoothing
    LossOptions options;  // temperature, smoothing, margin, gamma, log base, divide-by-K
    Loss selectedLoss = Loss::CrossEntropy;

    int classCount() const { return static_cast<int>(logits.size()); }
};

// Limits of what the UI accepts (typed values are clamped to these).
inline constexpr int kMinLogitClasses = 2;
inline constexpr int kMaxLogitClasses = 20;
inline constexpr double kMaxAbsLogit = 10000.0;
inline constexpr double kMinTemperature = 0.05;
inline constexpr double kMaxTemperature = 20.0;

// Values derived from ModelState, recomputed only when the model's revision changes.
struct DerivedState {
    std::uint64_t revision = ~std::uint64_t{0};
    Vec scaledLogits;  // z = s / T
    Vec shiftedExp;    // e^(z − max z), the numerically safe numerators
    Vec probs;
    Vec target;
    double entropy = 0.0;
    int prediction = 0;
    double margin = 0.0;
    std::vector<LossValue> losses;  // indexed like kAllLosses
};

// Snapshots of the model for Ctrl+Z / Ctrl+Shift+Z. A continuous edit (a drag, a slider
// held down) becomes one entry.
struct UndoHistory {
    std::vector<ModelState> undo;
    std::vector<ModelState> redo;
    ModelState stable;  // the model as it was before the edit in progress
    bool editInProgress = false;
    bool editedThisFrame = false;
    static constexpr size_t kMaxEntries = 200;
};

enum class Workspace { LogitLab, Geometry, Training, Regression };
inline constexpr int kWorkspaceCount = 4;
inline constexpr Workspace kAllWorkspaces[kWorkspaceCount] = {
    Workspace::LogitLab, Workspace::Geometry, Workspace::Training, Workspace::Regression};
// "logit_lab", "geometry", "training", "regression": the names in scene and settings files
// (core's sceneWorkspaceKeys, in this order).
const char* workspaceKey(Workspace workspace);
bool workspaceFromKey(const std::string& key, Workspace* out);
// What the menu bar calls it: "Logit Lab", "Geometry", "Training", "Regression".
const char* workspaceTitle(Workspace workspace);

// The layouts LossLab starts with (and "Reset layout" brings back), per workspace.
std::array<LayoutNode, kWorkspaceCount> defaultLayouts();

// Dark and light for the desk; Projector for a lecture hall: a white background, black text,
// thicker lines and bigger markers, readable from the back of a room.
enum class Theme { Dark, Light, Projector };
// "dark", "light", "projector": the names in scene and settings files.
const char* themeKey(Theme theme);
bool themeFromKey(const std::string& key, Theme* out);
inline bool isDarkTheme(Theme theme) {
    return theme == Theme::Dark;
}

// What the user chose for the view: kept between runs (settings.json) and in scenes.
struct ViewState {
    float uiScale = 1.0f;
    Theme theme = Theme::Dark;
    Workspace workspace = Workspace::LogitLab;
    // Each workspace's panels as a split tree (index: Workspace). Dragging a splitter, the View
    // menu's panel list and "Reset layout" edit these.
    std::array<LayoutNode, kWorkspaceCount> layouts = defaultLayouts();
    // Where the student is in each lesson (its file's path → the step shown last, from 0).
    std::map<std::string, int> lessonProgress;
    FigureExportChoices figureExport;  // the last choices of "Export figure…"
};

// What the presenter does in a lecture hall; lasts for the session only.
struct PresenterState {
    // Panels that fill the workspace instead of its layout: one takes it whole, two share it
    // side by side (double-click a title, F over a panel, --focus). Empty: the layout.
    std::vector<std::string> focus;
    bool blank = false;         // B: the screen is black until any key
    bool hideControls = false;  // panels show their plots only; keys and dragging still work
    bool fullscreen = false;    // F11
    bool showHelp = false;      // F1
    // The splitter being dragged (path and index as layout.hpp names them; index −1: none),
    // the layout as it was when the drag began and where the mouse went down: the boundary
    // follows the mouse's whole offset from there, so it never drifts from the pointer.
    std::vector<int> splitterPath;
    int splitterIndex = -1;
    LayoutNode splitterStartLayout;
    double splitterPressX = 0.0, splitterPressY = 0.0;
    std::string hoveredPanel;  // the panel under the mouse in the last frame, "" for none
    std::string hoveredTitle;  // the panel whose title bar is under the mouse, and since when
    double hoveredTitleSince = 0.0;
};

// What a frame asks the session to do between frames (fonts and the window cannot change
// inside one).
struct FrameRequests {
    float uiScale = 0.0f;     // > 0: rebuild fonts at this scale before the next frame
    bool theme = false;       // apply view.theme
    bool screenshot = false;  // F12: save the window after this frame
    bool quit = false;
    bool fullscreen = false;  // switch presenter.fullscreen on the window
};

// How this session renders: the app, or one panel for `losslab export`.
struct SessionMode {
    std::string soloPanel;               // export mode: draw only this panel, filling the window
    bool transparentBackground = false;  // export mode: clear to alpha 0
    bool allowChildProcesses = true;     // panel exports run `losslab export`; tests turn it off
};

struct Toast {
    std::string text;
    double expiresAt = -1.0;  // UI clock (seconds); < 0: not shown yet, set when first drawn
    bool error = false;
};

// A panel export running as `losslab export` in a child process, so the window keeps
// drawing while the panel is re-rendered offscreen at 2× or 4×.
struct PanelExportJob {
    int pid = -1;
    std::string outPath;
    std::string scenePath;  // temporary scene handed to the child
    std::string errorPath;  // the child's stderr
};

// A built-in lesson: its title, file and number of steps (lesson_io.hpp lists them).
struct BuiltInLesson {
    std::string title;
    std::string path;
    int steps = 0;
};

// A lecture preset: its title and its scene file (scene_io.hpp lists them).
// A session that did not end cleanly (io/autosave.hpp), offered for restoring at start.
struct UncleanSession {
    std::string path;         // its autosave
    std::string lock;         // its lock file
    std::string title;        // the scene's title ("" for an untitled one)
    std::time_t savedAt = 0;  // when it was last saved
};

struct Preset {
    std::string title;
    std::string path;
};

struct AppState {
    ModelState model;
    std::uint64_t modelRevision = 0;  // bump after every edit of `model`
    DerivedState derived;
    ViewState view;
    PresenterState presenter;
    FrameRequests requests;
    SessionMode mode;
    UndoHistory history;
    PanelStates panels;
    TrainingState training;
    RegressionState regression;
    LessonSession lesson;
    std::vector<Toast> toasts;
    // The scene file in use ("" for the default scene), its title and its teaching note.
    std::string scenePath;
    std::string sceneTitle;
    std::string sceneNote;
    std::uint64_t sceneRevision = 0;  // bumped when a scene is applied
    // Seconds on the UI clock at the start of this frame (the session sets it; 0 headless
    // without frames). Update steps that follow a busy input at a few Hz throttle by it.
    double clockSeconds = 0.0;
    FileDialogState fileDialog;
    FigureDialogState figureDialog;
    RecordingState recording;
    // The Presets menu's entries, read from disk when the menu opens rather than on every
    // frame it stays open.
    std::vector<Preset> presetMenu;
    int presetMenuFrame = -2;               // ImGui frame in which the menu was last drawn
    std::vector<BuiltInLesson> lessonMenu;  // the Lessons menu's entries, read when it opens
    int lessonMenuFrame = -2;
    bool showSceneNote = false;
    std::vector<PanelExportJob> exports;          // "Export PNG" jobs running in child processes
    std::vector<UncleanSession> uncleanSessions;  // sessions that crashed: offered at start

    // Call after changing `model`: recomputes derived values and records undo.
    void touchModel();
    // Brings `derived` up to date with `model` (cheap when nothing changed).
    void updateDerived();
    // Frame bookkeeping for undo: call once at the end of every frame.
    void endFrame(bool anyItemActive);
    bool undo();
    bool redo();
    void showToast(const std::string& text, bool error = false);
};

}  // namespace losslab
