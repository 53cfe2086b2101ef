// A deliberate violation: the rule check must reject this file.
#include <imgui.h>
