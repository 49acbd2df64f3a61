import { expect, test } from 'vitest';
import { addL1Subgradient, applyUpdates, softThreshold } from './index.js';
import { f32, f64, updateOf } from './testing.js';

test('addL1Subgradient adds β·sign(p), nothing where p = 0', () => {
  const t = addL1Subgradient(0.25);
  const params = { w: f64(2, -3, 0) };
  expect(updateOf(t, t.init(params), params, { w: f64(0.5, 0.5, 0.5) })).toEqual({ w: [0.75, 0.25, 0.5] });
});

test.each([
  ['float64', f64],
  ['float32', f32],
] as const)('softThreshold makes p + u the soft-thresholded p + u, with exact zeros (%s)', (_, make) => {
  const t = softThreshold(1);
  // p + u = [2.5, −2, −1.5, 0.75, −1] → [1.5, −1, −0.5, 0, 0]
  const params = { w: make(2, -3, 0.5, 0.25, -0.75) };
  const updates = { w: make(0.5, 1, -2, 0.5, -0.25) };
  t.update(updates, t.init(params), params);
  expect(Array.from(updates.w)).toEqual([-0.5, 2, -1, -0.25, 0.75]);
  applyUpdates(params, updates);
  expect(Array.from(params.w)).toEqual([1.5, -1, -0.5, 0, 0]);
  expect(params.w.filter((x) => x === 0).length).toBe(2);
});
