import { TensorError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { mul } from './elementwise.js';
import { maskedFill } from './index-ops.js';
import { matmul } from './matmul.js';
import { softmax } from './nn.js';
import { reshape, slice, transpose } from './shape-ops.js';

/** Projections of one attention layer, stored [in, out] so that y = x · W. */
export interface AttentionWeights {
  /** [dModel, heads·dHead] each */
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  /** [heads·dHead, dModel] */
  wo: Tensor;
}

/** Entries above the diagonal: position i may attend to positions j ≤ i only. */
function causalMask(t: number): Uint8Array {
  const mask = new Uint8Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) mask[i * t + j] = 1;
  return mask;
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
 * Multi-head self-attention (Vaswani et al. 2017) over x [batch, T, dModel], built from the
 * differentiable ops: softmax(q kᵀ / √dHead + mask) v, heads concatenated, then W_O.
 */
export function causalSelfAttention(x: Tensor, w: AttentionWeights, heads: number, { causal = true, lastQueryOnly = false }: AttentionOptions = {}): Tensor {
  if (x.rank !== 3) throw new TensorError('causalSelfAttention', `input must be [batch, T, dModel], got ${fmtShape(x.shape)}`);
  const [batch, t] = x.shape;
  const width = w.wq.shape[1];
  if (!Number.isInteger(heads) || heads < 1 || width % heads !== 0) {
    throw new TensorError('causalSelfAttention', `${heads} heads do not divide the projection width ${width}`);
  }
  const dHead = width / heads;
  const split = (input: Tensor, p: Tensor) => transpose(reshape(matmul(input, p), [batch, input.shape[1], heads, dHead]), [0, 2, 1, 3]);
  const tq = lastQueryOnly ? 1 : t;
  const q = split(lastQueryOnly ? slice(x, 1, t - 1, t) : x, w.wq);
  const k = split(x, w.wk);
  const v = split(x, w.wv);
  const raw = mul(matmul(q, k, { transB: true }), 1 / Math.sqrt(dHead));
  // The last query sees every key, so it needs no mask.
  const scores = causal && !lastQueryOnly ? maskedFill(raw, causalMask(t), [t, t], -Infinity) : raw;
  const z = matmul(softmax(scores, -1), v);
  const merged = reshape(transpose(z, [0, 2, 1, 3]), [batch, tq, width]);
  return matmul(merged, w.wo);
}
