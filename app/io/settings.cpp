#include "io/settings.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace losslab {

std::string settingsPath() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg) return std::string(xdg) + "/losslab/settings.json";
    const char* home = std::getenv("HOME");
    if (home && *home) return std::string(home) + "/.config/losslab/settings.json";
    return "";
}

namespace {

// The figure dialog's last choices; each value that is missing or out of range keeps its
// default.
void loadFigureChoices(const nlohmann::json& j, ViewState* view) {
    FigureExportChoices& f = view->figureExport;
    const auto number = [&](const char* key, double lo, double hi, double* out) {
        if (!j.contains(key) || !j[key].is_number()) return;
        const double v = j[key].get<double>();
        if (v >= lo && v <= hi) *out = v;
    };
    double width = f.width, height = f.height;
    number("width", 1, plot::kMaxFigureSide, &width);
    number("height", 1, plot::kMaxFigureSide, &height);
    f.width = static_cast<int>(width);
    f.height = static_cast<int>(height);
    number("dpi", 24, 1200, &f.dpi);
    number("font_scale", 0.25, 8, &f.fontScale);
    if (j.contains("size_in_cm") && j["size_in_cm"].is_boolean()) f.sizeInCm = j["size_in_cm"];
    if (j.contains("transparent") && j["transparent"].is_boolean()) {
        f.transparent = j["transparent"];
    }
    if (j.contains("theme") && j["theme"].is_string()) {
        if (auto theme = plot::figureThemeFromName(j["theme"].get<std::string>())) f.theme = *theme;
    }
    if (j.contains("format") && j["format"].is_string()) {
        if (auto format = plot::figureFormatFor("figure" + j["format"].get<std::string>())) {
            f.format = *format;
        }
    }
}

}  // namespace

std::optional<std::string> loadSettings(const std::string& path, ViewState* view) {
    std::ifstream in(path);
    if (!in) return std::nullopt;  // first run
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return "settings file '" + path + "' is not JSON; using defaults";
    if (j.contains("theme") && j["theme"].is_string()) {
        themeFromKey(j["theme"].get<std::string>(), &view->theme);
    }
    if (j.contains("ui_scale") && j["ui_scale"].is_number()) {
        const double scale = j["ui_scale"].get<double>();
        if (scale >= 0.75 && scale <= 2.5) view->uiScale = static_cast<float>(scale);
    }
    if (j.contains("workspace") && j["workspace"].is_string()) {
        workspaceFromKey(j["workspace"].get<std::string>(), &view->workspace);
    }
    // Layouts one by one: a broken one falls back to its default, the others still apply.
    std::string broken;
    if (j.contains("layouts") && j["layouts"].is_object()) {
        for (int w = 0; w < kWorkspaceCount; ++w) {
            const char* key = workspaceKey(static_cast<Workspace>(w));
            if (!j["layouts"].contains(key)) continue;
            LayoutNode layout;
            if (auto error = parseLayout(j["layouts"][key].dump(), knownPanelNames(), &layout)) {
                broken += std::string(broken.empty() ? "" : "; ") + key + ": " + *error;
            } else {
                view->layouts[static_cast<size_t>(w)] = std::move(layout);
            }
        }
    }
    if (j.contains("lessons") && j["lessons"].is_object()) {
        for (const auto& [lesson, step] : j["lessons"].items()) {
            if (step.is_number_integer() && step.get<long long>() >= 0 &&
                step.get<long long>() < 100000) {
                view->lessonProgress[lesson] = step.get<int>();
            }
        }
    }
    if (j.contains("figure") && j["figure"].is_object()) loadFigureChoices(j["figure"], view);
    if (!broken.empty()) {
        return "settings file '" + path + "': layouts." + broken + "; using the default layout";
    }
    return std::nullopt;
}

std::optional<std::string> saveSettings(const std::string& path, const ViewState& view) {
    if (path.empty()) return std::string("no settings folder (HOME is not set)");
    nlohmann::json j;
    j["theme"] = themeKey(view.theme);
    j["ui_scale"] = view.uiScale;
    j["workspace"] = workspaceKey(view.workspace);
    const std::array<LayoutNode, kWorkspaceCount> defaults = defaultLayouts();
    for (int w = 0; w < kWorkspaceCount; ++w) {
        const LayoutNode& layout = view.layouts[static_cast<size_t>(w)];
        if (layout != defaults[static_cast<size_t>(w)]) {
            j["layouts"][workspaceKey(static_cast<Workspace>(w))] =
                nlohmann::json::parse(formatLayout(layout));
        }
    }
    for (const auto& [lesson, step] : view.lessonProgress)
        j["lessons"][lesson] = step;
    const FigureExportChoices& f = view.figureExport;
    j["figure"] = {{"width", f.width},
                   {"height", f.height},
                   {"size_in_cm", f.sizeInCm},
                   {"dpi", f.dpi},
                   {"theme", plot::figureThemeName(f.theme)},
                   {"font_scale", f.fontScale},
                   {"format", plot::figureExtension(f.format)},
                   {"transparent", f.transparent}};
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << j.dump(2) << "\n";
        if (!out) return "cannot write '" + temp + "'";
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) return "cannot replace '" + path + "'";
    return std::nullopt;
}

}  // namespace losslab
