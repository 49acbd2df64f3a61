import type { FloatArray } from '../tensor/index.js';
import { paramFor } from './arrays.js';
import { valueAt } from './hyper.js';
import type { CountState } from './scale.js';
import type { Hyper, Transform } from './transform.js';

/**
 * The shape shared by the elementwise transforms: evaluate one hyper-parameter at the step,
 * then edit each parameter's update in place from the parameter itself. A value of 0 skips
 * the pass when `zeroIsIdentity` (e.g. no weight decay).
 */
export function perParameter(
  op: string,
  hyper: Hyper,
  edit: (u: FloatArray, p: FloatArray, value: number) => void,
  zeroIsIdentity = false,
): Transform<CountState> {
  return {
    init: () => ({ count: 0 }),
    update(updates, state, params) {
      const value = valueAt(hyper, state.count);
      state.count++;
      if (zeroIsIdentity && value === 0) return;
      for (const name in updates) edit(updates[name], paramFor(op, params, name, updates[name].length), value);
    },
  };
}
