import { expect, test } from 'vitest';
import { addDecayedWeights } from './index.js';
import { f64, updateOf } from './testing.js';

test('addDecayedWeights adds wd·p, with wd scheduled', () => {
  const t = addDecayedWeights((step) => (step === 0 ? 0.25 : 1));
  const state = t.init({});
  const params = { w: f64(2, -2) };
  const grads = { w: f64(1, 1) };
  expect(updateOf(t, state, params, grads)).toEqual({ w: [1.5, 0.5] });
  expect(updateOf(t, state, params, grads)).toEqual({ w: [3, -1] });
});
