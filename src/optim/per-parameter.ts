import type { FloatArray } from '../tensor/index.js';
import { paramFor } from './arrays.js';
import { memberValues } from './hyper.js';
import type { CountState } from './scale.js';
import type { Hyper, Transform } from './transform.js';

/**
 * The shape shared by the elementwise transforms: evaluate one hyper-parameter at the step,
 * one value per ensemble member (a single value when shared), then edit each parameter's
 * update in place from the parameter itself. The arrays hold values.length equal member
 * blocks; the edits run through Backend.scaleBlocks or loop over the blocks (eachBlock).
 */
export function perParameter(
  op: string,
  hyper: Hyper,
  edit: (u: FloatArray, p: FloatArray, values: Float64Array) => void,
  {
    readsParams = true,
  }: {
    /** false: the edit ignores p (it gets u), and update may be called without parameters */
    readsParams?: boolean;
  } = {},
): Transform<CountState> {
  const values = memberValues(hyper);
  return {
    init(params) {
      if (readsParams) values.check(op, params);
      return { count: 0 };
    },
    update(updates, state, params) {
      const v = values.at(state.count);
      state.count++;
      for (const name in updates) {
        const u = updates[name];
        edit(u, readsParams ? paramFor(op, params, name, u.length) : u, v);
      }
    },
  };
}

/** Calls visit(value, from, to) for each member's block [from, to) of an array of `length` elements. */
export function eachBlock(values: Float64Array, length: number, visit: (value: number, from: number, to: number) => void): void {
  // NOTE: an integer (| 0): a fractional-typed bound makes V8 index the loops with doubles, 3× slower.
  const size = (length / values.length) | 0;
  for (let e = 0; e < values.length; e++) visit(values[e], e * size, (e + 1) * size);
}
