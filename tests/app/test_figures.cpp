// The plot canvas and figures: a recording canvas checks where the plotting layer draws; the
// panels' figure steps draw their plots and no widget; `losslab figure` writes PNG, SVG and
// PDF of the asked size (docs/command-line.md) and fails cleanly, leaving no file, on bad input.
#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "panels/panels.hpp"
#include "plot/canvas.hpp"
#include "plot/figure_file.hpp"
#include "plot/plot.hpp"
#include "support/output_folder.hpp"
#include "support/run_process.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;
using plot::RecordingCanvas;
using testing::runProcess;

bool contains(const std::vector<std::string>& texts, const std::string& text) {
    return std::find(texts.begin(), texts.end(), text) != texts.end();
}

// ------------------------------------------------------------------ the plotting layer

TEST(Canvas, ALineLandsWhereTheTransformSays) {
    RecordingCanvas canvas;
    plot::Plot plot(canvas, {{10, 20}, {410, 320}}, {0.0, 10.0}, {-5.0, 5.0});
    const plot::Transform& t = plot.transform();
    // The data rectangle lies inside the outer one, margins for the tick labels.
    EXPECT_GT(t.left, 10.0f);
    EXPECT_LT(t.left + t.width, 410.0f);
    EXPECT_GT(t.top, 20.0f);
    EXPECT_LT(t.top + t.height, 320.0f);
    plot.line(0.0, -5.0, 10.0, 5.0, plot::rgba(255, 0, 0), 2.0f);
    const auto lines = canvas.itemsOf(RecordingCanvas::Kind::Line);
    ASSERT_EQ(lines.size(), 1u);
    // (0, −5) is the data rectangle's bottom-left corner, (10, 5) its top-right one.
    EXPECT_FLOAT_EQ(lines[0]->points[0].x, t.left);
    EXPECT_FLOAT_EQ(lines[0]->points[0].y, t.top + t.height);
    EXPECT_FLOAT_EQ(lines[0]->points[1].x, t.left + t.width);
    EXPECT_FLOAT_EQ(lines[0]->points[1].y, t.top);
    EXPECT_FLOAT_EQ(lines[0]->size, 2.0f);
    EXPECT_EQ(lines[0]->color, plot::rgba(255, 0, 0));
}

TEST(Canvas, TheStyleScalesLinesAndMarkers) {
    plot::CanvasStyle style;
    style.lineScale = 2.5f;
    style.markerScale = 3.0f;
    RecordingCanvas canvas(style);
    plot::Plot plot(canvas, {{0, 0}, {300, 200}}, {0.0, 1.0}, {0.0, 1.0});
    plot.line(0, 0, 1, 1, plot::rgba(0, 0, 0), 2.0f);
    plot.marker(0.5, 0.5, plot::rgba(0, 0, 0), 4.0f, true);
    EXPECT_FLOAT_EQ(canvas.itemsOf(RecordingCanvas::Kind::Line)[0]->size, 5.0f);
    const auto disks = canvas.itemsOf(RecordingCanvas::Kind::FillCircle);
    ASSERT_EQ(disks.size(), 1u);
    EXPECT_FLOAT_EQ(disks[0]->size, 12.0f);
    EXPECT_FLOAT_EQ(disks[0]->points[0].x, plot.transform().toPixelX(0.5));
}

TEST(Canvas, AxesLabelTheNiceTicks) {
    RecordingCanvas canvas;
    plot::PlotOptions options;
    options.xLabel = "step";
    {
        plot::Plot plot(canvas, {{0, 0}, {600, 400}}, {0.0, 10.0}, {0.0, 1.0}, options);
        plot.axes();
    }
    const std::vector<std::string> texts = canvas.texts();
    for (const char* tick : {"0", "2", "4", "6", "8", "10", "0.0", "1.0", "step"}) {
        EXPECT_TRUE(contains(texts, tick)) << tick;
    }
}

TEST(Canvas, ColourMapsAndTextFollowTheCanvasNotTheScreen) {
    plot::CanvasStyle paper;
    paper.text = plot::rgba(0, 0, 0);
    paper.background = plot::rgba(255, 255, 255);
    EXPECT_TRUE(paper.lightBackground());
    RecordingCanvas canvas(paper);
    EXPECT_EQ(canvas.textColor(), plot::rgba(0, 0, 0));
    EXPECT_EQ(plot::alpha(canvas.gridColor()), static_cast<int>(std::lround(0.12f * 255)));
    plot::CanvasStyle dark;
    EXPECT_FALSE(dark.lightBackground());
}

