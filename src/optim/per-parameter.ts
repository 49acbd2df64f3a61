import type { FloatArray } from '../tensor/index.js';
import { paramFor } from './arrays.js';
import { memberValues } from './hyper.js';
import type { CountState } from './scale.js';
import type { Hyper, Transform } from './transform.js';

/**
 * The shape shared by the elementwise transforms: evaluate one hyper-parameter at the step,
 * then edit each parameter's update in place from the parameter itself, over the elements
 * [from, to) of one ensemble member (the whole array when the hyper-parameter is shared).
 */
export function perParameter(
  op: string,
  hyper: Hyper,
  edit: (u: FloatArray, p: FloatArray, value: number, from: number, to: number) => void,
  {
    zeroIsIdentity = false,
    readsParams = true,
  }: {
    /** a value of 0 skips the member (e.g. no weight decay) */
    zeroIsIdentity?: boolean;
    /** false: the edit ignores p (it gets u), and update may be called without parameters */
    readsParams?: boolean;
  } = {},
): Transform<CountState> {
  const values = memberValues(hyper);
  const E = values.members;
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
        const p = readsParams ? paramFor(op, params, name, u.length) : u;
        const block = u.length / E;
        for (let e = 0; e < E; e++) if (!(zeroIsIdentity && v[e] === 0)) edit(u, p, v[e], e * block, (e + 1) * block);
      }
    },
  };
}
