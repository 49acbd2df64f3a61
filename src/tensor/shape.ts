import { TensorError, fmtShape } from './errors.js';

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new TensorError(op, `invalid shape ${fmtShape(shape)}: dimensions must be non-negative integers`);
  }
}

/** Resolves a possibly negative axis against a rank, naming the op when it is out of range. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) throw new TensorError(op, `axis ${axis} is out of range for a tensor of rank ${rank}`);
  return a;
}

/** NumPy broadcasting: align trailing dimensions; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new TensorError(op, `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For every element of a tensor of shape `out`, the flat index of the element of a tensor of
 * shape `src` (broadcast to `out`) that it reads. Null when `src` already has shape `out`.
 */
export function broadcastIndex(src: Shape, out: Shape): Int32Array | null {
  if (sameShape(src, out)) return null;
  const rank = out.length;
  const srcStrides = stridesOf(src);
  // Stride 0 along broadcast dimensions, aligned to the right.
  const strides = new Array<number>(rank).fill(0);
  for (let i = 0; i < src.length; i++) {
    const j = rank - src.length + i;
    strides[j] = src[i] === 1 ? 0 : srcStrides[i];
  }
  return stridedOffsets(out, strides);
}

/** For each element of `shape` in row-major order, Σ coordinate·stride: a gather map. */
export function stridedOffsets(shape: Shape, strides: readonly number[]): Int32Array {
  const rank = shape.length;
  const n = sizeOf(shape);
  const index = new Int32Array(n);
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let e = 0; e < n; e++) {
    index[e] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < shape[d]) break;
      offset -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return index;
}
