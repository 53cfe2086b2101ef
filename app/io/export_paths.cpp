#include "io/export_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace losslab {

namespace fs = std::filesystem;

std::string sanitizeFileName(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out += safe ? c : '-';
    }
    while (!out.empty() && out.front() == '.')
        out.erase(out.begin());  // no hidden files, no ".."
    if (out.empty()) out = "export";
    if (out.size() > 120) out.resize(120);
    return out;
}

std::string exportFolder() {
    std::error_code ec;
    fs::path folder;
    if (const char* pictures = std::getenv("XDG_PICTURES_DIR"); pictures && *pictures) {
        folder = fs::path(pictures) / "LossLab";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        folder = fs::path(home) / "Pictures" / "LossLab";
    } else {
        folder = fs::current_path(ec);
    }
    fs::create_directories(folder, ec);
    if (ec) folder = fs::current_path(ec);
    return folder.string();
}

}  // namespace losslab
