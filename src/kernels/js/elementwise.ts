import type { BinaryOp, BlockMode, FloatArray } from '../backend.js';

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
      // The common case (optimizer updates): same-shape operands, no wrap-around counters.
      if (pa === n && pb === n) {
        for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
        return;
      }
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

/** Calls row(table offset, picked offset) for every picked row of take(), in the reference order. */
function forEachPicked(index: Int32Array, outer: number, len: number, inner: number, row: (table: number, picked: number) => void): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) for (let i = 0; i < count; i++) row((o * len + index[i]) * inner, (o * count + i) * inner);
}

export function scatterAdd(g: FloatArray, index: Int32Array, outer: number, len: number, inner: number, gx: FloatArray): void {
  forEachPicked(index, outer, len, inner, (dst, src) => {
    for (let j = 0; j < inner; j++) gx[dst + j] += g[src + j];
  });
}

export function gather(x: FloatArray, index: Int32Array, outer: number, len: number, inner: number, out: FloatArray): void {
  forEachPicked(index, outer, len, inner, (src, dst) => {
    for (let j = 0; j < inner; j++) out[dst + j] = x[src + j];
  });
}

export function sumAxis(x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void {
  out.fill(0, 0, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let l = 0; l < len; l++) {
      const src = (o * len + l) * inner;
      const dst = o * inner;
      for (let i = 0; i < inner; i++) out[dst + i] += x[src + i];
    }
  }
}

export function copyRows(src: FloatArray, srcStride: number, dst: FloatArray, dstStride: number, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const s = r * srcStride;
    const d = r * dstStride;
    for (let j = 0; j < width; j++) dst[d + j] = src[s + j];
  }
}

/** Backend.scaleBlocks: one loop per mode, each monomorphic (see tiled). */
export function scaleBlocks(mode: BlockMode, scales: Float64Array, x: FloatArray, out: FloatArray): void {
  const blocks = scales.length;
  if (x.length !== out.length || blocks === 0 || out.length % blocks !== 0) {
    throw new RangeError(`scaleBlocks: x (${x.length}) and out (${out.length}) must have equal lengths that split into ${blocks} blocks`);
  }
  // NOTE: an integer (| 0): a fractional-typed bound makes V8 index the loops with doubles, 3× slower.
  const size = (out.length / blocks) | 0;
  for (let e = 0, from = 0; e < blocks; e++, from += size) {
    const s = scales[e];
    const to = from + size;
    if (mode === 'scale') {
      for (let i = from; i < to; i++) out[i] = s * x[i];
    } else if (s === 0) {
      continue;
    } else if (mode === 'axpy') {
      for (let i = from; i < to; i++) out[i] += s * x[i];
    } else {
      for (let i = from; i < to; i++) {
        const v = x[i];
        // NOTE: the difference of two comparisons compiles without branches; Math.sign branches,
        // and entries oscillating around 0 under ℓ1 flip sign every step: 4× slower on a grid.
        out[i] += s * (+(v > 0) - +(v < 0));
      }
    }
  }
}
