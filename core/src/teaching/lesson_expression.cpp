// Lesson expressions (docs/lessons.md) on muParser: the state's names are bound as constants (so an
// expression cannot assign to them), `.` is a name character (loss.hinge_ww), `!` is a unary
// operator, and the functions are exactly abs, min, max, log (natural), exp and sqrt.
#include <muParser.h>

#include <cctype>
#include <cmath>
#include <deque>

#include "losslab/losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

#include "lesson_keys.hpp"

namespace losslab {

namespace {

constexpr const char* kNameChars =
    "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.";

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

double notOperator(double x) {
    return x == 0.0 ? 1.0 : 0.0;
}
double absFunction(double x) {
    return std::abs(x);
}
double logFunction(double x) {
    return std::log(x);
}
double expFunction(double x) {
    return std::exp(x);
}
double sqrtFunction(double x) {
    return std::sqrt(x);
}
double minFunction(const double* args, int count) {
    double m = args[0];
    for (int i = 1; i < count; ++i)
        m = std::min(m, args[i]);
    return m;
}
double maxFunction(const double* args, int count) {
    double m = args[0];
    for (int i = 1; i < count; ++i)
        m = std::max(m, args[i]);
    return m;
}

void configure(mu::Parser& parser) {
    parser.DefineNameChars(kNameChars);
    parser.ClearConst();  // no _pi, _e: only the names of docs/lessons.md
    parser.ClearFun();    // only the functions of docs/lessons.md
    parser.DefineFun("abs", absFunction);
    parser.DefineFun("min", minFunction);
    parser.DefineFun("max", maxFunction);
    parser.DefineFun("log", logFunction);
    parser.DefineFun("exp", expFunction);
    parser.DefineFun("sqrt", sqrtFunction);
    parser.DefineInfixOprt("!", notOperator, mu::prINFIX);
}

std::string trimmed(std::string text) {
    while (!text.empty() &&
           (std::isspace(static_cast<unsigned char>(text.back())) || text.back() == '.')) {
        text.pop_back();
    }
    return text;
}

// The index at the end of "s12", "grad.kl.3": -1 if the name has no such form.
int trailingIndex(const std::string& name, std::size_t from) {
    if (from >= name.size()) return -1;
    int index = 0;
    for (std::size_t i = from; i < name.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(name[i])) || index > 1000000) return -1;
        index = index * 10 + (name[i] - '0');
    }
    return index;
}

// Why a known kind of name has no value in this state; nothing if it is simply unknown.
std::optional<std::string> whyNoValue(const LessonState& state, const std::string& name) {
    if (name == "reg.w" || name == "reg.b" || name == "reg.objective") {
        return state.regression.error.empty() ? std::string("the fit was not measured")
                                              : state.regression.error;
    }
    if (name == "bp.loss" || name.compare(0, 6, "bp.dW.") == 0 ||
        name.compare(0, 6, "bp.db.") == 0 || name.compare(0, 6, "bp.dx.") == 0) {
        if (!state.backpropX) return std::string("no sample is pinned (bp.x = x1,x2)");
        if (!state.backprop.graph) return state.backprop.error;
        const Backprop& graph = *state.backprop.graph;
        return "W is " + std::to_string(graph.gradW.rows()) + " x " +
               std::to_string(graph.gradW.cols()) + " (bp.dW.k.d, bp.db.k with k < " +
               std::to_string(graph.gradW.rows()) + ", d < " + std::to_string(graph.gradW.cols()) +
               "), x has 2 entries (bp.dx.0, bp.dx.1)";
    }
    if (name == "train.step" || name == "train.loss" || name == "train.accuracy" ||
        name == "train.test_accuracy" || name == "train.w_norm") {
        if (!state.trainingError.empty()) return state.trainingError;
        if (name == "train.test_accuracy") {
            return std::string("there is no test set (train.test_fraction = 0)");
        }
        return std::string("training gave no finite value");
    }
    if (name.compare(0, 6, "batch.") == 0 && state.batch.empty()) {
        return std::string("no batch is set (batch = s,s,s:y; s,s,s:y)");
    }
    const int k = static_cast<int>(state.scene.logits.logits.size());
    int index = -1;
    if (!name.empty() && (name[0] == 's' || name[0] == 'p' || name[0] == 'q')) {
        index = trailingIndex(name, 1);
    } else if (name.compare(0, 5, "grad.") == 0) {
        const std::size_t dot = name.rfind('.');
        if (dot > 5 && lossFromKey(std::string_view(name).substr(5, dot - 5))) {
            index = trailingIndex(name, dot + 1);
        }
    }
    if (index >= k) {
        return "K = " + std::to_string(k) + ", so indices go from 0 to " + std::to_string(k - 1);
    }
    return std::nullopt;
}

