// The kinds of file the choosers filter by, the name Save suggests, and when Open and Save go
// through the desktop portal instead of the built-in chooser (no portal runs here: the
// decision and the filters the portal would get are checked without one).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/file_kinds.hpp"
#include "session/platform/portal_file_chooser.hpp"

namespace losslab {
namespace {

TEST(FileKinds, ScenesLessonsAndCsvMatchTheirOwnNamesOnly) {
    EXPECT_TRUE(matchesFileKind(FileKind::Scene, "cat-car-frog.losslab.json"));
    EXPECT_TRUE(matchesFileKind(FileKind::Scene, "01-cat-car-frog.json"));
    EXPECT_FALSE(matchesFileKind(FileKind::Scene, "notes.md"));
    EXPECT_FALSE(matchesFileKind(FileKind::Scene, "scene.json.bak"));
    EXPECT_FALSE(matchesFileKind(FileKind::Scene, ".hidden.json"));
    EXPECT_TRUE(matchesFileKind(FileKind::Lesson, "01-softmax.md"));
    EXPECT_FALSE(matchesFileKind(FileKind::Lesson, "points.csv"));
    EXPECT_TRUE(matchesFileKind(FileKind::Csv, "points.csv"));
    EXPECT_FALSE(matchesFileKind(FileKind::Csv, "points.csv.txt"));
    EXPECT_FALSE(matchesFileKind(FileKind::Csv, "scene.json"));
}

TEST(FileKinds, SaveSuggestsTheTitleAsALossLabJsonName) {
    EXPECT_EQ(suggestedSceneFileName("Cat, car, frog (lectures 003/004)"),
              "cat-car-frog-lectures-003-004.losslab.json");
    EXPECT_EQ(suggestedSceneFileName(""), "scene.losslab.json");
    EXPECT_EQ(suggestedSceneFileName("  --  "), "scene.losslab.json");
    EXPECT_EQ(suggestedSceneFileName("\xEA\xB3\xA0\xEC\x96\x91\xEC\x9D\xB4 cat"),
              "\xEA\xB3\xA0\xEC\x96\x91\xEC\x9D\xB4-cat.losslab.json");  // 고양이 stays
    EXPECT_TRUE(matchesFileKind(FileKind::Scene, suggestedSceneFileName("Label smoothing")));
}

TEST(FileKinds, TheDesktopKnowsTheSuggestedNameAsALossLabScene) {
    // The MIME type's glob (assets/org.losslab.LossLab.mime.xml) is the scene filter's first
    // pattern, the one Save's suggestion follows.
    std::ifstream file(LOSSLAB_SOURCE_DIR "/assets/org.losslab.LossLab.mime.xml");
    ASSERT_TRUE(file.good());
    std::stringstream mime;
    mime << file.rdbuf();
    const std::string glob = fileFilter(FileKind::Scene).patterns.at(0);
    EXPECT_EQ(glob, "*.losslab.json");
    EXPECT_NE(mime.str().find("<glob pattern=\"" + glob + "\"/>"), std::string::npos);
}

TEST(PortalDecision, ThePortalIsUsedWhenTheSessionBusHasOneAndNotAskedAgainst) {
    PortalProbe probe;
    EXPECT_FALSE(shouldUsePortal(probe));  // no session bus: the built-in chooser
    probe.sessionBusKnown = true;
    EXPECT_FALSE(shouldUsePortal(probe));  // a bus without a portal
    probe.portalActivatable = true;
    EXPECT_TRUE(shouldUsePortal(probe));  // the bus starts it on the first call
    probe.portalActivatable = false;
    probe.portalRunning = true;
    EXPECT_TRUE(shouldUsePortal(probe));
    probe.preference = "builtin";
    EXPECT_FALSE(shouldUsePortal(probe));  // LOSSLAB_FILE_DIALOG=builtin
    probe.preference = "portal";
    probe.sessionBusKnown = false;
    EXPECT_FALSE(shouldUsePortal(probe));  // nothing to ask without a bus
}

TEST(PortalDecision, WithoutASessionBusTheProbeAsksNothing) {
    // The test's environment, as on a machine with no desktop session: no bus address and no
    // runtime folder. The probe must not start a bus (GLib's X11 autolaunch) to find out.
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    const std::string savedAddress = address ? address : "", savedRuntime = runtime ? runtime : "";
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    setenv("XDG_RUNTIME_DIR", ::testing::TempDir().c_str(), 1);
    const PortalProbe probe = probePortal();
    EXPECT_FALSE(probe.sessionBusKnown);
    EXPECT_FALSE(shouldUsePortal(probe));
    if (address) setenv("DBUS_SESSION_BUS_ADDRESS", savedAddress.c_str(), 1);
    if (runtime) setenv("XDG_RUNTIME_DIR", savedRuntime.c_str(), 1);
    if (!runtime) unsetenv("XDG_RUNTIME_DIR");
}

TEST(PortalFilters, ThePortalGetsTheChoosersPatternsAsGlobs) {
    // a(sa(us)): the filter's name, then (0 = glob, pattern) pairs, per the FileChooser portal.
    EXPECT_EQ(portalFiltersText(FileKind::Scene),
              "[('LossLab scenes', [(0, '*.losslab.json'), (0, '*.json')])]");
    EXPECT_EQ(portalFiltersText(FileKind::Lesson), "[('Lessons (Markdown)', [(0, '*.md')])]");
    EXPECT_EQ(portalFiltersText(FileKind::Csv), "[('CSV tables', [(0, '*.csv')])]");
}

}  // namespace
}  // namespace losslab