TEST(Canvas, ALegendWrapsAtItsWidth) {
    RecordingCanvas canvas(plot::CanvasStyle{}, 10.0f);
    const plot::LegendEntries entries = {{"train", plot::rgba(1, 2, 3)},
                                         {"test", plot::rgba(4, 5, 6)},
                                         {"data part", plot::rgba(7, 8, 9)}};
    const float oneLine = plot::legend(canvas, {0, 0}, 1000.0f, entries);
    RecordingCanvas narrow(plot::CanvasStyle{}, 10.0f);
    const float wrapped = plot::legend(narrow, {0, 0}, 60.0f, entries);
    EXPECT_FLOAT_EQ(oneLine, 13.0f);
    EXPECT_FLOAT_EQ(wrapped, 39.0f);  // one entry a line
    EXPECT_EQ(narrow.texts(), (std::vector<std::string>{"train", "test", "data part"}));
}

// ------------------------------------------------------------------ panels' figure steps

TEST(FigureSteps, TheSimplexDrawsItsHeatmapCornersAndColourBarButNoWidget) {
    auto state = std::make_unique<AppState>();
    state->updateDerived();
    RecordingCanvas canvas;
    figureSimplexPanel(*state, canvas, {{0, 0}, {800, 600}});
    EXPECT_EQ(canvas.itemsOf(RecordingCanvas::Kind::Image).size(), 1u);  // the heatmap
    const std::vector<std::string> texts = canvas.texts();
    for (const char* name : {"cat", "car", "frog", "p", "q"})
        EXPECT_TRUE(contains(texts, name));
    EXPECT_TRUE(contains(texts, "L") || contains(texts, "L (log₁₀)"));  // the colour bar
    for (const std::string& text : texts) {
        EXPECT_EQ(text.find("τ ="), std::string::npos) << "a slider's text: " << text;
    }
}

TEST(FigureSteps, TheLossesTableShowsEveryLossValue) {
    auto state = std::make_unique<AppState>();
    state->updateDerived();
    RecordingCanvas canvas;
    figureLossesPanel(*state, canvas, {{0, 0}, {900, 600}});
    const std::vector<std::string> texts = canvas.texts();
    // The lecture's vector (3.2, 5.1, −1.7), true class cat: hinge 2.9, cross-entropy 2.0404.
    EXPECT_TRUE(contains(texts, "2.9"));
    EXPECT_TRUE(contains(texts, "2.0404"));
    EXPECT_TRUE(contains(texts, "Cross-entropy"));
}

TEST(FigureSteps, TheClassifierRegionsCoverItsPlotAtTheFiguresSize) {
    auto state = std::make_unique<AppState>();
    state->updateDerived();
    RecordingCanvas canvas;
    figureClassifierPanel(*state, canvas, {{0, 0}, {640, 480}});
    const auto images = canvas.itemsOf(RecordingCanvas::Kind::Image);
    ASSERT_GE(images.size(), 1u);  // the regions (and the splatted points)
    const ClassifierPanelState& ui = state->training.classifier;
    // Computed for this figure: one image pixel per figure pixel of the data rectangle.
    EXPECT_NEAR(ui.regionView.width, ui.regionImage.width, 0);
    EXPECT_GT(ui.regionImage.width, 500);
    EXPECT_EQ(ui.background.r, 0);  // the recording canvas's default background is black
}

TEST(FigureSteps, The3DSurfaceIsEveryQuadOfItsMeshWithTheAxisNames) {
    auto state = std::make_unique<AppState>();
    state->updateDerived();
    RecordingCanvas canvas;
    figureSurface3DPanel(*state, canvas, {{0, 0}, {800, 600}});
    const SurfaceMesh& mesh = state->panels.surface3d.mesh;
    ASSERT_GE(mesh.nx, 2);
    // The cross-entropy surface over the default window has no holes: every quad is painted.
    EXPECT_EQ(canvas.itemsOf(RecordingCanvas::Kind::Polygon).size(),
              static_cast<std::size_t>(mesh.nx - 1) * (mesh.ny - 1));
    const std::vector<std::string> texts = canvas.texts();
    for (const char* label : {"s_cat", "s_car", "L"})
        EXPECT_TRUE(contains(texts, label)) << label;
    // Every corner lands inside the figure: the camera frames the unit box.
    for (const auto* polygon : canvas.itemsOf(RecordingCanvas::Kind::Polygon)) {
        for (const plot::Vec2& p : polygon->points) {
            EXPECT_GE(p.x, 0.0f);
            EXPECT_LE(p.x, 800.0f);
            EXPECT_GE(p.y, 0.0f);
            EXPECT_LE(p.y, 600.0f);
        }
    }
}

