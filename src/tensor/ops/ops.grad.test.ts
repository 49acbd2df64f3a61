import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import type { Tensor } from '../tensor.js';
import { randn, uniform, weightsFor } from '../testing.js';
import * as T from '../index.js';

// Every differentiable op against central finite differences in Float64, on shapes that
// exercise broadcasting and size-1 edge cases.
const TOL = 1e-6;

function check(name: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const { maxError, worst } = gradcheck(f, inputs, weightsFor(name));
  expect(maxError, `${name}: worst ${JSON.stringify(worst)}`).toBeLessThan(TOL);
}

const binaryShapes: [number[], number[]][] = [
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [
    [3, 1],
    [1, 4],
  ],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [[1], [2, 3]],
  [[], [2, 2]],
  [[1, 1], [1]],
];

describe('elementwise gradients', () => {
  const unary: [string, (x: Tensor) => Tensor, (s: number[], seed: number) => Tensor][] = [
    ['neg', T.neg, randn],
    ['exp', T.exp, randn],
    ['log', T.log, (s, seed) => uniform(s, seed, 0.5, 2)],
    ['sqrt', T.sqrt, (s, seed) => uniform(s, seed, 0.5, 2)],
    ['tanh', T.tanh, randn],
    ['abs', T.abs, (s, seed) => uniform(s, seed, 0.1, 1)],
    ['relu', T.relu, randn],
    ['leakyRelu', (x) => T.leakyRelu(x, 0.2), randn],
    ['sigmoid', T.sigmoid, (s, seed) => uniform(s, seed, -30, 30)],
    ['clamp', (x) => T.clamp(x, -0.5, 0.5), randn],
    ['powScalar', (x) => T.powScalar(x, 2.5), (s, seed) => uniform(s, seed, 0.5, 2)],
    ['square', T.square, randn],
  ];
  for (const [name, f, make] of unary) {
    it(name, () => {
      for (const [k, shape] of [[5], [2, 3], [1], [], [2, 1, 3]].entries()) check(`${name}${k}`, f, [make(shape, k)]);
    });
  }

  const binary: [string, (a: Tensor, b: Tensor) => Tensor, boolean][] = [
    ['add', T.add, false],
    ['sub', T.sub, false],
    ['mul', T.mul, false],
    ['div', T.div, true],
    ['pow', T.pow, true],
    ['maximum', T.maximum, false],
  ];
  for (const [name, f, positive] of binary) {
    it(`${name} with broadcasting`, () => {
      binaryShapes.forEach(([sa, sb], k) => {
        const a = positive ? uniform(sa, 10 + k, 0.5, 2) : randn(sa, 10 + k);
        const b = positive ? uniform(sb, 20 + k, 0.5, 2) : randn(sb, 20 + k);
        check(`${name}${k}`, f, [a, b]);
        check(`${name}${k}r`, f, [b, a]);
      });
    });
  }

  it('scalar operands', () => {
    check('add-scalar', (x) => T.add(x, 3), [randn([2, 3], 1)]);
    check('scalar-div', (x) => T.div(2, x), [uniform([4], 2, 0.5, 2)]);
  });
});

describe('reduction gradients', () => {
  const shapes = [[3, 4, 5], [1, 4], [6], [2, 1, 3]];
  it('sum and mean over every axis set', () => {
    shapes.forEach((s, k) => {
      const x = randn(s, k);
      check(`sum-all${k}`, (t) => T.sum(t), [x]);
      check(`mean-all${k}`, (t) => T.mean(t), [x]);
      for (let a = 0; a < s.length; a++) {
        check(`sum${k}-${a}`, (t) => T.sum(t, a), [x]);
        check(`mean${k}-${a}k`, (t) => T.mean(t, a, true), [x]);
      }
      if (s.length > 1) check(`sum${k}-multi`, (t) => T.sum(t, [0, -1], true), [x]);
    });
  });
  it('max, logsumexp', () => {
    shapes.forEach((s, k) => {
      const x = randn(s, 40 + k);
      for (let a = 0; a < s.length; a++) {
        check(`max${k}-${a}`, (t) => T.max(t, a), [x]);
        check(`lse${k}-${a}`, (t) => T.logsumexp(t, a, a === 0), [x]);
      }
    });
  });
});

