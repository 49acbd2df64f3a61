import { describe, expect, it } from 'vitest';
import { fitExponential, fitLine, fitPowerLaw, pearson } from './index.js';

describe('pearson', () => {
  it('hand-computed values', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 14);
    // centred sums: sxy = 4, sxx = syy = 5, r = 4 / 5
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 14);
  });

  it('is NaN when undefined, and rejects bad input', () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(pearson([1], [2])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow('pearson: 2 xs but 1 ys');
    expect(() => pearson([1, NaN], [1, 2])).toThrow('pearson: point 1 (NaN, 2) is not finite');
  });
});

describe('line fits', () => {
  it('fitLine', () => {
    const f = fitLine([0, 1, 2], [1, 3, 5]);
    expect(f.slope).toBeCloseTo(2, 14);
    expect(f.intercept).toBeCloseTo(1, 14);
    expect(f.r).toBeCloseTo(1, 14);
    expect(f.n).toBe(3);
    expect(fitLine([0, 1], [4, 4])).toEqual({ slope: 0, intercept: 4, r: NaN, n: 2 });
    expect(() => fitLine([1], [1])).toThrow('fitLine needs at least 2 distinct xs, got 1 point(s)');
    expect(() => fitLine([1, 1], [1, 2])).toThrow('got 2 point(s), all at the same x');
  });

  it('fitPowerLaw: delay ∝ 1/(αβ) has slope −1, skipping non-positive points', () => {
    const f = fitPowerLaw([1e-6, 1e-5, 1e-4], [1e6, 1e5, 1e4]);
    expect(f.slope).toBeCloseTo(-1, 12);
    expect(f.intercept).toBeCloseTo(0, 10);
    const g = fitPowerLaw([0, 1, 2, 4, -1, 3], [5, 8, 4, 2, 3, 0]);
    expect(g.n).toBe(3);
    expect(g.slope).toBeCloseTo(-1, 14);
    expect(g.intercept).toBeCloseTo(2.0794415416798357, 14); // ln 8
    expect(g.r).toBeCloseTo(-1, 14);
    expect(() => fitPowerLaw([1, 2], [1, 0])).toThrow('got 1 point(s)');
  });

  it('fitExponential: y = b·exp(a·x), skipping y ≤ 0', () => {
    const f = fitExponential([0, 1, 2, 3], [3, 3 * Math.E, 3 * Math.E ** 2, 0]);
    expect(f.n).toBe(3);
    expect(f.a).toBeCloseTo(1, 14);
    expect(f.b).toBeCloseTo(3, 13);
    expect(f.r).toBeCloseTo(1, 14);
    const g = fitExponential([10, 20], [100, 25]); // halves twice per 10: a = −ln 4 / 10
    expect(g.a).toBeCloseTo(-0.13862943611198905, 14);
    expect(g.b).toBeCloseTo(400, 10);
  });
});