// ------------------------------------------------------------------ losslab figure

struct Pixels {
    int width = 0, height = 0;
    std::vector<std::uint32_t> argb;  // cairo's premultiplied ARGB32
    std::uint32_t at(int x, int y) const { return argb[static_cast<std::size_t>(y) * width + x]; }
};

Pixels readPng(const std::string& path) {
    Pixels pixels;
    cairo_surface_t* surface = cairo_image_surface_create_from_png(path.c_str());
    if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
        pixels.width = cairo_image_surface_get_width(surface);
        pixels.height = cairo_image_surface_get_height(surface);
        const int stride = cairo_image_surface_get_stride(surface);
        const unsigned char* data = cairo_image_surface_get_data(surface);
        for (int y = 0; y < pixels.height; ++y) {
            const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
            pixels.argb.insert(pixels.argb.end(), row, row + pixels.width);
        }
    }
    cairo_surface_destroy(surface);
    return pixels;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class FigureCli : public ::testing::Test {
  protected:
    testing::ProcessResult figure(std::vector<std::string> args) {
        args.insert(args.begin(), {LOSSLAB_BINARY, "figure"});
        return runProcess(args, {"DISPLAY=", "WAYLAND_DISPLAY="});
    }
    std::vector<std::string> files() const { return output.files(); }
    testing::OutputFolder output{"losslab-figure"};
    const fs::path& folder = output.path();
};

TEST_F(FigureCli, APngHasSizeTimesDpiOver96PixelsOnWhite) {
    const std::string out = (folder / "simplex.png").string();
    const auto r =
        figure({"--panel", "simplex", "--out", out, "--size", "600x400", "--dpi", "192"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, out + "\n");
    const Pixels png = readPng(out);
    EXPECT_EQ(png.width, 1200);
    EXPECT_EQ(png.height, 800);
    // Paper: the corners (inside the margin, outside every plot) are opaque white.
    EXPECT_EQ(png.at(2, 2), 0xffffffffu);
    EXPECT_EQ(png.at(png.width - 3, png.height - 3), 0xffffffffu);
    EXPECT_EQ(files(), std::vector<std::string>{"simplex.png"});
}

TEST_F(FigureCli, TransparentLeavesTheBackgroundClearAndDarkIsDark) {
    const std::string clear = (folder / "clear.png").string();
    ASSERT_EQ(figure({"--panel", "probabilities", "--out", clear, "--transparent"}).exitCode, 0);
    EXPECT_EQ(readPng(clear).at(2, 2) >> 24, 0u);
    const std::string dark = (folder / "dark.png").string();
    ASSERT_EQ(figure({"--panel", "probabilities", "--out", dark, "--theme", "dark"}).exitCode, 0);
    const std::uint32_t corner = readPng(dark).at(2, 2);
    EXPECT_EQ(corner >> 24, 0xffu);
    EXPECT_LT(corner & 0xff, 40u);
}

TEST_F(FigureCli, FontScaleKeepsTheSize) {
    const std::string out = (folder / "big-text.png").string();
    ASSERT_EQ(figure({"--panel", "losses", "--out", out, "--size", "800x500", "--font-scale", "2"})
                  .exitCode,
              0);
    const Pixels png = readPng(out);
    EXPECT_EQ(png.width, 800);
    EXPECT_EQ(png.height, 500);
}

TEST_F(FigureCli, AnSvgIsVectorWithTheHeatmapAsAnImage) {
    const std::string out = (folder / "surface.svg").string();
    ASSERT_EQ(figure({"--panel", "surface", "--out", out, "--size", "900x700"}).exitCode, 0);
    const auto lint = runProcess({"/usr/bin/xmllint", "--noout", out});
    EXPECT_EQ(lint.exitCode, 0) << lint.err;
    const std::string svg = readFile(out);
    EXPECT_NE(svg.find("width=\"900\""), std::string::npos);
    EXPECT_NE(svg.find("height=\"700\""), std::string::npos);
    EXPECT_NE(svg.find("<image"), std::string::npos);  // the heatmap
    // Lines, arrows and the frame are paths with strokes, many of them.
    std::size_t strokes = 0;
    for (std::size_t at = svg.find("stroke-width"); at != std::string::npos;
         at = svg.find("stroke-width", at + 1)) {
        ++strokes;
    }
    EXPECT_GT(strokes, 50u);
}

TEST_F(FigureCli, APdfPageIsThreeQuartersOfTheSizeInPointsWithRealText) {
    const std::string out = (folder / "classifier.pdf").string();
    ASSERT_EQ(figure({"--panel", "classifier", "--out", out, "--size", "1000x600"}).exitCode, 0);
    const auto info = runProcess({"/usr/bin/pdfinfo", out});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    EXPECT_NE(info.out.find("Page size:       750 x 450 pts"), std::string::npos) << info.out;
    const auto text = runProcess({"/usr/bin/pdftotext", out, "-"});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("0.5"), std::string::npos) << text.out;  // tick labels
    EXPECT_NE(text.out.find("-1.0"), std::string::npos) << text.out;
    for (const char* widget : {"Regenerate", "Descend", "as test", "Undo"}) {
        EXPECT_EQ(text.out.find(widget), std::string::npos) << widget;
    }
}

