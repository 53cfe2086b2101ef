#include "ui/file_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace losslab {

namespace fs = std::filesystem;

void openFileDialog(FileDialogState& dialog, FileDialogState::Mode mode, const std::string& current,
                    const std::string& suggestedName) {
    // One dialog at a time: the portal's, while it is up, takes no second request.
    if (dialog.portalStep == FileDialogState::PortalStep::Showing) return;
    dialog.mode = mode;
    dialog.error.clear();
    std::error_code ec;
    const std::string fallback = !suggestedName.empty() ? suggestedName
                                 : mode == FileDialogState::Mode::OpenLesson
                                     ? "lesson.md"
                                     : suggestedSceneFileName("");
    const fs::path start = current.empty() ? fs::current_path(ec) / fallback : fs::path(current);
    dialog.folder = start.parent_path().string();
    std::snprintf(dialog.path, sizeof dialog.path, "%s", start.string().c_str());
    if (dialog.usePortal) {
        dialog.portalStep = FileDialogState::PortalStep::Requested;
        return;
    }
    dialog.visible = true;
    dialog.justOpened = true;
}

FileKind fileKindOf(FileDialogState::Mode mode) {
    switch (mode) {
        case FileDialogState::Mode::OpenLesson:
            return FileKind::Lesson;
        case FileDialogState::Mode::OpenCsv:
        case FileDialogState::Mode::SaveCsv:
            return FileKind::Csv;
        case FileDialogState::Mode::Open:
        case FileDialogState::Mode::Save:
            break;
    }
    return FileKind::Scene;
}

const char* fileDialogTitle(FileDialogState::Mode mode) {
    switch (mode) {
        case FileDialogState::Mode::Save:
            return "Save scene as";
        case FileDialogState::Mode::OpenLesson:
            return "Open lesson";
        case FileDialogState::Mode::OpenCsv:
            return "Open CSV table";
        case FileDialogState::Mode::SaveCsv:
            return "Save CSV table as";
        case FileDialogState::Mode::Open:
            break;
    }
    return "Open scene";
}

bool fileDialogSaves(FileDialogState::Mode mode) {
    return mode == FileDialogState::Mode::Save || mode == FileDialogState::Mode::SaveCsv;
}

bool listedInFileDialog(FileDialogState::Mode mode, const std::string& fileName) {
    if (fileName.empty() || fileName[0] == '.') return false;  // hidden files
    return matchesFileKind(fileKindOf(mode), fileName);
}

void rememberRecent(FileDialogState& dialog, const std::string& path) {
    auto& r = dialog.recent;
    r.erase(std::remove(r.begin(), r.end(), path), r.end());
    r.insert(r.begin(), path);
    if (r.size() > 8) r.resize(8);
}

bool drawFileDialog(FileDialogState& dialog, std::string* chosen) {
    if (dialog.portalChoice) {
        // The portal's answer, applied as a typed path. Should it fail to apply, the built-in
        // dialog opens on it with the error; on success the caller closes it unseen.
        *chosen = *dialog.portalChoice;
        dialog.portalChoice.reset();
        std::snprintf(dialog.path, sizeof dialog.path, "%s", chosen->c_str());
        dialog.folder = fs::path(*chosen).parent_path().string();
        dialog.visible = true;
        dialog.justOpened = true;
        return true;
    }
    if (!dialog.visible) return false;
    const char* title = fileDialogTitle(dialog.mode);
    const FileFilter& filter = fileFilter(fileKindOf(dialog.mode));
    if (dialog.justOpened) {
        ImGui::OpenPopup(title);
        dialog.justOpened = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.5f, viewport->WorkSize.y * 0.6f),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    bool confirmed = false;
    bool open = true;
    if (ImGui::BeginPopupModal(title, &open)) {
        ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6);
        const bool enter = ImGui::InputText("##path", dialog.path, sizeof dialog.path,
                                            ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        const bool button = ImGui::Button(fileDialogSaves(dialog.mode) ? "Save" : "Open");
        std::string patterns;
        for (const char* pattern : filter.patterns)
            patterns += (patterns.empty() ? "" : " ") + std::string(pattern);
        ImGui::TextDisabled("%s  ·  %s: %s", dialog.folder.c_str(), filter.name, patterns.c_str());
        const float listHeight =
            ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2;
        if (ImGui::BeginChild("entries", ImVec2(0, listHeight), true)) {
            std::error_code ec;
            if (ImGui::Selectable("..")) {
                dialog.folder = fs::path(dialog.folder).parent_path().string();
            }
            std::vector<fs::directory_entry> entries;
            for (fs::directory_iterator
                     it(dialog.folder, fs::directory_options::skip_permission_denied, ec),
                 end;
                 !ec && it != end; it.increment(ec)) {
                entries.push_back(*it);
                if (entries.size() > 2000) break;  // a huge folder must not stall the frame
            }
            std::sort(entries.begin(), entries.end(),
                      [](const auto& a, const auto& b) { return a.path() < b.path(); });
            for (const auto& entry : entries) {
                const std::string name = entry.path().filename().string();
                if (!name.empty() && name[0] == '.') continue;
                std::error_code typeError;
                if (entry.is_directory(typeError)) {
                    if (ImGui::Selectable((name + "/").c_str()))
                        dialog.folder = entry.path().string();
                } else if (listedInFileDialog(dialog.mode, name)) {
                    if (ImGui::Selectable(name.c_str(), false,
                                          ImGuiSelectableFlags_AllowDoubleClick)) {
                        std::snprintf(dialog.path, sizeof dialog.path, "%s",
                                      entry.path().string().c_str());
                        if (ImGui::IsMouseDoubleClicked(0)) confirmed = true;
                    }
                }
            }
            if (!dialog.recent.empty()) {
                ImGui::Separator();
                ImGui::TextDisabled("Recent");
                for (const auto& recent : dialog.recent) {
                    if (ImGui::Selectable(recent.c_str()))
                        std::snprintf(dialog.path, sizeof dialog.path, "%s", recent.c_str());
                }
            }
        }
        ImGui::EndChild();
        if (!dialog.error.empty())
            ImGui::TextColored(ImVec4(1, 0.45f, 0.3f, 1), "%s", dialog.error.c_str());
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(256 /* Escape */)) {
            dialog.visible = false;
            ImGui::CloseCurrentPopup();
        }
        if (enter || button) confirmed = true;
        if (confirmed) {
            *chosen = dialog.path;
            if (chosen->empty()) {
                dialog.error = "type a file name";
                confirmed = false;
            }
        }
        ImGui::EndPopup();
    }
    if (!open) dialog.visible = false;
    return confirmed;
}

}  // namespace losslab