std::string unknownName(const std::string& name, const LessonState* state) {
    if (state) {
        if (auto why = whyNoValue(*state, name)) {
            return "unknown name '" + name + "' here: " + *why;
        }
    }
    return "unknown name '" + name + "'";
}

// A muParser error as one line. `state` is null when checking syntax only.
std::string describe(const mu::ParserError& error, std::string_view expression,
                     const LessonState* state) {
    const std::string token = error.GetToken();
    if (error.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !token.empty() && isNameChar(token[0]) &&
        !std::isdigit(static_cast<unsigned char>(token[0]))) {
        std::size_t end = 0;
        while (end < token.size() && isNameChar(token[end]))
            ++end;
        return unknownName(token.substr(0, end), state);
    }
    if (error.GetCode() == mu::ecUNEXPECTED_PARENS && token == "(" && error.GetPos() > 0) {
        // A name before "(" that is not a function (syntax mode makes every name a variable).
        std::size_t end =
            std::min<std::size_t>(static_cast<std::size_t>(error.GetPos()), expression.size());
        while (end > 0 && expression[end - 1] == ' ')
            --end;
        std::size_t start = end;
        while (start > 0 && isNameChar(expression[start - 1]))
            --start;
        if (start < end && !std::isdigit(static_cast<unsigned char>(expression[start]))) {
            return "unknown function '" + std::string(expression.substr(start, end - start)) +
                   "' (the functions are abs, min, max, log, exp, sqrt)";
        }
    }
    std::string message = "syntax error: " + trimmed(error.GetMsg());
    if (error.GetCode() == mu::ecUNEXPECTED_OPERATOR && token == "=") {
        message += " (compare with ==)";
    }
    return message;
}

// Parses and evaluates with the names already bound; checks that there is one result.
std::optional<std::string> run(mu::Parser& parser, std::string_view expression,
                               const LessonState* state, double* value) {
    try {
        parser.SetExpr(std::string(expression));
        const double result = parser.Eval();
        if (parser.GetNumResults() != 1) {
            return "gives " + std::to_string(parser.GetNumResults()) +
                   " values (join conditions with && rather than ,)";
        }
        *value = result;
    } catch (const mu::ParserError& error) {
        return describe(error, expression, state);
    } catch (const std::exception& error) {
        return std::string("cannot evaluate: ") + error.what();
    }
    return std::nullopt;
}

double* syntaxVariable(const char*, void* storage) {
    auto* slots = static_cast<std::deque<double>*>(storage);
    slots->push_back(1.0);
    return &slots->back();
}

}  // namespace

