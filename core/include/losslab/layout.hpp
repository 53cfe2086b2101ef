#pragma once
// Panel layouts as data: each workspace arranges its panels as a split tree. The tree is
// placed into a rectangle (panels and the splitters between them), edited by dragging a
// splitter or by adding and removing panels, validated, and saved as compact JSON (in scene
// files under view.layouts). Nothing here draws: the app turns the rectangles into windows.
//
// Invariants of a valid layout (validateLayout): every leaf names a panel, no panel twice; a
// split has 2 or more children and one fraction per child, each at least kMinLayoutFraction,
// summing to 1; at most kMaxLayoutDepth levels (a lone leaf is 1 level) and kMaxLayoutPanels
// leaves. The editing functions keep a valid layout valid.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

// A workspace's arrangement of panels: a split tree. A leaf names a panel; a split lays its
// children side by side (Row, left to right) or stacked (Column, top to bottom), each taking a
// fraction of the split's extent.
struct LayoutNode {
    enum class Split { None, Row, Column };
    Split split = Split::None;
    std::string panel;                 // leaf (split == None): the panel's name
    std::vector<LayoutNode> children;  // split: 2 or more
    std::vector<double> fractions;     // split: one per child, each >= kMinLayoutFraction, sum 1
    bool operator==(const LayoutNode& other) const;
    bool operator!=(const LayoutNode& other) const { return !(*this == other); }
};

inline constexpr double kMinLayoutFraction = 0.05;
inline constexpr int kMaxLayoutDepth = 8;
inline constexpr int kMaxLayoutPanels = 32;
inline constexpr std::size_t kMaxLayoutPanelNameBytes = 64;

// The panels a layout in a scene file may name (the app's panel registry uses the same names).
const std::vector<std::string>& knownPanelNames();

LayoutNode layoutLeaf(std::string panel);
LayoutNode layoutRow(std::vector<LayoutNode> children, std::vector<double> fractions);
LayoutNode layoutColumn(std::vector<LayoutNode> children, std::vector<double> fractions);

struct LayoutRect {
    double x = 0, y = 0, w = 0, h = 0;  // pixels (or any unit), y down
};
struct PlacedPanel {
    std::string panel;
    LayoutRect rect;
};
// A splitter is the boundary between children `index` and `index + 1` of the split node at
// `path` (child indices from the root; empty path = the root).
struct PlacedSplitter {
    std::vector<int> path;
    int index = 0;
    bool betweenColumns = false;  // true: a vertical bar between side-by-side children of a Row,
                                  // dragged horizontally; false: a horizontal bar in a Column
    LayoutRect rect;
};

// Every leaf's rectangle inside `area`, in tree order (depth first). Children of a split share
// its extent by their fractions exactly (the last child ends exactly at the area's edge), and
// neighbours share their boundary coordinate, so the rectangles tile the area. (A split whose
// fractions do not match its children, which validateLayout refuses, is given equal shares.)
std::vector<PlacedPanel> placePanels(const LayoutNode& root, const LayoutRect& area);
// Every splitter's grab rectangle: `thickness` wide, centred on the boundary, spanning the
// split. In tree order: a split's own splitters (left to right or top to bottom), then those
// inside its children.
std::vector<PlacedSplitter> placeSplitters(const LayoutNode& root, const LayoutRect& area,
                                           double thickness);
// Moves the boundary between children index and index+1 of the split at `path` by `delta` in
// the same unit as `area` (positive: right/down). Only those two children change, their sum of
// fractions is kept, neither goes below kMinLayoutFraction. Returns false (and changes
// nothing) when the path/index names no splitter. `area` is the area the whole root was placed
// in. (A non-finite delta, or a split with no extent, moves nothing but still returns true.)
bool moveSplitter(LayoutNode* root, const std::vector<int>& path, int index, double delta,
                  const LayoutRect& area);

bool layoutContains(const LayoutNode& root, const std::string& panel);
std::vector<std::string> layoutPanels(const LayoutNode& root);  // leaves in tree order

// Removes the panel's leaf; its fraction goes to its siblings in proportion; a split left with
// one child is replaced by that child. Returns false if absent or if it is the only panel.
bool removePanelFromLayout(LayoutNode* root, const std::string& panel);
// Adds a panel (not already present) at the right edge: if the root is a Row the leaf is
// appended with fraction 0.25 (others scaled by 0.75), else the root becomes
// Row{old root 0.75, leaf 0.25}. When scaling would take one of the Row's children below
// kMinLayoutFraction, the Row is wrapped as a whole instead (Row{old Row 0.75, leaf 0.25}).
// Returns false (changing nothing) if the panel is already present, its name is empty or
// longer than kMaxLayoutPanelNameBytes, or the result would exceed kMaxLayoutPanels leaves
// or kMaxLayoutDepth levels.
bool addPanelToLayout(LayoutNode* root, const std::string& panel);

// Checks structure: leaves name a panel in `knownPanels` (any non-empty name of at most
// kMaxLayoutPanelNameBytes if the list is empty), no panel twice, splits have >= 2 children,
// matching fractions that are finite, >= kMinLayoutFraction (1e-9 slack) and sum to 1 within
// 1e-6, depth <= kMaxLayoutDepth, <= kMaxLayoutPanels leaves. The error names the place, e.g.
// "children[1].fractions[0]: below 0.05" or "children[0]: unknown panel 'foo'" (the root
// itself is "layout").
std::optional<std::string> validateLayout(const LayoutNode& root,
                                          const std::vector<std::string>& knownPanels);

// JSON: a leaf is the panel's name as a string; a split is
// {"split": "row"|"column", "fractions": [..], "children": [..]}. Compact single-line text;
// numbers are written so that they read back exactly.
std::string formatLayout(const LayoutNode& root);
// Parses and validates (as validateLayout); on error `out` is untouched and the message names
// the JSON path (e.g. "children[2]: expected a panel name or a split object").
std::optional<std::string> parseLayout(std::string_view json,
                                       const std::vector<std::string>& knownPanels,
                                       LayoutNode* out);

}  // namespace losslab