TEST_F(FigureCli, ASweepMakesAPageOrAFileAValue) {
    const std::string pdf = (folder / "handout.pdf").string();
    const auto r = figure({"--panel", "simplex", "--out", pdf, "--sweep", "temperature=4:0.25:5"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto info = runProcess({"/usr/bin/pdfinfo", pdf});
    EXPECT_NE(info.out.find("Pages:           5"), std::string::npos) << info.out;
    // Geometric in τ: 4, 2, 1, 0.5, 0.25, each page captioned with its value.
    // (pdftotext may drop the spaces of a short line: compare without them.)
    std::string text = runProcess({"/usr/bin/pdftotext", pdf, "-"}).out;
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    for (const char* caption : {"τ=4\n", "τ=2\n", "τ=1\n", "τ=0.5\n", "τ=0.25\n"}) {
        EXPECT_NE(text.find(caption), std::string::npos) << caption;
    }
    const std::string png = (folder / "bars.png").string();
    ASSERT_EQ(
        figure({"--panel", "probabilities", "--out", png, "--sweep", "logit.1=-2:6:3"}).exitCode,
        0);
    EXPECT_EQ(files(), (std::vector<std::string>{"bars-01.png", "bars-02.png", "bars-03.png",
                                                 "handout.pdf"}));
}

TEST_F(FigureCli, BadInputFailsWithOneLineAndLeavesNoFile) {
    const std::string png = (folder / "x.png").string();
    const std::vector<std::vector<std::string>> cases = {
        {"--panel", "nope", "--out", png},
        {"--panel", "batch", "--out", png},  // a table of widgets: no figure
        {"--panel", "simplex", "--out", (folder / "x.bmp").string()},
        {"--panel", "simplex", "--out", (folder / "missing" / "x.png").string()},
        {"--panel", "simplex", "--out", png, "--size", "0x0"},
        {"--panel", "simplex", "--out", png, "--size", "20000x100"},
        {"--panel", "simplex", "--out", png, "--size", "1200x800", "--dpi", "2000"},
        {"--panel", "simplex", "--out", png, "--size", "wide"},
        {"--panel", "simplex", "--out", png, "--theme", "sepia"},
        {"--panel", "simplex", "--out", png, "--font-scale", "0"},
        {"--panel", "simplex", "--out", png, "--sweep", "colour=0:1:5"},
        {"--panel", "simplex", "--out", png, "--sweep", "temperature=1:2:1"},
        {"--panel", "simplex", "--out", png, "--sweep", "temperature=0:2:3"},
        {"--panel", "simplex", "--out", png, "--sweep", "smoothing=0:2:3"},
        {"--panel", "simplex", "--out", png, "--sweep", "logit.7=0:1:3"},
        {"--panel", "simplex", "--out", (folder / "x.svg").string(), "--sweep", "gamma=0:2:3"},
    };
    for (const auto& args : cases) {
        const auto r = figure(args);
        std::string joined;
        for (const auto& a : args)
            joined += a + " ";
        EXPECT_NE(r.exitCode, 0) << joined;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << r.err;
        EXPECT_EQ(r.err.rfind("losslab figure: ", 0), 0u) << joined << r.err;
        EXPECT_TRUE(files().empty()) << joined;
    }
}

}  // namespace
}  // namespace losslab
