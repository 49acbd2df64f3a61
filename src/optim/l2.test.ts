import { expect, test } from 'vitest';
import { addL2Penalty } from './index.js';
import { f64, updateOf } from './testing.js';

test('addL2Penalty adds 2β·p, the gradient of β‖p‖²', () => {
  const t = addL2Penalty(0.25);
  const params = { w: f64(1, -2) };
  expect(updateOf(t, t.init(params), params, { w: f64(1, 2) })).toEqual({ w: [1.5, 1] });
});

test('addL2Penalty with squared: false adds β·p/‖p‖ per array, 0 at p = 0', () => {
  const t = addL2Penalty(1, { squared: false });
  const params = { w: f64(3, 4), z: f64(0, 0) };
  const { w, z } = updateOf(t, t.init(params), params, { w: f64(1, 2), z: f64(1, 1) });
  expect(w[0]).toBeCloseTo(1.6, 15);
  expect(w[1]).toBeCloseTo(2.8, 15);
  expect(z).toEqual([1, 1]);
});
