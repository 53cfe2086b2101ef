// Panel layouts: exact placement, splitter dragging, editing, validation and the JSON form.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "losslab/layout.hpp"

namespace losslab {
namespace {

constexpr double kTol = 1e-9;

// The Logit Lab's arrangement: three columns, each a plot above a smaller one.
LayoutNode logitLab() {
    return layoutRow(
        {layoutColumn({layoutLeaf("logits"), layoutLeaf("target")}, {0.6, 0.4}),
         layoutColumn({layoutLeaf("softmax"), layoutLeaf("probabilities")}, {0.6, 0.4}),
         layoutColumn({layoutLeaf("losses"), layoutLeaf("precision")}, {0.6, 0.4})},
        {0.30, 0.32, 0.38});
}

void expectRect(const LayoutRect& r, double x, double y, double w, double h) {
    EXPECT_NEAR(r.x, x, kTol);
    EXPECT_NEAR(r.y, y, kTol);
    EXPECT_NEAR(r.w, w, kTol);
    EXPECT_NEAR(r.h, h, kTol);
}

const PlacedPanel* find(const std::vector<PlacedPanel>& placed, const std::string& name) {
    for (const PlacedPanel& p : placed) {
        if (p.panel == name) return &p;
    }
    return nullptr;
}

double overlap(const LayoutRect& a, const LayoutRect& b) {
    const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0.0;
}

// The rectangles cover `area` exactly: inside it, no two overlapping, areas adding up.
void expectTiles(const std::vector<PlacedPanel>& placed, const LayoutRect& area) {
    double total = 0;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const LayoutRect& r = placed[i].rect;
        EXPECT_GT(r.w, 0) << placed[i].panel;
        EXPECT_GT(r.h, 0) << placed[i].panel;
        EXPECT_GE(r.x, area.x - kTol) << placed[i].panel;
        EXPECT_GE(r.y, area.y - kTol) << placed[i].panel;
        EXPECT_LE(r.x + r.w, area.x + area.w + kTol) << placed[i].panel;
        EXPECT_LE(r.y + r.h, area.y + area.h + kTol) << placed[i].panel;
        total += r.w * r.h;
        for (std::size_t j = i + 1; j < placed.size(); ++j) {
            EXPECT_LT(overlap(r, placed[j].rect), 1e-6)
                << placed[i].panel << " overlaps " << placed[j].panel;
        }
    }
    EXPECT_NEAR(total, area.w * area.h, 1e-6);
}

TEST(Layout, LogitLabRectanglesInOneThousandBySixHundred) {
    const LayoutRect area{0, 0, 1000, 600};
    const auto placed = placePanels(logitLab(), area);
    ASSERT_EQ(placed.size(), 6u);
    const std::vector<std::string> order = {"logits",        "target", "softmax",
                                            "probabilities", "losses", "precision"};
    for (std::size_t i = 0; i < order.size(); ++i)
        EXPECT_EQ(placed[i].panel, order[i]);
    expectRect(placed[0].rect, 0, 0, 300, 360);
    expectRect(placed[1].rect, 0, 360, 300, 240);
    expectRect(placed[2].rect, 300, 0, 320, 360);
    expectRect(placed[3].rect, 300, 360, 320, 240);
    expectRect(placed[4].rect, 620, 0, 380, 360);
    expectRect(placed[5].rect, 620, 360, 380, 240);
    // The last child ends exactly at the edge, and neighbours share their boundary exactly.
    EXPECT_EQ(placed[5].rect.x + placed[5].rect.w, 1000.0);
    EXPECT_EQ(placed[5].rect.y + placed[5].rect.h, 600.0);
    EXPECT_EQ(placed[0].rect.x + placed[0].rect.w, placed[2].rect.x);
    EXPECT_EQ(placed[2].rect.x + placed[2].rect.w, placed[4].rect.x);
    EXPECT_EQ(placed[0].rect.y + placed[0].rect.h, placed[1].rect.y);
    expectTiles(placed, area);
}

TEST(Layout, PlacementFollowsTheAreaOrigin) {
    const LayoutRect area{40, 25, 1000, 600};
    const auto placed = placePanels(logitLab(), area);
    ASSERT_EQ(placed.size(), 6u);
    expectRect(placed[0].rect, 40, 25, 300, 360);
    expectRect(placed[3].rect, 340, 385, 320, 240);
    expectRect(placed[5].rect, 660, 385, 380, 240);
    expectTiles(placed, area);
}

TEST(Layout, DeeperTreeTilesItsArea) {
    // Column[Row[a .25, Column[b .5, c .5] .75] .5, d .5]: four levels.
    const LayoutNode root = layoutColumn(
        {layoutRow({layoutLeaf("a"), layoutColumn({layoutLeaf("b"), layoutLeaf("c")}, {0.5, 0.5})},
                   {0.25, 0.75}),
         layoutLeaf("d")},
        {0.5, 0.5});
    const LayoutRect area{0, 0, 1000, 600};
    const auto placed = placePanels(root, area);
    ASSERT_EQ(placed.size(), 4u);
    expectRect(find(placed, "a")->rect, 0, 0, 250, 300);
    expectRect(find(placed, "b")->rect, 250, 0, 750, 150);
    expectRect(find(placed, "c")->rect, 250, 150, 750, 150);
    expectRect(find(placed, "d")->rect, 0, 300, 1000, 300);
    expectTiles(placed, area);
    // A single leaf takes the whole area.
    const auto alone = placePanels(layoutLeaf("x"), area);
    ASSERT_EQ(alone.size(), 1u);
    expectRect(alone[0].rect, 0, 0, 1000, 600);
}

TEST(Layout, UnevenFractionsStillTileExactly) {
    const LayoutNode root =
        layoutRow({layoutLeaf("a"), layoutLeaf("b"),
                   layoutColumn({layoutLeaf("c"), layoutLeaf("d")}, {0.1, 0.9}), layoutLeaf("e")},
                  {0.1, 0.2, 0.3, 0.4});
    const LayoutRect area{3.5, 7.25, 997, 613};
    const auto placed = placePanels(root, area);
    ASSERT_EQ(placed.size(), 5u);
    EXPECT_EQ(placed[4].rect.x + placed[4].rect.w, area.x + area.w);
    expectTiles(placed, area);

    // Fractions that sum to 1 only within the tolerance: the last child still ends at the edge.
    const LayoutNode loose = layoutColumn({layoutLeaf("a"), layoutLeaf("b")}, {0.4, 0.6 - 5e-7});
    ASSERT_TRUE(validateLayout(loose, {}) == std::nullopt);
    const auto stacked = placePanels(loose, {0, 0, 1000, 600});
    EXPECT_EQ(stacked[1].rect.y + stacked[1].rect.h, 600.0);
    EXPECT_EQ(stacked[0].rect.y + stacked[0].rect.h, stacked[1].rect.y);
}

TEST(Layout, SplitterRectanglesAreCentredOnTheBoundaries) {
    const auto splitters = placeSplitters(logitLab(), {0, 0, 1000, 600}, 6);
    ASSERT_EQ(splitters.size(), 5u);
    // The root's two vertical bars first, then one horizontal bar in each column.
    EXPECT_TRUE(splitters[0].path.empty());
    EXPECT_EQ(splitters[0].index, 0);
    EXPECT_TRUE(splitters[0].betweenColumns);
    expectRect(splitters[0].rect, 297, 0, 6, 600);
    EXPECT_TRUE(splitters[1].path.empty());
    EXPECT_EQ(splitters[1].index, 1);
    EXPECT_TRUE(splitters[1].betweenColumns);
    expectRect(splitters[1].rect, 617, 0, 6, 600);
    for (int column = 0; column < 3; ++column) {
        const PlacedSplitter& s = splitters[static_cast<std::size_t>(2 + column)];
        EXPECT_EQ(s.path, std::vector<int>{column});
        EXPECT_EQ(s.index, 0);
        EXPECT_FALSE(s.betweenColumns);
    }
    expectRect(splitters[2].rect, 0, 357, 300, 6);
    expectRect(splitters[3].rect, 300, 357, 320, 6);
    expectRect(splitters[4].rect, 620, 357, 380, 6);
    EXPECT_TRUE(placeSplitters(layoutLeaf("x"), {0, 0, 100, 100}, 6).empty());
}

TEST(Layout, MovingASplitterChangesExactlyTheTwoNeighbours) {
    const LayoutRect area{0, 0, 1000, 600};
    LayoutNode root = logitLab();
    ASSERT_TRUE(moveSplitter(&root, {}, 0, 50, area));
    EXPECT_NEAR(root.fractions[0], 0.35, 1e-12);
    EXPECT_NEAR(root.fractions[1], 0.27, 1e-12);
    EXPECT_NEAR(root.fractions[0] + root.fractions[1], 0.30 + 0.32, 1e-15);
    EXPECT_EQ(root.fractions[2], 0.38);  // untouched, bit for bit
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(root.children[i], logitLab().children[i]);
    const auto placed = placePanels(root, area);
    expectRect(placed[0].rect, 0, 0, 350, 360);
    expectRect(placed[2].rect, 350, 0, 270, 360);
    expectRect(placed[4].rect, 620, 0, 380, 360);

    // A horizontal bar in the middle column: up by 60 of its 600 px.
    ASSERT_TRUE(moveSplitter(&root, {1}, 0, -60, area));
    EXPECT_NEAR(root.children[1].fractions[0], 0.5, 1e-12);
    EXPECT_NEAR(root.children[1].fractions[1], 0.5, 1e-12);
    EXPECT_EQ(root.children[0], logitLab().children[0]);
    EXPECT_EQ(root.children[2], logitLab().children[2]);
    EXPECT_TRUE(validateLayout(root, knownPanelNames()) == std::nullopt);
}

TEST(Layout, NestedSplitterMovesInItsOwnExtent) {
    // The inner Row is 500 px wide: 50 px is a tenth of it, not a twentieth.
    LayoutNode root = layoutRow(
        {layoutLeaf("a"), layoutRow({layoutLeaf("b"), layoutLeaf("c")}, {0.5, 0.5})}, {0.5, 0.5});
    const LayoutRect area{100, 0, 1000, 600};
    ASSERT_TRUE(moveSplitter(&root, {1}, 0, 50, area));
    EXPECT_NEAR(root.children[1].fractions[0], 0.6, 1e-12);
    EXPECT_NEAR(root.children[1].fractions[1], 0.4, 1e-12);
    EXPECT_EQ(root.fractions, (std::vector<double>{0.5, 0.5}));
    const auto placed = placePanels(root, area);
    expectRect(placed[1].rect, 600, 0, 300, 600);
    expectRect(placed[2].rect, 900, 0, 200, 600);
}

TEST(Layout, MovingASplitterClampsAtTheMinimumFraction) {
    const LayoutRect area{0, 0, 1000, 600};
    LayoutNode root = logitLab();
    ASSERT_TRUE(moveSplitter(&root, {}, 1, 1e6, area));
    EXPECT_NEAR(root.fractions[1], 0.32 + 0.38 - kMinLayoutFraction, 1e-12);
    EXPECT_NEAR(root.fractions[2], kMinLayoutFraction, 1e-12);
    EXPECT_GE(root.fractions[2], kMinLayoutFraction - 1e-12);
    EXPECT_EQ(root.fractions[0], 0.30);
    ASSERT_TRUE(moveSplitter(&root, {}, 1, -1e6, area));
    EXPECT_NEAR(root.fractions[1], kMinLayoutFraction, 1e-12);
    EXPECT_NEAR(root.fractions[2], 0.32 + 0.38 - kMinLayoutFraction, 1e-12);
    EXPECT_EQ(root.fractions[0], 0.30);
    ASSERT_TRUE(moveSplitter(&root, {2}, 0, -1e6, area));
    EXPECT_NEAR(root.children[2].fractions[0], kMinLayoutFraction, 1e-12);
    EXPECT_NEAR(root.children[2].fractions[1], 1 - kMinLayoutFraction, 1e-12);
    EXPECT_TRUE(validateLayout(root, knownPanelNames()) == std::nullopt);
}

TEST(Layout, MovingASplitterThatDoesNotExistChangesNothing) {
    const LayoutRect area{0, 0, 1000, 600};
    LayoutNode root = logitLab();
    EXPECT_FALSE(moveSplitter(&root, {}, 2, 10, area));  // 3 children: splitters 0 and 1
    EXPECT_FALSE(moveSplitter(&root, {}, -1, 10, area));
    EXPECT_FALSE(moveSplitter(&root, {3}, 0, 10, area));  // no child 3
    EXPECT_FALSE(moveSplitter(&root, {-1}, 0, 10, area));
    EXPECT_FALSE(moveSplitter(&root, {0}, 1, 10, area));     // a column of two: splitter 0 only
    EXPECT_FALSE(moveSplitter(&root, {0, 0}, 0, 10, area));  // a leaf has no splitter
    EXPECT_FALSE(moveSplitter(&root, {0, 0, 0}, 0, 10, area));
    EXPECT_EQ(root, logitLab());
    LayoutNode leaf = layoutLeaf("logits");
    EXPECT_FALSE(moveSplitter(&leaf, {}, 0, 10, area));
    EXPECT_EQ(leaf, layoutLeaf("logits"));
}

TEST(Layout, PanelsAndContains) {
    EXPECT_EQ(layoutPanels(logitLab()),
              (std::vector<std::string>{"logits", "target", "softmax", "probabilities", "losses",
                                        "precision"}));
    EXPECT_TRUE(layoutContains(logitLab(), "probabilities"));
    EXPECT_FALSE(layoutContains(logitLab(), "simplex"));
    EXPECT_TRUE(layoutContains(layoutLeaf("simplex"), "simplex"));
}

TEST(Layout, RemovingAPanelGivesItsShareToItsSiblings) {
    // A column left with one child becomes that child; the root's fractions stay.
    LayoutNode root = logitLab();
    ASSERT_TRUE(removePanelFromLayout(&root, "target"));
    const LayoutNode expected =
        layoutRow({layoutLeaf("logits"),
                   layoutColumn({layoutLeaf("softmax"), layoutLeaf("probabilities")}, {0.6, 0.4}),
                   layoutColumn({layoutLeaf("losses"), layoutLeaf("precision")}, {0.6, 0.4})},
                  {0.30, 0.32, 0.38});
    EXPECT_EQ(root, expected);

    // Three siblings: the middle one's 0.3 goes to the others in proportion (2 : 5).
    LayoutNode row =
        layoutRow({layoutLeaf("a"), layoutLeaf("b"), layoutLeaf("c")}, {0.2, 0.3, 0.5});
    ASSERT_TRUE(removePanelFromLayout(&row, "b"));
    ASSERT_EQ(row.children.size(), 2u);
    EXPECT_EQ(row.children[0], layoutLeaf("a"));
    EXPECT_EQ(row.children[1], layoutLeaf("c"));
    EXPECT_NEAR(row.fractions[0], 0.2 / 0.7, 1e-12);
    EXPECT_NEAR(row.fractions[1], 0.5 / 0.7, 1e-12);
    EXPECT_TRUE(validateLayout(row, {}) == std::nullopt);

    // Down to the last panel, which stays.
    ASSERT_TRUE(removePanelFromLayout(&row, "a"));
    EXPECT_EQ(row, layoutLeaf("c"));
    EXPECT_FALSE(removePanelFromLayout(&row, "c"));
    EXPECT_EQ(row, layoutLeaf("c"));
    EXPECT_FALSE(removePanelFromLayout(&row, "a"));

    // Absent: nothing changes.
    LayoutNode lab = logitLab();
    EXPECT_FALSE(removePanelFromLayout(&lab, "simplex"));
    EXPECT_EQ(lab, logitLab());
}

TEST(Layout, RemovingEveryPanelButOneKeepsTheLayoutValid) {
    LayoutNode root = logitLab();
    const auto panels = layoutPanels(root);
    for (std::size_t i = 0; i + 1 < panels.size(); ++i) {
        ASSERT_TRUE(removePanelFromLayout(&root, panels[i])) << panels[i];
        EXPECT_FALSE(layoutContains(root, panels[i]));
        EXPECT_EQ(layoutPanels(root).size(), panels.size() - i - 1);
        EXPECT_TRUE(validateLayout(root, knownPanelNames()) == std::nullopt)
            << *validateLayout(root, knownPanelNames());
    }
    EXPECT_EQ(root, layoutLeaf("precision"));
}

TEST(Layout, AddingAPanelPutsItAtTheRightEdge) {
    // The root is a Row: the leaf is appended at 0.25, the others scaled by 0.75.
    LayoutNode root = logitLab();
    ASSERT_TRUE(addPanelToLayout(&root, "simplex"));
    ASSERT_EQ(root.children.size(), 4u);
    EXPECT_EQ(root.children[3], layoutLeaf("simplex"));
    EXPECT_NEAR(root.fractions[0], 0.225, 1e-12);
    EXPECT_NEAR(root.fractions[1], 0.24, 1e-12);
    EXPECT_NEAR(root.fractions[2], 0.285, 1e-12);
    EXPECT_EQ(root.fractions[3], 0.25);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(root.children[i], logitLab().children[i]);
    EXPECT_TRUE(validateLayout(root, knownPanelNames()) == std::nullopt);
    const auto placed = placePanels(root, {0, 0, 1000, 600});
    expectRect(find(placed, "simplex")->rect, 750, 0, 250, 600);

    // Already there: nothing changes.
    const LayoutNode before = root;
    EXPECT_FALSE(addPanelToLayout(&root, "logits"));
    EXPECT_FALSE(addPanelToLayout(&root, ""));
    EXPECT_EQ(root, before);

    // Any other root is wrapped: Row{old root 0.75, leaf 0.25}.
    const LayoutNode column = layoutColumn({layoutLeaf("a"), layoutLeaf("b")}, {0.5, 0.5});
    LayoutNode wrapped = column;
    ASSERT_TRUE(addPanelToLayout(&wrapped, "c"));
    EXPECT_EQ(wrapped, layoutRow({column, layoutLeaf("c")}, {0.75, 0.25}));
    LayoutNode leaf = layoutLeaf("a");
    ASSERT_TRUE(addPanelToLayout(&leaf, "b"));
    EXPECT_EQ(leaf, layoutRow({layoutLeaf("a"), layoutLeaf("b")}, {0.75, 0.25}));
}

TEST(Layout, AddingAPanelNeverBreaksTheRules) {
    // Twenty children at the minimum: scaling would go below it, so the Row is wrapped.
    std::vector<LayoutNode> leaves;
    for (int i = 0; i < 20; ++i)
        leaves.push_back(layoutLeaf("p" + std::to_string(i)));
    const LayoutNode full = layoutRow(leaves, std::vector<double>(20, 0.05));
    ASSERT_TRUE(validateLayout(full, {}) == std::nullopt);
    LayoutNode root = full;
    ASSERT_TRUE(addPanelToLayout(&root, "new"));
    EXPECT_EQ(root, layoutRow({full, layoutLeaf("new")}, {0.75, 0.25}));
    EXPECT_TRUE(validateLayout(root, {}) == std::nullopt);

    // Adding until the limit: the 33rd panel is refused.
    LayoutNode grown = layoutLeaf("q0");
    for (int i = 1; i < kMaxLayoutPanels; ++i) {
        ASSERT_TRUE(addPanelToLayout(&grown, "q" + std::to_string(i))) << i;
        ASSERT_TRUE(validateLayout(grown, {}) == std::nullopt) << *validateLayout(grown, {});
    }
    EXPECT_EQ(layoutPanels(grown).size(), static_cast<std::size_t>(kMaxLayoutPanels));
    const LayoutNode atLimit = grown;
    EXPECT_FALSE(addPanelToLayout(&grown, "one-too-many"));
    EXPECT_EQ(grown, atLimit);
}

LayoutNode chain(int depth) {  // a tree `depth` levels deep
    if (depth <= 1) return layoutLeaf("leaf" + std::to_string(depth));
    return layoutRow({layoutLeaf("x" + std::to_string(depth)), chain(depth - 1)}, {0.5, 0.5});
}

void expectInvalid(const LayoutNode& root, const std::vector<std::string>& known,
                   const std::string& message) {
    const auto error = validateLayout(root, known);
    ASSERT_TRUE(error.has_value()) << "expected: " << message;
    EXPECT_EQ(*error, message);
}

TEST(Layout, ValidationNamesThePlace) {
    EXPECT_TRUE(validateLayout(logitLab(), knownPanelNames()) == std::nullopt);
    EXPECT_TRUE(validateLayout(layoutLeaf("anything"), {}) == std::nullopt);

    expectInvalid(layoutRow({layoutLeaf("foo"), layoutLeaf("logits")}, {0.5, 0.5}),
                  knownPanelNames(), "children[0]: unknown panel 'foo'");
    expectInvalid(layoutLeaf("foo"), knownPanelNames(), "layout: unknown panel 'foo'");
    expectInvalid(
        layoutRow({layoutLeaf("a"), layoutColumn({layoutLeaf("b"), layoutLeaf("a")}, {0.5, 0.5})},
                  {0.5, 0.5}),
        {}, "children[1].children[1]: panel 'a' appears twice");
    expectInvalid(
        layoutRow({layoutLeaf("a"), layoutColumn({layoutLeaf("b"), layoutLeaf("c")}, {0.02, 0.98})},
                  {0.5, 0.5}),
        {}, "children[1].fractions[0]: below 0.05");
    expectInvalid(layoutRow({layoutLeaf("a"), layoutLeaf("b")}, {0.5, 0.6}), {},
                  "fractions: sum to 1.1, not 1");
    expectInvalid(layoutRow({layoutLeaf("a"), layoutLeaf("b")}, {0.5, std::nan("")}), {},
                  "fractions[1]: not a finite number");
    expectInvalid(layoutRow({layoutLeaf("a"), layoutLeaf("b")}, {1.0}), {},
                  "fractions: has 1 entries for 2 children");
    expectInvalid(layoutColumn({layoutLeaf("a")}, {1.0}), {},
                  "children: a split needs 2 or more children, has 1");
    expectInvalid(layoutRow({layoutLeaf("a"), layoutLeaf("")}, {0.5, 0.5}), {},
                  "children[1]: empty panel name");

    // The slack: a hair under the minimum (rounding) passes, and a sum off by 1e-7 too.
    EXPECT_TRUE(validateLayout(layoutRow({layoutLeaf("a"), layoutLeaf("b")},
                                         {kMinLayoutFraction - 1e-12, 1 - kMinLayoutFraction}),
                               {}) == std::nullopt);
    EXPECT_TRUE(validateLayout(layoutRow({layoutLeaf("a"), layoutLeaf("b")}, {0.5, 0.5 + 1e-7}),
                               {}) == std::nullopt);
}

TEST(Layout, ValidationBoundsDepthAndPanels) {
    EXPECT_TRUE(validateLayout(chain(kMaxLayoutDepth), {}) == std::nullopt);
    const auto deep = validateLayout(chain(kMaxLayoutDepth + 1), {});
    ASSERT_TRUE(deep.has_value());
    EXPECT_EQ(*deep,
              "children[1].children[1].children[1].children[1].children[1].children[1]."
              "children[1].children[0]: deeper than 8 levels");

    // 33 panels in four columns (fractions all fine): one too many.
    std::vector<LayoutNode> columns;
    int next = 0;
    for (int c = 0; c < 4; ++c) {
        const int n = c == 3 ? 9 : 8;
        std::vector<LayoutNode> leaves;
        for (int i = 0; i < n; ++i)
            leaves.push_back(layoutLeaf("p" + std::to_string(next++)));
        columns.push_back(layoutColumn(leaves, std::vector<double>(n, 1.0 / n)));
    }
    const LayoutNode tooMany = layoutRow(columns, {0.25, 0.25, 0.25, 0.25});
    expectInvalid(tooMany, {}, "children[3].children[8]: more than 32 panels");
}

TEST(Layout, FormatIsCompactJson) {
    EXPECT_EQ(formatLayout(logitLab()),
              R"({"split":"row","fractions":[0.3,0.32,0.38],"children":[)"
              R"({"split":"column","fractions":[0.6,0.4],"children":["logits","target"]},)"
              R"({"split":"column","fractions":[0.6,0.4],"children":["softmax","probabilities"]},)"
              R"({"split":"column","fractions":[0.6,0.4],"children":["losses","precision"]}]})");
    EXPECT_EQ(formatLayout(layoutLeaf("simplex")), R"("simplex")");
}

TEST(Layout, FormatParseRoundTripsExactly) {
    LayoutNode moved = logitLab();
    ASSERT_TRUE(moveSplitter(&moved, {}, 0, 33.3, {0, 0, 997, 611}));
    ASSERT_TRUE(moveSplitter(&moved, {2}, 0, -17.1, {0, 0, 997, 611}));
    ASSERT_TRUE(addPanelToLayout(&moved, "simplex"));
    for (const LayoutNode& original : {logitLab(), moved, layoutLeaf("surface")}) {
        const std::string text = formatLayout(original);
        LayoutNode parsed;
        const auto error = parseLayout(text, knownPanelNames(), &parsed);
        ASSERT_FALSE(error.has_value()) << *error;
        EXPECT_EQ(parsed, original) << text;
        EXPECT_EQ(formatLayout(parsed), text);
    }
    // Whitespace and key order do not matter.
    LayoutNode spaced;
    ASSERT_FALSE(parseLayout(R"( { "children": ["a", "b"], "fractions": [0.25, 0.75],
                                   "split": "column" } )",
                             {}, &spaced));
    EXPECT_EQ(spaced, layoutColumn({layoutLeaf("a"), layoutLeaf("b")}, {0.25, 0.75}));
}

