#pragma once
// Key codes as Dear ImGui 1.86 sees them: the GLFW backend stores GLFW key codes in
// io.KeysDown[], and the headless backend and tests use the same numbers.
namespace losslab::keys {

inline constexpr int kDigit0 = 48;  // '0' … '9' are 48 … 57
inline constexpr int kEqual = 61;
inline constexpr int kMinus = 45;
inline constexpr int kB = 66;
inline constexpr int kF = 70;
inline constexpr int kH = 72;
inline constexpr int kR = 82;
inline constexpr int kS = 83;
inline constexpr int kY = 89;
inline constexpr int kZ = 90;
inline constexpr int kSpace = 32;
inline constexpr int kEscape = 256;
inline constexpr int kRight = 262;
inline constexpr int kLeft = 263;
inline constexpr int kPageUp = 266;
inline constexpr int kPageDown = 267;
inline constexpr int kHome = 268;
inline constexpr int kEnd = 269;
inline constexpr int kF1 = 290;
inline constexpr int kF11 = 300;
inline constexpr int kF12 = 301;
inline constexpr int kKeypadSubtract = 333;
inline constexpr int kKeypadAdd = 334;

}  // namespace losslab::keys
