import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import { randn, weightsFor } from '../testing.js';
import * as T from '../index.js';

/** LayerNorm spelled out with the basic ops: the biased variance of the centered rows. */
function composed(x: T.Tensor, gamma: T.Tensor, beta: T.Tensor, eps: number): T.Tensor {
  const centered = T.sub(x, T.mean(x, -1, true));
  const variance = T.mean(T.square(centered), -1, true);
  return T.add(T.mul(T.div(centered, T.sqrt(T.add(variance, eps))), gamma), beta);
}

/** The sum of the gradients of Σ w ⊙ f(x, γ, β) with respect to each input. */
function gradients(f: (x: T.Tensor, g: T.Tensor, b: T.Tensor) => T.Tensor, inputs: T.Tensor[], weights: Float64Array): number[][] {
  for (const t of inputs) {
    t.requiresGrad = true;
    t.grad = null;
  }
  const y = f(inputs[0], inputs[1], inputs[2]);
  y.backward(new T.Tensor(Float64Array.from(weights), y.shape));
  return inputs.map((t) => Array.from(t.grad!.data));
}

// Shapes: one row, rows shorter than the native kernels' 8 lanes, a lane tail, a stream of [batch, T, d].
const SHAPES = [
  [1, 1],
  [4, 5],
  [3, 19],
  [2, 3, 128],
];

describe('layerNorm', () => {
  for (const shape of SHAPES) {
    const cols = shape[shape.length - 1];
    const seed = shape.reduce((s, d) => s * 31 + d, 7);
    // An offset per input, so the mean matters.
    const x = T.add(randn(shape, seed), 3);
    const gamma = randn([cols], seed + 1);
    const beta = randn([cols], seed + 2);
    const name = `[${shape.join(', ')}]`;

    it(`equals the composition of basic ops, values and gradients: ${name}`, () => {
      const fused = T.layerNorm(x, gamma, beta, 1e-5).toArray();
      composed(x, gamma, beta, 1e-5)
        .toArray()
        .forEach((v, i) => expect(fused[i]).toBeCloseTo(v, 12));
      const w = weightsFor(`layerNorm ${name}`)(x.size);
      const want = gradients((a, g, b) => composed(a, g, b, 1e-5), [x, gamma, beta], w);
      const got = gradients((a, g, b) => T.layerNorm(a, g, b, 1e-5), [x, gamma, beta], w);
      got.forEach((grad, k) => grad.forEach((v, i) => expect(v, `input ${k}, element ${i}`).toBeCloseTo(want[k][i], 10)));
    });

    it(`has the gradient of finite differences: ${name}`, () => {
      const { maxError, worst } = gradcheck((a, g, b) => T.layerNorm(a, g, b), [x, gamma, beta], weightsFor(`layerNorm fd ${name}`));
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
    });
  }

  it('normalizes each row to mean 0 and variance 1 before the gain and shift', () => {
    const x = T.tensor([1, 2, 3, 4, 10, 10, 10, 14], [2, 4]);
    const y = T.layerNorm(x, T.ones([4]), T.zeros([4]), 0).toArray();
    const std = Math.sqrt(1.25);
    const expected = [-1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std, -1 / Math.sqrt(3), -1 / Math.sqrt(3), -1 / Math.sqrt(3), 3 / Math.sqrt(3)];
    y.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('rejects a gain or shift that does not match the last axis, and a negative eps', () => {
    const x = randn([2, 4], 1);
    expect(() => T.layerNorm(x, randn([3], 2), randn([4], 3))).toThrow(/layerNorm: needs gamma and beta of shape \[4\] for x \[2, 4\], got \[3\] and \[4\]/);
    expect(() => T.layerNorm(x, randn([1, 4], 2), randn([4], 3))).toThrow(/layerNorm: needs gamma and beta of shape \[4\]/);
    expect(() => T.layerNorm(x, randn([4], 2), randn([4], 3), -1e-5)).toThrow(/layerNorm: eps must be ≥ 0, got -0.00001/);
  });
});
