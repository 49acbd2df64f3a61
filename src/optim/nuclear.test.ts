import { describe, expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import { singularValues } from '../tensor/index.js';
import { addNuclearSubgradient, applyUpdates, singularValueThreshold } from './index.js';
import { f32, f64, updateOf } from './testing.js';

const expectClose = (actual: number[], expected: number[]) => actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));

describe('addNuclearSubgradient', () => {
  test('adds β·U Vᵀ per matrix and skips vectors', () => {
    // diag(2, −1) = I·diag(2, 1)·diag(1, −1): U Vᵀ = diag(1, −1). [[1, 1], [1, 1]] = 2·e eᵀ with
    // e = [1, 1]/√2: U Vᵀ = e eᵀ, ½ everywhere. A [2, 2, 2] parameter is two matrices.
    const shapes = { a: [2, 2], b: [2], c: [2, 2, 2] };
    const params = { a: f64(2, 0, 0, -1), b: f64(5, 5), c: f64(1, 1, 1, 1, 2, 0, 0, -1) };
    const grads = { a: f64(0, 0, 0, 0), b: f64(1, 1), c: f64(0, 0, 0, 0, 0, 0, 0, 0) };
    const t = addNuclearSubgradient(0.5, shapes);
    const u = updateOf(t, t.init(params), params, grads);
    expectClose(u.a, [0.5, 0, 0, -0.5]);
    expect(u.b).toEqual([1, 1]);
    expectClose(u.c, [0.25, 0.25, 0.25, 0.25, 0.5, 0, 0, -0.5]);
  });

  test('is zero at a zero matrix and works on Float32 parameters', () => {
    const t = addNuclearSubgradient(1, { w: [1, 3] });
    const zero = { w: f32(0, 0, 0) };
    expect(updateOf(t, t.init(zero), zero, { w: f32(1, 2, 3) })).toEqual({ w: [1, 2, 3] });
    // a 1×3 matrix [3, 0, −4] has U Vᵀ = [3, 0, −4]/5
    const p = { w: f32(3, 0, -4) };
    expectClose(updateOf(t, t.init(p), p, { w: f32(0, 0, 0) }).w, [0.6, 0, -0.8].map(Math.fround));
  });

  test('a parameter with no shape is an error, not a silent skip', () => {
    expect(() => addNuclearSubgradient(1, { a: [2, 2] }).init({ a: f64(1, 2, 3, 4), w: f64(1) })).toThrow('no shape for parameter "w"');
    expect(() => addNuclearSubgradient(1, { a: [2, 3] }).init({ a: f64(1, 2, 3, 4) })).toThrow('shape [2, 3] of "a" has 6 elements, the parameter 4');
  });
});

describe('singularValueThreshold', () => {
  test('shrinks the singular values of p + u by τ', () => {
    // p + u = diag(3, 1) → diag(1, 0); p + u = [[2, 2], [2, 2]] (σ = 4) → 3/4 of it
    const t = singularValueThreshold(2, { a: [2, 2] });
    const params = { a: f64(1, 0, 0, 0) };
    expectClose(updateOf(t, t.init(params), params, { a: f64(2, 0, 0, 1) }).a, [0, 0, 0, 0]);
    const s = singularValueThreshold(1, { a: [2, 2] });
    expectClose(updateOf(s, s.init(params), params, { a: f64(1, 2, 2, 2) }).a, [0.5, 1.5, 1.5, 1.5]);
  });

  test('reduces the rank to the number of singular values above τ', () => {
    const k = key(3);
    const params = { w: normal(foldIn(k, 0), 20, 'float64') };
    const updates = { w: normal(foldIn(k, 1), 20, 'float64') };
    const before = singularValues({ data: params.w.map((p, i) => p + updates.w[i]), shape: [5, 4] });
    const tau = (before[1] + before[2]) / 2;
    const t = singularValueThreshold(tau, { w: [5, 4] });
    t.update(updates, t.init(params), params);
    applyUpdates(params, updates);
    const after = singularValues({ data: params.w, shape: [5, 4] });
    expectClose(Array.from(after.subarray(0, 2)), [before[0] - tau, before[1] - tau]);
    expect(after[2]).toBeLessThan(1e-14 * after[0]);
    expect(after[3]).toBeLessThan(1e-14 * after[0]);
  });
});
