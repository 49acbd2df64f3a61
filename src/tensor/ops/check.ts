import type { DType } from '../dtype.js';
import { NonFiniteError, TensorError, fmtShape } from '../errors.js';
import { type Tensor, full } from '../tensor.js';

export type TensorLike = Tensor | number;

/** Lifts a number to a scalar tensor of the other operand's dtype. */
export function lift(x: TensorLike, dtype: DType): Tensor {
  return typeof x === 'number' ? full([], x, { dtype }) : x;
}

/** Operands of one op must share a dtype: mixing is an error, never a silent cast. */
export function sameDType(op: string, ...ts: Tensor[]): DType {
  const d = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== d)
      throw new TensorError(op, `dtype mismatch: ${ts.map((u) => `${u.dtype}${fmtShape(u.shape)}`).join(' and ')}; cast one with cast(x, dtype)`);
  }
  return d;
}

/**
 * For ops that promise a well-defined result (stable softmax, logsumexp, losses, linalg):
 * report NaN, saying whether it came in through an input, instead of passing it on.
 */
export function assertNoNaN(op: string, out: Tensor, inputs: readonly Tensor[]): void {
  const d = out.data;
  for (let i = 0; i < d.length; i++) {
    if (Number.isNaN(d[i])) {
      const bad = inputs.find((t) => t.data.some((v) => Number.isNaN(v)));
      const where = bad ? `an input of shape ${fmtShape(bad.shape)} already contains NaN` : `inputs have no NaN; output element ${i} is NaN`;
      throw new NonFiniteError(op, where);
    }
  }
}
