import { expect, test } from 'vitest';
import { masked, scale, type Transform } from './index.js';
import { f64, updateOf } from './testing.js';

const params = { w: f64(1, 2), b: f64(3) };
const grads = { w: f64(1, 1), b: f64(1) };

test('a name table selects which updates change; the others are untouched', () => {
  const t = masked(scale(10), { w: true, b: false });
  expect(updateOf(t, t.init(params), params, grads)).toEqual({ w: [10, 10], b: [1] });
});

test('a predicate on name and array selects too', () => {
  const t = masked(scale(-1), (_, a) => a.length === 1);
  expect(updateOf(t, t.init(params), params, grads)).toEqual({ w: [1, 1], b: [-1] });
});

test('the inner transform sees only the selected names', () => {
  const seen: string[][] = [];
  const spy: Transform<Record<string, never>> = {
    init(p) {
      seen.push(Object.keys(p));
      return {};
    },
    update(u, _, p) {
      seen.push(Object.keys(u), Object.keys(p));
    },
  };
  const t = masked(spy, { b: true });
  updateOf(t, t.init(params), params, grads);
  expect(seen).toEqual([['b'], ['b'], ['b']]);
});
