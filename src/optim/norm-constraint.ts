// Omnigrok's constrained-norm training (Liu, Michaud & Tegmark 2023, "Omnigrok: Grokking Beyond
// Algorithmic Data", arXiv 2210.01117): after every step, rescale all parameters together so the
// global weight norm stays at its initial value (the "reduced landscape" at fixed norm).
import type { Transform } from './transform.js';
import type { MembersOption } from './clip.js';
import { checkMembers, memberSquares } from './arrays.js';
import { transformEntry } from './entry.js';

/** S₀ per ensemble member: Σ‖p‖² over all parameters when the state was created. */
export type NormConstraintState = { s0: Float64Array };

/**
 * The last step of a chain: rewrites u so that p + u = (p + u)·√(S₀/S), S = Σ‖p + u‖². `init`
 * must see the parameters at the norm to keep (after Omnigrok's init scaling by α); resuming
 * restores S₀ from the state rather than re-measuring it.
 */
export function normConstraint({ members = 1 }: MembersOption = {}): Transform<NormConstraintState> {
  const squares = new Float64Array(members);
  return {
    init(params) {
      checkMembers('normConstraint', params, members);
      const s0 = new Float64Array(members);
      memberSquares('normConstraint', params, null, s0);
      return { s0 };
    },
    update(updates, state, params) {
      memberSquares('normConstraint', updates, params, squares);
      for (const name in updates) {
        const u = updates[name];
        const p = params[name];
        const block = u.length / members;
        for (let e = 0; e < members; e++) {
          // NOTE: S = 0 has no direction to rescale; the updates are then left as they are.
          const factor = squares[e] > 0 ? Math.sqrt(state.s0[e] / squares[e]) : 1;
          for (let i = e * block; i < (e + 1) * block; i++) u[i] = (p[i] + u[i]) * factor - p[i];
        }
      }
    },
  };
}

export const normConstraintEntry = transformEntry(
  'normConstraint',
  'last in a chain: rescale all parameters to their initial global norm (Omnigrok, Liu et al. 2023)',
  {},
  (_, context) => normConstraint({ members: context.members }),
);