struct BadLayout {
    std::string json;
    std::string message;  // the whole message, or its start for JSON syntax errors
};

class LayoutParseErrors : public ::testing::TestWithParam<BadLayout> {};

TEST_P(LayoutParseErrors, NameTheJsonPathAndChangeNothing) {
    LayoutNode out = logitLab();
    const auto error = parseLayout(GetParam().json, knownPanelNames(), &out);
    ASSERT_TRUE(error.has_value()) << GetParam().json;
    EXPECT_EQ(error->substr(0, GetParam().message.size()), GetParam().message);
    EXPECT_EQ(out, logitLab());
}

std::string nested(int levels) {
    std::string s;
    for (int i = 0; i < levels; ++i)
        s += R"({"split":"row","fractions":[0.5,0.5],"children":["logits",)";
    s += R"("softmax")";
    for (int i = 0; i < levels; ++i)
        s += "]}";
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    All, LayoutParseErrors,
    ::testing::Values(
        BadLayout{R"({"split":"row","fractions":[0.3,0.3,0.4],"children":["logits","target",[]]})",
                  "children[2]: expected a panel name or a split object"},
        BadLayout{R"({"split":"row","fractions":[0.5,0.5],"children":["logits",7]})",
                  "children[1]: expected a panel name or a split object"},
        BadLayout{R"({"split":"row","fractions":[0.5,0.5],"children":["logits","foo"]})",
                  "children[1]: unknown panel 'foo'"},
        BadLayout{R"("foo")", "layout: unknown panel 'foo'"},
        BadLayout{R"(42)", "layout: expected a panel name or a split object"},
        BadLayout{R"({"split":"diagonal","fractions":[0.5,0.5],"children":["logits","target"]})",
                  "split: 'diagonal' is not one of row, column"},
        BadLayout{R"({"fractions":[0.5,0.5],"children":["logits","target"]})",
                  "split: expected \"row\" or \"column\""},
        BadLayout{R"({"split":"row","children":["logits","target"]})",
                  "fractions: expected an array of numbers"},
        BadLayout{R"({"split":"row","fractions":[0.5,"half"],"children":["logits","target"]})",
                  "fractions[1]: expected a number"},
        BadLayout{R"({"split":"row","fractions":[0.5,0.5]})",
                  "children: expected an array of panel names and split objects"},
        BadLayout{R"({"split":"row","fractions":[0.5,0.5],"children":["logits",)"
                  R"({"split":"column","fractions":[0.97,0.03],"children":["target","softmax"]}]})",
                  "children[1].fractions[1]: below 0.05"},
        BadLayout{R"({"split":"row","fractions":[0.5,0.5],"children":["logits","logits"]})",
                  "children[1]: panel 'logits' appears twice"},
        BadLayout{R"({"split":"row","fractions":[1],"children":["logits"]})",
                  "children: a split needs 2 or more children, has 1"},
        BadLayout{R"({"split":"row","fractions":[0.4,0.4],"children":["logits","target"]})",
                  "fractions: sum to 0.8, not 1"},
        BadLayout{nested(kMaxLayoutDepth),
                  "children[1].children[1].children[1].children[1].children[1].children[1]."
                  "children[1].children[0]: deeper than 8 levels"},
        BadLayout{nested(5000), "children[1].children[1]"},  // stops early, no deep recursion
        BadLayout{R"({"split":"row","fractions":[0.5,0.5],"children":["logits")", "not valid JSON"},
        BadLayout{"", "not valid JSON"}),
    [](const ::testing::TestParamInfo<BadLayout>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(Layout, ParseAcceptsAnyNameWithoutAList) {
    LayoutNode out;
    ASSERT_FALSE(
        parseLayout(R"({"split":"row","fractions":[0.5,0.5],"children":["x","y"]})", {}, &out));
    EXPECT_EQ(out, layoutRow({layoutLeaf("x"), layoutLeaf("y")}, {0.5, 0.5}));
}

TEST(Layout, KnownPanelNames) {
    const auto& names = knownPanelNames();
    EXPECT_EQ(names.size(), 20u);
    for (const char* name :
         {"logits",    "softmax",  "target",      "probabilities", "losses",
          "precision", "simplex",  "surface",     "surface3d",     "classifier",
          "confusion", "training", "landscape",   "batch",         "backprop",
          "lesson",    "fit",      "reg_surface", "residuals",     "reg_controls"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    }
}

}  // namespace
}  // namespace losslab
