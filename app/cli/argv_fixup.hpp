#pragma once
// The command line before CLI11 reads it: values that start with a minus sign, and names
// spelled with dashes.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace losslab::cli {

// Lets option values start with a minus sign: "--logits -1,2" becomes "--logits=-1,2",
// so that CLI11 does not mistake a negative number list for an option.
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

// The options whose values are names of LossLab's own (workspaces, themes, losses, panels, ...).
// Every such name is spelled with underscores (cross_entropy, logit_lab), and users type
// dashes as often (cross-entropy, logit-lab): both are accepted. The one list of such options
// is here; file names and numbers, which may hold a dash, are never rewritten.
inline constexpr std::array<std::string_view, 11> kOptionsTakingNames = {
    "--workspace", "--theme",  "--loss",  "--optimizer", "--features",      "--dataset",
    "--init",      "--solver", "--panel", "--focus",     "--bench-activity"};

inline std::string dashesToUnderscores(std::string name) {
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

// Rewrites "--loss cross-entropy" and "--loss=cross-entropy" to use cross_entropy.
inline std::vector<std::string> normalizeNameValues(std::vector<std::string> args) {
    auto takesName = [](std::string_view option) {
        return std::find(kOptionsTakingNames.begin(), kOptionsTakingNames.end(), option) !=
               kOptionsTakingNames.end();
    };
    for (size_t i = 1; i < args.size(); ++i) {
        std::string& arg = args[i];
        if (arg == "--") break;  // everything after is positional
        const size_t equals = arg.find('=');
        if (arg.rfind("--", 0) != 0) continue;
        if (equals != std::string::npos) {
            if (takesName(std::string_view(arg).substr(0, equals)))
                arg = arg.substr(0, equals + 1) + dashesToUnderscores(arg.substr(equals + 1));
        } else if (takesName(arg) && i + 1 < args.size() && args[i + 1].rfind("-", 0) != 0) {
            args[i + 1] = dashesToUnderscores(args[i + 1]);
            ++i;
        }
    }
    return args;
}

}  // namespace losslab::cli
