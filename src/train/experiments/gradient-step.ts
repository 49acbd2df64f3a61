// One optimizer step on a differentiable loss, shared by the experiments that train tensors
// with the tape: forward, backward, the optimizer's updates applied in place, gradients cleared.
import type { Params } from '../../models/index.js';
import { applyUpdates, type Arrays, type State, type Transform } from '../../optim/index.js';
import * as T from '../../tensor/index.js';

export interface Trainable {
  readonly params: Params;
  readonly arrays: Arrays;
  readonly optimizer: Transform;
  state: State;
}

/** Steps `t` on `loss()`; returns the loss before the update, NaN once it is no longer finite. */
export function gradientStep(t: Trainable, loss: () => T.Tensor): number {
  return T.tidy(() => {
    let value: T.Tensor;
    try {
      value = loss();
    } catch (error) {
      if (error instanceof T.NonFiniteError) return NaN;
      throw error;
    }
    value.backward();
    const updates = Object.fromEntries(Object.entries(t.params).map(([name, p]) => [name, p.grad!.data]));
    t.optimizer.update(updates, t.state, t.arrays);
    applyUpdates(t.arrays, updates);
    for (const p of Object.values(t.params)) p.grad = null;
    return value.item();
  });
}

/** A number from a computation that may meet a non-finite value (a diverged model): NaN then. */
export function finiteOrNaN(f: () => number): number {
  try {
    return f();
  } catch (error) {
    if (error instanceof T.NonFiniteError) return NaN;
    throw error;
  }
}
