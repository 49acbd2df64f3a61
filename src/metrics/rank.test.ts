import { describe, expect, it } from 'vitest';
import { effectiveRank, matrixRanks, numericalRank } from './index.js';

describe('effectiveRank', () => {
  it('is exp of the entropy of the normalized singular values', () => {
    expect(effectiveRank([1, 1, 1, 1])).toBeCloseTo(4, 14);
    expect(effectiveRank([2, 0])).toBe(1);
    // p = (3/4, 1/4): exp(H) = 4 / 3^(3/4)
    expect(effectiveRank([3, 1])).toBeCloseTo(1.7547653506033234, 14);
    expect(effectiveRank([6, 2])).toBeCloseTo(1.7547653506033234, 14);
  });

  it('is 0 for an all-zero or empty matrix, and rejects invalid singular values', () => {
    expect(effectiveRank([0, 0])).toBe(0);
    expect(effectiveRank([])).toBe(0);
    expect(() => effectiveRank([1, -1])).toThrow('effectiveRank: singular value -1 at index 1 is not finite and ≥ 0');
    expect(() => numericalRank([NaN])).toThrow('numericalRank: singular value NaN at index 0');
  });
});

describe('numericalRank and matrixRanks', () => {
  it('counts singular values above the tolerance', () => {
    expect(numericalRank([3, 1e-20, 0])).toBe(1);
    expect(numericalRank([3, 1, 0.1], 0.5)).toBe(2);
    expect(numericalRank([0, 0])).toBe(0);
  });

  it('takes a matrix (float32 too)', () => {
    const r = matrixRanks({ data: Float32Array.from([1, 0, 0, 0, 1, 0]), shape: [2, 3] });
    expect(Array.from(r.singularValues)).toEqual([1, 1]);
    expect([r.effective, r.numerical]).toEqual([2, 2]);
    const one = matrixRanks({ data: Float64Array.from([1, 2, 2, 4]), shape: [2, 2] });
    expect(one.singularValues[0]).toBeCloseTo(5, 12);
    expect(one.numerical).toBe(1);
    expect(one.effective).toBeCloseTo(1, 12);
    expect(matrixRanks({ data: Float64Array.from([2, 0, 0, 1e-3]), shape: [2, 2] }, 1e-2).numerical).toBe(1);
    // NumPy's tolerance max(m, n)·ε·σ_max = 100·2.2e-16 exceeds σ₂ = 1e-14; the vector default 2·ε does not.
    const tall = new Float64Array(200);
    [tall[0], tall[3]] = [1, 1e-14];
    const r2 = matrixRanks({ data: tall, shape: [100, 2] });
    expect(Array.from(r2.singularValues)).toEqual([1, 1e-14]);
    expect([r2.numerical, numericalRank(r2.singularValues)]).toEqual([1, 2]);
  });
});
