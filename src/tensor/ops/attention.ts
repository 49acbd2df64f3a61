import { backend } from '../../kernels/index.js';
import type { AttentionShape } from '../../kernels/backend.js';
import { record } from '../autograd.js';
import { TensorError, fmtShape } from '../errors.js';
import { allocateUninit } from '../memory.js';
import { sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { sameDType } from './check.js';
import { matmul } from './matmul.js';
import { slice } from './shape-ops.js';

/** Projections of one attention layer, stored [in, out] so that y = x · W. */
export interface AttentionWeights {
  /** [dModel, heads·dHead] each */
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  /** [heads·dHead, dModel] */
  wo: Tensor;
}

export interface AttentionOptions {
  /** position i attends to positions j ≤ i only (default true) */
  causal?: boolean;
  /**
   * compute the output at the last position only ([batch, 1, dModel]): all a model that reads
   * out there needs from its last layer, for a fraction of the work
   */
  lastQueryOnly?: boolean;
}

/**
 * Multi-head self-attention (Vaswani et al. 2017) over x [batch, T, dModel]:
 * softmax(q kᵀ / √dHead + mask) v for each head, heads concatenated, then W_O.
 */
export function causalSelfAttention(x: Tensor, w: AttentionWeights, heads: number, { causal = true, lastQueryOnly = false }: AttentionOptions = {}): Tensor {
  if (x.rank !== 3) throw new TensorError('causalSelfAttention', `input must be [batch, T, dModel], got ${fmtShape(x.shape)}`);
  const t = x.shape[1];
  const z = attendHeads(matmul(lastQueryOnly ? slice(x, 1, t - 1, t) : x, w.wq), matmul(x, w.wk), matmul(x, w.wv), heads, causal);
  return matmul(z, w.wo);
}

/**
 * The heads of scaled dot-product attention, fused: q [batch, queries, heads·dHead] and
 * k, v [batch, keys, heads·dHead] as the projections produce them, output in q's layout, so no
 * transposes or [batch, heads, queries, keys] score tensors go through the tape. Query row i
 * sits at position keys − queries + i (the last rows when queries < keys).
 */
export function attendHeads(q: Tensor, k: Tensor, v: Tensor, heads: number, causal: boolean): Tensor {
  sameDType('attendHeads', q, k, v);
  if (q.rank !== 3 || k.rank !== 3 || !sameShape(k.shape, v.shape) || q.shape[0] !== k.shape[0] || q.shape[2] !== k.shape[2] || q.shape[1] > k.shape[1]) {
    throw new TensorError(
      'attendHeads',
      `needs q [batch, queries, width] and k, v [batch, keys ≥ queries, width], got ${fmtShape(q.shape)}, ${fmtShape(k.shape)}, ${fmtShape(v.shape)}`,
    );
  }
  const [batch, queries, width] = q.shape;
  if (!Number.isInteger(heads) || heads < 1 || width % heads !== 0) {
    throw new TensorError('attendHeads', `${heads} heads do not divide the projection width ${width}`);
  }
  const dHead = width / heads;
  const shape: AttentionShape = { batch, heads, dHead, queries, keys: k.shape[1], scale: 1 / Math.sqrt(dHead), causal };
  const z = allocateUninit(q.dtype, q.size);
  const p = allocateUninit(q.dtype, batch * heads * queries * shape.keys);
  backend().attention(shape, q.data, k.data, v.data, z, p);
  return record(new Tensor(z, q.shape), 'attendHeads', [q, k, v], (g) => {
    const dq = allocateUninit(q.dtype, q.size);
    const dk = allocateUninit(k.dtype, k.size);
    const dv = allocateUninit(v.dtype, v.size);
    backend().attentionBackward(shape, q.data, k.data, v.data, p, g.data, dq, dk, dv);
    return [new Tensor(dq, q.shape), new Tensor(dk, k.shape), new Tensor(dv, v.shape)];
  });
}
