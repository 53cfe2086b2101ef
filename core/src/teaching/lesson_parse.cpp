// Lesson files (docs/lessons.md) read with cmark: the title, the steps, their prose as styled
// blocks, and the `key = value` lines of their `losslab` blocks, each checked against the key
// table.
#include <cmark.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "losslab/lesson.hpp"
#include "losslab/parse.hpp"

#include "lesson_keys.hpp"

namespace losslab {

namespace {

using lesson_detail::findKey;
using lesson_detail::KeyRole;
using lesson_detail::KeySpec;

// Blocks nested deeper than this (quotes in lists in quotes ...) are refused rather than
// walked, so that a hostile file cannot exhaust the stack.
constexpr int kMaxNesting = 64;

struct LessonError {
    int line;
    std::string what;
};

[[noreturn]] void fail(int line, const std::string& what) {
    throw LessonError{line, what};
}

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

void appendSpan(std::vector<ProseSpan>* spans, const std::string& text, bool bold, bool italic,
                bool code) {
    if (text.empty()) return;
    if (!spans->empty()) {
        ProseSpan& last = spans->back();
        if (last.bold == bold && last.italic == italic && last.code == code) {
            last.text += text;
            return;
        }
    }
    spans->push_back(ProseSpan{text, bold, italic, code});
}

// The inline content of a paragraph or heading as styled spans (links keep their text, images
// their description, raw HTML is dropped; a soft break is a space, a hard break a newline).
// An iterator rather than recursion: emphasis can nest arbitrarily deep.
std::vector<ProseSpan> inlineSpans(cmark_node* parent) {
    std::vector<ProseSpan> spans;
    int bold = 0, italic = 0;
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(parent));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        if (node == parent) continue;
        const int delta = event == CMARK_EVENT_ENTER ? 1 : -1;
        const char* literal = cmark_node_get_literal(node);
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_EMPH:
                italic += delta;
                break;
            case CMARK_NODE_STRONG:
                bold += delta;
                break;
            case CMARK_NODE_TEXT:
                appendSpan(&spans, literal ? literal : "", bold > 0, italic > 0, false);
                break;
            case CMARK_NODE_CODE:
                appendSpan(&spans, literal ? literal : "", bold > 0, italic > 0, true);
                break;
            case CMARK_NODE_SOFTBREAK:
                appendSpan(&spans, " ", bold > 0, italic > 0, false);
                break;
            case CMARK_NODE_LINEBREAK:
                appendSpan(&spans, "\n", bold > 0, italic > 0, false);
                break;
            default:
                break;
        }
    }
    return spans;
}

std::string plainText(cmark_node* node) {
    std::string text;
    for (const ProseSpan& span : inlineSpans(node))
        text += span.text;
    return std::string(trim(text));
}

bool isLosslabBlock(cmark_node* node) {
    const char* info = cmark_node_get_fence_info(node);
    if (!info) return false;
    std::string_view text = trim(info);
    const std::size_t space = text.find_first_of(" \t");
    return text.substr(0, space) == "losslab";
}

class LessonReader {
  public:
    explicit LessonReader(Lesson* lesson) : lesson_(lesson), prose_(&lesson->intro) {}

