import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import type { DType } from '../dtype.js';
import { allocate, allocateUninit } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { normalizeAxis, sizeOf, stridedOffsets, stridesOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { sameDType } from './check.js';

/** Same data, new shape (a view: no copy). One dimension may be −1 and is inferred. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const inferred = shape.indexOf(-1);
  const target = [...shape];
  if (inferred >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== inferred));
    if (known === 0 || x.size % known !== 0) throw new TensorError('reshape', `cannot infer -1 in ${fmtShape(shape)} for ${x.size} elements`);
    target[inferred] = x.size / known;
  }
  if (sizeOf(target) !== x.size) throw new TensorError('reshape', `cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(target)}`);
  return record(new Tensor(x.data, target), 'reshape', [x], (g) => [new Tensor(g.data, x.shape)]);
}

/** Permutes dimensions (default: reverses them). Materializes the result. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  if (p.length !== x.rank || [...p].sort((u, v) => u - v).some((v, i) => v !== i)) {
    throw new TensorError('transpose', `${JSON.stringify(p)} is not a permutation of the ${x.rank} axes of ${fmtShape(x.shape)}`);
  }
  const out = permute(x.data, x.shape, p, x.dtype);
  const inverse = new Array<number>(p.length);
  p.forEach((axis, i) => (inverse[axis] = i));
  return record(
    new Tensor(
      out,
      p.map((a) => x.shape[a]),
    ),
    'transpose',
    [x],
    (g) => [new Tensor(permute(g.data, g.shape, inverse, g.dtype), x.shape)],
  );
}

function permute(data: Tensor['data'], shape: Shape, p: readonly number[], dtype: DType): Tensor['data'] {
  const out = allocateUninit(dtype, data.length);
  if (out.length === 0) return out;
  const inStrides = stridesOf(shape);
  const outShape = p.map((a) => shape[a]);
  // Walk the output row by row: an offset map for the outer axes, a strided run for the last.
  const last = outShape.length - 1;
  const run = last >= 0 ? outShape[last] : 1;
  const stride = last >= 0 ? inStrides[p[last]] : 0;
  const starts = stridedOffsets(
    outShape.slice(0, Math.max(last, 0)),
    p.slice(0, Math.max(last, 0)).map((a) => inStrides[a]),
  );
  for (let r = 0, o = 0; r < starts.length; r++) {
    for (let j = 0, src = starts[r]; j < run; j++, src += stride) out[o++] = data[src];
  }
  return out;
}

/** Swaps the last two dimensions. */
export function transposeLast(x: Tensor): Tensor {
  const p = x.shape.map((_, i) => i);
  [p[x.rank - 2], p[x.rank - 1]] = [p[x.rank - 1], p[x.rank - 2]];
  return transpose(x, p);
}

/** Joins tensors along an axis; all other dimensions must agree. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new TensorError('concat', 'needs at least one tensor');
  sameDType('concat', ...xs);
  const first = xs[0];
  const ax = normalizeAxis('concat', axis, first.rank);
  for (const t of xs) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new TensorError('concat', `shapes ${xs.map((u) => fmtShape(u.shape)).join(', ')} differ outside axis ${axis}`);
    }
  }
  const outer = sizeOf(first.shape.slice(0, ax));
  const widths = xs.map((t) => sizeOf(t.shape.slice(ax)));
  const total = widths.reduce((s, w) => s + w, 0);
  const out = allocateUninit(first.dtype, outer * total);
  let offset = 0;
  xs.forEach((t, j) => {
    backend().copyRows(t.data, widths[j], out.subarray(offset), total, outer, widths[j]);
    offset += widths[j];
  });
  const shape = [...first.shape];
  shape[ax] = xs.reduce((s, t) => s + t.shape[ax], 0);
  return record(new Tensor(out, shape), 'concat', xs, (g) => {
    let start = 0;
    return xs.map((t, j) => {
      const w = widths[j];
      const gi = allocateUninit(t.dtype, t.size);
      backend().copyRows(g.data.subarray(start), total, gi, w, outer, w);
      start += w;
      return new Tensor(gi, t.shape);
    });
  });
}

/** Elements start ≤ i < end along `axis`. A view when the slice is contiguous (leading axes). */
export function slice(x: Tensor, axis: number, start: number, end: number): Tensor {
  const ax = normalizeAxis('slice', axis, x.rank);
  const len = x.shape[ax];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > len || start > end) {
    throw new TensorError('slice', `range [${start}, ${end}) is invalid for axis ${axis} of length ${len} in ${fmtShape(x.shape)}`);
  }
  const outer = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const shape = [...x.shape];
  shape[ax] = end - start;
  const w = (end - start) * inner;
  let data: Tensor['data'];
  if (outer === 1) data = x.data.subarray(start * inner, end * inner);
  else {
    data = allocateUninit(x.dtype, outer * w);
    backend().copyRows(x.data.subarray(start * inner), len * inner, data, w, outer, w);
  }
  return record(new Tensor(data, shape), 'slice', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    backend().copyRows(g.data, w, gx.subarray(start * inner), len * inner, outer, w);
    return [new Tensor(gx, x.shape)];
  });
}

/** Converts between float32 and float64: the only way dtypes meet. */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = allocate(dtype, x.size);
  out.set(x.data);
  return record(new Tensor(out, x.shape), 'cast', [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    gx.set(g.data);
    return [new Tensor(gx, x.shape)];
  });
}
