import { describe, expect, it } from 'vitest';
import { foldIn, key } from './key.js';
import { bernoulli, bits, normal, permutation, randint, uniform } from './sample.js';

// Statistical checks use fixed keys, so they are deterministic; tolerances are 5 standard errors
// (or the 1e-6 tail of the χ² law), so a correct sampler passes for essentially any key.
const N = 100_000;
const K = key(20240601);

function moments(xs: ArrayLike<number>): { mean: number; variance: number; skew: number; exKurt: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  return { mean, variance: m2, skew: m3 / n / m2 ** 1.5, exKurt: m4 / n / (m2 * m2) - 3 };
}

function extent(xs: ArrayLike<number>): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (let i = 0; i < xs.length; i++) [min, max] = [Math.min(min, xs[i]), Math.max(max, xs[i])];
  return [min, max];
}

/** Pearson's χ² of observed counts against equal expected counts. */
function chiSquare(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const e = total / counts.length;
  let x2 = 0;
  for (let i = 0; i < counts.length; i++) x2 += (counts[i] - e) ** 2 / e;
  return x2;
}

const CHI2_1E6 = { 2: 27.63, 6: 38.26, 25: 73.89 }; // upper 1e-6 quantiles of χ²(df)

describe('determinism', () => {
  const samplers = {
    bits: (k = K, n = 1001) => bits(k, n),
    uniform32: (k = K, n = 1001) => uniform(k, n, 'float32'),
    uniform64: (k = K, n = 1001) => uniform(k, n, 'float64', -2, 3),
    normal: (k = K, n = 1001) => normal(k, n, 'float64'),
    randint: (k = K, n = 1001) => randint(k, n, -5, 17),
    permutation: (k = K, n = 1001) => permutation(k, n),
    bernoulli: (k = K, n = 1001) => bernoulli(k, n, 0.5),
  };

  it.each(Object.entries(samplers))('%s: same key gives identical output, another key differs', (_, draw) => {
    expect(draw()).toEqual(draw());
    expect(draw(foldIn(K, 1))).not.toEqual(draw());
  });

  it.each(Object.entries(samplers).filter(([name]) => name !== 'permutation'))('%s: the first m values do not depend on n', (_, draw) => {
    expect(draw(K, 1001).subarray(0, 500)).toEqual(draw(K, 500));
  });

  it('float32 normals are float64 normals rounded', () => {
    expect(normal(K, 999, 'float32', 1, 2)).toEqual(Float32Array.from(normal(K, 999, 'float64', 1, 2)));
  });

  it('returns the requested array types and handles n = 0', () => {
    expect(uniform(K, 3, 'float32')).toBeInstanceOf(Float32Array);
    expect(normal(K, 3, 'float64')).toBeInstanceOf(Float64Array);
    expect(bits(K, 0)).toHaveLength(0);
    expect(normal(K, 0, 'float32')).toHaveLength(0);
  });
});

