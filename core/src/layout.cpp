#include "losslab/layout.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "layout_json.hpp"

namespace losslab {

namespace {

using Json = nlohmann::ordered_json;

constexpr double kFractionSlack = 1e-9;  // below kMinLayoutFraction by rounding only
constexpr double kSumTolerance = 1e-6;
constexpr double kAddedFraction = 0.25;

// Validation failures carry the offending value's path; they never leave this file.
struct LayoutError {
    std::string message;
};

// `path` is relative to the layout's own document; the root itself is called "layout".
[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw LayoutError{(path.empty() ? std::string("layout") : path) + ": " + what};
}

std::string field(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

std::string indexed(const std::string& path, const char* name, std::size_t i) {
    return field(path, std::string(name) + "[" + std::to_string(i) + "]");
}

std::string number(double v) {
    std::ostringstream out;
    out.precision(10);
    out << v;
    return out.str();
}

bool isSplit(const LayoutNode& node) {
    return node.split != LayoutNode::Split::None;
}

// The share of child i: its fraction, or an equal share when the split's fractions do not
// match its children (an invalid tree is still placed, never read out of bounds).
double share(const LayoutNode& node, std::size_t i) {
    if (node.fractions.size() == node.children.size()) return node.fractions[i];
    return 1.0 / static_cast<double>(node.children.size());
}

// The children's rectangles: boundaries at start + extent × (running sum of fractions), the
// last one at the split's own edge, each child from one boundary to the next.
std::vector<LayoutRect> childRects(const LayoutNode& node, const LayoutRect& area) {
    const std::size_t n = node.children.size();
    std::vector<LayoutRect> rects(n, area);
    const bool row = node.split == LayoutNode::Split::Row;
    const double start = row ? area.x : area.y;
    const double end = row ? area.x + area.w : area.y + area.h;
    const double extent = row ? area.w : area.h;
    double sum = 0;
    double from = start;
    for (std::size_t i = 0; i < n; ++i) {
        sum += share(node, i);
        const double to = i + 1 == n ? end : start + extent * sum;
        if (row) {
            rects[i].x = from;
            rects[i].w = to - from;
        } else {
            rects[i].y = from;
            rects[i].h = to - from;
        }
        from = to;
    }
    return rects;
}

void placeInto(const LayoutNode& node, const LayoutRect& area, std::vector<PlacedPanel>* out) {
    if (!isSplit(node)) {
        out->push_back({node.panel, area});
        return;
    }
    const std::vector<LayoutRect> rects = childRects(node, area);
    for (std::size_t i = 0; i < rects.size(); ++i)
        placeInto(node.children[i], rects[i], out);
}

void splittersInto(const LayoutNode& node, const LayoutRect& area, double thickness,
                   std::vector<int>* path, std::vector<PlacedSplitter>* out) {
    if (!isSplit(node)) return;
    const std::vector<LayoutRect> rects = childRects(node, area);
    const bool row = node.split == LayoutNode::Split::Row;
    for (std::size_t i = 0; i + 1 < rects.size(); ++i) {
        PlacedSplitter s;
        s.path = *path;
        s.index = static_cast<int>(i);
        s.betweenColumns = row;
        s.rect = area;
        if (row) {
            s.rect.x = rects[i + 1].x - thickness / 2;
            s.rect.w = thickness;
        } else {
            s.rect.y = rects[i + 1].y - thickness / 2;
            s.rect.h = thickness;
        }
        out->push_back(std::move(s));
    }
    for (std::size_t i = 0; i < rects.size(); ++i) {
        path->push_back(static_cast<int>(i));
        splittersInto(node.children[i], rects[i], thickness, path, out);
        path->pop_back();
    }
}

void panelsInto(const LayoutNode& node, std::vector<std::string>* out) {
    if (!isSplit(node)) {
        out->push_back(node.panel);
        return;
    }
    for (const LayoutNode& child : node.children)
        panelsInto(child, out);
}

int depthOf(const LayoutNode& node) {
    int deepest = 0;
    if (isSplit(node)) {
        for (const LayoutNode& child : node.children)
            deepest = std::max(deepest, depthOf(child));
    }
    return deepest + 1;
}

// Removes child i of a split; its fraction goes to the others in proportion to theirs.
void eraseChild(LayoutNode* node, std::size_t i) {
    const bool matched = node->fractions.size() == node->children.size();
    node->children.erase(node->children.begin() + static_cast<std::ptrdiff_t>(i));
    const std::size_t n = node->children.size();
    if (matched) {
        node->fractions.erase(node->fractions.begin() + static_cast<std::ptrdiff_t>(i));
        double rest = 0;
        for (double f : node->fractions)
            rest += f;
        if (rest > 0 && std::isfinite(rest)) {
            for (double& f : node->fractions)
                f /= rest;
            return;
        }
    }
    node->fractions.assign(n, n == 0 ? 0.0 : 1.0 / static_cast<double>(n));
}

// Removes the first leaf named `panel` below the split `node`; a split left with one child
// becomes that child (the root itself is collapsed by the caller).
bool removeBelow(LayoutNode* node, const std::string& panel) {
    for (std::size_t i = 0; i < node->children.size(); ++i) {
        LayoutNode& child = node->children[i];
        if (!isSplit(child)) {
            if (child.panel != panel) continue;
            eraseChild(node, i);
            return true;
        }
        if (!removeBelow(&child, panel)) continue;
        if (child.children.size() == 1) {
            LayoutNode only = std::move(child.children.front());
            child = std::move(only);
        } else if (child.children.empty()) {
            eraseChild(node, i);
        }
        return true;
    }
    return false;
}

void checkNode(const LayoutNode& node, const std::string& path, int depth,
               const std::vector<std::string>& knownPanels, std::vector<std::string>* seen) {
    if (depth > kMaxLayoutDepth)
        fail(path, "deeper than " + std::to_string(kMaxLayoutDepth) + " levels");
    if (!isSplit(node)) {
        if (!node.children.empty() || !node.fractions.empty())
            fail(path, "a panel leaf cannot have children or fractions");
        if (node.panel.empty()) fail(path, "empty panel name");
        if (node.panel.size() > kMaxLayoutPanelNameBytes) {
            fail(path,
                 "panel name longer than " + std::to_string(kMaxLayoutPanelNameBytes) + " bytes");
        }
        if (!knownPanels.empty() &&
            std::find(knownPanels.begin(), knownPanels.end(), node.panel) == knownPanels.end()) {
            fail(path, "unknown panel '" + node.panel + "'");
        }
        if (std::find(seen->begin(), seen->end(), node.panel) != seen->end())
            fail(path, "panel '" + node.panel + "' appears twice");
        if (static_cast<int>(seen->size()) >= kMaxLayoutPanels)
            fail(path, "more than " + std::to_string(kMaxLayoutPanels) + " panels");
        seen->push_back(node.panel);
        return;
    }
    if (node.split != LayoutNode::Split::Row && node.split != LayoutNode::Split::Column)
        fail(path, "unknown split kind");
    if (!node.panel.empty()) fail(path, "a split cannot name a panel ('" + node.panel + "')");
    const std::size_t n = node.children.size();
    if (n < 2) {
        fail(field(path, "children"), "a split needs 2 or more children, has " + std::to_string(n));
    }
    if (node.fractions.size() != n) {
        fail(field(path, "fractions"), "has " + std::to_string(node.fractions.size()) +
                                           " entries for " + std::to_string(n) + " children");
    }
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double f = node.fractions[i];
        if (!std::isfinite(f)) fail(indexed(path, "fractions", i), "not a finite number");
        if (f < kMinLayoutFraction - kFractionSlack)
            fail(indexed(path, "fractions", i), "below " + number(kMinLayoutFraction));
        sum += f;
    }
    if (std::abs(sum - 1.0) > kSumTolerance)
        fail(field(path, "fractions"), "sum to " + number(sum) + ", not 1");
    for (std::size_t i = 0; i < n; ++i)
        checkNode(node.children[i], indexed(path, "children", i), depth + 1, knownPanels, seen);
}

// Reads the JSON shape only; checkNode then validates the result. The depth and the number
// of leaves are bounded while reading, so hostile input never builds a large tree.
LayoutNode readNode(const Json& j, const std::string& path, int depth, int* leaves) {
    if (depth > kMaxLayoutDepth)
        fail(path, "deeper than " + std::to_string(kMaxLayoutDepth) + " levels");
    if (j.is_string()) {
        const std::string& name = j.get_ref<const std::string&>();
        if (name.size() > kMaxLayoutPanelNameBytes) {
            fail(path,
                 "panel name longer than " + std::to_string(kMaxLayoutPanelNameBytes) + " bytes");
        }
        if (++*leaves > kMaxLayoutPanels)
            fail(path, "more than " + std::to_string(kMaxLayoutPanels) + " panels");
        return layoutLeaf(name);
    }
    if (!j.is_object()) fail(path, "expected a panel name or a split object");
    LayoutNode node;
    const auto split = j.find("split");
    if (split == j.end() || !split->is_string())
        fail(field(path, "split"), "expected \"row\" or \"column\"");
    const std::string& kind = split->get_ref<const std::string&>();
    if (kind == "row") {
        node.split = LayoutNode::Split::Row;
    } else if (kind == "column") {
        node.split = LayoutNode::Split::Column;
    } else {
        fail(field(path, "split"),
             (kind.size() <= 16 ? "'" + kind + "' is" : std::string("the text is")) +
                 " not one of row, column");
    }
    const auto fractions = j.find("fractions");
    if (fractions == j.end() || !fractions->is_array())
        fail(field(path, "fractions"), "expected an array of numbers");
    if (fractions->size() > static_cast<std::size_t>(kMaxLayoutPanels))
        fail(field(path, "fractions"),
             "more than " + std::to_string(kMaxLayoutPanels) + " entries");
    for (std::size_t i = 0; i < fractions->size(); ++i) {
        const Json& f = (*fractions)[i];
        if (!f.is_number()) fail(indexed(path, "fractions", i), "expected a number");
        node.fractions.push_back(f.get<double>());
    }
    const auto children = j.find("children");
    if (children == j.end() || !children->is_array())
        fail(field(path, "children"), "expected an array of panel names and split objects");
    if (children->size() > static_cast<std::size_t>(kMaxLayoutPanels)) {
        fail(field(path, "children"),
             "more than " + std::to_string(kMaxLayoutPanels) + " children");
    }
    for (std::size_t i = 0; i < children->size(); ++i) {
        node.children.push_back(
            readNode((*children)[i], indexed(path, "children", i), depth + 1, leaves));
    }
    return node;
}

LayoutNode makeSplit(LayoutNode::Split split, std::vector<LayoutNode> children,
                     std::vector<double> fractions) {
    LayoutNode node;
    node.split = split;
    node.children = std::move(children);
    node.fractions = std::move(fractions);
    return node;
}

}  // namespace

bool LayoutNode::operator==(const LayoutNode& other) const {
    return split == other.split && panel == other.panel && fractions == other.fractions &&
           children == other.children;
}

const std::vector<std::string>& knownPanelNames() {
    static const std::vector<std::string> names = {
        "logits",    "softmax",  "target",      "probabilities", "losses",
        "precision", "simplex",  "surface",     "surface3d",     "classifier",
        "confusion", "training", "landscape",   "batch",         "backprop",
        "lesson",    "fit",      "reg_surface", "residuals",     "reg_controls"};
    return names;
}

LayoutNode layoutLeaf(std::string panel) {
    LayoutNode node;
    node.panel = std::move(panel);
    return node;
}

LayoutNode layoutRow(std::vector<LayoutNode> children, std::vector<double> fractions) {
    return makeSplit(LayoutNode::Split::Row, std::move(children), std::move(fractions));
}

LayoutNode layoutColumn(std::vector<LayoutNode> children, std::vector<double> fractions) {
    return makeSplit(LayoutNode::Split::Column, std::move(children), std::move(fractions));
}

std::vector<PlacedPanel> placePanels(const LayoutNode& root, const LayoutRect& area) {
    std::vector<PlacedPanel> out;
    placeInto(root, area, &out);
    return out;
}

std::vector<PlacedSplitter> placeSplitters(const LayoutNode& root, const LayoutRect& area,
                                           double thickness) {
    std::vector<PlacedSplitter> out;
    std::vector<int> path;
    splittersInto(root, area, thickness, &path, &out);
    return out;
}

bool moveSplitter(LayoutNode* root, const std::vector<int>& path, int index, double delta,
                  const LayoutRect& area) {
    LayoutNode* node = root;
    LayoutRect rect = area;
    for (int step : path) {
        if (!isSplit(*node) || step < 0 || step >= static_cast<int>(node->children.size()))
            return false;
        rect = childRects(*node, rect)[static_cast<std::size_t>(step)];
        node = &node->children[static_cast<std::size_t>(step)];
    }
    if (!isSplit(*node) || index < 0 || index + 1 >= static_cast<int>(node->children.size()) ||
        node->fractions.size() != node->children.size()) {
        return false;
    }
    const double extent = node->split == LayoutNode::Split::Row ? rect.w : rect.h;
    if (!std::isfinite(delta) || !std::isfinite(extent) || !(extent > 0)) return true;
    double& first = node->fractions[static_cast<std::size_t>(index)];
    double& second = node->fractions[static_cast<std::size_t>(index) + 1];
    const double sum = first + second;
    const double lo = kMinLayoutFraction;
    const double hi = sum - kMinLayoutFraction;
    if (!(hi >= lo)) return true;  // no room to move (only in a tree that fails validation)
    first = std::clamp(first + delta / extent, lo, hi);
    second = sum - first;
    return true;
}

bool layoutContains(const LayoutNode& root, const std::string& panel) {
    if (!isSplit(root)) return root.panel == panel;
    return std::any_of(root.children.begin(), root.children.end(),
                       [&](const LayoutNode& child) { return layoutContains(child, panel); });
}

std::vector<std::string> layoutPanels(const LayoutNode& root) {
    std::vector<std::string> out;
    panelsInto(root, &out);
    return out;
}

bool removePanelFromLayout(LayoutNode* root, const std::string& panel) {
    if (!isSplit(*root) || !layoutContains(*root, panel) || layoutPanels(*root).size() < 2)
        return false;
    if (!removeBelow(root, panel)) return false;
    if (root->children.size() == 1) {
        LayoutNode only = std::move(root->children.front());
        *root = std::move(only);
    }
    return true;
}

bool addPanelToLayout(LayoutNode* root, const std::string& panel) {
    if (panel.empty() || panel.size() > kMaxLayoutPanelNameBytes || layoutContains(*root, panel))
        return false;
    if (static_cast<int>(layoutPanels(*root).size()) + 1 > kMaxLayoutPanels) return false;
    const double keep = 1.0 - kAddedFraction;
    const bool append =
        root->split == LayoutNode::Split::Row && root->fractions.size() == root->children.size() &&
        std::all_of(root->fractions.begin(), root->fractions.end(),
                    [&](double f) { return f * keep >= kMinLayoutFraction - kFractionSlack; });
    if (append) {
        for (double& f : root->fractions)
            f *= keep;
        root->children.push_back(layoutLeaf(panel));
        root->fractions.push_back(kAddedFraction);
        return true;
    }
    if (depthOf(*root) + 1 > kMaxLayoutDepth) return false;
    LayoutNode old = std::move(*root);
    *root = layoutRow({std::move(old), layoutLeaf(panel)}, {keep, kAddedFraction});
    return true;
}

std::optional<std::string> validateLayout(const LayoutNode& root,
                                          const std::vector<std::string>& knownPanels) {
    try {
        std::vector<std::string> seen;
        checkNode(root, "", 1, knownPanels, &seen);
    } catch (const LayoutError& e) {
        return e.message;
    }
    return std::nullopt;
}

std::string formatLayout(const LayoutNode& root) {
    return detail::layoutToJson(root).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<std::string> parseLayout(std::string_view json,
                                       const std::vector<std::string>& knownPanels,
                                       LayoutNode* out) {
    Json j;
    try {
        j = Json::parse(json.begin(), json.end());
    } catch (const Json::exception& e) {
        // nlohmann's message names the line, the column and the offending token.
        std::string what = e.what();
        const std::size_t cut = what.find("] ");
        if (cut != std::string::npos) what = what.substr(cut + 2);
        return "not valid JSON: " + what;
    }
    return detail::layoutFromJson(j, "", knownPanels, out);
}

namespace detail {

Json layoutToJson(const LayoutNode& root) {
    if (!isSplit(root)) return Json(root.panel);
    Json j = Json::object();
    j["split"] = root.split == LayoutNode::Split::Row ? "row" : "column";
    Json fractions = Json::array();
    for (double f : root.fractions)
        fractions.push_back(f);
    j["fractions"] = std::move(fractions);
    Json children = Json::array();
    for (const LayoutNode& child : root.children)
        children.push_back(layoutToJson(child));
    j["children"] = std::move(children);
    return j;
}

std::optional<std::string> layoutFromJson(const Json& j, const std::string& path,
                                          const std::vector<std::string>& knownPanels,
                                          LayoutNode* out) {
    try {
        int leaves = 0;
        LayoutNode node = readNode(j, path, 1, &leaves);
        std::vector<std::string> seen;
        checkNode(node, path, 1, knownPanels, &seen);
        *out = std::move(node);
    } catch (const LayoutError& e) {
        return e.message;
    } catch (const std::exception& e) {  // allocation failure; JSON type errors
        return (path.empty() ? std::string("layout") : path) + ": cannot read: " + e.what();
    }
    return std::nullopt;
}

}  // namespace detail

}  // namespace losslab
