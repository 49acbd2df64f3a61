import { describe, expect, it } from 'vitest';
import { meanInterval, studentQuantile } from './spread.js';

describe('spread', () => {
  it('Student t quantiles match the tables', () => {
    expect(studentQuantile(0.95, 1)).toBeCloseTo(12.706, 3);
    expect(studentQuantile(0.95, 2)).toBeCloseTo(4.303, 3);
    expect(studentQuantile(0.95, 10)).toBeCloseTo(2.228, 3);
    expect(studentQuantile(0.99, 10)).toBeCloseTo(3.169, 3);
    expect(studentQuantile(0.95, 1e6)).toBeCloseTo(1.96, 2);
    expect(() => studentQuantile(1, 3)).toThrow('level must be in (0, 1)');
  });

  it('mean and 95 % t interval', () => {
    expect(meanInterval([])).toEqual({ mean: null, ci95: null, n: 0 });
    expect(meanInterval([4])).toEqual({ mean: 4, ci95: null, n: 1 });
    const { mean, ci95 } = meanInterval([1, 2, 3]);
    expect(mean).toBe(2);
    expect(ci95).toBeCloseTo(4.303 * (1 / Math.sqrt(3)), 3);
  });
});
