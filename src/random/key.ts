// JAX-style keys: a key is two uint32 words, and new keys are derived from old ones by hashing a
// counter with Threefry-2x32. The derivations are bit-identical to JAX's threefry2x32 PRNG with
// jax_threefry_partitionable on (JAX's default since 0.5): key(s) = jax.random.key(s) for 64-bit s,
// split(k, n)[i] = jax.random.split(k, n)[i], foldIn(k, d) = jax.random.fold_in(k, d) for d < 2^32.
import { threefry2x32 } from './threefry.js';

/**
 * A PRNG key: two uint32 words, frozen, JSON-serialisable. A key is a value, not a state: the
 * same key always gives the same numbers, so derive a fresh key (split, foldIn) for every use.
 */
export type Key = readonly [number, number];

/** The (high, low) uint32 words of a safe integer's 64-bit two's complement, as JAX seeds keys. */
function words64(x: number, what: string): [number, number] {
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer, got ${x}`);
  return [Math.floor(x / 2 ** 32) >>> 0, x >>> 0];
}

const block = new Uint32Array(2);

/** The key obtained by encrypting counter (c0, c1) under k. */
function derive(k: Key, c0: number, c1: number): Key {
  threefry2x32(k[0], k[1], c0, c1, block);
  return Object.freeze([block[0], block[1]]) as Key;
}

/** The key for an integer seed; negative seeds and seeds ≥ 2^32 use their 64-bit two's complement. */
export function key(seed: number): Key {
  return Object.freeze(words64(seed, 'key(seed): seed')) as Key;
}

/** n new keys; child i is k's Threefry of counter i, so split(k, n)[i] does not depend on n. */
export function split(k: Key, n = 2): Key[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`split(key, n): n must be a non-negative integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => derive(k, ...words64(i, 'split index')));
}

/**
 * A key for `data` (a step, a layer index, ...) derived from k. Note, as in JAX,
 * foldIn(k, i) equals split(k, n)[i]: use one of the two on a given key, not both.
 */
export function foldIn(k: Key, data: number): Key {
  return derive(k, ...words64(data, 'foldIn(key, data): data'));
}
