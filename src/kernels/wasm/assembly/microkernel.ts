import { lanes, madd } from './simd';

/** Rows of the register tile. */
export const MR = 5;

/** Columns of the register tile: two vectors (8 for f32, 4 for f64). */
// @ts-ignore: decorator
@inline export function nr<T extends number>(): i32 {
  return 2 * lanes<T>();
}

// Staging area for tiles that hang over the edge of C: MR rows of two vectors.
const TILE = memory.data(MR * 32, 16);

/**
 * The micro-kernel: C[0:rows, 0:cols] (+)= Ap · Bp over depth kc, where Ap is an MR-wide
 * panel and Bp an NR-wide panel from pack(). The MR × NR block of C lives in 2·MR vector
 * registers for the whole k loop; each step loads one row of Bp (two vectors), broadcasts
 * the MR values of Ap and does 2·MR multiply-adds. Every C[i, j] is summed in increasing k.
 *
 * Why 5 × 8 (f32): V8 gives wasm 15 allocatable xmm registers. 10 accumulators + 2 B vectors
 * + 1 broadcast + 1 product fit; 6 × 8 spills inside the loop and runs ~40% slower.
 * Unrolling k does not help either: TurboFan hoists the loads of both steps and spills.
 */
export function microKernel<T extends number>(kc: i32, a: usize, b: usize, c: usize, ldc: usize, add: bool, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const zero = v128.splat<T>(<T>0);
  let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
  let c30 = zero, c31 = zero, c40 = zero, c41 = zero;
  for (let l = 0; l < kc; l++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load_splat<T>(a);
    c00 = madd<T>(c00, ai, b0);
    c01 = madd<T>(c01, ai, b1);
    ai = v128.load_splat<T>(a, size);
    c10 = madd<T>(c10, ai, b0);
    c11 = madd<T>(c11, ai, b1);
    ai = v128.load_splat<T>(a, 2 * size);
    c20 = madd<T>(c20, ai, b0);
    c21 = madd<T>(c21, ai, b1);
    ai = v128.load_splat<T>(a, 3 * size);
    c30 = madd<T>(c30, ai, b0);
    c31 = madd<T>(c31, ai, b1);
    ai = v128.load_splat<T>(a, 4 * size);
    c40 = madd<T>(c40, ai, b0);
    c41 = madd<T>(c41, ai, b1);
    a += <usize>MR * size;
    b += 32;
  }
  if (rows == MR && cols == nr<T>()) {
    storeRow<T>(c, c00, c01, add);
    storeRow<T>(c + ldc, c10, c11, add);
    storeRow<T>(c + 2 * ldc, c20, c21, add);
    storeRow<T>(c + 3 * ldc, c30, c31, add);
    storeRow<T>(c + 4 * ldc, c40, c41, add);
  } else {
    storeRow<T>(TILE, c00, c01, false);
    storeRow<T>(TILE + 32, c10, c11, false);
    storeRow<T>(TILE + 64, c20, c21, false);
    storeRow<T>(TILE + 96, c30, c31, false);
    storeRow<T>(TILE + 128, c40, c41, false);
    storePartial<T>(c, ldc, add, rows, cols);
  }
}

// One row of the tile: two vectors, added to what C holds when accumulating.
// @ts-ignore: decorator
@inline function storeRow<T extends number>(c: usize, x0: v128, x1: v128, add: bool): void {
  if (add) {
    x0 = v128.add<T>(v128.load(c), x0);
    x1 = v128.add<T>(v128.load(c, 16), x1);
  }
  v128.store(c, x0);
  v128.store(c, x1, 16);
}

// Copy the valid rows × cols corner of TILE into C, with the same arithmetic as storeRow.
function storePartial<T extends number>(c: usize, ldc: usize, add: bool, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  for (let i = 0; i < rows; i++) {
    const t = TILE + <usize>i * 32;
    const ci = c + <usize>i * ldc;
    for (let j = 0; j < cols; j++) {
      const x = load<T>(t + <usize>j * size);
      const p = ci + <usize>j * size;
      store<T>(p, add ? <T>(load<T>(p) + x) : x);
    }
  }
}
