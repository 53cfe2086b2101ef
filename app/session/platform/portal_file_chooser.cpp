#include "session/platform/portal_file_chooser.hpp"

#include <gio/gio.h>
#include <libportal/portal.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "ui/file_dialog.hpp"

namespace losslab {

namespace {

constexpr const char* kPortalName = "org.freedesktop.portal.Desktop";
constexpr int kBusTimeoutMs = 1000;

// One D-Bus method of the bus itself, answering a boolean or a list of names.
GVariant* callBus(GDBusConnection* bus, const char* method, GVariant* parameters,
                  const char* replyType) {
    return g_dbus_connection_call_sync(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method, parameters,
                                       G_VARIANT_TYPE(replyType), G_DBUS_CALL_FLAGS_NONE,
                                       kBusTimeoutMs, nullptr, nullptr);
}

bool sessionBusKnown() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address)
        return true;
    // Without the variable GLib would look at $XDG_RUNTIME_DIR/bus, and failing that try to
    // start a bus through X11 ("autolaunch"): only the socket counts here.
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::error_code ec;
    return runtime && *runtime && std::filesystem::exists(std::string(runtime) + "/bus", ec);
}

GVariant* filtersVariant(FileKind kind) {
    const FileFilter& filter = fileFilter(kind);
    GVariantBuilder patterns;
    g_variant_builder_init(&patterns, G_VARIANT_TYPE("a(us)"));
    for (const char* pattern : filter.patterns)
        g_variant_builder_add(&patterns, "(us)", 0u, pattern);  // 0: a glob, 1 would be MIME
    GVariantBuilder filters;
    g_variant_builder_init(&filters, G_VARIANT_TYPE("a(sa(us))"));
    g_variant_builder_add(&filters, "(s@a(us))", filter.name, g_variant_builder_end(&patterns));
    return g_variant_builder_end(&filters);
}

}  // namespace

PortalProbe probePortal() {
    PortalProbe probe;
    if (const char* preference = std::getenv("LOSSLAB_FILE_DIALOG")) probe.preference = preference;
    probe.sessionBusKnown = sessionBusKnown();
    if (!probe.sessionBusKnown || probe.preference == "builtin") return probe;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, nullptr);
    if (!bus) {
        probe.sessionBusKnown = false;
        return probe;
    }
    if (GVariant* owned = callBus(bus, "NameHasOwner", g_variant_new("(s)", kPortalName), "(b)")) {
        gboolean running = FALSE;
        g_variant_get(owned, "(b)", &running);
        probe.portalRunning = running;
        g_variant_unref(owned);
    }
    if (GVariant* names = callBus(bus, "ListActivatableNames", nullptr, "(as)")) {
        const gchar** list = nullptr;
        g_variant_get(names, "(^a&s)", &list);
        for (const gchar** name = list; name && *name; ++name) {
            if (g_strcmp0(*name, kPortalName) == 0) probe.portalActivatable = true;
        }
        g_free(list);
        g_variant_unref(names);
    }
    g_object_unref(bus);
    return probe;
}

bool shouldUsePortal(const PortalProbe& probe) {
    if (probe.preference == "builtin" || !probe.sessionBusKnown) return false;
    return probe.portalRunning || probe.portalActivatable;
}

std::string portalFiltersText(FileKind kind) {
    GVariant* filters = g_variant_ref_sink(filtersVariant(kind));
    gchar* text = g_variant_print(filters, FALSE);
    std::string result = text;
    g_free(text);
    g_variant_unref(filters);
    return result;
}

// Filled in by the portal's callback, which may run after the chooser is gone (the request is
// then cancelled): the callback holds its own reference.
struct PortalFileChooser::Answer {
    bool done = false;
    std::optional<std::string> path;  // none: cancelled, or failed (error)
    std::string error;
};

struct PortalFileChooser::Impl {
    XdpPortal* portal = nullptr;
    GCancellable* cancellable = nullptr;
    std::shared_ptr<Answer> answer;  // of the request in flight, if any
    bool saving = false;
};

