// Residuals and likelihood: the histogram of the residuals of the chosen loss's fit, with the
// Gaussian (σ fitted) and Laplace (β fitted) densities over it, scaled to counts; and a table
// that sets the l2 and l1 objectives beside the Gaussian and Laplace negative log-likelihoods,
// so that what separates them, the constant n·log(√(2π)σ) or n·log(2β) and the scale 1/(2σ²)
// or 1/β (losslab/regression.hpp), is in plain view.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "panels/panels.hpp"
#include "panels/regression_view.hpp"
#include "plot/screen_plot.hpp"
#include "state/regression_edit.hpp"

namespace losslab {

namespace {

constexpr int kMinBins = 6, kMaxBins = 40;
constexpr int kDensitySamples = 161;

// Bins over [−R, R], R just beyond the largest |r|: symmetric, so that 0 (no error) sits in
// the middle and a one-sided outlier shows as a lone bar on its side. About √n·1.5 bins.
ResidualHistogram histogramOf(const Vec& residuals) {
    ResidualHistogram h;
    const Eigen::Index n = residuals.size();
    const int bins = std::clamp(
        static_cast<int>(std::ceil(1.5 * std::sqrt(static_cast<double>(n)))), kMinBins, kMaxBins);
    double reach = n > 0 ? residuals.cwiseAbs().maxCoeff() * 1.05 : 1.0;
    if (!(reach > 0) || !std::isfinite(reach)) reach = 1.0;
    h.low = -reach;
    h.width = 2.0 * reach / bins;
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const int bin = static_cast<int>(std::floor((residuals[i] - h.low) / h.width));
        h.counts[static_cast<std::size_t>(std::clamp(bin, 0, bins - 1))] += 1;
    }
    return h;
}

// Expected points per bin under each noise model: n · bin width · density.
double gaussianCount(double r, double sigma, double perDensity) {
    constexpr double kInvSqrt2Pi = 0.3989422804014327;
    return perDensity * kInvSqrt2Pi / sigma * std::exp(-0.5 * (r / sigma) * (r / sigma));
}
double laplaceCount(double r, double beta, double perDensity) {
    return perDensity * 0.5 / beta * std::exp(-std::abs(r) / beta);
}

plot::PlotOptions histogramOptions() {
    plot::PlotOptions options;
    options.xLabel = "residual r = ŷ − y";
    options.yLabel = "points";
    options.zeroLine = false;
    return options;
}

// What the table shows: each noise model's NLL at its fitted scale, split into the constant
// and the data term, beside the objective whose scaled copy that data term is.
struct LikelihoodRows {
    Eigen::Index n = 0;
    double meanSquared = 0.0, meanAbsolute = 0.0;  // the l2 and l1 data terms
    double sigma = 0.0, beta = 0.0;
    double gaussianConstant = 0.0, gaussianData = 0.0, gaussianNll = 0.0;
    double laplaceConstant = 0.0, laplaceData = 0.0, laplaceNll = 0.0;
};

LikelihoodRows likelihoodRows(const RegressionState& rs) {
    LikelihoodRows rows;
    const Vec& r = rs.fits.residuals;
    rows.n = r.size();
    if (rows.n == 0) return rows;
    const double n = static_cast<double>(rows.n);
    rows.meanSquared = r.squaredNorm() / n;
    rows.meanAbsolute = r.cwiseAbs().sum() / n;
    rows.sigma = rs.fits.likelihood.gaussianSigma;
    rows.beta = rs.fits.likelihood.laplaceBeta;
    rows.gaussianConstant = n * std::log(std::sqrt(2.0 * M_PI) * rows.sigma);
    rows.gaussianData = n * rows.meanSquared / (2.0 * rows.sigma * rows.sigma);
    rows.gaussianNll = gaussianNllFromL2DataLoss(rows.n, rows.meanSquared, rows.sigma);
    rows.laplaceConstant = n * std::log(2.0 * rows.beta);
    rows.laplaceData = n * rows.meanAbsolute / rows.beta;
    rows.laplaceNll = laplaceNllFromL1DataLoss(rows.n, rows.meanAbsolute, rows.beta);
    return rows;
}

// The two identities as lines of text (the figure prints them; the screen has a table).
std::vector<std::string> identityLines(const LikelihoodRows& t) {
    char gaussian[200], laplace[200];
    std::snprintf(gaussian, sizeof gaussian,
                  "Gaussian NLL = n·log(√(2π)σ) + n·J_l2/(2σ²) = %.4g + %.4g = %.4g  "
                  "(J_l2 = mean r² = %.4g, σ = %.3g)",
                  t.gaussianConstant, t.gaussianData, t.gaussianNll, t.meanSquared, t.sigma);
    std::snprintf(laplace, sizeof laplace,
                  "Laplace NLL = n·log(2β) + n·J_l1/β = %.4g + %.4g = %.4g  "
                  "(J_l1 = mean |r| = %.4g, β = %.3g)",
                  t.laplaceConstant, t.laplaceData, t.laplaceNll, t.meanAbsolute, t.beta);
    return {gaussian, laplace};
}

plot::Range countRange(const RegressionState& rs) {
    const ResidualHistogram& h = rs.residuals.histogram;
    double top = 1.0;
    for (int c : h.counts)
        top = std::max(top, static_cast<double>(c));
    const RegressionLikelihood& l = rs.fits.likelihood;
    const double perDensity = static_cast<double>(rs.fits.residuals.size()) * h.width;
    if (l.gaussianSigma > 0) top = std::max(top, gaussianCount(0, l.gaussianSigma, perDensity));
    if (l.laplaceBeta > 0) top = std::max(top, laplaceCount(0, l.laplaceBeta, perDensity));
    return {0.0, top * 1.12};
}

plot::Range residualRange(const RegressionState& rs) {
    const ResidualHistogram& h = rs.residuals.histogram;
    return {h.low, h.low + h.width * static_cast<double>(h.counts.size())};
}

void drawHistogramPlot(const RegressionState& rs, plot::Plot& plot) {
    const ResidualHistogram& h = rs.residuals.histogram;
    const RegressionLikelihood& l = rs.fits.likelihood;
    plot.axes();
    const plot::Color bar = plot.textColor(0.28f), edge = plot.textColor(0.6f);
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        if (h.counts[i] == 0) continue;
        const double x0 = h.low + h.width * static_cast<double>(i);
        plot.rect(x0, 0.0, x0 + h.width, h.counts[i], bar, edge);
    }
    plot.vline(0.0, plot.textColor(0.4f), 1.0f);
    const double perDensity = static_cast<double>(rs.fits.residuals.size()) * h.width;
    const plot::Range xr = residualRange(rs);
    std::vector<double> xs(kDensitySamples), gaussian(kDensitySamples), laplace(kDensitySamples);
    for (int i = 0; i < kDensitySamples; ++i) {
        const double r = xr.min + xr.span() * i / (kDensitySamples - 1);
        xs[static_cast<std::size_t>(i)] = r;
        gaussian[static_cast<std::size_t>(i)] =
            l.gaussianSigma > 0 ? gaussianCount(r, l.gaussianSigma, perDensity) : 0.0;
        laplace[static_cast<std::size_t>(i)] =
            l.laplaceBeta > 0 ? laplaceCount(r, l.laplaceBeta, perDensity) : 0.0;
    }
    if (l.gaussianSigma > 0)
        plot.polyline(xs, gaussian, regressionLossColor(RegressionLoss::L2), 2.4f);
    if (l.laplaceBeta > 0)
        plot.polyline(xs, laplace, regressionLossColor(RegressionLoss::L1), 2.4f);
    // The legend, top right: which curve is which noise model, and its loss.
    plot::Canvas& canvas = plot.canvas();
    const float font = plot.fontSize();
    const std::string lines[] = {"Gaussian, σ = " + regressionNumber(l.gaussianSigma) + "  (l2)",
                                 "Laplace, β = " + regressionNumber(l.laplaceBeta) + "  (l1)"};
    const plot::Color colors[] = {regressionLossColor(RegressionLoss::L2),
                                  regressionLossColor(RegressionLoss::L1)};
    float width = 0;
    for (const std::string& line : lines)
        width = std::max(width, canvas.textSize(line).x);
    const float sample = font * 1.5f, gap = font * 0.4f;
    const float right = plot.innerMax().x - gap;
    const float left = std::max(plot.innerMin().x + gap, right - width - sample - 3 * gap);
    float y = plot.innerMin().y + gap;
    canvas.fillRect({{left, y}, {right, y + font * 2.6f}},
                    plot::withAlpha(canvas.style().background, 0.8f), font * 0.2f);
    for (int i = 0; i < 2; ++i) {
        const float mid = y + font * 0.25f + font * 0.6f;
        canvas.line({left + gap, mid}, {left + gap + sample, mid}, colors[i],
                    2.4f * canvas.style().lineScale);
        canvas.text({left + 2 * gap + sample, mid - font * 0.5f}, canvas.textColor(), lines[i]);
        y += font * 1.2f;
    }
}

