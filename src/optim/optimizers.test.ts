import { describe, expect, test } from 'vitest';
import { foldIn, key, normal } from '../random/index.js';
import type { DType, FloatArray } from '../tensor/index.js';
import { adam, adamw, addDecayedWeights, applyUpdates, chain, linearWarmup, scaleByAdam, scaleByLearningRate, sgd, type Transform } from './index.js';
import { copy, f64, updateOf } from './testing.js';

describe('sgd (torch.optim.SGD semantics)', () => {
  const params = { w: f64(2, -4) };
  const run = (t: Transform, grads: number[][]) => {
    const state = t.init(params);
    return grads.map((g) => updateOf(t, state, params, { w: f64(...g) }).w);
  };

  test('plain: u = −lr·g', () => {
    expect(run(sgd({ lr: 0.5 }), [[1, -3]])).toEqual([[-0.5, 1.5]]);
  });

  test('heavy ball: t ← g + μ·t, u = −lr·t', () => {
    // t₁ = [1, −2]; t₂ = [2, 3] + ½·t₁ = [2.5, 2]
    expect(
      run(sgd({ lr: 0.5, momentum: 0.5 }), [
        [1, -2],
        [2, 3],
      ]),
    ).toEqual([
      [-0.5, 1],
      [-1.25, -1],
    ]);
  });

  test('Nesterov: u = −lr·(g + μ·t)', () => {
    // [1, −2] + ½·[1, −2];  [2, 3] + ½·[2.5, 2]
    expect(
      run(sgd({ lr: 0.5, momentum: 0.5, nesterov: true }), [
        [1, -2],
        [2, 3],
      ]),
    ).toEqual([
      [-0.75, 1.5],
      [-1.625, -2],
    ]);
  });

  test('weight decay is added to the gradient: u = −lr·(g + wd·p)', () => {
    expect(run(sgd({ lr: 0.5, weightDecay: 0.25 }), [[1, 3]])).toEqual([[-0.75, -1]]);
  });
});

/** Runs `steps` updates with seeded gradients and returns the final parameters. */
function train(t: Transform, dtype: DType, steps: number): FloatArray[] {
  const k = key(7);
  const params = { a: normal(foldIn(k, 0), 6, dtype), b: normal(foldIn(k, 1), 3, dtype) };
  const state = t.init(params);
  for (let s = 0; s < steps; s++) {
    const grads = { a: normal(foldIn(k, 10 + s), 6, dtype), b: normal(foldIn(k, 100 + s), 3, dtype) };
    const updates = copy(grads);
    t.update(updates, state, params);
    applyUpdates(params, updates);
  }
  return [params.a, params.b];
}

function expectClose(actual: FloatArray[], expected: FloatArray[], relTol: number): void {
  actual.forEach((a, j) => a.forEach((x, i) => expect(Math.abs(x - expected[j][i])).toBeLessThanOrEqual(relTol * Math.abs(expected[j][i]))));
}

describe('adamw', () => {
  const hyper = { beta1: 0.9, beta2: 0.98, eps: 1e-8 };
  const lr = linearWarmup(0.01, 3);
  const fused = () => adamw({ lr, weightDecay: 0.5, ...hyper });
  const explicit = () => chain(scaleByAdam(hyper), addDecayedWeights(0.5), scaleByLearningRate(lr));

  test.each([
    ['float64', 1e-13],
    // the chain rounds its intermediate updates to float32, the fused kernel does not
    ['float32', 1e-5],
  ] as const)('the fused kernel equals chain(scaleByAdam, addDecayedWeights, scaleByLearningRate) in %s', (dtype, tol) => {
    expectClose(train(fused(), dtype, 8), train(explicit(), dtype, 8), tol);
  });

  // torch.optim.AdamW(lr=0.1, weight_decay=0.5), default betas (0.9, 0.999) and eps 1e-8:
  // p ← p·(1 − lr·wd) − lr·m̂/(√v̂ + eps), worked in 50-digit decimal arithmetic.
  test("matches PyTorch's AdamW on a hand-computed two-step example", () => {
    const t = adamw({ lr: 0.1, weightDecay: 0.5 });
    const params = { w: f64(1, -0.5) };
    const state = t.init(params);
    const step = (g: number[]) => {
      const updates = { w: f64(...g) };
      t.update(updates, state, params);
      applyUpdates(params, updates);
      return Array.from(params.w);
    };
    expectClose([f64(...step([0.5, 0.2]))], [f64(0.85000000199999996, -0.57499999500000025)], 1e-15);
    expectClose([f64(...step([-0.25, 0.1]))], [f64(0.78086629860784616456, -0.63946795323463483443)], 1e-14);
  });
});

test('adam equals chain(scaleByAdam, scaleByLearningRate)', () => {
  const hyper = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  expectClose(train(adam({ lr: 0.01, ...hyper }), 'float64', 6), train(chain(scaleByAdam(hyper), scaleByLearningRate(0.01)), 'float64', 6), 1e-13);
});
