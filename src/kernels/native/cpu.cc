// Run-time dispatch: one binary carries every kernel table, each compiled for its own target
// (isa-*.cc), and cpuid decides which one may run here. Detection is at run time, not build
// time, so an addon built on one x86-64 machine still works on an older one.
#include "cpu.h"

#include <atomic>
#include <cstring>

namespace groklab {
namespace {

#if defined(__x86_64__)
const Isa* const kAll[] = {&kAvx512Isa, &kAvx2Isa, &kGenericIsa};
#else
const Isa* const kAll[] = {&kGenericIsa};
#endif

bool runs(const Isa& isa) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  // NOTE: libgcc also checks (xgetbv) that the OS saves the ymm / zmm state, so these are
  // false on a CPU with AVX-512 under an OS that does not enable it.
  if (&isa == &kAvx512Isa) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("fma");
  }
  if (&isa == &kAvx2Isa) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  return &isa == &kGenericIsa;
}

const Isa* best() {
  for (const Isa* isa : kAll)
    if (runs(*isa)) return isa;
  return &kGenericIsa;
}

std::atomic<const Isa*> current{nullptr};

}  // namespace

int supportedIsas(const Isa** out, int capacity) {
  int count = 0;
  for (const Isa* isa : kAll)
    if (runs(*isa) && count < capacity) out[count++] = isa;
  return count;
}

const Isa& currentIsa() {
  const Isa* isa = current.load();
  if (!isa) current.store(isa = best());
  return *isa;
}

bool selectIsa(const char* name) {
  for (const Isa* isa : kAll) {
    if (std::strcmp(isa->name, name) == 0 && runs(*isa)) {
      current.store(isa);
      return true;
    }
  }
  return false;
}

}  // namespace groklab