// Chosen loss, n and what the histogram is of, over the plot.
std::string histogramTitle(const RegressionState& rs) {
    return "residuals of the " + std::string(regressionLossKey(rs.options.loss)) +
           " fit, n = " + std::to_string(rs.fits.residuals.size());
}

constexpr const char* kIdentityCaption =
    "At a fixed scale each NLL is a constant plus a positive multiple of its loss's objective: "
    "the line that minimizes J_l2 is the Gaussian maximum-likelihood line, the one that "
    "minimizes J_l1 the Laplace one.";

// A scrolling table needs its height: a header, two rows and the scroll bar.
float likelihoodTableHeight() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetTextLineHeightWithSpacing() * 3.0f + style.CellPadding.y * 6.0f +
           style.ScrollbarSize;
}

void drawLikelihoodTable(const RegressionState& rs) {
    const LikelihoodRows t = likelihoodRows(rs);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("likelihood", 5, kFlags, ImVec2(0, likelihoodTableHeight()))) return;
    ImGui::TableSetupColumn("noise ↔ loss");
    ImGui::TableSetupColumn("objective J (mean)");
    ImGui::TableSetupColumn("scale (MLE)");
    ImGui::TableSetupColumn("NLL = constant + data term");
    ImGui::TableSetupColumn("NLL");
    ImGui::TableHeadersRow();
    auto row = [](const char* name, const char* objective, double j, const char* scale, double s,
                  const char* formula, double constant, double data, double nll) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        ImGui::TableNextColumn();
        ImGui::Text("%s = %.4g", objective, j);
        ImGui::TableNextColumn();
        ImGui::Text("%s = %.4g", scale, s);
        ImGui::TableNextColumn();
        ImGui::Text("%.4g + %.4g", constant, data);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", formula);
        ImGui::TableNextColumn();
        ImGui::Text("%.5g", nll);
    };
    row("Gaussian ↔ l2", "mean r²", t.meanSquared, "σ", t.sigma,
        "n·log(√(2π)σ) + Σr²/(2σ²) = n·log(√(2π)σ) + n·J_l2/(2σ²)\n"
        "At σ = √(mean r²) the data term is n/2.",
        t.gaussianConstant, t.gaussianData, t.gaussianNll);
    row("Laplace ↔ l1", "mean |r|", t.meanAbsolute, "β", t.beta,
        "n·log(2β) + Σ|r|/β = n·log(2β) + n·J_l1/β\nAt β = mean |r| the data term is n.",
        t.laplaceConstant, t.laplaceData, t.laplaceNll);
    ImGui::EndTable();
}

}  // namespace

