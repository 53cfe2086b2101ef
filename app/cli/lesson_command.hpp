#pragma once
// `losslab lesson check FILE...` and `losslab lesson list` (docs/lessons.md): lessons checked
// without a display, and the built-in lessons (io/data_paths.hpp: installed or the source assets/).
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace losslab::cli {

struct LessonArgs {
    std::vector<std::string> files;  // lesson check FILE...
    std::string listDir;             // lesson list --dir (default: the built-in lessons)
    CLI::App* check = nullptr;       // set by addLessonCommand
    CLI::App* list = nullptr;
};

// Registers `lesson` with its subcommands `check` and `list` on `app`; returns `lesson`.
CLI::App* addLessonCommand(CLI::App& app, LessonArgs& args);

// `lesson check`: walks every step of every file and builds the JSON of docs/lessons.md. Returns
// the exit code: 0 when every file is ok, 1 when one is not (json is set in both cases), 2 when a
// file cannot be read, parsed or evaluated (then `error` is "FILE:LINE: what" and json is empty).
int runLessonCheck(const std::vector<std::string>& files, const std::string& presetDir,
                   std::string* json, std::string* error);
// `lesson list`: the *.md files of `lessonDir`, sorted by file name, as
// {"lessons": [{"file", "path", "title", "steps"}]} (path: absolute); a lesson that does not parse
// has "error" instead of title and steps. Returns false (and sets `error`) when the folder cannot
// be read.
bool runLessonList(const std::string& lessonDir, std::string* json, std::string* error);

// Runs the subcommand that was given, printing its JSON or its error; returns the exit code.
int runLesson(const LessonArgs& args);

}  // namespace losslab::cli
