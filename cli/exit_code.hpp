#pragma once
// The exit codes of safeassess, in one place. Documented in README "Exit codes".

namespace safeassess::cli {

enum class ExitCode : int {
  Ok = 0,            // ran, and no gate tripped (also --help and --version)
  GateTripped = 1,   // ran, and a --fail-below / --fail-on gate tripped
  InvalidInput = 2,  // invalid usage or input; the message names the place
  InternalError = 3  // a bug in safeassess; please report it with the input
};

inline int code(ExitCode c) {
  return static_cast<int>(c);
}

}  // namespace safeassess::cli
