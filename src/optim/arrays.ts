// Small helpers over named typed arrays, shared by the transforms. Iteration uses `for…in`
// over the names: unlike Object.keys it allocates nothing, which matters at 1e8 steps.
import type { FloatArray } from '../tensor/index.js';
import type { Arrays } from './transform.js';

/** Zeros with the element type and length of `a` (the wasm kernels refuse mixed types). */
export function zerosLike(a: FloatArray): FloatArray {
  return a instanceof Float32Array ? new Float32Array(a.length) : new Float64Array(a.length);
}

/** A zero array per parameter, same names, types and lengths. */
export function zerosLikeAll(params: Arrays): Record<string, FloatArray> {
  const out: Record<string, FloatArray> = {};
  for (const name in params) out[name] = zerosLike(params[name]);
  return out;
}

/** The parameter that goes with update `name`, checked: a silent mismatch would corrupt training. */
export function paramFor(op: string, params: Arrays, name: string, length: number): FloatArray {
  const p = params[name];
  if (p === undefined) throw new Error(`${op}: update "${name}" has no parameter of that name`);
  if (p.length !== length) throw new Error(`${op}: "${name}" has ${length} update elements but ${p.length} parameter elements`);
  return p;
}

/** Checks that every array splits into `members` equal contiguous blocks (a leading ensemble axis). */
export function checkMembers(op: string, arrays: Arrays, members: number): void {
  if (!(Number.isInteger(members) && members >= 1)) throw new Error(`${op}: members must be a positive integer, got ${members}`);
  for (const name in arrays) {
    const n = arrays[name].length;
    if (n % members !== 0) throw new Error(`${op}: "${name}" has ${n} elements, not divisible into ${members} ensemble members`);
  }
}

/**
 * out[e] = Σ over all arrays of the squares of member e's block of (a + b), or of a alone
 * when b is null. Summed in Float64 in a fixed order, so the result is deterministic.
 */
export function memberSquares(op: string, a: Arrays, b: Arrays | null, out: Float64Array): void {
  const members = out.length;
  out.fill(0);
  for (const name in a) {
    const x = a[name];
    const y = b === null ? null : paramFor(op, b, name, x.length);
    const block = x.length / members;
    for (let e = 0; e < members; e++) {
      let s = 0;
      const end = (e + 1) * block;
      if (y === null) {
        for (let i = e * block; i < end; i++) s += x[i] * x[i];
      } else {
        for (let i = e * block; i < end; i++) {
          const z = x[i] + y[i];
          s += z * z;
        }
      }
      out[e] += s;
    }
  }
}
