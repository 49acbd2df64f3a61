import { expect, test } from 'vitest';
import { scale, scaleByLearningRate } from './index.js';
import { f32, f64, updateOf } from './testing.js';

test('scale multiplies by a constant, Float32 too', () => {
  const t = scale(-0.5);
  expect(updateOf(t, t.init({}), {}, { a: f64(2, -6), b: f32(3) })).toEqual({ a: [-1, 3], b: [-1.5] });
});

test('scaleByLearningRate multiplies by −lr(step), step counted from 0', () => {
  const t = scaleByLearningRate((step) => 2 ** -step);
  const state = t.init({});
  const grads = { w: f64(2, -4) };
  expect([0, 1, 2].map(() => updateOf(t, state, {}, grads).w)).toEqual([
    [-2, 4],
    [-1, 2],
    [-0.5, 1],
  ]);
  expect(state.count).toBe(3);
});
