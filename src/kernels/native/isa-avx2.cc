// AVX2 + FMA kernels (Haswell and later, Zen): 6 × 16 f32 and 6 × 8 f64 register tiles, the
// shape of BLIS's Haswell kernels. 12 accumulators, 2 B vectors and 1 broadcast fill 15 of the
// 16 ymm registers. The whole file is compiled for this target; cpu.cc only calls it when
// cpuid says the CPU has AVX2 and FMA.
#if defined(__x86_64__)
#pragma GCC target("avx2,fma")
#include <immintrin.h>

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

struct F32x8 {
  using T = float;
  using V = __m256;
  static constexpr int W = 8;
  static V zero() { return _mm256_setzero_ps(); }
  static V load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, V x) { _mm256_storeu_ps(p, x); }
  static V set1(T x) { return _mm256_set1_ps(x); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static V add(V a, V b) { return _mm256_add_ps(a, b); }
};

struct F64x4 {
  using T = double;
  using V = __m256d;
  static constexpr int W = 4;
  static V zero() { return _mm256_setzero_pd(); }
  static V load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, V x) { _mm256_storeu_pd(p, x); }
  static V set1(T x) { return _mm256_set1_pd(x); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V add(V a, V b) { return _mm256_add_pd(a, b); }
};

constexpr int MR = 6;

template <typename Vec>
constexpr GemmKernel<typename Vec::T> kernel(int kc, int mc, int nc) {
  using T = typename Vec::T;
  return {microKernel<Vec, MR, 2>, microKernel<Vec, MR, 1>, pack<T, MR>, pack<T, 2 * Vec::W, Vec::W>, smallGemm<T>, MR, 2 * Vec::W, kc, mc, nc};
}

}  // namespace

const Isa kAvx2Isa = {
    "avx2",
    kernel<F32x8>(256, 24 * MR, 256 * 16), kernel<F64x4>(256, 12 * MR, 256 * 8),
    fusedKernels<float>(), fusedKernels<double>(), jacobiSweepsBatch<4>,
};

}  // namespace groklab

#endif  // __x86_64__
