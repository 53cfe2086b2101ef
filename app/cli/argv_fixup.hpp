#pragma once
// Lets option values start with a minus sign: "--logits -1,2" becomes "--logits=-1,2",
// so that CLI11 does not mistake a negative number list for an option.
#include <cctype>
#include <string>
#include <vector>

namespace losslab::cli {

inline std::vector<std::string> joinNegativeValues(int argc, const char* const* argv) {
    std::vector<std::string> out;
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        const bool isLongOption =
            arg.rfind("--", 0) == 0 && arg.size() > 2 && arg.find('=') == std::string::npos;
        if (isLongOption && i + 1 < argc) {
            const std::string next = argv[i + 1];
            const bool looksNegative =
                next.size() > 1 && next[0] == '-' &&
                (std::isdigit(static_cast<unsigned char>(next[1])) || next[1] == '.');
            if (looksNegative) {
                out.push_back(arg + "=" + next);
                ++i;
                continue;
            }
        }
        out.push_back(arg);
    }
    return out;
}

}  // namespace losslab::cli
