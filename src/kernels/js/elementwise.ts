import type { BinaryOp, FloatArray } from '../backend.js';

/**
 * out[i] = a[i mod pa] ∘ b[i mod pb]. One loop per op so that each stays monomorphic: through a
 * shared callback V8 cannot inline the op, and an add costs several times more.
 */
export function tiled(op: BinaryOp, a: FloatArray, pa: number, b: FloatArray, pb: number, out: FloatArray): void {
  const n = out.length;
  let ja = 0;
  let jb = 0;
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) {
        out[i] = a[ja] + b[jb];
        if (++ja === pa) ja = 0;
        if (++jb === pb) jb = 0;
      }
      return;
    case 'sub':
      for (let i = 0; i < n; i++) {
        out[i] = a[ja] - b[jb];
        if (++ja === pa) ja = 0;
        if (++jb === pb) jb = 0;
      }
      return;
    case 'mul':
      for (let i = 0; i < n; i++) {
        out[i] = a[ja] * b[jb];
        if (++ja === pa) ja = 0;
        if (++jb === pb) jb = 0;
      }
      return;
    case 'div':
      for (let i = 0; i < n; i++) {
        out[i] = a[ja] / b[jb];
        if (++ja === pa) ja = 0;
        if (++jb === pb) jb = 0;
      }
  }
}

export function scatterAdd(g: FloatArray, index: Int32Array, outer: number, len: number, inner: number, gx: FloatArray): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const dst = (o * len + index[i]) * inner;
      const src = (o * count + i) * inner;
      for (let j = 0; j < inner; j++) gx[dst + j] += g[src + j];
    }
  }
}
