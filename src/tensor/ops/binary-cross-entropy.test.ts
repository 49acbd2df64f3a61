import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import { randn, weightsFor } from '../testing.js';
import * as T from '../index.js';

describe('binaryCrossEntropy', () => {
  const labels = Int32Array.from([1, 0, 0, 1, 1]);

  it('equals −[y log σ(z) + (1 − y) log(1 − σ(z))], averaged', () => {
    const z = randn([5, 1], 3);
    const loss = T.binaryCrossEntropy(z, labels).item();
    let expected = 0;
    for (let i = 0; i < 5; i++) {
      const p = 1 / (1 + Math.exp(-z.data[i]));
      expected -= labels[i] ? Math.log(p) : Math.log(1 - p);
    }
    expect(loss).toBeCloseTo(expected / 5, 12);
  });

  it('has the finite-difference gradient, (σ(z) − y)/N even at z = 0', () => {
    const { maxError, worst } = gradcheck((z) => T.binaryCrossEntropy(z, labels), [randn([5], 4)], weightsFor('bce'));
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-7);
    const z = T.zeros([2, 1], { dtype: 'float64', requiresGrad: true });
    T.binaryCrossEntropy(z, Int32Array.from([1, 0])).backward();
    expect(Array.from(z.grad!.data)).toEqual([-0.25, 0.25]);
  });

  it('stays finite for confident logits and rejects bad labels and shapes', () => {
    const z = T.tensor([800, -800], [2], { dtype: 'float64' });
    expect(T.binaryCrossEntropy(z, Int32Array.from([1, 0])).item()).toBe(0);
    expect(T.binaryCrossEntropy(z, Int32Array.from([0, 1])).item()).toBe(800);
    expect(() => T.binaryCrossEntropy(z, Int32Array.from([1, 2]))).toThrow(/label 2 at row 1 is not 0 or 1/);
    expect(() => T.binaryCrossEntropy(T.zeros([2, 2]), Int32Array.from([1, 0]))).toThrow(/logits must be \[N\] or \[N, 1\]/);
  });
});