namespace {

struct CallbackData {
    std::shared_ptr<PortalFileChooser::Answer> answer;
    bool saving;
};

// The portal's reply: the chosen file's URI ("uris"), or an error; runs in GLib's main
// context, pumped by PortalFileChooser::serve.
void onPortalReply(GObject* source, GAsyncResult* result, gpointer user) {
    std::unique_ptr<CallbackData> data(static_cast<CallbackData*>(user));
    GError* error = nullptr;
    XdpPortal* portal = XDP_PORTAL(source);
    GVariant* reply = data->saving ? xdp_portal_save_file_finish(portal, result, &error)
                                   : xdp_portal_open_file_finish(portal, result, &error);
    PortalFileChooser::Answer& answer = *data->answer;
    answer.done = true;
    if (reply) {
        const gchar** uris = nullptr;
        if (g_variant_lookup(reply, "uris", "^a&s", &uris) && uris && uris[0]) {
            if (gchar* path = g_filename_from_uri(uris[0], nullptr, nullptr)) {
                answer.path = path;
                g_free(path);
            } else {
                answer.error = std::string("not a local file: ") + uris[0];
            }
        }
        g_free(uris);
        g_variant_unref(reply);
    } else if (error && !g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
        answer.error = error->message;  // cancelled by the user: no answer, no error
    }
    g_clear_error(&error);
}

}  // namespace

PortalFileChooser::PortalFileChooser() : impl_(std::make_unique<Impl>()) {
    impl_->portal = xdp_portal_new();
    impl_->cancellable = g_cancellable_new();
}

PortalFileChooser::~PortalFileChooser() {
    g_cancellable_cancel(impl_->cancellable);
    // Let the cancelled request's callback run while the portal object still exists.
    for (int i = 0; i < 100 && impl_->answer && !impl_->answer->done; ++i)
        g_main_context_iteration(nullptr, FALSE);
    g_object_unref(impl_->cancellable);
    g_object_unref(impl_->portal);
}

void PortalFileChooser::start(const FileDialogState& dialog) {
    auto answer = std::make_shared<Answer>();
    impl_->answer = answer;
    impl_->saving = fileDialogSaves(dialog.mode);
    auto* data = new CallbackData{answer, impl_->saving};
    const FileKind kind = fileKindOf(dialog.mode);
    const std::filesystem::path current(dialog.path);
    if (impl_->saving) {
        const std::string name = current.filename().string();
        const std::string folder = dialog.folder;
        std::error_code ec;
        const bool exists = std::filesystem::exists(current, ec);
        xdp_portal_save_file(impl_->portal, nullptr, fileDialogTitle(dialog.mode), name.c_str(),
                             folder.empty() ? nullptr : folder.c_str(),
                             exists ? current.c_str() : nullptr, filtersVariant(kind), nullptr,
                             nullptr, XDP_SAVE_FILE_FLAG_NONE, impl_->cancellable, onPortalReply,
                             data);
    } else {
        xdp_portal_open_file(impl_->portal, nullptr, fileDialogTitle(dialog.mode),
                             filtersVariant(kind), nullptr, nullptr, XDP_OPEN_FILE_FLAG_NONE,
                             impl_->cancellable, onPortalReply, data);
    }
}

void PortalFileChooser::serve(FileDialogState& dialog) {
    // Whatever GLib has ready (the portal's reply), without waiting for more.
    for (int i = 0; i < 32 && g_main_context_iteration(nullptr, FALSE); ++i) {
    }
    if (dialog.portalStep == FileDialogState::PortalStep::Requested) {
        start(dialog);
        dialog.portalStep = FileDialogState::PortalStep::Showing;
    }
    if (dialog.portalStep != FileDialogState::PortalStep::Showing || !impl_->answer ||
        !impl_->answer->done)
        return;
    const Answer answer = *impl_->answer;
    impl_->answer.reset();
    dialog.portalStep = FileDialogState::PortalStep::Idle;
    if (answer.path) {
        dialog.portalChoice = answer.path;
    } else if (!answer.error.empty()) {
        dialog.visible = true;
        dialog.justOpened = true;
        dialog.error = "The desktop's file dialog failed (" + answer.error + "): choose here.";
    }
}

}  // namespace losslab
