#pragma once
// A state header that includes the UI: the layering check must refuse it.
#include "ui/main_frame.hpp"
