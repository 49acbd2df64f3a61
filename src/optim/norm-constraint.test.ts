import { expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import type { DType, FloatArray } from '../tensor/index.js';
import { adamw, applyUpdates, chain, normConstraint } from './index.js';
import { f64, updateOf } from './testing.js';

test('normConstraint projects p + u back to the initial global norm', () => {
  // S₀ = 9; p + u = [4, 4], S = 32, so p + u becomes [4, 4]·√(9/32) = [3/√2, 3/√2]
  const params = { a: f64(3), b: f64(0) };
  const t = normConstraint();
  const u = updateOf(t, t.init(params), params, { a: f64(1), b: f64(4) });
  expect(u.a[0]).toBeCloseTo(-0.8786796564403574268, 15);
  expect(u.b[0]).toBeCloseTo(2.1213203435596425732, 15);
});

const sumSquares = (arrays: FloatArray[]) => arrays.reduce((s, a) => s + Array.from(a).reduce((t, x) => t + x * x, 0), 0);

test.each(['float64', 'float32'] as DType[])('AdamW + normConstraint keeps the global norm to 1e-6 over 100 steps (%s)', (dtype) => {
  const k = key(11);
  const params = { w: normal(foldIn(k, 0), 12, dtype), b: normal(foldIn(k, 1), 4, dtype) };
  const norm0 = Math.sqrt(sumSquares(Object.values(params)));
  const t = chain(adamw({ lr: 0.05, weightDecay: 0 }), normConstraint());
  const state = t.init(params);
  let moved = 0;
  for (let s = 0; s < 100; s++) {
    const updates = { w: normal(foldIn(k, 10 + s), 12, dtype), b: normal(foldIn(k, 500 + s), 4, dtype) };
    t.update(updates, state, params);
    moved += Math.abs(updates.w[0]);
    applyUpdates(params, updates);
    expect(Math.abs(Math.sqrt(sumSquares(Object.values(params))) / norm0 - 1)).toBeLessThan(1e-6);
  }
  expect(moved).toBeGreaterThan(1);
});

test('with ensemble members each member keeps its own norm', () => {
  // member 0: a[0], b[0] (S₀ = 1); member 1: a[1], b[1] (S₀ = 25)
  const params = { a: f64(1, 3), b: f64(0, 4) };
  const t = normConstraint({ members: 2 });
  const state = t.init(params);
  expect(Array.from(state.s0)).toEqual([1, 25]);
  const updates = { a: f64(2, 3), b: f64(4, -4) };
  t.update(updates, state, params);
  applyUpdates(params, updates);
  // member 0: p + u = (3, 4) → (0.6, 0.8); member 1: p + u = (6, 0) → (5, 0)
  [params.a[0], params.b[0], params.a[1], params.b[1]].forEach((x, i) => expect(x).toBeCloseTo([0.6, 0.8, 5, 0][i], 15));
});
