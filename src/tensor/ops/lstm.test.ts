import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import { randn, weightsFor } from '../testing.js';
import * as T from '../index.js';

describe('lstmRecurrence', () => {
  for (const [L, N, H] of [
    [4, 2, 3],
    [1, 3, 1],
    [3, 1, 2],
  ]) {
    it(`has the finite-difference gradient for L ${L}, N ${N}, H ${H}`, () => {
      const { maxError, worst } = gradcheck(T.lstmRecurrence, [randn([L, N, 4 * H], L), T.mul(randn([H, 4 * H], H), 0.7)], weightsFor(`lstm${L}${N}${H}`));
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-7);
    });
  }

  it('computes c = f·c + i·g, h = o·tanh(c) from a zero state', () => {
    // H = 1, W_hh = 0: each step sees only its own pre-activations (i, f, g, o)
    const h = T.lstmRecurrence(T.tensor([0, 0, 0.5, 0, 2, -1, 0.3, 1], [2, 1, 4], { dtype: 'float64' }), T.zeros([1, 4], { dtype: 'float64' }));
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const c0 = 0.5 * Math.tanh(0.5);
    const c1 = s(-1) * c0 + s(2) * Math.tanh(0.3);
    expect(h.data[0]).toBeCloseTo(0.5 * Math.tanh(c0), 14);
    expect(h.data[1]).toBeCloseTo(s(1) * Math.tanh(c1), 14);
  });

  it('rejects mismatched shapes', () => {
    expect(() => T.lstmRecurrence(T.zeros([2, 1, 8]), T.zeros([2, 4]))).toThrow(/needs projected inputs \[L, N, 4H\] and W_hh \[H, 4H\]/);
  });
});