std::vector<std::pair<std::string, double>> lessonNames(const LessonState& state) {
    std::vector<std::pair<std::string, double>> names;
    auto add = [&names](std::string name, double value) {
        if (std::isfinite(value)) names.emplace_back(std::move(name), value);
    };
    const SceneLogits& m = state.scene.logits;
    const Vec& s = m.logits;
    const int k = static_cast<int>(s.size());
    const int y = m.trueClass;
    const LossOptions& options = m.options;
    const Vec t = m.useSoftTarget && m.softTarget.size() == k ? m.softTarget : oneHot(k, y);
    const Vec q = smoothTarget(t, options.smoothing);
    const Vec p = softmax(s, options.temperature);
    add("K", k);
    add("y", y);
    add("T", options.temperature);
    add("eps", options.smoothing);
    for (int i = 0; i < k; ++i) {
        add("s" + std::to_string(i), s[i]);
        add("p" + std::to_string(i), p[i]);
        add("q" + std::to_string(i), q[i]);
    }
    add("entropy", entropy(p, options.logBase));
    add("margin", margin(s, y));
    add("lse", logSumExp(s, options.temperature));
    add("prediction", argmax(s));
    const std::vector<LossValue> losses = evaluateAllLosses(s, y, q, options);
    for (int l = 0; l < kLossCount; ++l) {
        const std::string key(lossKey(kAllLosses[static_cast<std::size_t>(l)]));
        const LossValue& loss = losses[static_cast<std::size_t>(l)];
        add("loss." + key, loss.value);
        for (int i = 0; i < loss.grad.size(); ++i)
            add("grad." + key + "." + std::to_string(i), loss.grad[i]);
    }
    // The batch: each row as `losslab eval` would give it (its own K, the scene's options).
    const int rows = static_cast<int>(state.batch.size());
    add("batch.n", rows);
    if (rows > 0) {
        const BatchEvaluation batch = evaluateBatch(state.batch, options);
        for (int r = 0; r < rows; ++r) {
            for (int l = 0; l < kLossCount; ++l) {
                add("batch." + std::to_string(r) + "." +
                        std::string(lossKey(kAllLosses[static_cast<std::size_t>(l)])),
                    batch.rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(l)].value);
            }
        }
        for (int l = 0; l < kLossCount; ++l) {
            add("batch.mean." + std::string(lossKey(kAllLosses[static_cast<std::size_t>(l)])),
                batch.mean[static_cast<std::size_t>(l)]);
        }
    }
    if (state.trainingError.empty()) {
        add("train.step", static_cast<double>(state.training.step));
        add("train.loss", state.training.loss);
        add("train.accuracy", state.training.accuracy);
        add("train.test_accuracy", state.training.testAccuracy);
        add("train.w_norm", state.training.wNorm);
    }
    if (const std::optional<ExactFit>& fit = state.regression.fit) {
        add("reg.w", fit->line.w);
        add("reg.b", fit->line.b);
        add("reg.objective", fit->objective.value);
    }
    if (const std::optional<Backprop>& graph = state.backprop.graph) {
        add("bp.loss", graph->loss);
        for (Eigen::Index c = 0; c < graph->gradW.rows(); ++c) {
            const std::string row = std::to_string(c);
            add("bp.db." + row, graph->gradB[c]);
            for (Eigen::Index d = 0; d < graph->gradW.cols(); ++d)
                add("bp.dW." + row + "." + std::to_string(d), graph->gradW(c, d));
        }
        for (Eigen::Index i = 0; i < graph->gradX.size(); ++i)
            add("bp.dx." + std::to_string(i), graph->gradX[i]);
    }
    return names;
}

std::optional<std::string> evaluateLessonExpression(std::string_view expression,
                                                    const LessonState& state, double* value) {
    double result = 0.0;
    try {
        mu::Parser parser;
        configure(parser);
        for (const auto& [name, v] : lessonNames(state))
            parser.DefineConst(name, v);
        if (auto error = run(parser, expression, &state, &result)) return error;
    } catch (const mu::ParserError& error) {
        return describe(error, expression, &state);
    }
    if (!std::isfinite(result)) {
        return std::string("the result is not a finite number (divides by zero or overflows)");
    }
    *value = result;
    return std::nullopt;
}

std::optional<std::string> checkLessonExpressionSyntax(std::string_view expression) {
    std::deque<double> slots;
    double ignored = 0.0;
    try {
        mu::Parser parser;
        configure(parser);
        parser.SetVarFactory(syntaxVariable, &slots);
        return run(parser, expression, nullptr, &ignored);
    } catch (const mu::ParserError& error) {
        return describe(error, expression, nullptr);
    }
}

}  // namespace losslab