describe('matmul gradients', () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[3, 4], [4, 5], false, false],
    [[4, 3], [4, 5], true, false],
    [[3, 4], [5, 4], false, true],
    [[4, 3], [5, 4], true, true],
    [[2, 3, 4], [2, 4, 5], false, false],
    [[2, 4, 3], [2, 5, 4], true, true],
    [[2, 3, 4], [4, 5], false, false],
    [[3, 4], [2, 4, 5], false, false],
    [[2, 1, 3, 4], [1, 3, 4, 2], false, false],
    [[1, 1], [1, 1], false, false],
    [[1, 4], [4, 1], false, false],
    [[2, 4, 3], [4, 2], true, false],
  ];
  cases.forEach(([sa, sb, transA, transB], k) => {
    it(`${JSON.stringify(sa)}${transA ? 'ᵀ' : ''} · ${JSON.stringify(sb)}${transB ? 'ᵀ' : ''}`, () => {
      check(`matmul${k}`, (a, b) => T.matmul(a, b, { transA, transB }), [randn(sa, k), randn(sb, 100 + k)]);
    });
  });
});

describe('shape and index gradients', () => {
  it('reshape, transpose, concat, slice, cast', () => {
    const x = randn([2, 3, 4], 1);
    check('reshape', (t) => T.reshape(t, [4, -1]), [x]);
    check('transpose', (t) => T.transpose(t, [2, 0, 1]), [x]);
    check('transposeLast', T.transposeLast, [x]);
    check('concat0', (a, b) => T.concat([a, b], 0), [x, randn([1, 3, 4], 2)]);
    check('concat2', (a, b) => T.concat([a, b], -1), [x, randn([2, 3, 1], 3)]);
    check('slice0', (t) => T.slice(t, 0, 1, 2), [x]);
    check('slice1', (t) => T.slice(t, 1, 0, 2), [x]);
    check('slice2', (t) => T.slice(t, 2, 1, 4), [x]);
  });
  it('cast passes the gradient through in the input dtype', () => {
    const x = uniform([4], 9, 0, 1);
    x.requiresGrad = true;
    const y = T.cast(T.mul(T.cast(x, 'float32'), 3), 'float64');
    expect(y.dtype).toBe('float64');
    T.sum(y).backward();
    expect(x.grad!.dtype).toBe('float64');
    expect(x.grad!.toArray()).toEqual([3, 3, 3, 3]);
  });
  it('take, embedding (repeated indices accumulate), maskedFill', () => {
    const table = randn([5, 3], 4);
    check('embedding', (t) => T.embedding(t, Int32Array.from([0, 4, 4, 2, 0, 0]), [2, 3]), [table]);
    check('take1', (t) => T.take(t, Int32Array.from([2, 0, 2]), 1), [randn([2, 3, 2], 5)]);
    const mask = Uint8Array.from([0, 1, 0, 0]);
    check('maskedFill', (t) => T.maskedFill(t, mask, [2, 2], 7), [randn([3, 2, 2], 6)]);
  });
  it('segmentSum (several slices per segment, an empty segment, an inner axis)', () => {
    check('segmentSum0', (t) => T.segmentSum(t, Int32Array.from([2, 0, 2, 2, 0]), 4), [randn([5, 3], 7)]);
    check('segmentSum1', (t) => T.segmentSum(t, Int32Array.from([1, 1, 0]), 2, 1), [randn([2, 3, 2], 8)]);
  });
});

