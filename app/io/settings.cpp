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
    const std::array<LayoutNode, 3> defaults = defaultLayouts();
    for (int w = 0; w < kWorkspaceCount; ++w) {
        const LayoutNode& layout = view.layouts[static_cast<size_t>(w)];
        if (layout != defaults[static_cast<size_t>(w)]) {
            j["layouts"][workspaceKey(static_cast<Workspace>(w))] =
                nlohmann::json::parse(formatLayout(layout));
        }
    }
    for (const auto& [lesson, step] : view.lessonProgress)
        j["lessons"][lesson] = step;
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
