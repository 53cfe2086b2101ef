#include "ui/figure_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "plot/figure_file.hpp"
#include "state/cache_key.hpp"
#include "ui/panel_export.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

constexpr float kPreviewWidth = 460.0f;  // at 100 %; the preview fits this box
constexpr float kPreviewHeight = 320.0f;
constexpr double kBusyPreviewSeconds = 0.3;
constexpr double kCssPixelsPerCm = 96.0 / 2.54;

// The same figure as the file, at a resolution that fits the preview box.
plot::FigureSpec previewSpec(const FigureExportChoices& choices, float uiScale) {
    plot::FigureSpec spec;
    spec.width = choices.width;
    spec.height = choices.height;
    spec.fontScale = static_cast<float>(choices.fontScale);
    spec.theme = choices.theme;
    spec.transparent = false;  // shown on the theme's background
    const double fit = std::min(kPreviewWidth * uiScale / choices.width,
                                kPreviewHeight * uiScale / choices.height);
    spec.dpi = 96.0 * std::min(fit, 1.0);
    return spec;
}

void replaceExtension(std::string* path, plot::FigureFormat format) {
    std::filesystem::path p(*path);
    p.replace_extension(plot::figureExtension(format));
    *path = p.string();
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

// A side in pixels or centimetres; true when it changed.
bool sideInput(const char* label, int* pixels, bool inCm) {
    if (inCm) {
        double cm = *pixels / kCssPixelsPerCm;
        if (!ImGui::InputDouble(label, &cm, 0.5, 1.0, "%.2f cm")) return false;
        *pixels = static_cast<int>(std::lround(std::clamp(cm, 0.1, 400.0) * kCssPixelsPerCm));
    } else if (!ImGui::InputInt(label, pixels, 10, 100)) {
        return false;
    }
    *pixels = std::clamp(*pixels, 16, plot::kMaxFigureSide);
    return true;
}

}  // namespace

void openFigureDialog(AppState& state, const std::string& panel) {
    FigureDialogState& dialog = state.figureDialog;
    dialog.open = true;
    dialog.justOpened = true;
    dialog.panel = panel;
    dialog.outPath =
        defaultFigurePath(panel, plot::figureExtension(state.view.figureExport.format));
    dialog.previewKey = 0;
    dialog.previewTime = -1.0;
}

void updateFigureDialog(AppState& state) {
    FigureDialogState& dialog = state.figureDialog;
    if (!dialog.open) return;
    const PanelInfo* panel = findPanel(dialog.panel);
    if (!panel || !panel->figure) {
        dialog.open = false;
        return;
    }
    const FigureExportChoices& c = state.view.figureExport;
    const TrainingState& ts = state.training;
    const std::uint64_t key =
        cacheKey({static_cast<double>(state.modelRevision), static_cast<double>(ts.modelRevision),
                  static_cast<double>(ts.dataRevision), static_cast<double>(ts.configRevision),
                  static_cast<double>(state.sceneRevision), static_cast<double>(c.width),
                  static_cast<double>(c.height), c.fontScale, static_cast<double>(c.theme),
                  static_cast<double>(state.view.uiScale)});
    if (key == dialog.previewKey) return;
    // While the inputs keep changing (training plays), a few previews a second.
    if (dialog.previewTime >= 0 && state.clockSeconds - dialog.previewTime < kBusyPreviewSeconds) {
        return;
    }
    dialog.previewKey = key;
    dialog.previewTime = state.clockSeconds;
    const auto draw = [&](int, plot::Canvas& canvas, plot::Rect area) {
        panel->figure(state, canvas, area);
    };
    if (auto error =
            plot::renderFigure(previewSpec(c, state.view.uiScale), draw, 0, &dialog.preview)) {
        dialog.previewError = *error;
        return;
    }
    dialog.previewError.clear();
    dialog.previewRevision = freshRevision();
}

