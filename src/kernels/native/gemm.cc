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

/**
 * The macro-kernel: C (+)= op(A) · Bp for a kb-deep packed block Bp of nb columns, mc rows of
 * op(A) packed into `pa` at a time; op(A)[i, l] = a[i·ai + l·al].
 */
template <typename T>
void multiplyBlock(const GemmKernel<T>& K, int m, int nb, int kb, const T* a, ptrdiff_t ai, ptrdiff_t al, const T* pb, T* c, ptrdiff_t ldc, bool add, T* pa) {
  for (int ic = 0; ic < m; ic += K.mc) {
    const int mb = min(K.mc, m - ic);
    K.packA(a + ic * ai, ai, al, mb, kb, pa);
    for (int jr = 0; jr < nb; jr += K.nr) {
      const T* bp = pb + (ptrdiff_t)jr * kb;
      const int cols = min(K.nr, nb - jr);
      // NOTE: the half-width tail kernel does the same multiply-adds in the same order as
      // the full one, so which of them computes a column never changes its bits.
      const MicroKernel<T> run = 2 * cols <= K.nr ? K.runTail : K.run;
      for (int ir = 0; ir < mb; ir += K.mr) {
        run(kb, pa + (ptrdiff_t)ir * kb, bp, c + (ic + ir) * ldc + jr, ldc, add, min(K.mr, mb - ir), cols);
      }
    }
  }
}

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
      multiplyBlock(K, m, nb, kb, a + pc * al, ai, al, pb, c + jc, ldc, accumulate || pc > 0, pa);
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

namespace {

/** Columns rounded up to whole panels of NR, as pack() stores them. */
template <typename T>
int paddedWidth(const GemmKernel<T>& K, int n) {
  return (n + K.nr - 1) / K.nr * K.nr;
}

/** Rows [i0, i1) × columns [j0, j1) of C = A · B with a packed B; j0 a multiple of NR. */
template <typename T>
struct PackedPart {
  const PackedB<T>* b;
  const T* a;
  T* c;
  bool accumulate;
  int i0, i1, j0, j1;
};

template <typename T>
void gemmPackedPart(const PackedPart<T>& part) {
  const PackedB<T>& b = *part.b;
  const GemmKernel<T>& K = b.kernel;
  const int m = part.i1 - part.i0;
  if (m <= 0 || part.j1 <= part.j0) return;
  T* pa = static_cast<T*>(packedA.get(sizeof(T) * (size_t)K.mc * min(K.kc, b.k)));
  const T* a = part.a + (ptrdiff_t)part.i0 * b.k;
  T* c = part.c + (ptrdiff_t)part.i0 * b.n;
  for (int jc = 0; jc < b.n; jc += K.nc) {
    const int j0 = jc > part.j0 ? jc : part.j0, j1 = min(jc + K.nc, part.j1);
    if (j0 >= j1) continue;
    for (int pc = 0; pc < b.k; pc += K.kc) {
      const int kb = min(K.kc, b.k - pc);
      multiplyBlock(K, m, j1 - j0, kb, a + pc, (ptrdiff_t)b.k, (ptrdiff_t)1, b.block(jc, pc) + (ptrdiff_t)(j0 - jc) * kb, c + j0, b.n, part.accumulate || pc > 0, pa);
    }
  }
}

}  // namespace

template <typename T>
PackedB<T>::PackedB(const GemmKernel<T>& K, bool transB, int k, int n, const T* b) : kernel(K), transB(transB), k(k), n(n), b(b) {
  if (k == 0 || n == 0) return;
  data_ = static_cast<T*>(std::aligned_alloc(64, ((sizeof(T) * (size_t)k * paddedWidth(K, n)) + 63) & ~size_t(63)));
  const ptrdiff_t bl = transB ? 1 : n, bj = transB ? k : 1;
  for (int jc = 0; jc < n; jc += K.nc)
    for (int pc = 0; pc < k; pc += K.kc) K.packB(b + jc * bj + pc * bl, bj, bl, min(K.nc, n - jc), min(K.kc, k - pc), const_cast<T*>(block(jc, pc)));
}

template <typename T>
PackedB<T>::~PackedB() {
  std::free(data_);
}

// Column block jc starts after jc / nc full blocks of k × nc; inside it, depth block pc after pc rows of its padded width.
template <typename T>
const T* PackedB<T>::block(int jc, int pc) const {
  return data_ + (ptrdiff_t)jc * k + (ptrdiff_t)pc * paddedWidth(kernel, min(kernel.nc, n - jc));
}

template <typename T>
void gemmPacked(int m, const T* a, const PackedB<T>& b, T* c, bool accumulate) {
  const GemmKernel<T>& K = b.kernel;
  if (m == 0 || b.n == 0) return;
  if ((int64_t)m * b.n * b.k <= kSmall) {
    const ptrdiff_t bl = b.transB ? 1 : b.n, bj = b.transB ? b.k : 1;
    K.small(m, b.n, b.k, a, b.k, 1, b.b, bl, bj, c, accumulate);
    return;
  }
  // As in gemm(): each thread computes whole elements of C, here a half of its columns (both
  // read the one packed B), or of its rows when C is too narrow.
  PackedPart<T> halves[2] = {{&b, a, c, accumulate, 0, m, 0, b.n}, {&b, a, c, accumulate, 0, 0, 0, 0}};
  if ((double)m * b.n * b.k >= kParallel) {
    if (b.n >= 2 * K.nr) {
      const int half = (b.n / K.nr + 1) / 2 * K.nr;
      halves[0].j1 = half;
      halves[1] = {&b, a, c, accumulate, 0, m, half, b.n};
    } else if (m >= 2 * K.mr) {
      const int half = (m / K.mr + 1) / 2 * K.mr;
      halves[0].i1 = half;
      halves[1] = {&b, a, c, accumulate, half, m, 0, b.n};
    }
    auto job = [](void* context, int part) { gemmPackedPart(static_cast<PackedPart<T>*>(context)[part]); };
    if (halves[1].i1 > 0 && runOnBoth(job, halves)) return;
  }
  gemmPackedPart(PackedPart<T>{&b, a, c, accumulate, 0, m, 0, b.n});
}

template void gemm<float>(const GemmKernel<float>&, const GemmCall<float>&);
template void gemm<double>(const GemmKernel<double>&, const GemmCall<double>&);
template class PackedB<float>;
template class PackedB<double>;
template void gemmPacked<float>(int, const float*, const PackedB<float>&, float*, bool);
template void gemmPacked<double>(int, const double*, const PackedB<double>&, double*, bool);

}  // namespace groklab
