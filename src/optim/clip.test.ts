import { expect, test } from 'vitest';
import { clipByGlobalNorm } from './index.js';
import { f32, f64, updateOf } from './testing.js';

// ‖([3, 4], [12])‖ = 13
const grads = { a: f64(3, 4), b: f32(12) };

test('clipByGlobalNorm rescales all arrays together when the global norm exceeds maxNorm', () => {
  const t = clipByGlobalNorm(6.5);
  expect(updateOf(t, t.init(grads), {}, grads)).toEqual({ a: [1.5, 2], b: [6] });
});

test('clipByGlobalNorm leaves updates at or below maxNorm alone', () => {
  const t = clipByGlobalNorm(13);
  expect(updateOf(t, t.init(grads), {}, grads)).toEqual({ a: [3, 4], b: [12] });
});

test('with ensemble members each member is clipped by its own norm', () => {
  // member 0 holds a[0], b[0] (norm 5), member 1 holds a[1], b[1] (norm 10)
  const g = { a: f64(3, 6), b: f64(4, 8) };
  const t = clipByGlobalNorm(5, { members: 2 });
  expect(updateOf(t, t.init(g), {}, g)).toEqual({ a: [3, 3], b: [4, 4] });
  expect(() => clipByGlobalNorm(1, { members: 2 }).init({ c: f64(1, 2, 3) })).toThrow('"c" has 3 elements, not divisible into 2 ensemble members');
});