void drawFigureDialog(AppState& state, PanelGpu& gpu) {
    FigureDialogState& dialog = state.figureDialog;
    if (!dialog.open) return;
    const PanelInfo* panel = findPanel(dialog.panel);
    if (!panel) return;
    const std::string title = std::string("Export figure: ") + panel->title + "###figure-dialog";
    if (dialog.justOpened) {
        ImGui::OpenPopup(title.c_str());
        dialog.justOpened = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title.c_str(), &dialog.open, ImGuiWindowFlags_AlwaysAutoResize)) {
        return;
    }
    FigureExportChoices& c = state.view.figureExport;
    const float scale = state.view.uiScale;
    const float font = ImGui::GetFontSize();

    // The preview, on its own background, in the figure's aspect.
    const ImVec2 box(kPreviewWidth * scale, kPreviewHeight * scale);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(box);
    if (!dialog.previewError.empty()) {
        ImGui::GetWindowDrawList()->AddText(origin, IM_COL32(230, 90, 60, 255),
                                            dialog.previewError.c_str());
    } else if (dialog.preview.width > 0) {
        const float fit = std::min(box.x / dialog.preview.width, box.y / dialog.preview.height);
        const ImVec2 size(dialog.preview.width * fit, dialog.preview.height * fit);
        const ImVec2 at(origin.x + (box.x - size.x) * 0.5f, origin.y + (box.y - size.y) * 0.5f);
        const ImTextureID texture =
            gpu.texture(&dialog.preview, dialog.preview, dialog.previewRevision);
        ImGui::GetWindowDrawList()->AddImage(texture, at, {at.x + size.x, at.y + size.y});
        ImGui::GetWindowDrawList()->AddRect(at, {at.x + size.x, at.y + size.y},
                                            ImGui::GetColorU32(ImGuiCol_Border));
    }

    const float field = font * 7.0f;
    ImGui::SetNextItemWidth(field);
    sideInput("width", &c.width, c.sizeInCm);
    tooltip("The figure's width: CSS pixels (1/96 inch) or centimetres.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    sideInput("height", &c.height, c.sizeInCm);
    ImGui::SameLine();
    ImGui::Checkbox("cm", &c.sizeInCm);
    tooltip("Give the size in centimetres (a LaTeX figure's \\\\includegraphics width).");

    int format = static_cast<int>(c.format);
    const char* formats[] = {"PNG", "SVG", "PDF"};
    ImGui::TextUnformatted("format");
    for (int i = 0; i < 3; ++i) {
        ImGui::SameLine();
        if (ImGui::RadioButton(formats[i], &format, i)) {
            c.format = static_cast<plot::FigureFormat>(format);
            replaceExtension(&dialog.outPath, c.format);
        }
    }
    ImGui::SameLine(0, font);
    ImGui::BeginDisabled(c.format != plot::FigureFormat::Png);
    ImGui::SetNextItemWidth(field);
    if (ImGui::InputDouble("dpi", &c.dpi, 24.0, 96.0, "%.0f"))
        c.dpi = std::clamp(c.dpi, 24.0, 1200.0);
    ImGui::EndDisabled();
    if (c.format == plot::FigureFormat::Png) {
        ImGui::SameLine();
        ImGui::TextDisabled("%d × %d px", static_cast<int>(std::lround(c.width * c.dpi / 96.0)),
                            static_cast<int>(std::lround(c.height * c.dpi / 96.0)));
    } else {
        ImGui::SameLine();
        ImGui::TextDisabled("vector: lines and text stay sharp");
    }

    int theme = static_cast<int>(c.theme);
    ImGui::SetNextItemWidth(field);
    if (ImGui::Combo("theme", &theme, "paper\0light\0dark\0")) {
        c.theme = static_cast<plot::FigureTheme>(theme);
    }
    tooltip("paper: black on white, for slides and print");
    ImGui::SameLine();
    float fontScale = static_cast<float>(c.fontScale);
    ImGui::SetNextItemWidth(field);
    if (ImGui::SliderFloat("font scale", &fontScale, 0.5f, 4.0f, "%.2f×",
                           ImGuiSliderFlags_Logarithmic)) {
        c.fontScale = fontScale;
    }
    tooltip("Text and line widths, without changing the size: larger for a slide.");
    ImGui::SameLine();
    ImGui::Checkbox("transparent", &c.transparent);
    tooltip("No background (the preview shows it on the theme's)");

    ImGui::SetNextItemWidth(font * 28.0f);
    ImGui::InputText("file", &dialog.outPath);
    const bool ready = !dialog.outPath.empty() && plot::figureFormatFor(dialog.outPath);
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button("Save") || (ready && ImGui::IsKeyPressed(ImGuiKey_Enter))) {
        startFigureExport(state, dialog.panel, c, dialog.outPath);
        dialog.open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    if (!ready) {
        ImGui::SameLine();
        ImGui::TextDisabled("the file needs the extension .png, .svg or .pdf");
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        dialog.open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace losslab
