import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import { allocate } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { broadcastIndex, normalizeAxis, sameShape, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN } from './check.js';

export type Axes = number | readonly number[] | undefined;

/** Sorted, de-duplicated non-negative axes; undefined means all of them. */
function resolveAxes(op: string, axes: Axes, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : [...axes];
  return [...new Set(list.map((a) => normalizeAxis(op, a, rank)))].sort((p, q) => p - q);
}

function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/** outer × len × inner decomposition of a single-axis reduction. */
function split(shape: Shape, axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/** Repeats x (shape with size-1 or missing leading dims) up to `shape`. */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const index = broadcastIndex(x.shape, shape)!;
  const out = allocate(x.dtype, index.length);
  for (let i = 0; i < index.length; i++) out[i] = x.data[index[i]];
  return record(new Tensor(out, shape), 'broadcastTo', [x], (g) => [sumToShape(g, x.shape)]);
}

function sumAxis(data: Float32Array | Float64Array, shape: Shape, axis: number): Float32Array | Float64Array {
  const [outer, len, inner] = split(shape, axis);
  const out = data instanceof Float32Array ? new Float32Array(outer * inner) : new Float64Array(outer * inner);
  backend().sumAxis(data, outer, len, inner, out);
  return out;
}

export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const ax = resolveAxes('sum', axes, x.rank);
  let data = x.data;
  const shape: number[] = [...x.shape];
  // Reduce from the last axis so earlier axis numbers stay valid; keep size-1 dims meanwhile.
  for (let k = ax.length - 1; k >= 0; k--) {
    data = sumAxis(data, shape, ax[k]);
    shape[ax[k]] = 1;
  }
  if (ax.length === 0) data = data.slice();
  const out = new Tensor(data, reducedShape(x.shape, ax, keepDims));
  return record(out, 'sum', [x], (g) => [broadcastTo(reshapeData(g, reducedShape(x.shape, ax, true)), x.shape)]);
}

export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const ax = resolveAxes('mean', axes, x.rank);
  const count = ax.reduce((n, a) => n * x.shape[a], 1);
  const s = sum(x, ax, keepDims);
  const scaled = allocate(x.dtype, s.size);
  for (let i = 0; i < scaled.length; i++) scaled[i] = s.data[i] / count;
  return record(new Tensor(scaled, s.shape), 'mean', [s], (g) => [scale(g, 1 / count)]);
}

/** Sums a gradient over broadcast dimensions back down to `shape`. */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  return reshapeData(sum(g, axes, true), shape);
}

/** Max along one axis; the gradient goes to the first maximal element (deterministic). */
export function max(x: Tensor, axis: number, keepDims = false): Tensor {
  const a = normalizeAxis('max', axis, x.rank);
  if (x.shape[a] === 0) throw new TensorError('max', `cannot reduce an empty axis ${axis} of shape ${fmtShape(x.shape)}`);
  const where = argmaxAlong(x, a);
  const out = allocate(x.dtype, where.length);
  for (let i = 0; i < where.length; i++) out[i] = x.data[where[i]];
  return record(new Tensor(out, reducedShape(x.shape, [a], keepDims)), 'max', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    const gs = g.data;
    for (let i = 0; i < where.length; i++) gx[where[i]] += gs[i];
    return [new Tensor(gx, x.shape)];
  });
}

/** Flat indices into x of the first maximum along `axis`, one per output element. */
function argmaxAlong(x: Tensor, axis: number): Int32Array {
  const [outer, len, inner] = split(x.shape, axis);
  const where = new Int32Array(outer * inner);
  const d = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = o * len * inner + i;
      // NOTE: a NaN never compares greater, so NaN rows are caught by the caller's checks, not here.
      for (let l = 1; l < len; l++) {
        const k = (o * len + l) * inner + i;
        if (d[k] > d[best]) best = k;
      }
      where[o * inner + i] = best;
    }
  }
  return where;
}

/** Index along `axis` of the first maximum: an Int32Array in the reduced shape's order. */
export function argmax(x: Tensor, axis = -1): Int32Array {
  const a = normalizeAxis('argmax', axis, x.rank);
  const inner = sizeOf(x.shape.slice(a + 1));
  const len = x.shape[a];
  return argmaxAlong(x, a).map((k) => Math.floor(k / inner) % len);
}

/** log Σ exp along one axis, computed stably by shifting with the max. */
export function logsumexp(x: Tensor, axis = -1, keepDims = false): Tensor {
  const a = normalizeAxis('logsumexp', axis, x.rank);
  const [outer, len, inner] = split(x.shape, a);
  const d = x.data;
  const out = allocate(x.dtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let m = -Infinity;
      for (let l = 0; l < len; l++) m = Math.max(m, d[base + l * inner]);
      // NOTE: an all −∞ row has m = −∞ and would give NaN from (−∞) − (−∞); its lse is −∞.
      if (m === -Infinity) {
        out[o * inner + i] = -Infinity;
        continue;
      }
      let s = 0;
      for (let l = 0; l < len; l++) s += Math.exp(d[base + l * inner] - m);
      out[o * inner + i] = m + Math.log(s);
    }
  }
  const y = new Tensor(out, reducedShape(x.shape, [a], keepDims));
  assertNoNaN('logsumexp', y, [x]);
  return record(y, 'logsumexp', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        const lse = out[o * inner + i];
        const go = g.data[o * inner + i];
        for (let l = 0; l < len; l++) gx[base + l * inner] = go * Math.exp(d[base + l * inner] - lse);
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}

/** Same data, new shape; used inside gradient formulas where no graph is recorded. */
function reshapeData(x: Tensor, shape: Shape): Tensor {
  return new Tensor(x.data, shape);
}

function scale(x: Tensor, s: number): Tensor {
  const out = allocate(x.dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] * s;
  return new Tensor(out, x.shape);
}
