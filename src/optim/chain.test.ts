import { describe, expect, test } from 'vitest';
import { applyUpdates, chain, clipByGlobalNorm, identity, scale, scaleByAdam, addDecayedWeights } from './index.js';
import { f32, f64, updateOf } from './testing.js';

describe('chain', () => {
  const params = { w: f64(1, -2) };
  const grads = { w: f64(0.5, 0.25) };

  test('applies its transforms in order', () => {
    const scaleThenDecay = chain(scale(2), addDecayedWeights(0.5));
    const decayThenScale = chain(addDecayedWeights(0.5), scale(2));
    // 2g + 0.5p  versus  2(g + 0.5p)
    expect(updateOf(scaleThenDecay, scaleThenDecay.init(params), params, grads)).toEqual({ w: [1.5, -0.5] });
    expect(updateOf(decayThenScale, decayThenScale.init(params), params, grads)).toEqual({ w: [2, -1.5] });
  });

  test('clip then adam differs from adam then clip', () => {
    const p = { w: f64(0, 0) };
    const g = { w: f64(3, 4) };
    const adam = () => scaleByAdam({ beta1: 0.9, beta2: 0.999, eps: 0 });
    const clipFirst = chain(clipByGlobalNorm(1), adam());
    const adamFirst = chain(adam(), clipByGlobalNorm(1));
    // First Adam step is g/|g| per coordinate: [1, 1] whatever the scale; clipping after it
    // brings that to norm 1.
    const close = (xs: number[], expected: number) => xs.forEach((x) => expect(x).toBeCloseTo(expected, 14));
    close(updateOf(clipFirst, clipFirst.init(p), p, g).w, 1);
    close(updateOf(adamFirst, adamFirst.init(p), p, g).w, Math.SQRT1_2);
  });

  test('keeps one state per position', () => {
    const t = chain(identity(), scaleByAdam({ beta1: 0.9, beta2: 0.999, eps: 1e-8 }));
    const state = t.init(params);
    expect(Object.keys(state)).toEqual(['0', '1']);
    expect(state[1]).toMatchObject({ count: 0 });
    t.update({ w: f64(1, 1) }, state, params);
    expect(state[1]).toMatchObject({ count: 1 });
  });
});

test('identity leaves the updates alone', () => {
  const t = identity();
  expect(updateOf(t, t.init({}), { w: f64(1) }, { w: f64(-3.5) })).toEqual({ w: [-3.5] });
});

test('applyUpdates adds in place, for both element types', () => {
  const params = { a: f64(1, 2), b: f32(0.5) };
  applyUpdates(params, { a: f64(0.25, -4), b: f32(0.25) });
  expect(Array.from(params.a)).toEqual([1.25, -2]);
  expect(Array.from(params.b)).toEqual([0.75]);
  expect(() => applyUpdates(params, { c: f64(1) })).toThrow('update "c" has no parameter of that name');
  expect(() => applyUpdates(params, { a: f64(1) })).toThrow('"a" has 1 update elements but 2 parameter elements');
});
