import { pack } from './pack';
import { MR, microKernel, nr } from './microkernel';

// Cache blocking in the GotoBLAS / BLIS style (Goto & van de Geijn 2008; Van Zee & van de
// Geijn 2015, "BLIS: A Framework for Rapidly Instantiating BLAS Functionality"):
//   KC  depth of one pass; the KC × NR sliver of packed B stays in L1 while the micro-kernel
//       walks down a column of A panels.
//   MC  rows of packed A per block; the MC × KC block stays in L2.
//   NC  columns of packed B per block; the KC × NC block lives in L3.
// The blocking depends on the shapes only, so the summation order is fixed for given inputs.
const KC = 256;
const MC = 40 * MR;
const NC = 4096;

// Packing buffers, sized for f64 (the f32 kernels use half of each).
const PACKED_A = memory.data(MC * KC * 8, 64);
const PACKED_B = memory.data(KC * NC * 8, 64);

/**
 * Batched C_p (+)= op(A_p) · op(B_p), p < batch; see GemmArgs in src/kernels/backend.ts.
 * Pointers are byte addresses in linear memory, strides are in elements (0 broadcasts).
 */
export function gemm<T extends number>(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize,
  accumulate: bool, batch: i32, strideA: usize, strideB: usize, strideC: usize,
): void {
  const size = <usize>sizeof<T>();
  for (let p = 0; p < batch; p++) {
    const q = <usize>p * size;
    gemmOne<T>(transA, transB, m, n, k, a + q * strideA, b + q * strideB, c + q * strideC, accumulate);
  }
}

function gemmOne<T extends number>(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool): void {
  const size = <usize>sizeof<T>();
  if (k == 0) {
    // An empty sum: C = 0, or C unchanged when accumulating.
    if (!accumulate) memory.fill(c, 0, <usize>m * <usize>n * size);
    return;
  }
  // op(A)[i, l] sits at a + (i·ai + l·al)·size, op(B)[l, j] at b + (j·bj + l·bl)·size.
  const ai = transA ? <usize>1 : <usize>k, al = transA ? <usize>m : <usize>1;
  const bj = transB ? <usize>k : <usize>1, bl = transB ? <usize>1 : <usize>n;
  const ldc = <usize>n * size;
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc);
      pack<T>(b + (<usize>jc * bj + <usize>pc * bl) * size, bj, bl, nb, kb, nr<T>(), PACKED_B);
      // The first K block overwrites C unless the caller accumulates; later blocks add to it.
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mb = min(MC, m - ic);
        pack<T>(a + (<usize>ic * ai + <usize>pc * al) * size, ai, al, mb, kb, MR, PACKED_A);
        macroKernel<T>(mb, nb, kb, c + <usize>ic * ldc + <usize>jc * size, ldc, add);
      }
    }
  }
}

// One packed MC × KC block of A against one packed KC × NC block of B, tile by tile.
function macroKernel<T extends number>(mb: i32, nb: i32, kb: i32, c: usize, ldc: usize, add: bool): void {
  const size = <usize>sizeof<T>();
  const NR = nr<T>();
  for (let jr = 0; jr < nb; jr += NR) {
    const bp = PACKED_B + <usize>jr * <usize>kb * size;
    for (let ir = 0; ir < mb; ir += MR) {
      const ap = PACKED_A + <usize>ir * <usize>kb * size;
      const cij = c + <usize>ir * ldc + <usize>jr * size;
      microKernel<T>(kb, ap, bp, cij, ldc, add, min(MR, mb - ir), min(NR, nb - jr));
    }
  }
}
