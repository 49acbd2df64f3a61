// Which kernel table runs: chosen from cpuid at load time, overridable for tests and benchmarks.
#pragma once
#include "kernels.h"

namespace groklab {

/** The instruction sets this CPU can run, best first (the portable one is always there). */
int supportedIsas(const Isa** out, int capacity);

/** The table in use; the best supported one until selectIsa() changes it. */
const Isa& currentIsa();

/** Switches to the named table; false if this CPU cannot run it or the name is unknown. */
bool selectIsa(const char* name);

}  // namespace groklab
