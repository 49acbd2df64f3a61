import { expect, test } from 'vitest';
import { scaleByAdam } from './index.js';
import { f32, f64, updateOf } from './testing.js';

// β1 = 1/2, β2 = 3/4, eps = 0 keep every intermediate exact. Step 1: m̂ = g, v̂ = g², so
// u = sign(g). Step 2 (g = [1, 1.5]): m = [1, 5/8], v = [1, 39/64], bias corrections 3/4 and
// 7/16, so u = [(4/3)/√(16/7), (5/6)/√(39/28)] = [√7/3, 0.70609878811360282…].
test('scaleByAdam: bias-corrected moments, two hand-computed steps', () => {
  const t = scaleByAdam({ beta1: 0.5, beta2: 0.75, eps: 0 });
  const params = { w: f64(0, 0) };
  const state = t.init(params);
  expect(updateOf(t, state, params, { w: f64(2, -0.5) })).toEqual({ w: [1, -1] });
  const [a, b] = updateOf(t, state, params, { w: f64(1, 1.5) }).w;
  expect(a).toBeCloseTo(0.8819171036881968635, 15);
  expect(b).toBeCloseTo(0.7060987881136028232, 15);
  expect(state.count).toBe(2);
  expect(Array.from(state.mu.w)).toEqual([1, 0.625]);
  expect(Array.from(state.nu.w)).toEqual([1, 0.609375]);
});

test('scaleByAdam keeps Float32 moments for Float32 parameters', () => {
  const t = scaleByAdam({ beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  const state = t.init({ w: f32(1) });
  expect(state.mu.w).toBeInstanceOf(Float32Array);
  expect(state.nu.w).toBeInstanceOf(Float32Array);
});
