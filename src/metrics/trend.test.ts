import { describe, expect, it } from 'vitest';
import { kendallTrend, Z95 } from './trend.js';

describe('kendallTrend', () => {
  it('scores a monotone rise, a fall and a shuffle as the Mann–Kendall test does', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const rise = kendallTrend([{ x, y: x.map((v) => 10 + v * v) }]);
    // S = 55, Var = 11·10·27/18 = 165: z = 54/√165
    expect(rise.s).toBe(55);
    expect(rise.z).toBeCloseTo(54 / Math.sqrt(165), 12);
    expect(rise.z).toBeGreaterThan(Z95);
    expect(kendallTrend([{ x, y: x.map((v) => -v) }]).z).toBeLessThan(-Z95);
    const shuffled = kendallTrend([{ x, y: [5, 1, 9, 3, 7, 0, 8, 2, 10, 4, 6] }]);
    expect(Math.abs(shuffled.z)).toBeLessThan(Z95);
  });

  it('counts +∞ above every finite value and ties among them lower the variance', () => {
    const t = kendallTrend([{ x: [0, 1, 2, 3, 4], y: [10, 20, 30, Infinity, Infinity] }]);
    expect(t.s).toBe(9);
    // Var = (5·4·15 − 2·1·9)/18
    expect(t.z).toBeCloseTo(8 / Math.sqrt((300 - 18) / 18), 12);
  });

  it('adds groups (the stratified test) and says when no trend could be significant', () => {
    const group = { x: [0, 1], y: [1, 2] };
    expect(kendallTrend([group]).maxZ).toBe(0);
    expect(kendallTrend([{ x: [0, 1, 2, 3], y: [1, 2, 3, 4] }]).maxZ).toBeLessThan(Z95);
    const three = kendallTrend([0, 1, 2].map(() => ({ x: [0, 0.25, 0.5, 0.75, 1], y: [50, 40, 30, 20, 10] })));
    expect(three.s).toBe(-30);
    expect(three.n).toBe(15);
    expect(three.z).toBeCloseTo(-29 / Math.sqrt(50), 12);
    expect(three.maxZ).toBeCloseTo(29 / Math.sqrt(50), 12);
    expect(() => kendallTrend([{ x: [0, 0], y: [1, 2] }])).toThrow('distinct');
    expect(() => kendallTrend([{ x: [0, 1], y: [1, Number.NaN] }])).toThrow('NaN');
  });
});
