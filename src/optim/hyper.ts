import { checkMembers } from './arrays.js';
import type { Arrays, Hyper } from './transform.js';

/**
 * A hyper-parameter read per step — at a transform's 0-based step count, before the update —
 * as one value per ensemble member (one value when shared).
 */
export interface MemberValues {
  /** E: the members the arrays hold (1 for a shared hyper-parameter) */
  readonly members: number;
  /** the values at a 0-based step count; the array is reused, read it before the next call */
  at(step: number): Float64Array;
  /** throws unless every array splits into `members` equal blocks */
  check(op: string, params: Arrays): void;
}

export function memberValues(h: Hyper): MemberValues {
  const perMember = typeof h === 'object' ? h.perMember : [h];
  const out = Float64Array.from(perMember, (v) => (typeof v === 'number' ? v : 0));
  const scheduled = perMember.flatMap((v, e) => (typeof v === 'function' ? [e] : []));
  return {
    members: perMember.length,
    at(step) {
      for (const e of scheduled) out[e] = (perMember[e] as (s: number) => number)(step);
      return out;
    },
    check: (op, params) => checkMembers(op, params, perMember.length),
  };
}
