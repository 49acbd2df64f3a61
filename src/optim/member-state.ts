// One member's view of an ensemble optimizer's state. Every array in a state is either shaped
// like the parameters or holds one value per member (normConstraint's S₀), so member e's part is
// block e of each array; the numbers (step counts) are shared, as all members step together.
import type { State } from './transform.js';

function block(a: Float32Array | Float64Array, e: number, members: number, path: string) {
  if (a.length % members !== 0) throw new Error(`optimizer state ${path}: ${a.length} elements do not split into ${members} ensemble members`);
  const size = a.length / members;
  return a.subarray(e * size, (e + 1) * size);
}

/** Member e's state: views into the ensemble's arrays (a checkpoint of it saves that member alone). */
export function memberState(state: State, e: number, members: number, path = 'state'): State {
  const out: State = {};
  for (const key in state) {
    const v = state[key];
    out[key] = typeof v === 'number' ? v : ArrayBuffer.isView(v) ? block(v, e, members, `${path}.${key}`) : memberState(v, e, members, `${path}.${key}`);
  }
  return out;
}

/** Writes a member's state (e.g. from its checkpoint) into the ensemble's; numbers are shared, so the last write wins. */
export function setMemberState(state: State, e: number, members: number, member: State, path = 'state'): void {
  for (const key in state) {
    const v = state[key];
    const m = member[key];
    if (m === undefined) throw new Error(`optimizer state ${path}.${key}: missing from the member's state`);
    if (typeof v === 'number') state[key] = m as number;
    else if (ArrayBuffer.isView(v)) block(v, e, members, `${path}.${key}`).set(m as Float64Array);
    else setMemberState(v, e, members, m as State, `${path}.${key}`);
  }
}
