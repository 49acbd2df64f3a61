// Cache blocking in the GotoBLAS / BLIS style (Goto & van de Geijn 2008; Van Zee & van de
// Geijn 2015): five loops around the micro-kernel.
//   NC  columns of packed B per block: the KC × NC block lives in L2/L3.
//   KC  depth of one pass: the KC × NR sliver of packed B stays in L1 while the micro-kernel
//       walks down the packed A panels.
//   MC  rows of packed A per block: the MC × KC block stays in L2.
// The blocking depends on the shapes and the instruction set only, so the summation order,
// and with it every bit of C, is fixed for given inputs.
#include "gemm.h"

#include <cstdlib>

#include "helper.h"

namespace groklab {
namespace {

/** A growable 64-byte-aligned scratch buffer. */
struct Scratch {
  void* data = nullptr;
  size_t bytes = 0;
  void* get(size_t want) {
    if (want > bytes) {
      std::free(data);
      bytes = (want + 63) & ~size_t(63);
      data = std::aligned_alloc(64, bytes);
    }
    return data;
  }
  ~Scratch() { std::free(data); }
};

// One pair of packing buffers per thread: the helper thread and Node worker threads pack
// their own blocks.
thread_local Scratch packedA, packedB;

int min(int a, int b) { return a < b ? a : b; }

/** A block of C = rows [i0, i1) × columns [j0, j1) of every matrix of the batch. */
template <typename T>
struct Block {
  const GemmKernel<T>* kernel;
  const GemmCall<T>* call;
  int i0, i1, j0, j1;
};

/** C (+)= op(A) · op(B) for one matrix; op(A)[i, l] = a[i·ai + l·al], op(B)[l, j] = b[l·bl + j·bj]. */
template <typename T>
void gemmOne(const GemmKernel<T>& K, int m, int n, int k, const T* a, ptrdiff_t ai, ptrdiff_t al,
             const T* b, ptrdiff_t bl, ptrdiff_t bj, T* c, ptrdiff_t ldc, bool accumulate, T* pa, T* pb) {
  for (int jc = 0; jc < n; jc += K.nc) {
    const int nb = min(K.nc, n - jc);
    for (int pc = 0; pc < k; pc += K.kc) {
      const int kb = min(K.kc, k - pc);
      K.packB(b + jc * bj + pc * bl, bj, bl, nb, kb, pb);
      // The first K block overwrites C unless the caller accumulates; later blocks add to it.
      const bool add = accumulate || pc > 0;
      for (int ic = 0; ic < m; ic += K.mc) {
        const int mb = min(K.mc, m - ic);
        K.packA(a + ic * ai + pc * al, ai, al, mb, kb, pa);
        for (int jr = 0; jr < nb; jr += K.nr) {
          const T* bp = pb + (ptrdiff_t)jr * kb;
          const int cols = min(K.nr, nb - jr);
          // NOTE: the half-width tail kernel does the same multiply-adds in the same order as
          // the full one, so which of them computes a column never changes its bits.
          const MicroKernel<T> run = 2 * cols <= K.nr ? K.runTail : K.run;
          for (int ir = 0; ir < mb; ir += K.mr) {
            run(kb, pa + (ptrdiff_t)ir * kb, bp, c + (ic + ir) * ldc + jc + jr, ldc, add, min(K.mr, mb - ir), cols);
          }
        }
      }
    }
  }
}

/** Every matrix of the batch, restricted to one block of C. */
template <typename T>
void gemmBlock(const Block<T>& blk) {
  const GemmKernel<T>& K = *blk.kernel;
  const GemmCall<T>& g = *blk.call;
  const int m = blk.i1 - blk.i0, n = blk.j1 - blk.j0;
  if (m <= 0 || n <= 0) return;
  const int kb = min(K.kc, g.k);
  T* pa = static_cast<T*>(packedA.get(sizeof(T) * (size_t)K.mc * kb));
  T* pb = static_cast<T*>(packedB.get(sizeof(T) * (size_t)kb * ((min(K.nc, n) + K.nr - 1) / K.nr * K.nr)));
  const ptrdiff_t ai = g.transA ? 1 : g.k, al = g.transA ? g.m : 1;
  const ptrdiff_t bl = g.transB ? 1 : g.n, bj = g.transB ? g.k : 1;
  for (int p = 0; p < g.batch; p++) {
    const T* a = g.a + p * g.strideA + blk.i0 * ai;
    const T* b = g.b + p * g.strideB + blk.j0 * bj;
    T* c = g.c + p * g.strideC + (ptrdiff_t)blk.i0 * g.n + blk.j0;
    gemmOne(K, m, n, g.k, a, ai, al, b, bl, bj, c, g.n, g.accumulate, pa, pb);
  }
}

/** Below this many multiply-adds per matrix (k = 0 included), packing costs more than it saves. */
constexpr int64_t kSmall = 4096;

/** Below this many multiply-adds per call, waking the helper thread costs more than it saves. */
constexpr double kParallel = 4e6;

}  // namespace

template <typename T>
void gemm(const GemmKernel<T>& K, const GemmCall<T>& g) {
  if (g.m == 0 || g.n == 0 || g.batch == 0) return;
  if ((int64_t)g.m * g.n * g.k <= kSmall) {
    const ptrdiff_t ai = g.transA ? 1 : g.k, al = g.transA ? g.m : 1;
    const ptrdiff_t bl = g.transB ? 1 : g.n, bj = g.transB ? g.k : 1;
    for (int p = 0; p < g.batch; p++) {
      K.small(g.m, g.n, g.k, g.a + p * g.strideA, ai, al, g.b + p * g.strideB, bl, bj, g.c + p * g.strideC, g.accumulate);
    }
    return;
  }
  // Two threads take one half of C each, rows or columns, never the k sum: every element is
  // computed exactly as on one thread, so the thread count never changes a bit of the result.
  // Each thread packs the whole of the operand it shares, so split the side that keeps that
  // operand the smaller one.
  Block<T> halves[2] = {{&K, &g, 0, g.m, 0, g.n}, {&K, &g, 0, 0, 0, 0}};
  if ((double)g.m * g.n * g.k * g.batch >= kParallel) {
    if (g.m >= g.n && g.m >= 2 * K.mr) {
      const int half = (g.m / K.mr + 1) / 2 * K.mr;
      halves[0].i1 = half;
      halves[1] = {&K, &g, half, g.m, 0, g.n};
    } else if (g.n >= 2 * K.nr) {
      const int half = (g.n / K.nr + 1) / 2 * K.nr;
      halves[0].j1 = half;
      halves[1] = {&K, &g, 0, g.m, half, g.n};
    }
    auto job = [](void* context, int part) { gemmBlock(static_cast<Block<T>*>(context)[part]); };
    if (halves[1].i1 > 0 && runOnBoth(job, halves)) return;
  }
  gemmBlock(Block<T>{&K, &g, 0, g.m, 0, g.n});
}

template void gemm<float>(const GemmKernel<float>&, const GemmCall<float>&);
template void gemm<double>(const GemmKernel<double>&, const GemmCall<double>&);

}  // namespace groklab
