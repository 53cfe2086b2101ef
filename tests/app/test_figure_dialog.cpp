// "Export figure…": the dialog's preview is the panel's figure at the chosen size's aspect,
// re-rendered when the choices change; the choices survive a restart (the settings file).
#include <gtest/gtest.h>

#include <filesystem>

#include "app/session_fixture.hpp"
#include "io/settings.hpp"
#include "ui/figure_dialog.hpp"

namespace losslab {
namespace {

class FigureDialog : public testing::HeadlessSession {};

TEST_F(FigureDialog, ThePreviewHasTheFiguresAspectAndFollowsTheChoices) {
    state().view.figureExport.width = 1200;
    state().view.figureExport.height = 600;
    openFigureDialog(state(), "simplex");
    frames(2);
    const FigureDialogState& dialog = state().figureDialog;
    ASSERT_TRUE(dialog.open);
    ASSERT_TRUE(dialog.previewError.empty()) << dialog.previewError;
    ASSERT_GT(dialog.preview.width, 0);
    EXPECT_NEAR(static_cast<double>(dialog.preview.width) / dialog.preview.height, 2.0, 0.01);
    EXPECT_EQ(std::filesystem::path(dialog.outPath).extension(), ".png");
    // Paper: the preview's corner is white.
    EXPECT_EQ(dialog.preview.pixels[0], 255);
    EXPECT_EQ(dialog.preview.pixels[3], 255);
    // A taller figure: the next preview (a few frames later, as it is throttled) is taller.
    const std::uint64_t before = dialog.previewRevision;
    state().view.figureExport.height = 1200;
    frames(30);
    EXPECT_NE(dialog.previewRevision, before);
    EXPECT_NEAR(static_cast<double>(dialog.preview.width) / dialog.preview.height, 1.0, 0.01);
    // Dark theme: the corner turns dark.
    state().view.figureExport.theme = plot::FigureTheme::Dark;
    frames(30);
    EXPECT_LT(dialog.preview.pixels[0], 40);
}

TEST_F(FigureDialog, TheChoicesAreKeptInTheSettings) {
    const std::string path = ::testing::TempDir() + "/losslab-figure-settings.json";
    ViewState view;
    view.figureExport.width = 640;
    view.figureExport.height = 480;
    view.figureExport.sizeInCm = true;
    view.figureExport.dpi = 600;
    view.figureExport.theme = plot::FigureTheme::Light;
    view.figureExport.fontScale = 1.5;
    view.figureExport.format = plot::FigureFormat::Pdf;
    view.figureExport.transparent = true;
    ASSERT_FALSE(saveSettings(path, view));
    ViewState loaded;
    ASSERT_FALSE(loadSettings(path, &loaded));
    const FigureExportChoices& f = loaded.figureExport;
    EXPECT_EQ(f.width, 640);
    EXPECT_EQ(f.height, 480);
    EXPECT_TRUE(f.sizeInCm);
    EXPECT_EQ(f.dpi, 600);
    EXPECT_EQ(f.theme, plot::FigureTheme::Light);
    EXPECT_EQ(f.fontScale, 1.5);
    EXPECT_EQ(f.format, plot::FigureFormat::Pdf);
    EXPECT_TRUE(f.transparent);
}

}  // namespace
}  // namespace losslab