    void document(cmark_node* root) {
        bool haveTitle = false;
        int titleLine = 1;
        for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
            const int line = cmark_node_get_start_line(node);
            if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
                const int level = cmark_node_get_heading_level(node);
                if (level == 1 && !haveTitle && lesson_->steps.empty()) {
                    lesson_->title = plainText(node);
                    if (lesson_->title.empty()) fail(line, "the title ('# ' heading) is empty");
                    haveTitle = true;
                    titleLine = line;
                    continue;
                }
                if (level == 2) {
                    LessonStep step;
                    step.title = plainText(node);
                    step.line = line;
                    if (step.title.empty()) fail(line, "a step ('## ' heading) needs a title");
                    lesson_->steps.push_back(std::move(step));
                    prose_ = &lesson_->steps.back().prose;
                    continue;
                }
            }
            block(node, 0, false, 0);
        }
        if (!haveTitle) fail(1, "no title: a lesson starts with a '# ' heading");
        if (lesson_->steps.empty()) {
            fail(titleLine, "no steps: each step starts at a '## ' heading");
        }
        for (const LessonStep& step : lesson_->steps) {
            if (!step.solution.empty() && !step.task) {
                fail(step.solution.front().line, "solution." + step.solution.front().key +
                                                     ": a solution needs a task in "
                                                     "the same step");
            }
        }
    }

  private:
    void push(ProseBlock::Kind kind, std::vector<ProseSpan> spans, int level = 0, int number = 0) {
        ProseBlock b;
        b.kind = kind;
        b.level = level;
        b.number = number;
        b.spans = std::move(spans);
        prose_->push_back(std::move(b));
    }

    void block(cmark_node* node, int listDepth, bool quote, int nesting) {
        if (nesting > kMaxNesting) {
            fail(cmark_node_get_start_line(node),
                 "blocks nested more than " + std::to_string(kMaxNesting) + " deep");
        }
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_PARAGRAPH:
                push(quote ? ProseBlock::Kind::Quote : ProseBlock::Kind::Paragraph,
                     inlineSpans(node));
                break;
            case CMARK_NODE_HEADING:
                push(ProseBlock::Kind::Heading, inlineSpans(node),
                     cmark_node_get_heading_level(node));
                break;
            case CMARK_NODE_BLOCK_QUOTE:
                for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c))
                    block(c, listDepth, true, nesting + 1);
                break;
            case CMARK_NODE_LIST:
                list(node, listDepth, quote, nesting);
                break;
            case CMARK_NODE_CODE_BLOCK:
                if (isLosslabBlock(node)) {
                    settings(node);
                } else {
                    std::string code =
                        cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
                    if (!code.empty() && code.back() == '\n') code.pop_back();
                    push(ProseBlock::Kind::CodeBlock, {ProseSpan{code, false, false, true}});
                }
                break;
            default:  // raw HTML, thematic breaks: not shown
                break;
        }
    }

    void list(cmark_node* node, int depth, bool quote, int nesting) {
        const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        int number = cmark_node_get_list_start(node);
        for (cmark_node* item = cmark_node_first_child(node); item;
             item = cmark_node_next(item), ++number) {
            cmark_node* child = cmark_node_first_child(item);
            std::vector<ProseSpan> spans;
            if (child && cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
                spans = inlineSpans(child);
                child = cmark_node_next(child);
            }
            push(ordered ? ProseBlock::Kind::NumberedItem : ProseBlock::Kind::BulletItem,
                 std::move(spans), depth, ordered ? number : 0);
            for (; child; child = cmark_node_next(child))
                block(child, depth + 1, quote, nesting + 1);
        }
    }

    // The `key = value` lines of a losslab block; the content starts on the line after the
    // opening fence.
    void settings(cmark_node* node) {
        const int fence = cmark_node_get_start_line(node);
        if (lesson_->steps.empty()) {
            fail(fence, "a losslab block before the first step ('## ' heading)");
        }
        LessonStep& step = lesson_->steps.back();
        const char* literal = cmark_node_get_literal(node);
        std::string_view text = literal ? literal : "";
        int line = fence + 1;
        while (!text.empty()) {
            const std::size_t end = text.find('\n');
            setting(text.substr(0, end), line, &step);
            if (end == std::string_view::npos) break;
            text.remove_prefix(end + 1);
            ++line;
        }
    }

    static LessonExpression expression(const std::string& key, std::string_view value, int line) {
        if (auto e = checkLessonExpressionSyntax(value)) fail(line, key + ": " + *e);
        return LessonExpression{std::string(value), line};
    }

    // A state key (`key`, or the KEY of solution.KEY) whose value must have the right syntax.
    static LessonSetting stateSetting(const std::string& key, const std::string& shownKey,
                                      std::string_view value, int line) {
        const KeySpec* spec = findKey(key);
        if (!spec) fail(line, "unknown key '" + shownKey + "'");
        if (spec->role != KeyRole::State) {
            fail(line, shownKey + ": a solution holds settings, not task, hint or expect");
        }
        if (auto e = spec->apply(value, nullptr, nullptr)) fail(line, shownKey + ": " + *e);
        return LessonSetting{key, std::string(value), line};
    }

    static void setting(std::string_view text, int line, LessonStep* step) {
        const std::size_t hash = text.find('#');
        if (hash != std::string_view::npos) text = text.substr(0, hash);
        text = trim(text);
        if (text.empty()) return;
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos) {
            fail(line, "expected 'key = value', got '" + std::string(text) + "'");
        }
        const std::string key(trim(text.substr(0, equals)));
        const std::string_view value = trim(text.substr(equals + 1));
        if (key.empty()) fail(line, "a line without a key ('key = value')");
        const std::string solution = lesson_detail::kSolutionPrefix;
        if (key.compare(0, solution.size(), solution) == 0) {
            step->solution.push_back(stateSetting(key.substr(solution.size()), key, value, line));
            return;
        }
        const KeySpec* spec = findKey(key);
        if (spec && spec->role == KeyRole::Task) {
            if (step->task) {
                fail(line, "a second task in this step (line " + std::to_string(step->task->line) +
                               " has one)");
            }
            step->task = expression(key, value, line);
        } else if (spec && spec->role == KeyRole::Expect) {
            step->expects.push_back(expression(key, value, line));
        } else if (spec && spec->role == KeyRole::Hint) {
            if (value.empty()) fail(line, "hint: empty value");
            if (!step->hint.empty()) step->hint += '\n';
            step->hint += value;
        } else {
            step->settings.push_back(stateSetting(key, key, value, line));
        }
    }

    Lesson* lesson_;
    std::vector<ProseBlock>* prose_;  // where prose goes: the intro, then the current step
};

}  // namespace

std::optional<std::string> parseLesson(std::string_view markdown, const std::string& file,
                                       Lesson* out) {
    if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);  // UTF-8 BOM
    std::unique_ptr<cmark_node, NodeDeleter> root(
        cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_VALIDATE_UTF8));
    if (!root) return file + ":1: cannot parse the Markdown";
    Lesson lesson;
    lesson.path = file;
    try {
        LessonReader(&lesson).document(root.get());
    } catch (const LessonError& e) {
        return file + ":" + std::to_string(e.line) + ": " + e.what;
    }
    *out = std::move(lesson);
    return std::nullopt;
}

std::optional<std::string> loadLessonFile(const std::string& path, Lesson* out) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) return path + ": cannot open: " + std::strerror(errno);
    if (!S_ISREG(info.st_mode)) return path + ": not a regular file";
    if (static_cast<std::uintmax_t>(info.st_size) > kMaxLessonBytes) {
        return path + ": larger than the 4 MB limit for lesson files";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return path + ": cannot open: " + std::strerror(errno);
    std::ostringstream text;
    text << in.rdbuf();
    return parseLesson(text.str(), path, out);
}

}  // namespace losslab
