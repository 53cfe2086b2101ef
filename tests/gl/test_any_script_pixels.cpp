// Any script in class names: a Korean class name (lecture 004's notes are partly Korean) draws
// its glyphs from Noto CJK (fonts-noto-cjk, which scripts/setup installs) on screen and in the
// figures, instead of ImGui's "?" or cairo's empty "missing glyph" boxes.
#include <cairo.h>

#include "../app/session_fixture.hpp"
#include "plot/canvas_cairo.hpp"
#include "plot/font_fallback.hpp"
#include "session/render/framebuffer.hpp"
#include "ui/fonts.hpp"

namespace losslab {
namespace {

using AnyScriptPixels = testing::HeadlessSession;

constexpr const char* kCat = "\xEA\xB3\xA0\xEC\x96\x91\xEC\x9D\xB4";          // 고양이
constexpr const char* kCatReversed = "\xEC\x9D\xB4\xEC\x96\x91\xEA\xB3\xA0";  // 이양고

// Pixels (RGB) that differ between two frames of the same size.
long differingPixels(const Image& a, const Image& b) {
    long count = 0;
    for (size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
        if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] ||
            a.rgba[i + 2] != b.rgba[i + 2])
            ++count;
    }
    return count;
}

void requireHangulFont() {
    ASSERT_TRUE(plot::findFontCovering(plot::decodeUtf8(kCat)))
        << "no installed font has Hangul: install fonts-noto-cjk (scripts/setup does)";
}

TEST(FontFallback, DecodesUtf8AndReplacesMalformedBytes) {
    EXPECT_EQ(plot::decodeUtf8(kCat), U"\uACE0\uC591\uC774");
    EXPECT_EQ(plot::decodeUtf8("\xCF\x84=1"), U"\u03C4=1");  // τ
    EXPECT_EQ(plot::decodeUtf8("a\xFF"
                               "b\xE3\x81"),
              U"a\uFFFDb\uFFFD\uFFFD");
}

TEST(FontFallback, HangulComesFromTheKoreanFaceOfNotoCjk) {
    requireHangulFont();
    const auto face = plot::findFontCovering(plot::decodeUtf8(kCat));
    EXPECT_NE(face->family.find("CJK"), std::string::npos) << face->family;
    EXPECT_NE(face->family.find("KR"), std::string::npos) << face->family;
    EXPECT_NE(face->path.find("NotoSansCJK"), std::string::npos) << face->path;
    // Latin and Hangul together, as in "cat 고양이": the KR face has both.
    const auto groups = plot::findFontsCovering(plot::decodeUtf8(std::string("cat ") + kCat));
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].characters.size(), 7u);
}

TEST_F(AnyScriptPixels, LatinScenesMergeNoOtherFont) {
    // The default scene (cat, car, frog) builds the atlas from DejaVu alone, as before.
    EXPECT_EQ(ImGui::GetIO().Fonts->ConfigData.Size, 1);
    EXPECT_EQ(ImGui::GetFont()->FindGlyphNoFallback(0xACE0), nullptr);
}

TEST_F(AnyScriptPixels, KoreanClassNameDrawsItsGlyphsNotQuestionMarks) {
    requireHangulFont();
    const auto render = [&](const char* name) {
        state().model.classNames[0] = name;
        state().touchModel();
        frames(2);
        session->renderFrame();
        Image image = session->capture();
        session->present();
        return image;
    };
    const Image questionMarks = render("???");
    const Image cat = render(kCat);
    const Image reversed = render(kCatReversed);
    // Without the glyphs all three names draw as "???" and the frames are the same pixels.
    EXPECT_GT(differingPixels(questionMarks, cat), 100);
    EXPECT_GT(differingPixels(cat, reversed), 100);
    for (char32_t c : plot::decodeUtf8(kCat))
        EXPECT_NE(ImGui::GetFont()->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr);
    // Only what the names need joins the atlas: DejaVu and one merged face.
    EXPECT_EQ(ImGui::GetIO().Fonts->ConfigData.Size, 2);
    EXPECT_EQ(ImGui::GetFont()->FindGlyphNoFallback(0xAC00), nullptr);  // 가, in no name
}

TEST_F(AnyScriptPixels, ACharacterTypedInKoreanJoinsTheAtlasAtOnce) {
    requireHangulFont();
    ImGui::GetIO().AddInputCharacter(0xACE0);  // 고, as an input method delivers it
    session->frame();
    EXPECT_NE(ImGui::GetFont()->FindGlyphNoFallback(0xACE0), nullptr);
}

// The figures' text (cairo): two different Hangul syllables give different pixels, where
// DejaVu alone draws the same empty box for both.
Image cairoText(const char* text) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 80, 32);
    cairo_t* cairo = cairo_create(surface);
    cairo_set_source_rgb(cairo, 1, 1, 1);
    cairo_paint(cairo);
    plot::CanvasStyle style;
    plot::CairoCanvas canvas(cairo, style, 24.0f);
    canvas.text({4, 4}, plot::rgba(0, 0, 0), text);
    cairo_surface_flush(surface);
    Image image;
    image.width = 80;
    image.height = 32;
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 80; ++x) {
            const unsigned char* p = data + y * stride + x * 4;  // B, G, R, X
            image.rgba.insert(image.rgba.end(), {p[2], p[1], p[0], 255});
        }
    }
    cairo_destroy(cairo);
    cairo_surface_destroy(surface);
    return image;
}

TEST(FigureText, HangulSyllablesDrawAsThemselves) {
    requireHangulFont();
    const Image go = cairoText("\xEA\xB3\xA0");    // 고
    const Image yang = cairoText("\xEC\x96\x91");  // 양
    const Image blank = cairoText(" ");
    EXPECT_GT(differingPixels(go, blank), 30);  // ink
    EXPECT_GT(differingPixels(go, yang), 30);   // and not the same box twice
}

}  // namespace
}  // namespace losslab
