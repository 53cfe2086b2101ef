// Fuzz target: scene files. Any input must give a parsed scene or a message, never a crash,
// and a parsed scene must format and re-parse to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "losslab/scene.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    losslab::Scene scene;
    if (losslab::parseScene(text, &scene)) return 0;
    const std::string formatted = losslab::formatScene(scene);
    losslab::Scene again;
    if (losslab::parseScene(formatted, &again) || losslab::formatScene(again) != formatted)
        std::abort();
    return 0;
}
