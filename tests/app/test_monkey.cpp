// Monkey test: frames of random mouse and keyboard input over every panel of every
// workspace. Nothing may crash (the ASan/UBSan build runs this too), and every number the
// panels show stays finite.
#include <cmath>
#include <random>

#include "panels/keys.hpp"
#include "session_fixture.hpp"

namespace losslab {
namespace {

using Monkey = testing::HeadlessSession;

bool finite(const Vec& v) {
    return v.allFinite();
}

TEST_F(Monkey, RandomInputEverywhereNeverBreaksTheState) {
    state().mode.allowChildProcesses = false;  // no `losslab export` children from a test
    std::mt19937_64 rng(2026);
    const int keys[] = {keys::kR,      keys::kDigit0, keys::kDigit0 + 2, keys::kDigit0 + 3,
                        keys::kZ,      keys::kY,      keys::kSpace,      keys::kS,
                        keys::kEscape, keys::kF1,     keys::kEqual,      keys::kMinus};
    const Workspace spaces[] = {Workspace::LogitLab, Workspace::Geometry, Workspace::Training,
                                Workspace::Regression};
    constexpr int kFramesPerWorkspace = 250;
    for (Workspace space : spaces) {
        state().view.workspace = space;
        for (int frame = 0; frame < kFramesPerWorkspace; ++frame) {
            ImGuiIO& in = io();
            const auto roll = rng() % 100;
            in.MousePos =
                ImVec2(static_cast<float>(rng() % 1600), static_cast<float>(20 + rng() % 880));
            if (roll < 30) in.MouseDown[0] = !in.MouseDown[0];
            if (roll >= 30 && roll < 35) in.MouseDown[1] = !in.MouseDown[1];
            in.MouseWheel = roll >= 35 && roll < 45
                                ? static_cast<float>(static_cast<int>(rng() % 5) - 2)
                                : 0.0f;
            in.KeyShift = roll % 7 == 0;
            in.KeyCtrl = roll % 11 == 0;
            for (int k : keys)
                in.KeysDown[k] = false;
            if (roll >= 45 && roll < 60)
                in.KeysDown[keys[rng() % (sizeof keys / sizeof keys[0])]] = true;
            frames(1);
            // Ctrl+Q in the mix must not stop the session under test.
            state().requests.quit = false;
            const DerivedState& d = state().derived;
            ASSERT_TRUE(finite(state().model.logits)) << "frame " << frame;
            ASSERT_TRUE(finite(d.probs)) << "frame " << frame;
            ASSERT_NEAR(d.probs.sum(), 1.0, 1e-9);
            for (const LossValue& v : d.losses) {
                ASSERT_TRUE(std::isfinite(v.value)) << "frame " << frame;
                ASSERT_TRUE(finite(v.grad)) << "frame " << frame;
            }
            const RegressionState& rs = state().regression;
            ASSERT_TRUE(finite(rs.data.x) && finite(rs.data.y)) << "frame " << frame;
            ASSERT_EQ(rs.data.x.size(), rs.data.y.size());
            if (rs.run.ready) {
                ASSERT_TRUE(std::isfinite(rs.run.descent.line.w)) << "frame " << frame;
                ASSERT_TRUE(std::isfinite(rs.run.descent.objective.value)) << "frame " << frame;
            }
        }
        io().MouseDown[0] = io().MouseDown[1] = false;
        io().KeyShift = io().KeyCtrl = false;
        frames(2);
    }
    EXPECT_GE(state().model.classCount(), 2);
}

}  // namespace
}  // namespace losslab
