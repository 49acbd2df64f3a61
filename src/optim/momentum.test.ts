import { expect, test } from 'vitest';
import { traceMomentum } from './index.js';
import { f64, updateOf } from './testing.js';

test('traceMomentum: t ← g + μ·t (zero start), plain and Nesterov', () => {
  const params = { w: f64(0, 0) };
  const plain = traceMomentum({ decay: 0.5 });
  const nesterov = traceMomentum({ decay: 0.5, nesterov: true });
  const s1 = plain.init(params);
  const s2 = nesterov.init(params);
  expect(updateOf(plain, s1, params, { w: f64(4, -2) })).toEqual({ w: [4, -2] });
  expect(updateOf(plain, s1, params, { w: f64(1, 1) })).toEqual({ w: [3, 0] });
  expect(Array.from(s1.trace.w)).toEqual([3, 0]);
  // g + μ·t with t = [4, −2], then t = [3, 0]
  expect(updateOf(nesterov, s2, params, { w: f64(4, -2) })).toEqual({ w: [6, -3] });
  expect(updateOf(nesterov, s2, params, { w: f64(1, 1) })).toEqual({ w: [2.5, 1] });
});
