import { expect, test } from 'vitest';
import { grokfastEma } from './index.js';
import { f64, updateOf } from './testing.js';

test('grokfastEma: the EMA starts at the first gradient, then g + λ·ema', () => {
  const t = grokfastEma({ alpha: 0.5, lamb: 2 });
  const state = t.init({ w: f64(0, 0) });
  // ema = g₁ = [1, −2]; u = g₁ + 2·ema
  expect(updateOf(t, state, {}, { w: f64(1, -2) })).toEqual({ w: [3, -6] });
  // ema = ½·[1, −2] + ½·[3, 2] = [2, 0]; u = [3, 2] + 2·ema
  expect(updateOf(t, state, {}, { w: f64(3, 2) })).toEqual({ w: [7, 2] });
  expect(Array.from(state.ema.w)).toEqual([2, 0]);
});