void updateResidualsPanel(AppState& state, bool visible) {
    prepareRegression(state, visible);
    RegressionState& rs = state.regression;
    if (!visible || !rs.initialized || rs.residuals.key == rs.fits.key) return;
    rs.residuals.key = rs.fits.key;
    rs.residuals.histogram = histogramOf(rs.fits.residuals);
}

void drawResidualsPanel(AppState& state, PanelGpu& gpu) {
    RegressionState& rs = state.regression;
    const std::string problem = regressionFitProblem(rs);
    if (!problem.empty()) {
        ImGui::TextWrapped("%s", problem.c_str());
        return;
    }
    const float font = ImGui::GetFontSize();
    ImGui::TextDisabled("%s", histogramTitle(rs).c_str());
    // Under the plot: the table and its caption when there is room for them and a readable
    // plot; in a small panel the caption goes first, then the table gives way to one line.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float minPlot = font * 8.0f;
    const float tableHeight = likelihoodTableHeight() + spacing;
    const float captionHeight =
        ImGui::CalcTextSize(kIdentityCaption, nullptr, false, avail.x).y + spacing;
    const bool table = avail.y - tableHeight >= minPlot;
    const bool caption = table && avail.y - tableHeight - captionHeight >= minPlot;
    const float below = table ? tableHeight + (caption ? captionHeight : 0.0f)
                              : ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 size(avail.x, std::max(avail.y - below - spacing, font * 4));
    {
        plot::ScreenPlot plot("residuals", size, residualRange(rs), countRange(rs),
                              histogramOptions(), &gpu);
        rs.residuals.transform = plot.transform();
        drawHistogramPlot(rs, plot);
        if (plot.hovered()) {
            const ResidualHistogram& h = rs.residuals.histogram;
            const int bin = static_cast<int>(std::floor((plot.mouseX() - h.low) / h.width));
            if (bin >= 0 && bin < static_cast<int>(h.counts.size())) {
                const double x0 = h.low + h.width * bin;
                ImGui::SetTooltip("r in [%.3g, %.3g): %d points", x0, x0 + h.width,
                                  h.counts[static_cast<std::size_t>(bin)]);
            }
        }
    }
    if (!table) {
        const LikelihoodRows t = likelihoodRows(rs);
        ImGui::Text("NLL: Gaussian %.5g, Laplace %.5g", t.gaussianNll, t.laplaceNll);
        if (ImGui::IsItemHovered()) {
            const std::vector<std::string> lines = identityLines(t);
            ImGui::SetTooltip("%s\n%s\n(a taller panel shows the table)", lines[0].c_str(),
                              lines[1].c_str());
        }
        return;
    }
    drawLikelihoodTable(rs);
    if (!caption) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", kIdentityCaption);
    ImGui::PopTextWrapPos();
}

void figureResidualsPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    prepareRegression(state, true);
    updateResidualsPanel(state, true);
    const RegressionState& rs = state.regression;
    const std::string problem = regressionFitProblem(rs);
    if (!problem.empty()) {
        canvas.text(area.min, canvas.textColor(), problem);
        return;
    }
    const float font = canvas.fontSize();
    const std::vector<std::string> lines = identityLines(likelihoodRows(rs));
    const float line = font * 1.3f;
    canvas.text(area.min, canvas.textColor(0.7f), histogramTitle(rs));
    const float textHeight = line * static_cast<float>(lines.size()) + font * 0.4f;
    const plot::Rect plotArea{{area.min.x, area.min.y + line},
                              {area.max.x, area.max.y - textHeight}};
    {
        plot::Plot plot(canvas, plotArea, residualRange(rs), countRange(rs), histogramOptions());
        drawHistogramPlot(rs, plot);
    }
    float y = area.max.y - textHeight + font * 0.4f;
    for (const std::string& text : lines) {
        canvas.text({area.min.x, y}, canvas.textColor(), text);
        y += line;
    }
}

}  // namespace losslab
