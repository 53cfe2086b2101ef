#include "settings.hpp"

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
    if (j.contains("theme") && j["theme"].is_string()) view->darkTheme = j["theme"] != "light";
    if (j.contains("ui_scale") && j["ui_scale"].is_number()) {
        const double scale = j["ui_scale"].get<double>();
        if (scale >= 0.75 && scale <= 2.5) view->uiScale = static_cast<float>(scale);
    }
    if (j.contains("workspace") && j["workspace"].is_string()) {
        workspaceFromKey(j["workspace"].get<std::string>(), &view->workspace);
    }
    return std::nullopt;
}

std::optional<std::string> saveSettings(const std::string& path, const ViewState& view) {
    if (path.empty()) return std::string("no settings folder (HOME is not set)");
    nlohmann::json j;
    j["theme"] = view.darkTheme ? "dark" : "light";
    j["ui_scale"] = view.uiScale;
    j["workspace"] = workspaceKey(view.workspace);
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
