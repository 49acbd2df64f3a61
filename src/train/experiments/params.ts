// Named parameter tensors of the experiments that build their own models (linear regression,
// the GPs): the optimizer's view of them, and how a broken covariance counts.
import type { Arrays } from '../../optim/index.js';
import * as T from '../../tensor/index.js';

export const arraysOf = (params: Record<string, T.Tensor>): Arrays => Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.data]));
export const shapesOf = (params: Record<string, T.Tensor>): Record<string, number[]> => Object.fromEntries(Object.entries(params).map(([name, p]) => [name, [...p.shape]]));

/** A covariance that stopped being positive definite ends the run as diverged (NaN loss), not as a crash. */
export function divergedIfIndefinite(loss: () => T.Tensor): T.Tensor {
  try {
    return loss();
  } catch (error) {
    if (error instanceof T.TensorError && !(error instanceof T.NonFiniteError) && /not positive definite/.test(error.message)) throw new T.NonFiniteError('gp', error.message);
    throw error;
  }
}
