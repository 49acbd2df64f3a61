import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import type { DType } from '../dtype.js';
import { allocate, allocateUninit } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { broadcastIndex, normalizeAxis, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';

function checkIndices(op: string, indices: Int32Array, indexShape: Shape, bound: number): void {
  if (sizeOf(indexShape) !== indices.length) throw new TensorError(op, `index shape ${fmtShape(indexShape)} does not match ${indices.length} indices`);
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    if (v < 0 || v >= bound) throw new TensorError(op, `index ${v} at position ${i} is out of range [0, ${bound})`);
  }
}

/**
 * Picks slices of x along `axis` by integer index: out has shape
 * x.shape[:axis] + indexShape + x.shape[axis+1:]. The gradient scatter-adds back.
 */
export function take(x: Tensor, indices: Int32Array, axis = 0, indexShape: Shape = [indices.length]): Tensor {
  const ax = normalizeAxis('take', axis, x.rank);
  const len = x.shape[ax];
  checkIndices('take', indices, indexShape, len);
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const count = indices.length;
  const out = allocateUninit(x.dtype, outer * count * inner);
  backend().gather(x.data, indices, outer, len, inner, out);
  const shape = [...x.shape.slice(0, ax), ...indexShape, ...x.shape.slice(ax + 1)];
  return record(new Tensor(out, shape), 'take', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    backend().scatterAdd(g.data, indices, outer, len, inner, gx);
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Sums slices of x along `axis` into `count` segments: out[…, s, …] = Σ over i with
 * segments[i] = s of x[…, i, …] (PyTorch's index_add, a graph network's aggregation of messages
 * at their target nodes). Empty segments are 0. The gradient gathers back (take).
 */
export function segmentSum(x: Tensor, segments: Int32Array, count: number, axis = 0): Tensor {
  const ax = normalizeAxis('segmentSum', axis, x.rank);
  if (segments.length !== x.shape[ax])
    throw new TensorError('segmentSum', `${segments.length} segment ids for ${x.shape[ax]} slices along axis ${ax} of ${fmtShape(x.shape)}`);
  if (!Number.isInteger(count) || count < 0) throw new TensorError('segmentSum', `count must be a non-negative integer, got ${count}`);
  checkIndices('segmentSum', segments, [segments.length], count);
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const out = allocate(x.dtype, outer * count * inner);
  backend().scatterAdd(x.data, segments, outer, count, inner, out);
  const shape = [...x.shape.slice(0, ax), count, ...x.shape.slice(ax + 1)];
  return record(new Tensor(out, shape), 'segmentSum', [x], (g) => {
    const gx = allocateUninit(x.dtype, x.size);
    backend().gather(g.data, segments, outer, count, inner, gx);
    return [new Tensor(gx, x.shape)];
  });
}

/** Rows of an embedding table [vocab, dim] for integer tokens of shape `indexShape`. */
export function embedding(table: Tensor, tokens: Int32Array, indexShape: Shape = [tokens.length]): Tensor {
  if (table.rank !== 2) throw new TensorError('embedding', `table must be [vocab, dim], got ${fmtShape(table.shape)}`);
  return take(table, tokens, 0, indexShape);
}

/** One-hot rows: out[i, labels[i]] = 1. A constant (no gradient). */
export function oneHot(labels: Int32Array, classes: number, dtype: DType = 'float32'): Tensor {
  checkIndices('oneHot', labels, [labels.length], classes);
  const out = allocate(dtype, labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return new Tensor(out, [labels.length, classes]);
}

/**
 * x where mask is 0, `value` where mask is non-zero; mask broadcasts to x's shape (e.g. a
 * [T, T] causal mask over [B, H, T, T] scores). No gradient flows to the filled entries.
 */
export function maskedFill(x: Tensor, mask: Uint8Array, maskShape: Shape, value: number): Tensor {
  if (sizeOf(maskShape) !== mask.length) throw new TensorError('maskedFill', `mask shape ${fmtShape(maskShape)} does not match ${mask.length} entries`);
  const rankOk = maskShape.length <= x.rank && maskShape.every((d, i) => d === 1 || d === x.shape[x.rank - maskShape.length + i]);
  if (!rankOk) throw new TensorError('maskedFill', `mask shape ${fmtShape(maskShape)} does not broadcast to ${fmtShape(x.shape)}`);
  const index = broadcastIndex(maskShape, x.shape);
  const out = allocate(x.dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = mask[index ? index[i] : i] ? value : x.data[i];
  return record(new Tensor(out, x.shape), 'maskedFill', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    const gs = g.data;
    for (let i = 0; i < gx.length; i++) gx[i] = mask[index ? index[i] : i] ? 0 : gs[i];
    return [new Tensor(gx, x.shape)];
  });
}
