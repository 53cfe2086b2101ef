#include "io/data_paths.hpp"

#include <filesystem>
#include <system_error>

namespace losslab {

namespace fs = std::filesystem;

std::string executablePath() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.string();
}

std::string findDataFolder(const std::string& executable, const std::string& sourceAssets) {
    if (!executable.empty()) {
        std::error_code ec;
        const fs::path installed = fs::path(executable).parent_path() / ".." / "share" / "losslab";
        // scenes/ rather than the folder itself: a prefix such as /usr/local may hold an empty
        // or unrelated share/losslab left by something else.
        if (fs::is_directory(installed / "scenes", ec)) {
            const fs::path canonical = fs::weakly_canonical(installed, ec);
            return ec ? installed.lexically_normal().string() : canonical.string();
        }
    }
    return sourceAssets;
}

const std::string& dataFolder() {
    // The executable does not move while it runs; the answer is fixed for the process.
    static const std::string folder = findDataFolder(executablePath(), LOSSLAB_ASSET_DIR);
    return folder;
}

std::string dataPath(const std::string& relative) {
    return dataFolder() + "/" + relative;
}

}  // namespace losslab
