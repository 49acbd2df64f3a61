// The portable path: plain C++ for any x86-64 (or other) CPU. The "vectors" are single
// elements; the compiler may still vectorize the 4 × 8 tile with the baseline instruction set.
#include <cmath>
#include <cstring>
#include <vector>

#include "kernels.h"

namespace groklab {
namespace {

#include "small.h"  // before fused.h: attention.h uses its dot()
#include "fused.h"
#include "microkernel.h"
#include "pack.h"

template <typename E>
struct Scalar {
  using T = E;
  using V = E;
  static constexpr int W = 1;
  static V zero() { return E(0); }
  static V load(const E* p) { return *p; }
  static void store(E* p, V x) { *p = x; }
  static V set1(E x) { return x; }
  // Two roundings: the baseline instruction set has no fused multiply-add.
  static V fma(V a, V b, V c) { return a * b + c; }
  static V add(V a, V b) { return a + b; }
};

constexpr int MR = 4, NR = 8;

template <typename T>
constexpr GemmKernel<T> kernel() {
  return {microKernel<Scalar<T>, MR, NR>, microKernel<Scalar<T>, MR, NR / 2>, pack<T, MR>, pack<T, NR, NR / 2>, smallGemm<T>, MR, NR, 256, 64 * MR, 512 * NR};
}

}  // namespace

const Isa kGenericIsa = {
    "generic", kernel<float>(), kernel<double>(), fusedKernels<float>(), fusedKernels<double>(), jacobiSweepsBatch<2>};

}  // namespace groklab
