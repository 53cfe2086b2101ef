#include "io/file_kinds.hpp"

#include <fnmatch.h>

#include <cctype>

namespace losslab {

const FileFilter& fileFilter(FileKind kind) {
    // Scenes: *.losslab.json is what Save writes and the desktop knows as a LossLab scene;
    // *.json keeps scenes saved under other names openable.
    static const FileFilter kScene{"LossLab scenes", {"*.losslab.json", "*.json"}};
    static const FileFilter kLesson{"Lessons (Markdown)", {"*.md"}};
    static const FileFilter kCsv{"CSV tables", {"*.csv"}};
    switch (kind) {
        case FileKind::Lesson:
            return kLesson;
        case FileKind::Csv:
            return kCsv;
        case FileKind::Scene:
            break;
    }
    return kScene;
}

bool matchesFileKind(FileKind kind, const std::string& fileName) {
    for (const char* pattern : fileFilter(kind).patterns) {
        if (fnmatch(pattern, fileName.c_str(), FNM_PERIOD) == 0) return true;
    }
    return false;
}

std::string suggestedSceneFileName(const std::string& title) {
    std::string name;
    bool gap = false;
    for (const char c : title) {
        const auto u = static_cast<unsigned char>(c);
        // ASCII letters and digits are kept, as are the bytes of any other script (a Korean
        // title stays Korean); everything else separates words.
        if (std::isalnum(u) || u >= 0x80) {
            if (gap && !name.empty()) name += '-';
            name += u < 0x80 ? static_cast<char>(std::tolower(u)) : c;
            gap = false;
        } else {
            gap = true;
        }
    }
    if (name.empty()) name = "scene";
    return name + ".losslab.json";
}

}  // namespace losslab
