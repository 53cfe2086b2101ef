#pragma once
// Native Open and Save dialogs through the XDG desktop portal (libportal): where a portal runs
// on the session bus (a desktop such as GNOME or KDE, a Flatpak), the desktop's own file
// chooser replaces the built-in one (ui/file_dialog.hpp). The request goes out
// asynchronously; GLib's main context is pumped without blocking once a frame, so the window
// keeps drawing while the portal's dialog is up, and the chosen path comes back through
// FileDialogState like a path typed into the built-in chooser.
#include <memory>
#include <string>

#include "io/file_kinds.hpp"
#include "state/file_dialog_state.hpp"

namespace losslab {

// What the session bus says about the portal, and what the user asked for.
struct PortalProbe {
    bool sessionBusKnown = false;    // DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus exists
    bool portalRunning = false;      // org.freedesktop.portal.Desktop has an owner
    bool portalActivatable = false;  // or the bus starts it on the first call
    std::string preference;          // LOSSLAB_FILE_DIALOG: "builtin", "portal" or ""
};

// Asks the session bus (one round trip, at most a second) unless no session bus is known or
// the preference is "builtin". Never starts a bus of its own.
PortalProbe probePortal();
// Whether Open and Save go through the portal: a portal is running or can be started, unless
// LOSSLAB_FILE_DIALOG=builtin asks for the built-in chooser.
bool shouldUsePortal(const PortalProbe& probe);

// The filters the portal's dialog offers for `kind`, as the GVariant text libportal sends
// (a(sa(us)): a name, then globs with type 0): the same patterns the built-in chooser uses.
std::string portalFiltersText(FileKind kind);

class PortalFileChooser {
  public:
    PortalFileChooser();
    ~PortalFileChooser();
    PortalFileChooser(const PortalFileChooser&) = delete;
    PortalFileChooser& operator=(const PortalFileChooser&) = delete;

    // Once a frame: lets GLib deliver the portal's answers (never blocks), starts the dialog
    // that `dialog` requests and hands back what the user chose. A portal that fails (no file
    // chooser behind it) opens the built-in chooser instead, saying why.
    void serve(FileDialogState& dialog);

    struct Answer;  // what the portal's callback fills in (shared with the callback)

  private:
    void start(const FileDialogState& dialog);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace losslab
