// Test support: named arrays from literals, and one update step that leaves the inputs intact.
import type { FloatArray } from '../tensor/index.js';
import type { Arrays, State, Transform } from './transform.js';

export const f64 = (...xs: number[]) => Float64Array.from(xs);
export const f32 = (...xs: number[]) => Float32Array.from(xs);

/** A copy of every array, so a test can keep the originals. */
export function copy(arrays: Arrays): Record<string, FloatArray> {
  return Object.fromEntries(Object.entries(arrays).map(([name, a]) => [name, a.slice()]));
}

/** The updates `t` makes of `grads` (copied first), plain numbers per name for toEqual. */
export function updateOf<S extends State>(t: Transform<S>, state: S, params: Arrays, grads: Arrays): Record<string, number[]> {
  const updates = copy(grads);
  t.update(updates, state, params);
  return Object.fromEntries(Object.entries(updates).map(([name, u]) => [name, Array.from(u)]));
}
