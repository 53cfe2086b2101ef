#include "cli/lesson_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "io/data_paths.hpp"
#include "io/json_writer.hpp"
#include "losslab/lesson.hpp"

namespace losslab::cli {

namespace {

void writeReport(JsonWriter& w, const LessonReport& report) {
    w.beginObject();
    w.field("file", report.file);
    w.field("title", report.title);
    w.key("steps").beginArray();
    for (const LessonStepReport& step : report.steps) {
        w.beginObject();
        w.field("title", step.title);
        w.key("expects").beginArray();
        for (const LessonExpectResult& expect : step.expects) {
            w.beginObject();
            w.field("expr", expect.expr);
            w.field("ok", expect.ok);
            w.endObject();
        }
        w.endArray();
        w.key("task");
        if (step.task) {
            w.beginObject();
            w.field("expr", step.task->expr);
            w.field("at_start", step.task->atStart);
            w.field("with_solution", step.task->withSolution);
            w.endObject();
        } else {
            w.null();
        }
        w.endObject();
    }
    w.endArray();
    w.field("ok", report.ok);
    w.endObject();
}

}  // namespace

CLI::App* addLessonCommand(CLI::App& app, LessonArgs& args) {
    CLI::App* lesson = app.add_subcommand(
        "lesson", "Lessons (Markdown files with steps, tasks and checks), without a display");
    lesson->require_subcommand(1);
    args.check = lesson->add_subcommand(
        "check",
        "Walk every step of each lesson from the default scene and print, as JSON, whether each "
        "expect holds and each task is false at the start and true with its solution; exit 0 "
        "when all are ok, 1 when one is not, 2 when a file cannot be read or evaluated");
    args.check->add_option("files", args.files, "Lesson files (*.md)")->required();
    args.list = lesson->add_subcommand(
        "list", "List the built-in lessons (file, absolute path, title, number of steps) as JSON");
    args.list->add_option("--dir", args.listDir,
                          "List the lessons (*.md) of this folder instead of the built-in ones");
    return lesson;
}

int runLessonCheck(const std::vector<std::string>& files, const std::string& presetDir,
                   std::string* json, std::string* error) {
    JsonWriter w;
    bool allOk = true;
    w.beginObject();
    w.key("files").beginArray();
    for (const std::string& file : files) {
        Lesson lesson;
        if (auto e = loadLessonFile(file, &lesson)) {
            *error = *e;
            return 2;
        }
        LessonReport report;
        if (auto e = checkLesson(lesson, lessonContextFor(file, presetDir), &report)) {
            *error = *e;
            return 2;
        }
        allOk = allOk && report.ok;
        writeReport(w, report);
    }
    w.endArray();
    w.field("ok", allOk);
    w.endObject();
    *json = w.str();
    return allOk ? 0 : 1;
}

bool runLessonList(const std::string& lessonDir, std::string* json, std::string* error) {
    std::vector<std::filesystem::path> paths;
    std::error_code code;
    for (std::filesystem::directory_iterator it(lessonDir, code), end; !code && it != end;
         it.increment(code)) {
        if (it->path().extension() == ".md" && it->is_regular_file()) paths.push_back(it->path());
    }
    if (code) {
        *error = "cannot read the lessons folder '" + lessonDir + "': " + code.message();
        return false;
    }
    std::sort(paths.begin(), paths.end(),
              [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
    JsonWriter w;
    w.beginObject();
    w.key("lessons").beginArray();
    for (const std::filesystem::path& path : paths) {
        w.beginObject();
        w.field("file", path.filename().string());
        std::error_code absoluteError;
        const std::filesystem::path absolute = std::filesystem::absolute(path, absoluteError);
        w.field("path", (absoluteError ? path : absolute.lexically_normal()).string());
        Lesson lesson;
        if (auto e = loadLessonFile(path.string(), &lesson)) {
            w.field("error", *e);
        } else {
            w.field("title", lesson.title);
            w.field("steps", static_cast<long long>(lesson.steps.size()));
        }
        w.endObject();
    }
    w.endArray();
    w.endObject();
    *json = w.str();
    return true;
}

int runLesson(const LessonArgs& args) {
    std::string json, error;
    if (args.check && *args.check) {
        const int code = runLessonCheck(args.files, dataPath("scenes"), &json, &error);
        if (code == 2) {
            std::fprintf(stderr, "losslab lesson check: %s\n", error.c_str());
            return 2;
        }
        std::printf("%s\n", json.c_str());
        return code;
    }
    const std::string dir = args.listDir.empty() ? dataPath("lessons") : args.listDir;
    if (!runLessonList(dir, &json, &error)) {
        std::fprintf(stderr, "losslab lesson list: %s\n", error.c_str());
        return 2;
    }
    std::printf("%s\n", json.c_str());
    return 0;
}

}  // namespace losslab::cli
