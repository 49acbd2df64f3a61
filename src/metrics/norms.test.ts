import { describe, expect, it } from 'vitest';
import { l0, l1, l2, matrixNuclear, nuclear, parameterNorms, sumOfSquares } from './index.js';

const params = { a: Float64Array.from([3, -4]), b: Float32Array.from([12, 0]) };

describe('norms over all parameters', () => {
  it('counts, sums and takes the Euclidean norm of everything concatenated', () => {
    expect(l0(params)).toBe(3);
    expect(l1(params)).toBe(19);
    expect(sumOfSquares(params)).toBe(169);
    expect(l2(params)).toBe(13);
    expect([l0({}), l1({}), l2({})]).toEqual([0, 0, 0]);
  });

  it('l0 counts |w| strictly above the threshold, never NaN', () => {
    const p = { w: Float64Array.from([1e-5, -2e-4, 1e-4, 0, NaN]) };
    expect(l0(p, 1e-4)).toBe(1);
    expect(l0(p)).toBe(3);
  });

  it('accumulates Float32 parameters in Float64', () => {
    // In float32, 2^24 + 1 rounds back to 2^24, so a float32 sum would give 16777216.
    expect(l1({ w: Float32Array.from([2 ** 24, 1, 1]) })).toBe(16777218);
  });
});

describe('nuclear', () => {
  const shapes = { d: [2, 2], ones: [2, 2], f: [3, 2], v: [2], t: [1, 1, 2] };
  const mats = {
    d: Float64Array.from([3, 0, 0, -4]), // σ = 4, 3
    ones: Float64Array.from([1, 1, 1, 1]), // σ = 2, 0
    f: Float32Array.from([0, 2, 0, 0, 0, 0]), // σ = 2
    v: Float64Array.from([100, 100]), // rank 1: ignored
    t: Float64Array.from([100, 100]), // rank 3: ignored
  };

  it('sums the nuclear norms of the rank-2 parameters only', () => {
    expect(nuclear(mats, shapes)).toBeCloseTo(11, 12);
    expect(matrixNuclear('v', mats.v, shapes.v)).toBeNull();
  });

  it('is NaN for a non-finite matrix and rejects missing or wrong shapes', () => {
    expect(matrixNuclear('m', Float64Array.from([1, NaN]), [1, 2])).toBeNaN();
    expect(() => nuclear(mats, { d: [2, 2] })).toThrow('no shape for parameter ones; shapes given for: d');
    expect(() => nuclear({ d: mats.d }, { d: [3, 2] })).toThrow('parameter d: shape [3, 2] needs 6 values, data has 4');
  });

  it('per parameter', () => {
    const p = { w: Float64Array.from([3, 0, 0, -4]), b: Float64Array.from([1, -1]) };
    const norms = parameterNorms(p, { w: [2, 2], b: [2] });
    expect(norms.w.nuclear).toBeCloseTo(7, 12);
    expect({ ...norms.w, nuclear: 0 }).toEqual({ l0: 2, l1: 7, l2: 5, nuclear: 0 });
    expect(norms.b).toEqual({ l0: 2, l1: 2, l2: Math.SQRT2, nuclear: null });
    expect(parameterNorms(p).w.nuclear).toBeNull();
    expect(parameterNorms(p, undefined, 3.5).w.l0).toBe(1);
  });
});
