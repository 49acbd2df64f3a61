import { describe, expect, it } from 'vitest';
import { foldIn, key, split, type Key } from './key.js';
import { bits, uniform } from './sample.js';

/** jax.random.uniform(key) for a scalar float32: 23 bits of the first random word. */
const jaxUniform = (k: Key): number => (bits(k, 1)[0] >>> 9) * 2 ** -23;

describe('key', () => {
  it('splits a seed into the words of its 64-bit two’s complement, as JAX does', () => {
    expect(key(0)).toEqual([0, 0]);
    expect(key(42)).toEqual([0, 42]);
    expect(key(2 ** 32 + 5)).toEqual([1, 5]);
    expect(key(Number.MAX_SAFE_INTEGER)).toEqual([0x1fffff, 0xffffffff]);
    expect(key(-1)).toEqual([0xffffffff, 0xffffffff]);
    expect(key(-(2 ** 32))).toEqual([0xffffffff, 0]);
  });

  it('rejects seeds that are not safe integers', () => {
    for (const bad of [1.5, NaN, Infinity, 2 ** 53]) expect(() => key(bad)).toThrow(/seed must be a safe integer/);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(key(1))).toBe(true);
    expect(Object.isFrozen(split(key(1))[0])).toBe(true);
  });
});

describe('split and foldIn', () => {
  it('reproduce JAX (threefry2x32, partitionable): key_data(split(key(0), 8)) and uniform draws', () => {
    expect(split(key(0), 8)).toEqual([
      [1797259609, 2579123966],
      [928981903, 3453687069],
      [4146024105, 2718843009],
      [2467461003, 3840466878],
      [2285895361, 433833334],
      [1524306142, 1887795613],
      [3792494674, 2909014575],
      [2716826189, 292468403],
    ]);
    // jax.random.uniform(key(0), (4,)), and the docs' uniform(split(key(0))[1]) = 0.00729382
    const u = [...bits(key(0), 4)].map((w) => (w >>> 9) * 2 ** -23);
    expect(u.map((x) => x.toFixed(10))).toEqual(['0.9476670027', '0.9785798788', '0.3322914839', '0.4686684608']);
    expect(jaxUniform(split(key(0))[1])).toBeCloseTo(0.00729382, 8);
  });

  it('are deterministic and prefix-stable', () => {
    const k = key(7);
    expect(split(k, 3)).toEqual(split(k, 3));
    expect(split(k, 5).slice(0, 3)).toEqual(split(k, 3));
    expect(foldIn(k, 9)).toEqual(foldIn(k, 9));
    expect(split(k, 0)).toEqual([]);
  });

  it('foldIn(k, i) is split(k, n)[i], as in JAX', () => {
    const k = key(3);
    expect(split(k, 4).map((_, i) => foldIn(k, i))).toEqual(split(k, 4));
  });

  it('give distinct keys for distinct parents and indices', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 50; s++) for (const c of split(key(s), 50)) seen.add(c.join());
    expect(seen.size).toBe(2500);
    expect(foldIn(key(1), 0)).not.toEqual(foldIn(key(1), 2 ** 32)); // high counter word is used
  });

  it('rejects bad counts and data', () => {
    expect(() => split(key(0), -1)).toThrow(/non-negative integer/);
    expect(() => split(key(0), 1.5)).toThrow(/non-negative integer/);
    expect(() => foldIn(key(0), 0.5)).toThrow(/data must be a safe integer/);
  });

  it('give streams sharing no word with each other or the parent', () => {
    const parent = key(2024);
    const keys = [parent, ...split(parent, 4), ...[100, 101, 102].map((d) => foldIn(parent, d))];
    const words = keys.flatMap((k) => [...bits(k, 2000)]);
    expect(new Set(words).size).toBe(words.length);
  });

  it('give uncorrelated streams (|r| under 5/√n)', () => {
    const n = 100_000;
    const parent = key(11);
    const streams = [parent, ...split(parent, 2), foldIn(parent, 5)].map((k) => uniform(k, n, 'float64'));
    for (let a = 0; a < streams.length; a++) {
      for (let b = a + 1; b < streams.length; b++) {
        let sab = 0;
        for (let i = 0; i < n; i++) sab += (streams[a][i] - 0.5) * (streams[b][i] - 0.5);
        const r = sab / n / (1 / 12);
        expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
      }
    }
  });
});
