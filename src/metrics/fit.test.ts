import { describe, expect, it } from 'vitest';
import { fitExponential, fitLine, fitPowerLaw, fitScalingLaw, pearson } from './index.js';

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

describe('fitScalingLaw', () => {
  const alphas = [0.005, 0.01, 0.0275, 0.055, 0.0825, 0.1];
  const betas = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
  const grid = alphas.flatMap((a) => betas.map((b) => [a, b]));

  it('tells y ∝ β apart from y ∝ αβ, where the pooled slope cannot', () => {
    // error ∝ α^0.07·β: the pooled slope on αβ is pulled below 1 (β spans 5 decades, α 1.3)
    const ys = grid.map(([a, b]) => 3 * a ** 0.07 * b);
    const f = fitScalingLaw([grid.map((p) => p[0]), grid.map((p) => p[1])], ys);
    expect(f.n).toBe(36);
    expect(f.separate[0].exponent).toBeCloseTo(0.07, 10);
    expect(f.separate[1].exponent).toBeCloseTo(1, 10);
    expect(f.separate[0].ci95).toBeLessThan(1e-8);
    expect(f.pooled.exponent).toBeGreaterThan(0.8);
    expect(f.pooled.exponent).toBeLessThan(0.97);
    expect(f.pooled.ci95).toBeGreaterThan(0.01);
  });

  it('a product law gives equal exponents both ways; intervals grow with the noise', () => {
    const noise = [0.1, -0.05, 0.02, -0.1, 0.07, 0, -0.02, 0.05, -0.07, 0.03, 0.01, -0.04];
    const ys = grid.map(([a, b], i) => Math.exp(noise[i % noise.length]) / (a * b));
    const f = fitScalingLaw([grid.map((p) => p[0]), grid.map((p) => p[1])], ys);
    for (const e of [...f.separate, f.pooled]) {
      expect(Math.abs(e.exponent + 1)).toBeLessThan(0.05);
      expect(e.ci95).toBeGreaterThan(0.002);
      expect(Math.abs(e.exponent + 1)).toBeLessThan(e.ci95 * 3);
    }
    expect(f.pooled.r).toBeLessThan(-0.99);
  });

  it('a law read on an evaluation grid: the resolution bounds what rounding can do to each exponent', () => {
    // t = 1/(αβ) rounded up to a grid of 20 evaluations per decade, as a detector reads it
    const onGrid = (t: number) => 10 ** (Math.ceil(Math.log10(t) * 20) / 20);
    const ys = grid.map(([a, b]) => onGrid(1 / (a * b)));
    const delta = Math.log(10) / 40;
    const f = fitScalingLaw([grid.map((p) => p[0]), grid.map((p) => p[1])], ys, delta);
    expect(fitScalingLaw([grid.map((p) => p[0]), grid.map((p) => p[1])], ys).separate[0].resolution).toBe(0);
    for (const e of [...f.separate, f.pooled]) {
      expect(e.resolution).toBeGreaterThan(0);
      expect(Math.abs(e.exponent + 1)).toBeLessThanOrEqual(e.ci95 + e.resolution);
    }
    // a one-variable fit moves by at most δ·Σ|x − x̄|/Σ(x − x̄)²
    const xs = [1, 10, 100, 1000];
    const lx = xs.map(Math.log);
    const m = lx.reduce((s, v) => s + v, 0) / 4;
    const bound = (0.1 * lx.reduce((s, v) => s + Math.abs(v - m), 0)) / lx.reduce((s, v) => s + (v - m) ** 2, 0);
    expect(fitScalingLaw([xs], [2, 3, 5, 7], 0.1).separate[0].resolution).toBeCloseTo(bound, 12);
  });

  it('skips non-positive points and refuses a variable that does not vary', () => {
    const f = fitScalingLaw([[1, 2, 4, 8, 0]], [1, 2, 4, 8, 5]);
    expect(f.n).toBe(4);
    expect(f.separate[0].exponent).toBeCloseTo(1, 12);
    expect(() =>
      fitScalingLaw(
        [
          [1, 2, 4],
          [3, 3, 3],
        ],
        [1, 2, 3],
      ),
    ).toThrow('variable 2 is constant');
    expect(() => fitScalingLaw([[1, 0]], [1, 2])).toThrow('at least 2 points');
    expect(fitScalingLaw([[1, 2]], [1, 2]).separate[0].ci95).toBeNaN();
  });
});
