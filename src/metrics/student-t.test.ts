import { describe, expect, it } from 'vitest';
import { logGamma, pearsonPValue, regularizedBeta, studentTwoSidedP } from './student-t.js';

describe('Student t and Pearson p-values', () => {
  it('ln Γ and I_x(a, b) at known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_½(a, a) = ½.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(regularizedBeta(0.5, 4.5, 4.5)).toBeCloseTo(0.5, 12);
  });

  it('two-sided t tail probabilities match the tables', () => {
    // Critical values of the two-sided 5 % and 1 % tests.
    expect(studentTwoSidedP(12.706, 1)).toBeCloseTo(0.05, 4);
    expect(studentTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(studentTwoSidedP(3.169, 10)).toBeCloseTo(0.01, 4);
    expect(studentTwoSidedP(1.96, 1e6)).toBeCloseTo(0.05, 3);
    expect(studentTwoSidedP(0, 7)).toBeCloseTo(1, 12);
  });

  it('Pearson p-values (scipy.stats.pearsonr)', () => {
    // r = 0.5 from 15 points: t = 2.0801, p = 0.05769; r = 0.92 from 90 points: p ≈ 1.6e-37.
    expect(pearsonPValue(0.5, 15)).toBeCloseTo(0.05769, 4);
    expect(pearsonPValue(-0.5, 15)).toBeCloseTo(0.05769, 4);
    const p = pearsonPValue(0.92, 90);
    expect(p).toBeGreaterThan(1e-38);
    expect(p).toBeLessThan(1e-35);
    expect(pearsonPValue(1, 10)).toBe(0);
    expect(pearsonPValue(0.3, 2)).toBeNaN();
  });
});
