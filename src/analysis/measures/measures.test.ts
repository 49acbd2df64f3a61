import { describe, expect, it } from 'vitest';
import { parseMeasureArg } from '../registry.js';
import { circularity } from './pca.js';
import { collapsedFraction } from './softmax-collapse.js';

describe('collapsedFraction', () => {
  it('counts a row as collapsed only when the float32 softmax of its label is exactly 1', () => {
    // e^-20 ≈ 2e-9 is below float32's half-ulp of 1 (2^-24 ≈ 6e-8), e^-10 ≈ 4.5e-5 is not; in
    // float64 neither softmax would be 1.
    const logits = [0, 20, 0, 10, 20, 0];
    expect(collapsedFraction(logits, [1, 1, 1], 2)).toBeCloseTo(1 / 3, 12);
    expect(collapsedFraction(logits, [1, 0, 0], 2)).toBeCloseTo(2 / 3, 12);
    expect(1 / (1 + Math.exp(-20))).toBeLessThan(1);
  });

  it('rounds like float32 near the edge: a gap of 17 collapses (e^-17 < 2^-24), 16.5 does not', () => {
    expect(collapsedFraction([0, 17], [1], 2)).toBe(1);
    expect(collapsedFraction([0, 16.5], [1], 2)).toBe(0);
  });
});

describe('circularity', () => {
  const p = 17;
  it('is 1 for numbers evenly on a circle in the order n ↦ kn, and finds k', () => {
    const angle = (n: number) => (2 * Math.PI * 5 * n) / p + 0.3;
    const x = Array.from({ length: p }, (_, n) => 2 * Math.cos(angle(n)));
    const y = Array.from({ length: p }, (_, n) => 2 * Math.sin(angle(n)));
    const c = circularity(x, y);
    expect(c.circularity).toBeCloseTo(1, 12);
    expect(c.frequency).toBe(5);
  });

  it('is well below 1 for scattered points', () => {
    const x = Array.from({ length: p }, (_, n) => (Math.sin(n * 12.9898) * 43758.5453) % 1);
    const y = Array.from({ length: p }, (_, n) => (Math.sin(n * 78.233) * 12345.678) % 1);
    expect(circularity(x, y).circularity).toBeLessThan(0.6);
  });
});

describe('parseMeasureArg', () => {
  it('reads NAME and NAME:key=value,… with JSON values, keeping commas inside brackets', () => {
    expect(parseMeasureArg('fourier')).toEqual({ name: 'fourier', options: {} });
    expect(parseMeasureArg('progress:frequencies=[14,35],restrictedSplit=all,threshold=3')).toEqual({
      name: 'progress',
      options: { frequencies: [14, 35], restrictedSplit: 'all', threshold: 3 },
    });
  });

  it('refuses an option that is not key=value', () => {
    expect(() => parseMeasureArg('fourier:threshold')).toThrow(/key=value/);
  });
});