describe('nn gradients', () => {
  it('softmax and logSoftmax along each axis', () => {
    const x = randn([3, 4, 2], 7);
    for (const a of [0, 1, -1]) {
      check(`softmax${a}`, (t) => T.softmax(t, a), [x]);
      check(`logSoftmax${a}`, (t) => T.logSoftmax(t, a), [x]);
    }
  });
  it('crossEntropy, mse, linear', () => {
    const labels = Int32Array.from([2, 0, 1, 2]);
    check('crossEntropy', (t) => T.crossEntropy(t, labels), [randn([4, 3], 8)]);
    check('mse', T.mse, [randn([3, 2], 9), randn([3, 2], 10)]);
    const x = randn([5, 3], 11);
    check('linear', (a, w, b) => T.linear(a, w, b), [x, randn([3, 4], 12), randn([4], 13)]);
    check('linear-relu', (a, w, b) => T.linear(a, w, b, 'relu'), [x, randn([3, 4], 14), randn([4], 15)]);
    check('linear-nobias', (a, w) => T.linear(a, w, null, 'relu'), [randn([2, 5, 3], 16), randn([3, 4], 17)]);
  });
  it('gatheredLinear: through the projections into a shared embedding and the weight rows of each position', () => {
    // tokens repeat so the scatter-add sums several rows into one
    const tokens = [Int32Array.from([0, 2, 1, 2, 0, 3]), Int32Array.from([3, 3, 0, 1, 2, 2])];
    const layer = (e: Tensor, w: Tensor, b: Tensor) =>
      T.gatheredLinear([T.matmul(e, T.slice(w, 0, 0, 3)), T.matmul(e, T.slice(w, 0, 3, 6))], tokens, b, 'relu');
    check('gatheredLinear', layer, [randn([4, 3], 40), randn([6, 5], 41), randn([5], 42)]);
    check('gatheredLinear-nobias', (p, q) => T.gatheredLinear([p, q], tokens), [randn([4, 5], 43), randn([5, 5], 44)]);
  });
  it('a leading member axis: linear, gatheredLinear (shared and per-member tokens), the member losses', () => {
    const x = randn([5, 3], 50);
    check('linear-members', (a, w, b) => T.linear(a, w, b, 'relu'), [x, randn([2, 3, 4], 51), randn([2, 4], 52)]);
    check('linear-members-own-rows', (a, w, b) => T.linear(a, w, b), [randn([2, 5, 3], 53), randn([2, 3, 4], 54), randn([2, 4], 55)]);
    const shared = [Int32Array.from([0, 2, 1, 2, 0, 3]), Int32Array.from([3, 3, 0, 1, 2, 2])];
    const own = [shared, [Int32Array.from([1, 1, 3, 0, 2, 0]), Int32Array.from([2, 0, 0, 3, 1, 1])]];
    const layer = (tokens: (Int32Array | Int32Array[])[]) => (e: Tensor, w: Tensor, b: Tensor) =>
      T.gatheredLinear([T.matmul(e, T.slice(w, 1, 0, 3)), T.matmul(e, T.slice(w, 1, 3, 6))], tokens, b, 'relu');
    check('gatheredLinear-members', layer(shared), [randn([2, 4, 3], 56), randn([2, 6, 5], 57), randn([2, 5], 58)]);
    check('gatheredLinear-members-own-tokens', layer([own[0].map((_, e) => own[e][0]), own[0].map((_, e) => own[e][1])]), [
      randn([2, 4, 3], 59),
      randn([2, 6, 5], 60),
      randn([2, 5], 61),
    ]);
    const labels = Int32Array.from([2, 0, 1, 2]);
    check('memberCrossEntropy', (t) => T.memberCrossEntropy(t, labels), [randn([3, 4, 3], 62)]);
    check('memberCrossEntropy-own-labels', (t) => T.memberCrossEntropy(t, [labels, Int32Array.from([1, 1, 0, 2])]), [randn([2, 4, 3], 63)]);
    const target = randn([3, 2], 64);
    check('memberMse', (t) => T.memberMse(t, target), [randn([2, 3, 2], 65)]);
    check('memberMse-own-targets', (t) => T.memberMse(t, randn([2, 3, 2], 66)), [randn([2, 3, 2], 67)]);
  });
  it('layerNorm', () => {
    check('layerNorm', (x, g, b) => T.layerNorm(x, g, b), [randn([3, 2, 5], 30), randn([5], 31), randn([5], 32)]);
  });
  it('causal multi-head attention', () => {
    const x = randn([2, 3, 4], 20);
    const w = [randn([4, 4], 21), randn([4, 4], 22), randn([4, 4], 23), randn([4, 4], 24)];
    check('attention', (xi, wq, wk, wv, wo) => T.causalSelfAttention(xi, { wq, wk, wv, wo }, 2), [x, ...w]);
  });
});