describe('bits', () => {
  it('sets every bit position with probability 1/2', () => {
    const w = bits(K, N);
    for (let b = 0; b < 32; b++) {
      let ones = 0;
      for (let i = 0; i < N; i++) ones += (w[i] >>> b) & 1;
      expect(Math.abs(ones - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
    }
  });
});

describe('uniform', () => {
  it.each(['float32', 'float64'] as const)('%s: [lo, hi) with the mean and variance of U(lo, hi)', (dtype) => {
    const [lo, hi] = [-2, 3];
    const u = uniform(K, N, dtype, lo, hi);
    const [min, max] = extent(u);
    expect(min).toBeGreaterThanOrEqual(lo);
    expect(max).toBeLessThan(hi);
    const { mean, variance } = moments(u);
    const w2 = (hi - lo) ** 2;
    expect(Math.abs(mean - (lo + hi) / 2)).toBeLessThan(5 * Math.sqrt(w2 / 12 / N));
    expect(Math.abs(variance - w2 / 12)).toBeLessThan(5 * Math.sqrt((w2 * w2 * (1 / 80 - 1 / 144)) / N));
  });

  it('uses 24 bits for float32 and 53 for float64', () => {
    const u32 = uniform(K, 1000, 'float32');
    const u64 = uniform(K, 1000, 'float64');
    expect(u32.every((x) => Number.isInteger(x * 2 ** 24))).toBe(true);
    expect(u32.some((x) => !Number.isInteger(x * 2 ** 23))).toBe(true);
    expect(u64.every((x) => Number.isInteger(x * 2 ** 53))).toBe(true);
    expect(u64.some((x) => !Number.isInteger(x * 2 ** 52))).toBe(true);
  });

  it('stays below hi when rounding to the dtype would reach it', () => {
    // ranges a few ulps wide, where lo + (hi − lo)·u often rounds to hi
    const a = uniform(K, 10_000, 'float32', 1, 1 + 2 ** -20);
    expect(extent(a)[1]).toBe(1 + 2 ** -20 - 2 ** -23);
    const b = uniform(K, 10_000, 'float64', 1, 1 + 2 ** -50);
    expect(extent(b)[1]).toBe(1 + 2 ** -50 - 2 ** -52);
    const c = uniform(K, 10_000, 'float32', 0.7, 0.7 + 2 ** -22); // Math.fround(0.7) < 0.7
    expect(extent(c)[0]).toBeGreaterThanOrEqual(0.7);
    expect(extent(c)[1]).toBeLessThan(0.7 + 2 ** -22);
  });

  it('rejects empty or non-finite ranges', () => {
    expect(() => uniform(K, 1, 'float64', 1, 1)).toThrow(/lo < hi/);
    expect(() => uniform(K, 1, 'float64', 0, Infinity)).toThrow(/lo < hi/);
    expect(() => uniform(K, 1, 'float64', -Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(/lo < hi/);
    expect(() => uniform(K, 1, 'float32', 1 + 2 ** -30, 1 + 2 ** -29)).toThrow(/no float32/);
    expect(() => uniform(K, 1, 'int32' as 'float32')).toThrow(/dtype must be/);
    expect(() => uniform(K, -1, 'float32')).toThrow(/non-negative integer/);
  });
});

describe('normal', () => {
  it('has the mean, variance, skewness and kurtosis of N(0, 1)', () => {
    const { mean, variance, skew, exKurt } = moments(normal(K, N, 'float64'));
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(skew)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(exKurt)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it('puts the right mass in each tail band (so the shape, not only moments, is normal)', () => {
    // P(|z| < 1) = 0.682689, P(1 ≤ |z| < 2) = 0.271810, P(|z| ≥ 2) = 0.045500
    const z = normal(foldIn(K, 2), N, 'float32');
    const counts = [0, 0, 0];
    for (const x of z) counts[Math.abs(x) < 1 ? 0 : Math.abs(x) < 2 ? 1 : 2]++;
    const p = [0.682689, 0.27181, 0.0455];
    const x2 = counts.reduce((s, c, i) => s + (c - N * p[i]) ** 2 / (N * p[i]), 0);
    expect(x2).toBeLessThan(CHI2_1E6[2]);
  });

  it('gives uncorrelated neighbours, also within a Box–Muller pair (lag-1 correlation of z and z²)', () => {
    const z = normal(K, N, 'float64');
    for (const f of [(x: number) => x, (x: number) => x * x - 1]) {
      let s = 0;
      for (let i = 0; i + 1 < N; i++) s += f(z[i]) * f(z[i + 1]);
      const { variance } = moments(Array.from(z, f));
      expect(Math.abs(s / (N - 1) / variance)).toBeLessThan(5 / Math.sqrt(N));
    }
  });

  it('applies mean and std', () => {
    const { mean, variance } = moments(normal(K, N, 'float64', 3, 0.5));
    expect(Math.abs(mean - 3)).toBeLessThan((5 * 0.5) / Math.sqrt(N));
    expect(Math.abs(variance - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / N));
    expect(normal(K, 10, 'float64', 2, 0).every((x) => x === 2)).toBe(true);
    expect(() => normal(K, 1, 'float64', 0, -1)).toThrow(/std ≥ 0/);
  });
});

describe('randint', () => {
  it('is uniform on a small range (χ²)', () => {
    const r = randint(K, N, -3, 4);
    const counts = new Array(7).fill(0);
    for (const x of r) counts[x + 3]++;
    expect(extent(r)).toEqual([-3, 3]);
    expect(chiSquare(counts)).toBeLessThan(CHI2_1E6[6]);
  });

  it('has no modulo bias on a range of 3·2^30, where w mod range would give thirds 1/2, 1/4, 1/4', () => {
    const r = randint(K, 30_000, -(2 ** 31), 2 ** 30);
    const counts = [0, 0, 0];
    for (const x of r) counts[Math.floor((x + 2 ** 31) / 2 ** 30)]++;
    expect(chiSquare(counts)).toBeLessThan(CHI2_1E6[2]);
  });

  it('covers the full int32 range', () => {
    const r = randint(K, 1000, -(2 ** 31), 2 ** 31);
    expect(r.some((x) => x < -(2 ** 30))).toBe(true);
    expect(r.some((x) => x > 2 ** 30)).toBe(true);
  });

  it('rejects bad bounds', () => {
    expect(() => randint(K, 1, 3, 3)).toThrow(/lo < hi/);
    expect(() => randint(K, 1, 0.5, 3)).toThrow(/integers/);
    expect(() => randint(K, 1, 0, 2 ** 31 + 1)).toThrow(/2\^31/);
  });
});

describe('permutation', () => {
  it('is a permutation', () => {
    const p = permutation(K, 1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(p).not.toEqual(Int32Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(K, 1)).toEqual(Int32Array.of(0));
  });

  it('sends every value to every position equally often', () => {
    // counts of T random permutation matrices: Σ(O − E)²/E · (n − 1)/n ~ χ²((n − 1)²)
    const [n, trials] = [6, 12_000];
    const counts = new Array(n * n).fill(0);
    for (let t = 0; t < trials; t++) permutation(foldIn(K, t), n).forEach((v, pos) => counts[pos * n + v]++);
    expect((chiSquare(counts) * (n - 1)) / n).toBeLessThan(CHI2_1E6[25]);
  });
});

describe('bernoulli', () => {
  it('draws ones with probability p', () => {
    const p = 0.3;
    const ones = bernoulli(K, N, p).reduce((s, x) => s + x, 0);
    expect(Math.abs(ones / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    expect(bernoulli(K, 1000, 0).every((x) => x === 0)).toBe(true);
    expect(bernoulli(K, 1000, 1).every((x) => x === 1)).toBe(true);
    expect(() => bernoulli(K, 1, 1.5)).toThrow(/p must be/);
  });
});
