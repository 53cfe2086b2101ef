#pragma once
// Layouts as JSON values: the one reader and writer behind formatLayout/parseLayout and the
// view.layouts object of scene files. A leaf is the panel's name as a string; a split is
// {"split": "row"|"column", "fractions": [..], "children": [..]}.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "losslab/layout.hpp"

namespace losslab::detail {

nlohmann::ordered_json layoutToJson(const LayoutNode& root);

// Reads and validates (as validateLayout) the layout `j`, found at `path` in its document
// ("" for a document of its own). On error `out` is untouched and the message starts with the
// path of the offending value: "view.layouts.geometry.children[1]: unknown panel 'foo'".
std::optional<std::string> layoutFromJson(const nlohmann::ordered_json& j, const std::string& path,
                                          const std::vector<std::string>& knownPanels,
                                          LayoutNode* out);

}  // namespace losslab::detail
