import { describe, expect, it } from 'vitest';
import { initialize, initializers, type InitSpec } from './init.js';
import { key } from './key.js';

const K = key(7);

function stats(xs: ArrayLike<number>): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    s2 += xs[i] * xs[i];
    maxAbs = Math.max(maxAbs, Math.abs(xs[i]));
  }
  const mean = s / xs.length;
  return { mean, variance: s2 / xs.length - mean * mean, maxAbs };
}

/** Checks w is U(−bound, bound): inside the bound, reaching near it, variance bound²/3 within 5 s.e. */
function expectUniform(w: ArrayLike<number>, bound: number): void {
  const { variance, maxAbs } = stats(w);
  expect(maxAbs).toBeLessThanOrEqual(bound);
  expect(maxAbs).toBeGreaterThan(0.99 * bound);
  // relative s.e. of a uniform's sample variance is √(4/5)/√n
  expect(Math.abs(variance / (bound ** 2 / 3) - 1)).toBeLessThan(5 * Math.sqrt(0.8 / w.length));
}

describe('initializers', () => {
  it('pytorchDefaultLinear: U(±1/√fanIn), fan-in being axis 0 of an [in, out] weight', () => {
    const w = initialize(K, { name: 'pytorchDefaultLinear' }, { shape: [256, 128], dtype: 'float32' });
    expect(w).toBeInstanceOf(Float32Array);
    expect(w).toHaveLength(256 * 128);
    expectUniform(w, 1 / 16);
    const wide = initialize(K, { name: 'pytorchDefaultLinear' }, { shape: [4, 10_000], dtype: 'float64' });
    expectUniform(wide, 1 / 2);
  });

  it('pytorchDefaultLinear: a bias uses its layer’s fanIn, which must be given', () => {
    const b = initialize(K, { name: 'pytorchDefaultLinear' }, { shape: [20_000], dtype: 'float64', fanIn: 64 });
    expectUniform(b, 1 / 8);
    expect(() => initialize(K, { name: 'pytorchDefaultLinear' }, { shape: [128], dtype: 'float64' })).toThrow(
      /fanIn must be a positive integer.*pass target.fanIn/,
    );
  });

  it('xavierUniform: variance gain²·2/(fanIn + fanOut)', () => {
    const w = initialize(K, { name: 'xavierUniform' }, { shape: [300, 200], dtype: 'float32' });
    expectUniform(w, Math.sqrt(6 / 500));
    const g = initialize(K, { name: 'xavierUniform', gain: 2 }, { shape: [300, 200], dtype: 'float64' });
    expectUniform(g, 2 * Math.sqrt(6 / 500));
    // rank 3: fan-out is the product of the trailing axes, e.g. [dModel, heads, dHead]
    const h = initialize(K, { name: 'xavierUniform' }, { shape: [64, 4, 16], dtype: 'float64' });
    expectUniform(h, Math.sqrt(6 / 128));
  });

  it('normal and embeddingDefault: N(0, std²) with std 0.02 and 1', () => {
    for (const [spec, std] of [
      [{ name: 'normal', std: 0.02 }, 0.02],
      [{ name: 'embeddingDefault' }, 1],
    ] as const) {
      const w = initialize(K, spec, { shape: [113, 128], dtype: 'float32' });
      const { mean, variance } = stats(w);
      expect(Math.abs(mean)).toBeLessThan((5 * std) / Math.sqrt(w.length));
      expect(Math.abs(variance / std ** 2 - 1)).toBeLessThan(5 * Math.sqrt(2 / w.length));
    }
  });

  it('constant and onesTimes fill every entry', () => {
    expect(initialize(K, { name: 'constant', value: 0 }, { shape: [3, 2], dtype: 'float64' })).toEqual(new Float64Array(6));
    const z = initialize(K, { name: 'onesTimes', zeta: 0.5 }, { shape: [2, 3, 4], dtype: 'float32' });
    expect(z).toEqual(new Float32Array(24).fill(0.5));
  });

  it('is deterministic in the key', () => {
    const spec: InitSpec = { name: 'xavierUniform' };
    const t = { shape: [8, 8], dtype: 'float64' } as const;
    expect(initialize(K, spec, t)).toEqual(initialize(K, spec, t));
    expect(initialize(K, spec, t)).not.toEqual(initialize(key(8), spec, t));
  });
});

describe('initialize checks its spec', () => {
  const t = { shape: [4, 4], dtype: 'float32' } as const;
  const bad = (spec: unknown) => () => initialize(K, spec as InitSpec, t);

  it('names the unknown initializer and every allowed one', () => {
    const allowed = Object.keys(initializers);
    expect(allowed).toEqual(['pytorchDefaultLinear', 'xavierUniform', 'normal', 'constant', 'onesTimes', 'embeddingDefault']);
    expect(bad({ name: 'kaiming' })).toThrow(new RegExp(`unknown initializer "kaiming"; allowed: ${allowed.join(', ')}`));
    expect(bad({ name: 'toString' })).toThrow(/unknown initializer "toString"/);
    expect(bad({})).toThrow(/unknown initializer undefined/);
    expect(bad(null)).toThrow(/unknown initializer/);
  });

  it('rejects unknown, missing and non-numeric options', () => {
    expect(bad({ name: 'normal', sdt: 0.02 })).toThrow(/'normal': unknown option 'sdt'; allowed: std/);
    expect(bad({ name: 'embeddingDefault', std: 1 })).toThrow(/unknown option 'std'; allowed: none/);
    expect(bad({ name: 'normal' })).toThrow(/'normal': missing required option 'std'/);
    expect(bad({ name: 'constant', value: '1' })).toThrow(/option 'value' must be a finite number, got "1"/);
    expect(bad({ name: 'normal', std: -1 })).toThrow(/std ≥ 0/);
  });

  it('rejects bad shapes and dtypes', () => {
    expect(() => initialize(K, { name: 'normal', std: 1 }, { shape: [2, -1], dtype: 'float32' })).toThrow(/shape must be/);
    expect(() => initialize(K, { name: 'normal', std: 1 }, { shape: [2], dtype: 'int32' as 'float32' })).toThrow(/dtype must be/);
  });
});
